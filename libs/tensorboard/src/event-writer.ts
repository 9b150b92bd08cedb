/**
 * A TensorBoard event file in a run directory: `tensorboard/events.out.tfevents.<seconds>.<host>`,
 * first a file_version record, then one record per logged step (its scalars) and per sample grid
 * (a PNG image). Each session of a run (a resume) writes its own file, as TensorFlow does.
 * Point `tensorboard --logdir runs/` at the runs to see them.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { encodeEvent, type SummaryValue } from './event-proto.js';
import { tfRecord } from './tfrecord.js';

/** PNG colour type (IHDR byte 25) -> TensorBoard colorspace: grey 1, grey + alpha 2, RGB 3, RGBA 4. */
const COLORSPACE: Record<number, number> = { 0: 1, 2: 3, 3: 3, 4: 2, 6: 4 };

/** Width, height and colorspace of a PNG from its IHDR chunk. */
export function pngSize(png: Uint8Array): { width: number; height: number; colorspace: number } {
  const b = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (b.length < 26 || b.toString('latin1', 1, 4) !== 'PNG') throw new Error('tensorboard: not a PNG');
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20), colorspace: COLORSPACE[b[25]] ?? 3 };
}

export class EventFileWriter {
  readonly file: string;
  private readonly fd: number;

  constructor(dir: string, now = new Date()) {
    fs.mkdirSync(dir, { recursive: true });
    this.file = path.join(dir, `events.out.tfevents.${Math.floor(now.getTime() / 1000)}.${os.hostname()}.${process.pid}`);
    this.fd = fs.openSync(this.file, 'a');
    this.write({ wall_time: now.getTime() / 1000, file_version: 'brain.Event:2' });
  }

  private write(event: Parameters<typeof encodeEvent>[0]): void {
    fs.writeSync(this.fd, tfRecord(encodeEvent(event)));
  }

  /** One event with a scalar per finite metric. */
  addScalars(step: number, metrics: Record<string, number>, wallTime = Date.now() / 1000): void {
    const value: SummaryValue[] = Object.entries(metrics)
      .filter(([, v]) => typeof v === 'number' && Number.isFinite(v))
      .map(([tag, v]) => ({ tag, simple_value: v }));
    if (value.length > 0) this.write({ wall_time: wallTime, step, summary: { value } });
  }

  /** One event holding a PNG image (size and colorspace read from the PNG). */
  addImage(step: number, tag: string, png: Uint8Array, wallTime = Date.now() / 1000): void {
    const { width, height, colorspace } = pngSize(png);
    this.write({ wall_time: wallTime, step, summary: { value: [{ tag, image: { height, width, colorspace, encoded_image_string: png } }] } });
  }

  close(): void {
    fs.fsyncSync(this.fd);
    fs.closeSync(this.fd);
  }
}
