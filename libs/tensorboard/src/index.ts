/** @stablegen/tensorboard: TensorBoard event files (scalars, PNG images) written with protobufjs, framed as TFRecords. */
export { EventFileWriter, pngSize } from './event-writer.js';
export { encodeEvent, type EventMessage, type SummaryValue } from './event-proto.js';
export { maskedCrc32c, tfRecord } from './tfrecord.js';
