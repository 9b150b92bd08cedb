/**
 * Turns the DCGAN-step worker results into the benchmark summary (JSON) and report (markdown).
 * The cpu backend is timed at batch 16 only (a step takes tens of seconds); its batch-64 figure is
 * that time x 4, which the report says wherever it is used.
 */
import { fmt, markdownTable } from './markdown.js';
import type { KernelRow } from './kernel-profile.js';
import type { WorkerResult } from './dcgan-worker.js';
import { type Ratio, ratioCell, ratioOf, type Repeated, repeated, repeatedCell } from './repeats.js';

export interface Comparison {
  wasm64Ms?: number;
  /** The same on the CPU-time clock (see WorkerResult.stepCpuMs). */
  wasm64CpuMs?: number;
  cpu16CpuMs?: number;
  wasmSpeedupCpuTime?: number;
  cpu16Ms?: number;
  /** cpu at batch 64 estimated as 4 x cpu at batch 16. */
  cpu64EstimatedMs?: number;
  /** cpu64EstimatedMs / wasm64Ms. */
  wasmSpeedup?: number;
  /** The target: wasm at batch 64 <= 300 ms/step and >= 50x the cpu backend. */
  meetsTarget?: boolean;
  /** Ours (wasm) against PyTorch at each batch size both ran. */
  pytorch?: PytorchComparison[];
}

export interface PytorchComparison {
  batch: number;
  /** Per configuration ('1' and '2': threads asked for; '2 replicas': data-parallel, one thread each): the per-process medians (one process per repeat), summarised. */
  wasm: Record<string, Repeated>;
  torch: Record<string, Repeated>;
  /** The configuration with the lowest mean, each side. */
  wasmBest: { config: string; ms: number };
  torchBest: { config: string; ms: number };
  /** wasmBest / torchBest, ratio of geometric means with its 95% interval: how many times slower ours is (1 = parity). */
  ratio: Ratio;
  /** wasm on 2 threads against 1 (< 1: the second thread helps), when both ran. */
  wasmThreads?: Ratio;
  /** wasm on 2 data-parallel replicas against 1 thread, when both ran. */
  wasmReplicas?: Ratio;
}

/** A result's configuration key: its thread count, or 'n replicas' for a data-parallel run. */
export const configOf = (r: WorkerResult): string => (r.replicas ? `${r.replicas} replicas` : String(r.threads ?? 1));

/** '1 thread', '2 threads', '2 replicas'. */
const configName = (config: string) => (config.includes('replicas') ? config : `${config} thread${config === '1' ? '' : 's'}`);

export interface Environment {
  date: string;
  /** Processes per repeated configuration (wasm and PyTorch). */
  repeats?: number;
  node: string;
  cpu: string;
  cores: number;
  loadAverageStart: number[];
  loadAverageEnd: number[];
  /** Share of CPU time stolen by the hypervisor during the run (%), when the OS reports it. */
  stealPercent?: number;
}

/** The 1-thread runs of one configuration, as one result whose medians are the means over its repeats. */
function find(results: WorkerResult[], backend: string, batch: number, variant = 'default'): { medianMs?: number; medianCpuMs?: number } | undefined {
  const rs = results.filter((r) => r.backend === backend && r.batch === batch && r.variant === variant && r.status === 'ok' && configOf(r) === '1');
  const mean = (f: (r: WorkerResult) => number | undefined) => rs.reduce((s, r) => s + (f(r) ?? Number.NaN), 0) / rs.length;
  return rs.length === 0 ? undefined : { medianMs: mean((r) => r.medianMs), medianCpuMs: mean((r) => r.medianCpuMs) };
}

/** Per batch size: each side's configurations over the repeats, the best of each, their ratio and our 2-threads- and 2-replicas-vs-1-thread ratios. */
export function comparePytorch(results: WorkerResult[]): PytorchComparison[] {
  const ok = results.filter((r) => r.status === 'ok' && r.variant === 'default' && r.medianMs !== undefined);
  const batches = [...new Set(ok.filter((r) => r.backend === 'pytorch').map((r) => r.batch))].sort((a, b) => a - b);
  const out: PytorchComparison[] = [];
  for (const batch of batches) {
    const side = (backend: string): Record<string, Repeated> => {
      const rs = ok.filter((r) => r.backend === backend && r.batch === batch);
      const configs = [...new Set(rs.map(configOf))];
      return Object.fromEntries(configs.map((t) => {
        const of = rs.filter((r) => configOf(r) === t);
        return [t, repeated(of.map((r) => r.medianMs!), of.map((r) => r.medianCpuMs!))];
      }));
    };
    const [wasm, torch] = [side('wasm'), side('pytorch')];
    if (Object.keys(wasm).length === 0) continue;
    const best = (rs: Record<string, Repeated>) => Object.entries(rs).reduce((a, [config, r]) => (r.mean < a.ms ? { config, ms: r.mean } : a), { config: '', ms: Infinity });
    const [wasmBest, torchBest] = [best(wasm), best(torch)];
    const row: PytorchComparison = { batch, wasm, torch, wasmBest, torchBest, ratio: ratioOf(wasm[wasmBest.config].medians, torch[torchBest.config].medians) };
    if (wasm['1'] && wasm['2']) row.wasmThreads = ratioOf(wasm['2'].medians, wasm['1'].medians);
    if (wasm['1'] && wasm['2 replicas']) row.wasmReplicas = ratioOf(wasm['2 replicas'].medians, wasm['1'].medians);
    out.push(row);
  }
  return out;
}

/** 4 x cpu16 / wasm64: the speed-up at batch 64 against the cpu estimate. */
function speedup(wasm64?: number, cpu16?: number): number | undefined {
  return wasm64 !== undefined && cpu16 !== undefined ? (4 * cpu16) / wasm64 : undefined;
}

export function compare(results: WorkerResult[]): Comparison {
  const [wasm, cpu] = [find(results, 'wasm', 64), find(results, 'cpu', 16)];
  const [wasm64Ms, cpu16Ms] = [wasm?.medianMs, cpu?.medianMs];
  const cpu64EstimatedMs = cpu16Ms === undefined ? undefined : 4 * cpu16Ms;
  const wasmSpeedup = speedup(wasm64Ms, cpu16Ms);
  const meetsTarget = wasm64Ms !== undefined && wasmSpeedup !== undefined ? wasm64Ms <= 300 && wasmSpeedup >= 50 : undefined;
  const [wasm64CpuMs, cpu16CpuMs] = [wasm?.medianCpuMs, cpu?.medianCpuMs];
  const pytorch = comparePytorch(results);
  return { wasm64Ms, cpu16Ms, cpu64EstimatedMs, wasmSpeedup, meetsTarget, wasm64CpuMs, cpu16CpuMs, wasmSpeedupCpuTime: speedup(wasm64CpuMs, cpu16CpuMs), ...(pytorch.length ? { pytorch } : {}) };
}

function label(r: WorkerResult): string {
  const threads = r.replicas ? `, ${r.replicas} replicas (data-parallel)` : r.threads === undefined ? '' : `, ${r.threads} thread${r.threads === 1 ? '' : 's'}`;
  const round = r.round === undefined ? '' : ` #${r.round}`;
  return r.variant === 'builtins' ? `${r.backend}${threads} (built-in BatchMatMul / Conv2DBackpropInput)${round}` : `${r.backend}${threads}${round}`;
}

function pytorchSection(rows: PytorchComparison[]): string[] {
  if (rows.length === 0) return ['## Ours against PyTorch', '', 'Not measured: no Python with torch here (see research/pytorch/README.md).', ''];
  const n = Math.max(...rows.flatMap((r) => [...Object.values(r.wasm), ...Object.values(r.torch)].map((x) => x.n)));
  const verdict = (r: Ratio) => (r.verdict === 'within noise' ? 'within noise' : r.verdict === 'faster' ? 'the second core helps' : 'the second core costs');
  const threadLines = rows.flatMap((r) => [
    ...(r.wasmThreads ? [`- batch ${r.batch}: wasm on 2 threads takes ${ratioCell(r.wasmThreads)} the time of 1 thread: ${verdict(r.wasmThreads)}.`] : []),
    ...(r.wasmReplicas ? [`- batch ${r.batch}: wasm on 2 data-parallel replicas takes ${ratioCell(r.wasmReplicas)} the time of 1 thread: ${verdict(r.wasmReplicas)}.`] : []),
  ]);
  return [
    '## Ours against PyTorch',
    '',
    `Each cell: mean over ${n} processes of each process's median ms/step ± the 95% t interval of that mean, with CPU time / wall time in brackets (2 = both cores busy); the processes of every configuration alternate, round by round. Ours on 2 threads splits each large product and convolution between the threads (intra-op); on 2 replicas, each thread runs the whole step on half the batch on its own backend and the gradients are averaged through shared memory (data-parallel, @stablegen/trainer's startReplicas). PyTorch runs research/pytorch/dcgan_step.py, the same model and step, with torch.set_num_threads and OMP/OpenBLAS threads set to the count. Ratio = our best / PyTorch's best (geometric means; 95% Welch interval on the log scale; 1 = parity, the goal is <= 2).`,
    '',
    markdownTable(
      ['batch', 'wasm 1 thread', 'wasm 2 threads', 'wasm 2 replicas', 'PyTorch 1 thread', 'PyTorch 2 threads', 'our best / PyTorch best'],
      rows.map((r) => [r.batch, repeatedCell(r.wasm['1']), repeatedCell(r.wasm['2']), repeatedCell(r.wasm['2 replicas']), repeatedCell(r.torch['1']), repeatedCell(r.torch['2']), `${ratioCell(r.ratio)} (${configName(r.wasmBest.config)} vs ${configName(r.torchBest.config)})`]),
    ),
    '',
    ...threadLines,
    ...(threadLines.length ? [''] : []),
  ];
}

function resultRows(results: WorkerResult[]): (string | number)[][] {
  return results.map((r) => [
    label(r),
    r.batch,
    r.status === 'ok' ? `${r.warmupSteps} + ${r.stepMs.length}` : '-',
    fmt(r.medianMs),
    fmt(r.medianCpuMs),
    fmt(r.stepMs.length ? Math.min(...r.stepMs) : undefined),
    fmt(r.stepMs.length ? Math.max(...r.stepMs) : undefined),
    fmt(r.peakRssMB, 0),
    r.status === 'ok' ? 'ok' : `${r.status}: ${r.reason ?? ''}`,
  ]);
}

function kernelRows(profile: KernelRow[]): (string | number)[][] {
  const total = profile.reduce((s, k) => s + k.totalMs, 0);
  return profile.map((k) => [k.name, k.calls, fmt(k.totalMs), fmt(k.totalMs / k.calls, 2), fmt((100 * k.totalMs) / total), k.status ?? '-']);
}

function comparisonLines(c: Comparison): string[] {
  return [
    `- wasm (1 thread), batch 64: **${fmt(c.wasm64Ms)} ms/step** (median, averaged over the repeated processes).`,
    `- cpu, batch 16: ${fmt(c.cpu16Ms)} ms/step (median); batch 64 estimated as 4 x that = ${fmt(c.cpu64EstimatedMs, 0)} ms/step (not measured: one cpu step at batch 64 takes minutes).`,
    `- wasm speed-up over cpu at batch 64: **${fmt(c.wasmSpeedup)}x** (against the x4 estimate).`,
    `- Target (wasm <= 300 ms/step at batch 64 and >= 50x cpu), on wall time: ${c.meetsTarget === undefined ? 'not evaluated' : c.meetsTarget ? 'met' : 'not met'}.`,
    `- On the CPU-time clock (user + system time of the benchmark process per step, V8's helper threads included, so it can exceed wall time on an idle machine; other processes on the shared cores inflate it less than wall time): wasm ${fmt(c.wasm64CpuMs)} ms/step at batch 64, cpu ${fmt(c.cpu16CpuMs)} ms/step at batch 16, speed-up ${fmt(c.wasmSpeedupCpuTime)}x.`,
  ];
}

export function dcganReport(results: WorkerResult[], env: Environment): string {
  const c = compare(results);
  const profiled = results.find((r) => r.profile !== undefined);
  return [
    '# Reference DCGAN training step per backend',
    '',
    `Generated by \`npx nx run bench:dcgan-step\` on ${env.date}; Node ${env.node}; ${env.cores} x ${env.cpu}.`,
    `Load average (1/5/15 min) at start ${env.loadAverageStart.map((l) => l.toFixed(2)).join(' / ')}, at end ${env.loadAverageEnd.map((l) => l.toFixed(2)).join(' / ')}: the machine is shared, so timings are noisy.${env.stealPercent === undefined ? '' : ` CPU time stolen by the hypervisor during the run: ${env.stealPercent.toFixed(1)}% (where it is high, a process gets less CPU than wall time, CPU / wall < 1 below).`}`,
    '',
    'Model (tools/bench/src/reference-dcgan.ts): 28x28x1 images, latent size 64. G: dense 64 -> 7x7x64, ReLU, convT 64->32 (k4 s2 same), ReLU, convT 32->1 (k4 s2 same), tanh. D: conv 1->32 (k4 s2 same), LeakyReLU 0.2, conv 32->64 (k4 s2 same), LeakyReLU 0.2, flatten, dense 1. Non-saturating loss (softplus form), Adam(2e-4, 0.5); one step = one D update + one G update. Each backend and thread count runs in its own child process; a step is timed until both losses are read back.',
    '',
    markdownTable(['backend', 'batch', 'warm-up + timed steps', 'median ms/step', 'median CPU ms/step', 'min', 'max', 'peak RSS MB', 'status'], resultRows(results)),
    '',
    ...pytorchSection(c.pytorch ?? []),
    '## wasm against cpu',
    '',
    ...comparisonLines(c),
    '',
    ...(profiled?.profile ? kernelSection(profiled) : []),
  ].join('\n');
}

function kernelSection(r: WorkerResult): string[] {
  return [
    `## Kernels of one ${r.backend} step at batch ${r.batch} (tf.profile)`,
    '',
    'Status: built-in = tfjs-backend-wasm 4.22 kernel; added = missing there, added by @stablegen/backend; replaced = built-in replaced by a faster one from @stablegen/backend. Profiled time excludes the JS between kernels, so the total is below the step time.',
    '',
    markdownTable(['kernel', 'calls', 'total ms', 'ms/call', '% of kernel time', 'status'], kernelRows(r.profile ?? [])),
    '',
  ];
}
