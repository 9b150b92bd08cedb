import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, test } from 'vitest';
import { BackendUnavailableError, packageLoader, type BackendLoader } from './binding-loader.js';
import { BackendError, initBackend, parseBackendPreference } from './init-backend.js';

/** A node_modules folder with one package that exists but throws on import, like tfjs-node without libtensorflow. */
const fixtureDir = fs.mkdtempSync(path.join(os.tmpdir(), 'backend-fixture-'));
const brokenPkg = path.join(fixtureDir, 'node_modules', 'fake-tfjs-binding');
fs.mkdirSync(brokenPkg, { recursive: true });
fs.writeFileSync(path.join(brokenPkg, 'package.json'), JSON.stringify({ name: 'fake-tfjs-binding', main: 'index.cjs' }));
fs.writeFileSync(
  path.join(brokenPkg, 'index.cjs'),
  "throw new Error('libtensorflow.so.2: cannot open shared object file: No such file or directory');\n",
);
afterAll(() => fs.rmSync(fixtureDir, { recursive: true, force: true }));

const missing = packageLoader('@stablegen/no-such-binding', 'tensorflow', fixtureDir);
const broken = packageLoader('fake-tfjs-binding', 'tensorflow', fixtureDir);

describe('packageLoader', () => {
  test('package missing is reported as missing', async () => {
    await expect(missing.load()).rejects.toMatchObject({ kind: 'missing', message: '@stablegen/no-such-binding is not installed' });
  });

  test('package present but failing to load is reported as broken, with the cause', async () => {
    const err = await broken.load().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendUnavailableError);
    expect((err as BackendUnavailableError).kind).toBe('broken');
    expect((err as Error).message).toMatch(/fake-tfjs-binding is installed but failed to load \(libtensorflow\.so\.2/);
  });
});

describe('initBackend', () => {
  test('auto skips a missing and a broken binding, picks wasm, and says why in one line', async () => {
    const lines: string[] = [];
    const choice = await initBackend('auto', {
      log: (l) => lines.push(l),
      loaders: { 'tfjs-node-gpu': broken, 'tfjs-node': missing },
    });
    expect(choice.name).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^backend: wasm, 1 thread, our (relaxed-)?simd GEMM \(/);
    expect(lines[0].replace(/, our (relaxed-)?simd GEMM/, '')).toEqual(
      'backend: wasm, 1 thread (fake-tfjs-binding is installed but failed to load (libtensorflow.so.2: cannot open shared object file: No such file or directory); @stablegen/no-such-binding is not installed)',
    );
  });

  test('auto falls through to cpu when wasm cannot initialise either', async () => {
    const failingWasm: BackendLoader = {
      tfBackend: 'wasm',
      load: async () => {
        throw new BackendUnavailableError('broken', 'wasm binary unreadable');
      },
    };
    const choice = await initBackend('auto', {
      log: () => {},
      loaders: { 'tfjs-node-gpu': missing, 'tfjs-node': missing, wasm: failingWasm },
    });
    expect(choice.name).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
  });

  test('explicit choice is honoured', async () => {
    const lines: string[] = [];
    const choice = await initBackend('cpu', { log: (l) => lines.push(l) });
    expect(choice).toMatchObject({ name: 'cpu', tfBackend: 'cpu' });
    expect(tf.getBackend()).toBe('cpu');
    expect(lines).toEqual(['backend: cpu, 1 thread (requested)']);
    await initBackend('wasm', { log: () => {} });
    expect(tf.getBackend()).toBe('wasm');
  });

  test('throws when an explicit choice is unavailable, naming the cause and the fix', async () => {
    const err = await initBackend('tfjs-node', { log: () => {}, loaders: { 'tfjs-node': broken } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect((err as Error).message).toMatch(/^backend 'tfjs-node' is not available: fake-tfjs-binding is installed but failed to load/);
    expect((err as Error).message).toMatch(/npm install @tensorflow\/tfjs-node/);
    expect((err as Error).message).toMatch(/--backend/);
  });

  test('throws when the name is unknown, listing the valid ones', async () => {
    await expect(initBackend('webgpu')).rejects.toThrow(
      "unknown backend 'webgpu': choose one of auto, tfjs-node-gpu, tfjs-node, wasm, cpu",
    );
    expect(() => parseBackendPreference('CPU')).toThrow(BackendError);
    expect(parseBackendPreference('wasm')).toBe('wasm');
  });

  test('the real bindings: a missing or broken tfjs-node(-gpu) never stops auto', async () => {
    const lines: string[] = [];
    const choice = await initBackend('auto', { log: (l) => lines.push(l) });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^backend: (tfjs-node-gpu|tfjs-node|wasm|cpu)(, \d+ threads?)?(, our (relaxed-)?simd GEMM|, XNNPACK matrix products \([^)]*\))? \(/);
    expect(tf.getBackend()).toBe(choice.tfBackend);
  });
});
