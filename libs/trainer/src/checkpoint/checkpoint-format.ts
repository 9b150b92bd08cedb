/**
 * On-disk checkpoint: `checkpoints/step-000200/` with `manifest.json` (step, JSON state, tensor
 * specs with byte offsets, byte length and SHA-256 of the blob) and `tensors.bin`. A truncated or
 * altered blob fails the length or checksum test.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeDirAtomic } from '@stablegen/run-files';

export type StoredDType = 'float32' | 'int32' | 'bool';

export interface StoredTensor {
  dtype: StoredDType;
  shape: number[];
  values: Float32Array | Int32Array | Uint8Array;
  /** an optimiser slot's weight, by position (`model/<key>/<i>/<slot>`, `var/<key>/<slot>`), so a resumed process can name it after its own variables */
  slotOf?: string;
}

export interface CheckpointData {
  step: number;
  /** Named tensors (model weights, optimiser slots), in a stable order. */
  tensors: Array<{ name: string } & StoredTensor>;
  /** JSON-serialisable state (RNG, data position, recipe extras). */
  state: Record<string, unknown>;
}

interface Manifest {
  format: 'stablegen-checkpoint-1';
  step: number;
  state: Record<string, unknown>;
  tensors: Array<{ name: string; dtype: StoredDType; shape: number[]; offset: number; byteLength: number; slotOf?: string }>;
  blob: { byteLength: number; sha256: string };
}

export const checkpointName = (step: number): string => `step-${String(step).padStart(6, '0')}`;

/** Writes one checkpoint atomically into `checkpointsDir`. */
export function writeCheckpoint(checkpointsDir: string, data: CheckpointData): string {
  const chunks: Buffer[] = [];
  let offset = 0;
  const specs = data.tensors.map(({ name, dtype, shape, values, slotOf }) => {
    const bytes = Buffer.from(values.buffer, values.byteOffset, values.byteLength);
    chunks.push(bytes);
    const spec = { name, dtype, shape, offset, byteLength: bytes.byteLength, ...(slotOf ? { slotOf } : {}) };
    offset += bytes.byteLength;
    return spec;
  });
  const blob = Buffer.concat(chunks);
  const manifest: Manifest = {
    format: 'stablegen-checkpoint-1',
    step: data.step,
    state: data.state,
    tensors: specs,
    blob: { byteLength: blob.byteLength, sha256: createHash('sha256').update(blob).digest('hex') },
  };
  fs.mkdirSync(checkpointsDir, { recursive: true });
  const dir = path.join(checkpointsDir, checkpointName(data.step));
  writeDirAtomic(dir, (tmp) => {
    fs.writeFileSync(path.join(tmp, 'tensors.bin'), blob);
    fs.writeFileSync(path.join(tmp, 'manifest.json'), JSON.stringify(manifest));
  });
  return dir;
}

/** Reads and verifies one checkpoint directory; throws an Error saying what is wrong. */
export function readCheckpoint(dir: string): CheckpointData {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
  } catch (err) {
    throw new Error(`manifest.json missing or unreadable (${(err as Error).message.split('\n')[0]})`);
  }
  if (manifest.format !== 'stablegen-checkpoint-1') throw new Error(`unknown format '${String(manifest.format)}'`);
  let blob: Buffer;
  try {
    blob = fs.readFileSync(path.join(dir, 'tensors.bin'));
  } catch {
    throw new Error('tensors.bin missing');
  }
  if (blob.byteLength !== manifest.blob.byteLength) {
    throw new Error(`tensors.bin has ${blob.byteLength} bytes, expected ${manifest.blob.byteLength} (truncated)`);
  }
  if (createHash('sha256').update(blob).digest('hex') !== manifest.blob.sha256) throw new Error('tensors.bin checksum mismatch');
  const tensors = manifest.tensors.map(({ name, dtype, shape, offset, byteLength, slotOf }) => {
    const bytes = new Uint8Array(blob.buffer.slice(blob.byteOffset + offset, blob.byteOffset + offset + byteLength));
    const values = dtype === 'float32' ? new Float32Array(bytes.buffer) : dtype === 'int32' ? new Int32Array(bytes.buffer) : bytes;
    return { name, dtype, shape, values, ...(slotOf ? { slotOf } : {}) };
  });
  return { step: manifest.step, tensors, state: manifest.state };
}

/** Checkpoint directories, newest first (temporary `.tmp-*` directories are ignored). */
export function listCheckpoints(checkpointsDir: string): string[] {
  if (!fs.existsSync(checkpointsDir)) return [];
  return fs
    .readdirSync(checkpointsDir)
    .filter((n) => /^step-\d{6,}$/.test(n))
    .sort()
    .reverse()
    .map((n) => path.join(checkpointsDir, n));
}

/** The step a checkpoint directory holds, from its name. */
const stepOf = (dir: string): number => Number(path.basename(dir).slice('step-'.length));

/**
 * The newest checkpoint that verifies (of those at `maxStep` or before, when given). Each one
 * skipped is reported through `warn` with its reason. Returns undefined if there is none.
 */
export function readLatestGoodCheckpoint(checkpointsDir: string, warn: (line: string) => void, maxStep = Number.POSITIVE_INFINITY): CheckpointData | undefined {
  const dirs = listCheckpoints(checkpointsDir).filter((d) => stepOf(d) <= maxStep);
  for (const [i, dir] of dirs.entries()) {
    try {
      return readCheckpoint(dir);
    } catch (err) {
      const next = dirs[i + 1] ? `falling back to ${path.basename(dirs[i + 1])}` : 'no older checkpoint left';
      warn(`checkpoint ${path.basename(dir)} is unusable: ${(err as Error).message}; ${next}`);
    }
  }
  return undefined;
}

/** Deletes the checkpoints of steps after `step` (a rollback abandons them). */
export function deleteCheckpointsAfter(checkpointsDir: string, step: number): void {
  for (const dir of listCheckpoints(checkpointsDir)) if (stepOf(dir) > step) fs.rmSync(dir, { recursive: true, force: true });
}

/** Deletes all but the newest `keep` checkpoints. */
export function pruneCheckpoints(checkpointsDir: string, keep: number): void {
  for (const dir of listCheckpoints(checkpointsDir).slice(keep)) fs.rmSync(dir, { recursive: true, force: true });
}
