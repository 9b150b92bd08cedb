/**
 * Per-kernel time of one training step (tf.profile), and whether each kernel on wasm is the
 * package's own, one that tfjs-backend-wasm lacks and @stablegen/backend adds, or a built-in that
 * @stablegen/backend replaces.
 */
import * as tf from '@tensorflow/tfjs-core';

export type KernelStatus = 'built-in' | 'added' | 'replaced';

export interface KernelRow {
  name: string;
  calls: number;
  totalMs: number;
  /** Status on wasm; undefined when profiled on another backend. */
  status?: KernelStatus;
}

/** Kernel functions registered for wasm right now (call before `registerWasmTrainingKernels`). */
export function snapshotWasmKernels(): Map<string, tf.KernelFunc> {
  return new Map(tf.getKernelsForBackend('wasm').map((k) => [k.kernelName, k.kernelFunc]));
}

/** Compares what is registered now with a snapshot taken before our kernels were registered. */
export function wasmKernelStatus(name: string, before: Map<string, tf.KernelFunc>): KernelStatus {
  const now = tf.getKernel(name, 'wasm')?.kernelFunc;
  if (!before.has(name)) return 'added';
  return now === before.get(name) ? 'built-in' : 'replaced';
}

/**
 * Sums kernel time per kernel name, largest first. Entries named `<op>__op` are op-level wrappers
 * (custom-gradient ops) whose time already includes their kernels; they are left out.
 */
export function aggregateKernels(kernels: { name: string; kernelTimeMs: number }[]): KernelRow[] {
  const rows = new Map<string, KernelRow>();
  for (const k of kernels) {
    if (k.name.endsWith('__op')) continue;
    const row = rows.get(k.name) ?? { name: k.name, calls: 0, totalMs: 0 };
    row.calls += 1;
    row.totalMs += k.kernelTimeMs;
    rows.set(k.name, row);
  }
  return [...rows.values()].sort((a, b) => b.totalMs - a.totalMs || a.name.localeCompare(b.name));
}

/** Profiles one call of `step` on the active backend. */
export async function profileStep(step: () => void, wasmBefore?: Map<string, tf.KernelFunc>): Promise<KernelRow[]> {
  const info = await tf.profile(() => {
    step();
  });
  const kernels = await Promise.all(info.kernels.map(async (k) => ({ name: k.name, kernelTimeMs: Number(await k.kernelTimeMs) })));
  const rows = aggregateKernels(kernels);
  if (wasmBefore !== undefined && tf.getBackend() === 'wasm') {
    for (const row of rows) row.status = wasmKernelStatus(row.name, wasmBefore);
  }
  return rows;
}
