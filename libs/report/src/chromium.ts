/**
 * A headless Chromium that comes from `npm ci`: the binary shipped inside the `@sparticuz/chromium`
 * tarball (brotli-compressed; needs only libc, libexpat and libgcc), unpacked once per version into
 * a cache folder. `CHROMIUM_PATH` overrides it; Debian's `/usr/bin/chromium` is the fallback when
 * the package is absent. playwright-core drives it and never downloads a browser.
 */
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Flags for a headless Chromium on a machine without network or display. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

interface SparticuzModule {
  inflate(file: string): Promise<string>;
}

/** The package's folder of compressed binaries and its version, or undefined when it is not installed. */
function sparticuzBin(): { bin: string; version: string } | undefined {
  let entry: string;
  try {
    entry = createRequire(import.meta.url).resolve('@sparticuz/chromium'); // <pkg>/build/index.js
  } catch {
    return undefined;
  }
  const root = dirname(dirname(entry));
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return { bin: join(root, 'bin'), version };
}

/**
 * Unpacks chromium.br (+ swiftshader and fonts) into `<tmp>/stablegen-chromium-<version>/`. The
 * files go to a private staging folder first, renamed into place at the end, so two test workers
 * starting at once never see a half-written binary.
 */
async function unpackSparticuz(bin: string, version: string): Promise<string> {
  const target = join(tmpdir(), `stablegen-chromium-${version}`);
  const exe = join(target, 'chromium');
  if (existsSync(exe)) return exe;
  const staging = mkdtempSync(join(tmpdir(), `.stablegen-chromium-${version}-`));
  const { inflate } = (await import('@sparticuz/chromium')) as unknown as SparticuzModule;
  const previous = process.env['TMPDIR'];
  process.env['TMPDIR'] = staging; // inflate() unpacks into os.tmpdir()
  try {
    await Promise.all(['chromium.br', 'swiftshader.tar.br', 'fonts.tar.br'].map((f) => inflate(join(bin, f))));
  } finally {
    if (previous === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = previous;
  }
  try {
    renameSync(staging, target);
  } catch {
    rmSync(staging, { recursive: true, force: true }); // another process got there first
  }
  if (!existsSync(exe)) throw new Error(`unpacking @sparticuz/chromium into ${target} failed; delete that folder and retry`);
  return exe;
}

/** Path of the Chromium binary to drive: CHROMIUM_PATH, else the npm-shipped one, else Debian's. */
export async function chromiumExecutable(): Promise<string> {
  const fromEnv = process.env['CHROMIUM_PATH'];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist; unset it to use the Chromium that npm ci installs`);
    return fromEnv;
  }
  const shipped = sparticuzBin();
  if (shipped) return unpackSparticuz(shipped.bin, shipped.version);
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  throw new Error('no Chromium found: run `npm ci` (it installs @sparticuz/chromium), or set CHROMIUM_PATH to a Chromium binary');
}

/** Launches headless Chromium (see chromiumExecutable). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: await chromiumExecutable(), args: CHROMIUM_ARGS });
}
