/**
 * Progress: a bar with step, losses, steps/s and ETA on a terminal (cli-progress); plain periodic
 * lines when stdout is not a TTY (CI, pipes). The rate shown is the one the ETA uses: steps per
 * second over the recent window (the last 30 s or 200 steps), so a run that slowed down (a larger
 * resolution, a busy machine) says so at once; the ETA reads h:mm:ss.
 */
import { SingleBar } from 'cli-progress';

export interface Progress {
  update(step: number, metrics: Record<string, number>): void;
  /** A message that must not be overwritten by the bar. */
  log(line: string): void;
  stop(): void;
}

/** Steps per second over the last `seconds` or `steps`, whichever window is shorter (at least two samples). */
export class RecentRate {
  private readonly marks: { t: number; step: number }[] = [];

  constructor(
    private readonly seconds = 30,
    private readonly steps = 200,
  ) {}

  add(step: number, t: number): void {
    this.marks.push({ t, step });
    while (this.marks.length > 2 && (t - this.marks[1].t > this.seconds * 1000 || step - this.marks[1].step > this.steps)) this.marks.shift();
  }

  /** Steps per second, or 0 before two marks. */
  rate(): number {
    if (this.marks.length < 2) return 0;
    const [a, b] = [this.marks[0], this.marks[this.marks.length - 1]];
    return b.t > a.t ? ((b.step - a.step) * 1000) / (b.t - a.t) : 0;
  }
}

/** 75 -> '1:15', 3725 -> '1:02:05'; '-' when unknown. */
export function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '-';
  const s = Math.round(seconds);
  const [h, m, r] = [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60];
  const two = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${two(m)}:${two(r)}` : `${m}:${two(r)}`;
}

const fmt = (metrics: Record<string, number>): string =>
  Object.entries(metrics)
    .filter(([k]) => k.startsWith('loss'))
    .map(([k, v]) => `${k} ${v.toPrecision(4)}`)
    .join('  ');

export function createProgress(total: number, start: number, tty = Boolean(process.stdout.isTTY), now = () => Date.now()): Progress {
  const recent = new RecentRate();
  recent.add(start, now());
  const status = (step: number) => {
    recent.add(step, now());
    const r = recent.rate();
    return { rate: r.toFixed(2), eta: r > 0 ? formatEta((total - step) / r) : '-' };
  };
  if (tty) {
    const bar = new SingleBar({ format: 'step {value}/{total} [{bar}] {rate} steps/s  eta {etaText}  {losses}', hideCursor: true });
    bar.start(total, start, { rate: '0.00', etaText: '-', losses: '' });
    return {
      update: (step, m) => {
        const s = status(step);
        bar.update(step, { rate: s.rate, etaText: s.eta, losses: fmt(m) });
      },
      log: (line) => {
        process.stdout.write('\r\x1b[2K' + line + '\n');
      },
      stop: () => bar.stop(),
    };
  }
  const every = Math.max(1, Math.round(total / 20));
  return {
    update: (step, m) => {
      const s = status(step);
      if (step % every !== 0 && step !== total) return;
      console.log(`step ${step}/${total}  ${s.rate} steps/s  eta ${s.eta}  ${fmt(m)}`);
    },
    log: (line) => console.log(line),
    stop: () => {},
  };
}
