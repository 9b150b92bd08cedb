/**
 * The event file against the format, read back without protobufjs or the CRC package: an
 * independent bitwise CRC-32C (Castagnoli, reflected polynomial 0x82F63B78) checked on RFC 3720's
 * published vectors, TFRecord framing, and a hand-written protobuf wire-format reader.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { EventFileWriter } from './event-writer.js';
import { maskedCrc32c } from './tfrecord.js';

/** Bit-at-a-time CRC-32C: the definition, no tables. */
function crc32cReference(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of data) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}
const unmask = (m: number) => {
  const r = (m - 0xa282ead8) >>> 0;
  return ((r << 15) | (r >>> 17)) >>> 0;
};

/** A protobuf message as [field number, wire type, value] triples (varints as bigint, length-delimited as bytes). */
function fields(buf: Buffer): [number, number, bigint | Buffer | number][] {
  const out: [number, number, bigint | Buffer | number][] = [];
  let i = 0;
  const varint = () => {
    let v = 0n;
    for (let shift = 0n; ; shift += 7n) {
      const b = buf[i++];
      v |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return v;
    }
  };
  while (i < buf.length) {
    const key = Number(varint());
    const [field, wire] = [key >> 3, key & 7];
    if (wire === 0) out.push([field, wire, varint()]);
    else if (wire === 1) {
      out.push([field, wire, buf.readDoubleLE(i)]);
      i += 8;
    } else if (wire === 5) {
      out.push([field, wire, buf.readFloatLE(i)]);
      i += 4;
    }
    else if (wire === 2) {
      const n = Number(varint());
      out.push([field, wire, buf.subarray(i, i + n)]);
      i += n;
    } else throw new Error(`wire type ${wire}`);
  }
  return out;
}
const get = (f: ReturnType<typeof fields>, n: number) => f.filter((x) => x[0] === n).map((x) => x[2]);

/** Every record of a TFRecord file, with both CRCs verified by the reference implementation. */
function records(file: string): Buffer[] {
  const b = fs.readFileSync(file);
  const out: Buffer[] = [];
  for (let i = 0; i < b.length; ) {
    const len = Number(b.readBigUInt64LE(i));
    expect(unmask(b.readUInt32LE(i + 8))).toBe(crc32cReference(b.subarray(i, i + 8)));
    const data = b.subarray(i + 12, i + 12 + len);
    expect(unmask(b.readUInt32LE(i + 12 + len))).toBe(crc32cReference(data));
    out.push(data);
    i += 16 + len;
  }
  return out;
}

describe('CRC-32C', () => {
  test('the reference matches RFC 3720 B.4 and the check value of "123456789"', () => {
    const ascending = Uint8Array.from({ length: 32 }, (_, i) => i);
    expect(crc32cReference(new Uint8Array(32))).toBe(0x8a9136aa);
    expect(crc32cReference(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
    expect(crc32cReference(ascending)).toBe(0x46dd794e);
    expect(crc32cReference(ascending.reverse())).toBe(0x113fdb5c);
    expect(crc32cReference(Buffer.from('123456789'))).toBe(0xe3069283);
  });

  test("the writer's masked CRC unmasks to the reference on those vectors", () => {
    for (const v of [new Uint8Array(32), new Uint8Array(32).fill(0xff), Buffer.from('123456789'), Buffer.from('')]) {
      expect(maskedCrc32c(v)).not.toBe(crc32cReference(v));
      expect(unmask(maskedCrc32c(v))).toBe(crc32cReference(v));
    }
  });
});

describe('EventFileWriter', () => {
  test('basic: file version, scalars and a PNG image, decoded independently', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-'));
    const w = new EventFileWriter(dir, new Date(1_700_000_000_000));
    w.addScalars(10, { 'loss/d': 0.5, 'loss/g': 1.25, skipped: Number.NaN }, 1_700_000_001.5);
    const png = await sharp({ create: { width: 6, height: 4, channels: 3, background: '#808080' } }).png().toBuffer();
    w.addImage(20, 'samples', png, 1_700_000_002);
    w.close();
    expect(path.basename(w.file)).toMatch(/^events\.out\.tfevents\.1700000000\./);
    const [first, scalars, image] = records(w.file).map(fields);
    expect(get(first, 1)).toEqual([1_700_000_000]); // wall_time (double)
    expect(get(first, 3).map(String)).toEqual(['brain.Event:2']); // file_version
    expect(get(scalars, 1)).toEqual([1_700_000_001.5]);
    expect(get(scalars, 2)).toEqual([10n]); // step
    const values = get(fields(get(scalars, 5)[0] as Buffer), 1).map((v) => fields(v as Buffer));
    expect(values.map((v) => [String(get(v, 1)[0]), get(v, 2)[0]])).toEqual([['loss/d', 0.5], ['loss/g', 1.25]]); // NaN left out
    expect(get(image, 2)).toEqual([20n]);
    const img = fields(get(fields(get(fields(get(image, 5)[0] as Buffer), 1)[0] as Buffer), 4)[0] as Buffer);
    expect([get(img, 1)[0], get(img, 2)[0], get(img, 3)[0]]).toEqual([4n, 6n, 3n]); // height, width, colorspace
    expect((get(img, 4)[0] as Buffer).equals(png)).toBe(true);
  });
});
