/**
 * Progress: a bar with step, losses, steps/s and ETA on a terminal (cli-progress); plain periodic
 * lines when stdout is not a TTY (CI, pipes).
 */
import { SingleBar } from 'cli-progress';

export interface Progress {
  update(step: number, metrics: Record<string, number>): void;
  /** A message that must not be overwritten by the bar. */
  log(line: string): void;
  stop(): void;
}

const fmt = (metrics: Record<string, number>): string =>
  Object.entries(metrics)
    .filter(([k]) => k.startsWith('loss'))
    .map(([k, v]) => `${k} ${v.toPrecision(4)}`)
    .join('  ');

export function createProgress(total: number, start: number, tty = Boolean(process.stdout.isTTY)): Progress {
  const began = Date.now();
  const rate = (step: number) => (step - start) / Math.max((Date.now() - began) / 1000, 1e-3);
  if (tty) {
    const bar = new SingleBar({ format: 'step {value}/{total} [{bar}] {rate} steps/s  eta {eta_formatted}  {losses}', hideCursor: true });
    bar.start(total, start, { rate: '0.00', losses: '' });
    return {
      update: (step, m) => bar.update(step, { rate: rate(step).toFixed(2), losses: fmt(m) }),
      log: (line) => {
        process.stdout.write('\r\x1b[2K' + line + '\n');
      },
      stop: () => bar.stop(),
    };
  }
  const every = Math.max(1, Math.round(total / 20));
  return {
    update: (step, m) => {
      if (step % every !== 0 && step !== total) return;
      const r = rate(step);
      const eta = r > 0 ? Math.round((total - step) / r) : 0;
      console.log(`step ${step}/${total}  ${r.toFixed(2)} steps/s  eta ${eta}s  ${fmt(m)}`);
    },
    log: (line) => console.log(line),
    stop: () => {},
  };
}
