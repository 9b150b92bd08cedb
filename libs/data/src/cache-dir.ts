/**
 * Where parsed datasets are cached. `STABLEGEN_CACHE_DIR` wins; otherwise `<workspace>/.cache`
 * (the nearest directory above the working directory that holds nx.json; git ignores .cache/);
 * otherwise `<os.tmpdir()>/stablegen-cache`.
 */
import { existsSync } from 'node:fs';
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
