/**
 * `tsx apps/seq2seq/src/bench/profile-step.ts [--backend wasm] [--batch 64] [--eps 1]`: median ms
 * per training step on the chosen backend and the kernels of one step (tf.profile), printed as
 * markdown. Used to keep the step fast on wasm.
 */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '@stablegen/backend';
import { createRng } from '@stablegen/random';
import { buildRun } from '../models.js';
import { seq2seqSchema } from '../config.js';
import { drawBatch } from '../data-batch.js';
import { trainStep } from '../step.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
};

const backend = arg('backend', 'wasm');
await initBackend(backend);
const config = seq2seqSchema.parse({ batchSize: Number(arg('batch', '64')), task: arg('task', 'iso'), hidden: Number(arg('hidden', '64')), embedding: Number(arg('embedding', '32')) });
const run = buildRun(config as never, createRng(1));
const rng = createRng(2);
const eps = Number(arg('eps', '1'));
const step = () => {
  const batch = drawBatch(run.data.train, run.buckets, config.batchSize, rng);
  trainStep(run.model.params, run.optimizer, batch, { eps, mode: 'greedy', rng }, 1);
  batch.x.dispose();
};
for (let i = 0; i < 3; i++) step();
const times: number[] = [];
const nSteps = Number(arg('steps', '20'));
const cpu0 = process.cpuUsage();
for (let i = 0; i < nSteps; i++) {
  const t0 = performance.now();
  step();
  times.push(performance.now() - t0);
}
const cpu = process.cpuUsage(cpu0);
const cpuMs = (cpu.user + cpu.system) / 1000 / nSteps;
times.sort((a, b) => a - b);
console.log(`backend ${backend}, batch ${config.batchSize}, eps ${eps}: median ${times[times.length >> 1].toFixed(1)} ms/step (min ${times[0].toFixed(1)}, max ${times[times.length - 1].toFixed(1)}); process CPU ${cpuMs.toFixed(1)} ms/step`);
const profile = await tf.profile(() => {
  step();
});
const byKernel = new Map<string, { calls: number; ms: number }>();
for (const k of profile.kernels) {
  const e = byKernel.get(k.name) ?? { calls: 0, ms: 0 };
  e.calls += 1;
  e.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : 0;
  byKernel.set(k.name, e);
}
const total = [...byKernel.values()].reduce((s, e) => s + e.ms, 0);
console.log(`\n${profile.kernels.length} kernel calls, ${total.toFixed(1)} ms kernel time\n\n| kernel | calls | total ms | % |\n| --- | ---: | ---: | ---: |`);
for (const [name, e] of [...byKernel.entries()].sort((a, b) => b[1].ms - a[1].ms)) {
  console.log(`| ${name} | ${e.calls} | ${e.ms.toFixed(1)} | ${((100 * e.ms) / total).toFixed(1)} |`);
}
