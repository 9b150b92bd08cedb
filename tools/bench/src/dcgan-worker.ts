/**
 * Child process of the DCGAN-step benchmark: times the reference step on one backend at one batch
 * size, so that backends never share a process. Writes a `WorkerResult` as JSON to --out.
 * Flags: --backend <name> --batch <n> --warmup <n> --steps <n> --out <file> [--threads n] [--replicas n]
 * [--builtins] [--profile] (--replicas: the step data-parallel on n threads, each replica on its own
 * one-thread backend with batch / n rows; --builtins: keep tfjs-backend-wasm's own BatchMatMul /
 * Conv2DBackpropInput; --profile: add a tf.profile per-kernel breakdown of one more step).
 */
import '@tensorflow/tfjs-layers'; // registers every gradient (tfjs-core's Node bundle registers none)
import '@tensorflow/tfjs-backend-wasm'; // registered before our kernels, so kernel status can be told apart
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { BackendError, initBackend, registerWasmTrainingKernels } from '@stablegen/backend';
import { startReplicas } from '@stablegen/trainer';
import { REFERENCE_DCGAN_MODULE, referenceDcganCapacity, referenceDcganStep } from './reference-dcgan.js';
import { profileStep, snapshotWasmKernels, type KernelRow } from './kernel-profile.js';
import { median } from './markdown.js';

export interface WorkerResult {
  backend: string;
  batch: number;
  /** Threads asked for (wasm: its XNNPACK pool; pytorch: torch.set_num_threads and the BLAS threads). */
  threads?: number;
  /** Data-parallel replicas (one thread each), when more than one. */
  replicas?: number;
  /** 'builtins': wasm with only the missing kernels added (tfjs-backend-wasm's own BatchMatMul / Conv2DBackpropInput). */
  variant: 'default' | 'builtins';
  status: 'ok' | 'skipped' | 'failed';
  reason?: string;
  /** initBackend's one line. */
  backendLine?: string;
  warmupSteps: number;
  stepMs: number[];
  medianMs?: number;
  /** CPU time (user + system) of this process per timed step: less inflated than wall time when other processes compete for the cores. */
  stepCpuMs: number[];
  medianCpuMs?: number;
  /** Peak resident set of the child process (process.resourceUsage().maxRSS). */
  peakRssMB: number;
  losses?: { first: [number, number]; last: [number, number] };
  profile?: KernelRow[];
  /** Which round of the bench's repeats this process was (set by the bench). */
  round?: number;
}

const { values: args } = parseArgs({
  options: {
    backend: { type: 'string' },
    batch: { type: 'string' },
    warmup: { type: 'string', default: '2' },
    steps: { type: 'string', default: '12' },
    out: { type: 'string' },
    builtins: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
    threads: { type: 'string' },
    replicas: { type: 'string', default: '1' },
  },
});

function base(): WorkerResult {
  return {
    backend: String(args.backend),
    batch: Number(args.batch),
    threads: args.threads === undefined ? undefined : Number(args.threads),
    replicas: Number(args.replicas) > 1 ? Number(args.replicas) : undefined,
    variant: args.builtins ? 'builtins' : 'default',
    status: 'ok',
    warmupSteps: Number(args.warmup),
    stepMs: [],
    stepCpuMs: [],
    peakRssMB: 0,
  };
}

/** Times warm-up + timed steps; each step ends with reading both losses, so it is complete. */
async function run(result: WorkerResult): Promise<void> {
  const wasmBefore = snapshotWasmKernels();
  const replicas = result.replicas ?? 1;
  if (replicas > 1 && (result.threads ?? 1) !== 1) throw new Error(`--replicas ${replicas} runs one thread per replica: leave --threads out or pass 1`);
  const threads = replicas > 1 ? 1 : result.threads;
  const choice = await initBackend(result.backend, { log: (line) => (result.backendLine = line), threads });
  if (choice.name === 'wasm' && args.builtins) registerWasmTrainingKernels({ replaceSlowBuiltins: false });
  const family = replicas > 1 ? await replicated(result.batch, replicas) : referenceDcganStep(result.batch);
  const losses: [number, number][] = [];
  for (let i = 0; i < result.warmupSteps + Number(args.steps); i++) {
    const [start, cpuStart] = [performance.now(), process.cpuUsage()];
    const l = family.step();
    const [ms, cpu] = [performance.now() - start, process.cpuUsage(cpuStart)];
    losses.push([l.dLoss, l.gLoss]);
    if (i < result.warmupSteps) continue;
    result.stepMs.push(ms);
    result.stepCpuMs.push((cpu.user + cpu.system) / 1000);
  }
  result.medianMs = median(result.stepMs);
  result.medianCpuMs = median(result.stepCpuMs);
  result.losses = { first: losses[0], last: losses[losses.length - 1] };
  if (args.profile) result.profile = await profileStep(() => family.step(), wasmBefore);
  await family.dispose();
}

/** The reference step on `replicas` data-parallel threads (the backend already started here on one thread; the workers start the same). */
async function replicated(batch: number, replicas: number) {
  const group = await startReplicas({
    entry: REFERENCE_DCGAN_MODULE,
    exportName: 'referenceDcganReplica',
    replicas,
    capacity: referenceDcganCapacity(),
    data: { batch },
  });
  return { step: () => group.step(), dispose: () => group.close() };
}

async function main(): Promise<void> {
  const result = base();
  try {
    await run(result);
  } catch (err) {
    result.status = err instanceof BackendError ? 'skipped' : 'failed';
    result.reason = String((err as Error).message ?? err).split('\n')[0];
  }
  result.peakRssMB = process.resourceUsage().maxRSS / 1024;
  fs.writeFileSync(String(args.out), JSON.stringify(result));
}

await main();
