import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { formatUserError, isUserError, resolveConfig } from '../src/index.js';
import { toySchema } from './toy-recipe.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'trainer-config-'));
const resolve = (argv: string[]) => resolveConfig('toy', 'toy', toySchema, argv, () => {});

/** The one line a user sees for argv (what runMain prints). */
function userMessage(argv: string[]): string {
  try {
    resolve(argv);
  } catch (err) {
    if (isUserError(err)) return formatUserError(err);
    throw err;
  }
  throw new Error(`expected ${argv.join(' ')} to fail`);
}

function writeJson(dir: string, name: string, value: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
}

describe('resolveConfig', () => {
  test('typed defaults, then preset file, then flags', () => {
    const dir = tmp();
    const preset = writeJson(dir, 'p.json', { family: 'toy', lr: 0.01, steps: 50 });
    const { config } = resolve(['--config', preset, '--steps', '7'])!;
    expect(config).toMatchObject({ lr: 0.01, steps: 7, batchSize: 8, seed: 1, backend: 'auto' });
    expect(Object.isFrozen(config)).toBe(true);
  });

  test('accepts both spellings Nx forwards and bare booleans', () => {
    const schema = toySchema.extend({});
    const a = resolveConfig('toy', 'toy', schema, ['--batchSize=4', '--log-every', '3'])!.config;
    const b = resolveConfig('toy', 'toy', schema, ['--batch-size', '4', '--logEvery=3'])!.config;
    expect(a).toEqual(b);
    expect(a).toMatchObject({ batchSize: 4, logEvery: 3 });
  });

  test('resume takes the saved config and only allows --steps and friends to change', () => {
    const dir = tmp();
    writeJson(dir, 'config.json', { ...resolve(['--lr', '0.02'])!.config, family: 'toy' });
    const r = resolve(['--resume', dir, '--steps', '99'])!;
    expect(r.resumeDir).toBe(dir);
    expect(r.config).toMatchObject({ lr: 0.02, steps: 99, out: dir, resume: dir });
  });

  const bad: Array<[string, (d: string) => string[], RegExp]> = [
    ['unknown flag', () => ['--stepz', '3'], /^error: unknown option '--stepz' \(Did you mean --steps\?\)$/],
    ['non-numeric steps', () => ['--steps', 'ten'], /^error: option '--steps <n>' argument 'ten' is invalid\. 'ten' is not a number\./],
    ['negative steps', () => ['--steps', '-5'], /^error: invalid value for --steps \(-5\): .*>0/],
    ['fractional batch size', () => ['--batch-size', '2.5'], /^error: invalid value for --batch-size \(2\.5\): .*expected int/],
    ['unknown backend', () => ['--backend', 'webgpu'], /^error: option '--backend <value>' argument 'webgpu' is invalid\. Allowed choices are auto, tfjs-node-gpu, tfjs-node, wasm, cpu\./],
    ['missing preset file', (d) => ['--config', path.join(d, 'nope.json')], /^error: config file .*nope\.json cannot be read — pass a JSON file/],
    ['preset that is not JSON', (d) => ['--config', writeJson(d, 'x.json', 0).replace(/$/, '') && (fs.writeFileSync(path.join(d, 'x.json'), '{oops'), path.join(d, 'x.json'))], /^error: config file .*x\.json is not a JSON object/],
    ['unknown key in preset', (d) => ['--config', writeJson(d, 'k.json', { learningRate: 1 })], /^error: unknown key 'learningRate' in config file .*k\.json — remove it/],
    ['preset from another family', (d) => ['--config', writeJson(d, 'w.json', { family: 'wgan-gp', steps: 3 })], /^error: config file .*w\.json is for family 'wgan-gp', not 'toy' — use it with wgan-gp:train/],
    ['--resume of a missing directory', (d) => ['--resume', path.join(d, 'gone')], /^error: --resume .*gone: no such run directory/],
    ['--resume of a directory that is not a run', (d) => ['--resume', d], /^error: --resume .*: not a run directory \(no config\.json\)/],
    ['--resume of another family\'s run', (d) => (writeJson(d, 'config.json', { family: 'gan', steps: 3 }), ['--resume', d]), /^error: run directory .* is for family 'gan', not 'toy'/],
    ['changing the recipe when resuming', (d) => (writeJson(d, 'config.json', { family: 'toy' }), ['--resume', d, '--batch-size', '4']), /^error: --batch-size cannot be changed when resuming — drop it, or start a new run; --resume takes --steps, .* and the learning rates \(--lr\*\)$/],
    ['an extra positional argument', () => ['train', '--steps', '3'], /^error: too many arguments/],
  ];
  test.each(bad)('%s gives one clear message', (_name, argv, expected) => {
    const message = userMessage(argv(tmp()));
    expect(message).toMatch(expected);
    expect(message.split('\n').filter(Boolean)).toHaveLength(1);
  });
});

/** Runs a command without blocking the test worker (a blocked worker misses vitest's RPC deadlines). */
const runAsync = (file: string, args: string[], opts: { cwd: string; timeout?: number; env?: NodeJS.ProcessEnv }) =>
  new Promise<{ status: number; stdout: string; stderr: string }>((resolve) =>
    execFile(file, args, { ...opts, encoding: 'utf8', maxBuffer: 1 << 26 }, (err, stdout, stderr) => resolve({ status: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr })),
  );

describe('the real command line', () => {
  const run = (args: string[]) => runAsync(process.execPath, ['--import', 'tsx', path.join(here, 'toy-main.ts'), ...args], { cwd: path.resolve(here, '..') });

  test('a bad flag exits 2 with one line on stderr and nothing written', async () => {
    const out = path.join(tmp(), 'run');
    const r = await run(['--steps', '-1', '--out', out]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error: invalid value for --steps \(-1\)/)]);
    expect(fs.existsSync(out)).toBe(false);
  });

  test('an unwritable --out exits 2 naming the directory', async () => {
    const dir = tmp();
    const blocker = path.join(dir, 'file');
    fs.writeFileSync(blocker, 'not a directory');
    const r = await run(['--out', path.join(blocker, 'run'), '--backend', 'cpu']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(/^error: --out .*file\/run is not writable \(ENOTDIR\) — choose a directory you can write to$/);
  });
});
