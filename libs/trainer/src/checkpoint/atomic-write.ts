/** Atomic file and directory writes: write beside the target, fsync, then rename over it. */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Writes `data` to `file` so a reader sees the old file or the whole new one, never a part. */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

/**
 * Fills a fresh temporary directory via `fill`, then renames it to `dir` (which must not exist).
 * A crash mid-way leaves only a `.tmp-*` directory, which readers ignore.
 */
export function writeDirAtomic(dir: string, fill: (tmpDir: string) => void): void {
  const tmp = path.join(path.dirname(dir), `.tmp-${path.basename(dir)}-${process.pid}`);
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  fill(tmp);
  for (const name of fs.readdirSync(tmp)) {
    const fd = fs.openSync(path.join(tmp, name), 'r');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.renameSync(tmp, dir);
}
