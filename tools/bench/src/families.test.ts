/**
 * The shipped training step of each family (the apps' recipes, as the benches drive them) on wasm
 * with our training kernels against the plain cpu backend: the same metrics over the first three
 * steps (losses before each update, so steps 2 and 3 see the weights two updates produced), and a
 * flat tensor count. Tiny configurations keep it fast; the kernels are the ones the defaults use.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@stablegen/backend';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { familyCases, writeTestImages, type MakeRunner } from './family-cases.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'family-steps-'));
const folder = path.join(tmp, 'images');

beforeAll(async () => {
  await initBackend('cpu', { log: () => {} });
  await initBackend('wasm', { log: () => {} });
  await writeTestImages(folder);
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

type Make = MakeRunner;
const cases = familyCases(folder);

/** Three steps' metrics on `backend`; the tensor count is flat from step 2 on. */
async function threeSteps(backend: 'cpu' | 'wasm', make: Make): Promise<Record<string, number>[]> {
  await tf.setBackend(backend);
  const runner = await make();
  try {
    const out = [runner.step()];
    const tensors = tf.memory().numTensors;
    for (let i = 0; i < 2; i++) {
      out.push(runner.step());
      expect(tf.memory().numTensors, `${backend}: tensors after step ${i + 2}`).toBe(tensors);
    }
    return out;
  } finally {
    runner.dispose();
  }
}

describe('shipped family steps on wasm', () => {
  test.each(cases)('%s: the first three steps agree with the cpu backend (rel < 2e-3) and leak nothing', async (_label, make) => {
    const cpu = await threeSteps('cpu', make);
    const wasm = await threeSteps('wasm', make);
    expect(Object.keys(wasm[0]).sort()).toEqual(Object.keys(cpu[0]).sort());
    cpu.forEach((row, i) => {
      for (const [key, want] of Object.entries(row)) {
        const got = wasm[i][key];
        expect(Number.isFinite(got), `${key} at step ${i + 1}`).toBe(true);
        expect(Math.abs(got - want), `${key} at step ${i + 1}: wasm ${got}, cpu ${want}`).toBeLessThanOrEqual(2e-3 * Math.max(1, Math.abs(want)));
      }
    });
  });
});
