/**
 * Where parsed datasets are cached. `STABLEGEN_CACHE_DIR` wins; otherwise `<workspace>/.cache`
 * (the nearest directory above the working directory that holds nx.json; git ignores .cache/);
 * otherwise `<os.tmpdir()>/stablegen-cache`.
 */
import { existsSync, renameSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** The cache directory for dataset `name`, e.g. defaultCacheDir('mnist'). */
export function defaultCacheDir(name: string, env = process.env, cwd = process.cwd()): string {
  if (env.STABLEGEN_CACHE_DIR) return join(resolve(env.STABLEGEN_CACHE_DIR), name);
  const root = findUp(cwd, 'nx.json');
  return root ? join(root, '.cache', name) : join(tmpdir(), 'stablegen-cache', name);
}

function findUp(start: string, marker: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, marker))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Writes `file` atomically: the bytes go to a temp file beside it, which is then renamed over it,
 * so a reader never sees a half-written file (rename is atomic on one filesystem).
 */
export function writeFileAtomic(file: string, parts: Uint8Array[]): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(tmp, Buffer.concat(parts));
    renameSync(tmp, file);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}
