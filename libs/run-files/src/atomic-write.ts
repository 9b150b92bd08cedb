/**
 * Atomic file and directory writes: write beside the target, fsync, then rename over it. A reader
 * (or a process killed mid-write) sees the old file or the whole new one, never a part. The one
 * implementation used by checkpoints, exported models, reports, bench tables and dataset caches.
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

const tmpName = (target: string, prefix: string) => path.join(path.dirname(target), `${prefix}${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Writes `data` (parts are concatenated) to `file`, creating its folder; readers see the old file or the whole new one. */
export function writeFileAtomic(file: string, data: string | Uint8Array | readonly Uint8Array[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = tmpName(file, '.');
  const bytes = typeof data === 'string' ? Buffer.from(data) : Array.isArray(data) ? Buffer.concat(data as Uint8Array[]) : (data as Uint8Array);
  try {
    const fd = fs.openSync(tmp, 'w');
    try {
      fs.writeSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * Fills a fresh temporary directory via `fill`, fsyncs its files, then renames it to `dir`
 * (replacing it). A crash mid-way leaves only a `.tmp-*` directory, which readers ignore.
 */
export function writeDirAtomic(dir: string, fill: (tmpDir: string) => void): void {
  const tmp = path.join(path.dirname(dir), `.tmp-${path.basename(dir)}-${process.pid}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  fill(tmp);
  for (const name of fs.readdirSync(tmp)) fsyncFile(path.join(tmp, name));
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(tmp, dir);
}
