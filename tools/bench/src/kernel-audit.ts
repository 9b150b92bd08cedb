/**
 * Kernel audit of the wasm backend: runs the shipped training step of each family (the apps'
 * recipes, family-steps.ts) under tf.profile on wasm, lists every kernel used with its time and
 * whether tfjs-backend-wasm 4.22 has it, and compares the step time with and without our
 * replacements of slow built-ins. Writes benchmarks/wasm-kernel-audit.md.
 * Run: npx nx run bench:kernel-audit
 */
import '@tensorflow/tfjs-layers'; // registers every gradient (tfjs-core's Node bundle registers none)
import '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-cpu';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { initBackend, registerWasmTrainingKernels } from '@stablegen/backend';
import { auditReport, type FamilyAudit } from './audit-report.js';
import { FAMILY_STEPS, type FamilyStepSpec } from './family-steps.js';
import { profileStep, snapshotWasmKernels } from './kernel-profile.js';
import { median } from './markdown.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const outFile = path.resolve(here, '../../../benchmarks/wasm-kernel-audit.md');

/**
 * Median step time with our kernels and with the slow built-ins put back, measured in alternating
 * rounds of 3 steps after 2 warm-up steps (the first steps of a model compile and allocate, and
 * V8 keeps optimising the JS for a while: measuring one variant entirely first would favour the other).
 */
function abStepMs(f: { step(): unknown }, rounds: number): { oursMs: number; builtinsMs: number } {
  const times: Record<'ours' | 'builtins', number[]> = { ours: [], builtins: [] };
  f.step();
  f.step();
  for (let r = 0; r < rounds; r++) {
    for (const variant of ['ours', 'builtins'] as const) {
      registerWasmTrainingKernels({ replaceSlowBuiltins: variant === 'ours' });
      for (let i = 0; i < 3; i++) {
        const start = performance.now();
        f.step();
        times[variant].push(performance.now() - start);
      }
    }
  }
  registerWasmTrainingKernels();
  return { oursMs: median(times.ours), builtinsMs: median(times.builtins) };
}

/** Audits one family's shipped step; a step that throws is recorded, not fatal. */
async function auditFamily(spec: FamilyStepSpec, wasmBefore: Map<string, tf.KernelFunc>): Promise<FamilyAudit> {
  const f = await spec.make();
  try {
    const { oursMs, builtinsMs } = abStepMs(f, 3);
    const kernels = await profileStep(() => f.step(), wasmBefore);
    return { label: spec.label, failures: [], oursMs, builtinsMs, kernels };
  } catch (err) {
    return { label: spec.label, failures: [`${spec.label}: ${String((err as Error).message).split('\n')[0]}`], kernels: [] };
  } finally {
    registerWasmTrainingKernels();
    f.dispose();
  }
}

async function main(): Promise<void> {
  const wasmBefore = snapshotWasmKernels();
  const cpuKernels = tf.getKernelsForBackend('cpu').map((k) => k.kernelName);
  await initBackend('wasm', { log: (l) => process.stdout.write(`${l}\n`) });
  const audits: FamilyAudit[] = [];
  for (const [i, spec] of FAMILY_STEPS.entries()) {
    process.stdout.write(`[${i + 1}/${FAMILY_STEPS.length}] ${spec.label}...\n`);
    const a = await auditFamily(spec, wasmBefore);
    a.failures.forEach((f) => process.stdout.write(`  failed: ${f}\n`));
    process.stdout.write(`  ${a.kernels.length} kernels, step ${a.oursMs?.toFixed(0) ?? '-'} ms (built-ins: ${a.builtinsMs?.toFixed(0) ?? '-'} ms)\n`);
    audits.push(a);
  }
  const missingOnWasm = cpuKernels.filter((k) => !wasmBefore.has(k)).sort();
  const md = auditReport(audits, missingOnWasm, { date: new Date().toISOString(), loadAverage: os.loadavg() });
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, `${md}\n`);
  process.stdout.write(`\nwrote ${outFile}\n`);
}

await main();
