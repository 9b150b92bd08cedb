/** What a data-parallel replica's program sees of its group. */
export interface ReplicaContext {
  /** This replica's place in the group: 0 (the calling thread) to replicas - 1. */
  index: number;
  replicas: number;
  /** Every replica's values averaged in replica order, the same bits on every replica (see ReplicaChannel). */
  allReduceMean(values: Float32Array): Float32Array;
}

/** One replica's share of the work: `step` runs one training step on its shard, all-reducing what it must. */
export interface ReplicaProgram {
  /** Returns the step's figures (replica 0's are what the group returns). */
  step(): Record<string, number>;
  dispose?(): void;
}

/**
 * Builds one replica's program. Every replica calls it with the same `data`, on its own backend,
 * so the same seed gives the same initial weights on each.
 */
export type ReplicaFactory<D> = (context: ReplicaContext, data: D) => ReplicaProgram | Promise<ReplicaProgram>;

/** The rows [start, start + size) of a batch of `batch` rows that replica `index` of `replicas` takes. */
export function shardOf(batch: number, index: number, replicas: number): { start: number; size: number } {
  if (batch % replicas !== 0) throw new Error(`a batch of ${batch} does not split evenly over ${replicas} replicas; pick a batch size divisible by ${replicas}`);
  const size = batch / replicas;
  return { start: index * size, size };
}

/** A replica's view of its channel. */
export function contextOf(channel: { index: number; init: { replicas: number }; allReduceMean(values: Float32Array): Float32Array }): ReplicaContext {
  return { index: channel.index, replicas: channel.init.replicas, allReduceMean: (values) => channel.allReduceMean(values) };
}

/** Imports `entry` (a file URL) and returns its export `name`, which must be a ReplicaFactory. */
export async function loadFactory<D>(entry: string, name: string): Promise<ReplicaFactory<D>> {
  const module = (await import(entry)) as Record<string, unknown>;
  const factory = module[name];
  if (typeof factory !== 'function') throw new Error(`${entry} has no exported function ${name} to build a replica's program`);
  return factory as ReplicaFactory<D>;
}
