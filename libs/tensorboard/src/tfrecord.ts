/**
 * TFRecord framing, as TensorBoard reads event files: per record the length (uint64 LE), the
 * masked CRC-32C of those 8 bytes, the data, and the masked CRC-32C of the data. The mask is
 * TensorFlow's: rotate right by 15 bits and add 0xa282ead8 (tensorflow/core/lib/hash/crc32c.h).
 */
import { crc32c } from '@aws-crypto/crc32c';

/** TensorFlow's masked CRC-32C of `data`. */
export function maskedCrc32c(data: Uint8Array): number {
  const c = crc32c(data) >>> 0;
  return (((c >>> 15) | (c << 17)) + 0xa282ead8) >>> 0;
}

/** One framed record. */
export function tfRecord(data: Uint8Array): Buffer {
  const header = Buffer.alloc(12);
  header.writeBigUInt64LE(BigInt(data.length), 0);
  header.writeUInt32LE(maskedCrc32c(header.subarray(0, 8)), 8);
  const footer = Buffer.alloc(4);
  footer.writeUInt32LE(maskedCrc32c(data), 0);
  return Buffer.concat([header, data, footer]);
}
