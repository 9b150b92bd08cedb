/**
 * Child process of threads.test.ts: on wasm with `--threads N` (fixed per process), the first three
 * steps of every family case (family-cases.ts, images from `--images <dir>`); prints one JSON line
 * { line, rows: { label: metrics[] } }.
 */
import '@tensorflow/tfjs-layers';
import { parseArgs } from 'node:util';
import { initBackend } from '@stablegen/backend';
import { familyCases } from './family-cases.js';

const { values } = parseArgs({ options: { threads: { type: 'string' }, images: { type: 'string' } } });
let line = '';
await initBackend('wasm', { threads: Number(values.threads), log: (l) => (line = l) });
const rows: Record<string, Record<string, number>[]> = {};
for (const [label, make] of familyCases(String(values.images))) {
  const runner = await make();
  rows[label] = [runner.step(), runner.step(), runner.step()];
  runner.dispose();
}
process.stdout.write(`${JSON.stringify({ line, rows })}\n`);
