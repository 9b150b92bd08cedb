/**
 * Child process of the family step bench: times the shipped step of FAMILY_STEPS[--index] on wasm
 * with --threads, so thread counts and families never share a process. Writes a WorkerResult-like
 * JSON to --out. Flags: --index <i> --threads <n> --warmup <n> --steps <n> --out <file>
 */
import '@tensorflow/tfjs-layers'; // registers every gradient (tfjs-core's Node bundle registers none)
import '@tensorflow/tfjs-backend-wasm';
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { initBackend } from '@stablegen/backend';
import { FAMILY_STEPS } from './family-steps.js';
import { median } from './markdown.js';

const { values: a } = parseArgs({ options: { index: { type: 'string' }, threads: { type: 'string' }, warmup: { type: 'string' }, steps: { type: 'string' }, out: { type: 'string' } } });
const spec = FAMILY_STEPS[Number(a.index)];
let backendLine = '';
await initBackend('wasm', { threads: Number(a.threads), log: (l) => (backendLine = l) });
const runner = await spec.make();
const stepMs: number[] = [];
const stepCpuMs: number[] = [];
for (let i = 0; i < Number(a.warmup) + Number(a.steps); i++) {
  const [t0, c0] = [performance.now(), process.cpuUsage()];
  runner.step(); // returns the step's metrics, read back: the step is complete
  const [ms, c] = [performance.now() - t0, process.cpuUsage(c0)];
  if (i < Number(a.warmup)) continue;
  stepMs.push(ms);
  stepCpuMs.push((c.user + c.system) / 1000);
}
runner.dispose();
fs.writeFileSync(String(a.out), JSON.stringify({ backendLine, stepMs, stepCpuMs, medianMs: median(stepMs), medianCpuMs: median(stepCpuMs), peakRssMB: process.resourceUsage().maxRSS / 1024 }));
