/** What the step benchmarks record about the machine a sitting ran on. */
import * as fs from 'node:fs';

export interface CpuTicks {
  total: number;
  steal: number;
}

/** Total and stolen CPU ticks so far (/proc/stat; undefined off Linux). Steal = time the hypervisor gave our vCPUs to someone else. */
export function cpuTicks(): CpuTicks | undefined {
  try {
    const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    return { total: f.reduce((a, b) => a + b, 0), steal: f[7] ?? 0 };
  } catch {
    return undefined;
  }
}

/** Stolen share (%) of the CPU time between two readings. */
export function stealPercent(a?: CpuTicks, b?: CpuTicks): number | undefined {
  return a && b && b.total > a.total ? (100 * (b.steal - a.steal)) / (b.total - a.total) : undefined;
}
