/**
 * The part of TensorFlow's Event protocol buffer (tensorflow/core/util/event.proto and
 * framework/summary.proto) that scalars and images need, encoded with protobufjs.
 */
import protobuf from 'protobufjs';

const PROTO = `
syntax = "proto3";
message Event {
  double wall_time = 1;
  int64 step = 2;
  oneof what {
    string file_version = 3;
    Summary summary = 5;
  }
}
message Summary {
  message Image {
    int32 height = 1;
    int32 width = 2;
    int32 colorspace = 3;
    bytes encoded_image_string = 4;
  }
  message Value {
    string tag = 1;
    oneof value {
      float simple_value = 2;
      Image image = 4;
    }
  }
  repeated Value value = 1;
}
`;

const EventType = protobuf.parse(PROTO, { keepCase: true }).root.lookupType('Event');

export interface SummaryValue {
  tag: string;
  simple_value?: number;
  image?: { height: number; width: number; colorspace: number; encoded_image_string: Uint8Array };
}

export interface EventMessage {
  wall_time: number;
  step?: number;
  file_version?: string;
  summary?: { value: SummaryValue[] };
}

/** The Event message as protobuf bytes. */
export function encodeEvent(event: EventMessage): Uint8Array {
  const problem = EventType.verify(event);
  if (problem) throw new Error(`tensorboard event: ${problem}`);
  return EventType.encode(EventType.fromObject(event)).finish();
}
