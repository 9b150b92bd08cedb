/**
 * The wgan-gp ring8 preset trained end to end, against research/pytorch's replica of it
 * (mixture_replica.py with the preset's settings read from apps/wgan-gp/configs/ring8.json), on
 * this machine, rounds alternating: ours as shipped at --threads 1 and 2, the replica at 1 and 2
 * torch threads. Per configuration: the whole process's wall time and the training time each run
 * reports (ours: metrics.jsonl's last `time`, the steps alone; the replica: its last `s`, the steps
 * and its four evaluations), as the mean over processes with a 95% t interval; ours / PyTorch as
 * the ratio of geometric means (best thread count of each) with Welch's interval on the log scale.
 * The final quality (modes of 8, high-quality share of the EMA generator) shows alongside, so a
 * faster run that trains worse would show. PyTorch is optional (skipped with the reason).
 * Writes benchmarks/ring8-preset-time.{md,json}.
 * Run: npx nx run bench:ring8-preset-time [-- --repeats 3] [--threads 1] (thread counts to run, both sides; default 1,2)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { summarise } from '@stablegen/launcher';
import { cpuTicks, stealPercent } from './machine.js';
import { fmt, markdownTable } from './markdown.js';
import { findTorchPython } from './pytorch-step.js';
import { type Ratio, ratioCell, ratioOf } from './repeats.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
/** Thread counts run by default (--threads picks some). */
const THREADS = [1, 2];

interface Run {
  who: 'ours' | 'pytorch';
  threads: number;
  status: 'ok' | 'failed' | 'skipped';
  reason?: string;
  wallS?: number;
  trainS?: number;
  modes?: number;
  hq?: number;
}

/** The preset's settings as mixture_replica.py keys. */
function replicaArgs(threads: number): string[] {
  const p = JSON.parse(fs.readFileSync(path.join(root, 'apps/wgan-gp/configs/ring8.json'), 'utf8')) as Record<string, number | string>;
  const keys: Record<string, number | string> = {
    ds: 'ring8', steps: p.steps, B: p.batchSize, lat: p.latentDim, W: p.mlpWidth, depth: p.mlpDepth, lam: p.gpLambda, lrD: p.lrD, lrG: p.lrG,
    decay: p.lrSchedule === 'linear' ? 1 : 0, ema: p.emaDecay, ncrit: p.nCritic, ln: 0, b2: 0.9, act: 'relu', seed: 1, threads,
  };
  return Object.entries(keys).map(([k, v]) => `${k}=${v}`);
}

function runOurs(threads: number): Run {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'ring8-preset-'));
  const t0 = performance.now();
  const child = spawnSync(process.execPath, [...process.execArgv, path.join(root, 'apps/wgan-gp/src/main.ts'), '--dataset', 'ring8', '--threads', String(threads), '--out', out], { encoding: 'utf8', cwd: root });
  const wallS = (performance.now() - t0) / 1000;
  try {
    if (child.status !== 0) return { who: 'ours', threads, status: 'failed', reason: `exited with ${child.status}: ${(child.stderr || '').trim().split('\n').pop() ?? ''}` };
    const rows = fs.readFileSync(path.join(out, 'metrics.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, number>);
    const last = rows[rows.length - 1];
    return { who: 'ours', threads, status: 'ok', wallS, trainS: last.time, modes: last['ema/modes'], hq: last['ema/hq_share'] };
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

function runPytorch(threads: number, python: string): Run {
  const n = String(threads);
  const env = { ...process.env, OMP_NUM_THREADS: n, OPENBLAS_NUM_THREADS: n, MKL_NUM_THREADS: n };
  const t0 = performance.now();
  const child = spawnSync(python, ['mixture_replica.py', 'ring8-preset', ...replicaArgs(threads)], { encoding: 'utf8', env, cwd: path.join(root, 'research/pytorch') });
  const wallS = (performance.now() - t0) / 1000;
  const result = child.stdout.split('\n').find((l) => l.startsWith('RESULT '));
  if (child.status !== 0 || !result) return { who: 'pytorch', threads, status: 'failed', reason: `exited with ${child.status}: ${(child.stderr || '').trim().split('\n').pop() ?? ''}` };
  const res = (JSON.parse(result.slice(result.indexOf('{'))) as { res: { s: number; ema: { modes: number; hq: number } }[] }).res;
  const last = res[res.length - 1];
  return { who: 'pytorch', threads, status: 'ok', wallS, trainS: last.s, modes: last.ema.modes, hq: last.ema.hq };
}

const cellOf = (xs: number[], digits = 1) => {
  const s = summarise(xs);
  return s.n === 0 ? '-' : `${fmt(s.mean, digits)}${Number.isFinite(s.ci95) ? ` ± ${fmt(s.ci95, digits)}` : ''}`;
};

/** Each configuration's ok runs. */
function groups(runs: Run[]): { who: Run['who']; threads: number; ok: Run[] }[] {
  const counts = [...new Set(runs.map((r) => r.threads))].sort((a, b) => a - b);
  return (['ours', 'pytorch'] as const).flatMap((who) => counts.map((threads) => ({ who, threads, ok: runs.filter((r) => r.who === who && r.threads === threads && r.status === 'ok') })));
}

/** ours / PyTorch on `field`, each side at its fastest thread count. */
function ratio(runs: Run[], field: 'wallS' | 'trainS'): { ratio: Ratio; ours: number; pytorch: number } | undefined {
  const best = (who: Run['who']) => groups(runs).filter((g) => g.who === who && g.ok.length > 0).sort((a, b) => summarise(a.ok.map((r) => r[field]!)).mean - summarise(b.ok.map((r) => r[field]!)).mean)[0];
  const [o, p] = [best('ours'), best('pytorch')];
  if (!o || !p) return undefined;
  return { ratio: ratioOf(o.ok.map((r) => r[field]!), p.ok.map((r) => r[field]!)), ours: o.threads, pytorch: p.threads };
}

/** Where the interval lies against the issue's bar, ours <= 2.0x PyTorch's time. */
const barVerdict = (r: Ratio) => (r.hi <= 2 ? 'the whole interval is within the 2.0x bar' : r.lo > 2 ? 'the whole interval is above the 2.0x bar' : `the interval holds 2.0x (mean ${r.ratio <= 2 ? 'within' : 'above'} the bar)`);

function report(runs: Run[], env: Record<string, unknown>): string {
  const rows = groups(runs).map((g) => {
    const failed = runs.filter((r) => r.who === g.who && r.threads === g.threads && r.status !== 'ok');
    return [
      g.who === 'ours' ? `ours (wasm), ${g.threads} thread(s)` : `PyTorch replica, ${g.threads} thread(s)`,
      g.ok.length,
      cellOf(g.ok.map((r) => r.wallS!)),
      cellOf(g.ok.map((r) => r.trainS!)),
      g.ok.map((r) => r.modes).join(', ') || '-',
      cellOf(g.ok.map((r) => 100 * r.hq!)),
      failed.length ? `${failed[0].status}: ${failed[0].reason ?? ''}` : '',
    ];
  });
  const ratios = (['wallS', 'trainS'] as const).map((f) => {
    const r = ratio(runs, f);
    return r ? `- ours / PyTorch, ${f === 'wallS' ? 'whole process wall time' : 'training time'}: **${ratioCell(r.ratio)}** (ours on ${r.ours}, PyTorch on ${r.pytorch} thread(s); ${r.ratio.verdict === 'within noise' ? 'within noise of parity' : 'interval excludes 1'}; ${barVerdict(r.ratio)})` : `- ours / PyTorch, ${f}: no PyTorch runs`;
  });
  return [
    '# The wgan-gp ring8 preset end to end: ours against the PyTorch replica',
    '',
    `Generated by \`npx nx run bench:ring8-preset-time${env.args ? ` -- ${env.args}` : ''}\` on ${env.date}; Node ${env.node}; ${env.cores} x ${env.cpu}; ${env.torch}. Load average at start ${env.loadStart}, at end ${env.loadEnd}; CPU time stolen by the hypervisor during the run: ${fmt(env.stealPercent as number | undefined)}%.`,
    '',
    `Ours: \`npx tsx apps/wgan-gp/src/main.ts --dataset ring8 --threads N\` (the preset as shipped: 8,000 steps, batch 256, evaluation, samples and checkpoints every 1,000 steps, the stability monitor every 500, the report). PyTorch: \`research/pytorch/mixture_replica.py\` with the preset's settings (\`${replicaArgs(1).join(' ')}\`), which evaluates every 2,000 steps and writes nothing. Each configuration ran in ${env.repeats} processes, rounds alternating. Wall = the whole process (start-up included); training = what each run reports (ours: the steps alone; the replica: steps and its evaluations). Cells: mean ± 95% t interval over processes; modes and HQ share of the EMA generator at the end (8 modes; HQ = share of samples within 3 sigma of a mode).`,
    '',
    markdownTable(['configuration', 'runs', 'wall s', 'training s', 'modes (EMA)', 'HQ % (EMA)', 'failures'], rows),
    '',
    ...ratios,
    '',
  ].join('\n');
}

function main(): void {
  const { values: args } = parseArgs({ options: { repeats: { type: 'string', default: '3' }, threads: { type: 'string', default: THREADS.join(',') } } });
  const rounds = Number(args.repeats);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--repeats ${args.repeats}: pass a whole number of processes per configuration, 1 or more`);
  const threadCounts = args.threads.split(',').map(Number);
  if (threadCounts.length === 0 || threadCounts.some((t) => !THREADS.includes(t))) throw new Error(`--threads ${args.threads}: pass thread counts from ${THREADS.join(', ')}, comma-separated`);
  const torch = findTorchPython();
  const loadStart = os.loadavg().map((l) => l.toFixed(2)).join(' / ');
  const ticks = cpuTicks();
  const runs: Run[] = [];
  for (let round = 1; round <= rounds; round++) {
    for (const threads of threadCounts) {
      process.stdout.write(`round ${round}/${rounds}: ours, ${threads} thread(s)...\n`);
      runs.push(runOurs(threads));
      process.stdout.write(`round ${round}/${rounds}: PyTorch replica, ${threads} thread(s)...\n`);
      runs.push(torch.exe ? runPytorch(threads, torch.exe) : { who: 'pytorch', threads, status: 'skipped', reason: torch.why });
      const last = runs.slice(-2).map((r) => (r.status === 'ok' ? `${r.who} ${fmt(r.wallS)} s wall, ${fmt(r.trainS)} s training, ${r.modes} modes, HQ ${fmt(100 * r.hq!)}%` : `${r.who} ${r.status}: ${r.reason}`));
      process.stdout.write(`  ${last.join('; ')}\n`);
    }
  }
  const env = {
    args: process.argv.slice(2).join(' '), repeats: rounds, date: new Date().toISOString(), node: process.version, cpu: os.cpus()[0]?.model ?? 'unknown cpu', cores: os.cpus().length,
    torch: torch.exe ? `PyTorch ${torch.version} (${torch.exe})` : 'no PyTorch', loadStart, loadEnd: os.loadavg().map((l) => l.toFixed(2)).join(' / '), stealPercent: stealPercent(ticks, cpuTicks()),
  };
  const md = report(runs, env);
  const outDir = path.join(root, 'benchmarks');
  fs.writeFileSync(path.join(outDir, 'ring8-preset-time.json'), `${JSON.stringify({ environment: env, runs }, null, 2)}\n`);
  fs.writeFileSync(path.join(outDir, 'ring8-preset-time.md'), `${md}\n`);
  process.stdout.write(`\n${md}\nwrote benchmarks/ring8-preset-time.json and ring8-preset-time.md\n`);
}

main();
