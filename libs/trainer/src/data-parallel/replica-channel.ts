/**
 * The shared memory of one group of data-parallel replicas (one per thread): a barrier, the step
 * command the first replica posts, a failure flag with its message, and the slots of the gradient
 * all-reduce. Every replica reads it through its own `ReplicaChannel`; all waits are Atomics.wait
 * (allowed on Node's main thread), in short slices so a failed replica or a stalled one ends the
 * wait with an error instead of a hang.
 */

/** Int32 control words. */
const ARRIVED = 0;
const GENERATION = 1;
const COMMAND = 2;
const COMMAND_SEQ = 3;
const FAILED = 4;
const FAILED_REPLICA = 5;
const MESSAGE_LENGTH = 6;
const CONTROL_INTS = 8;
const MESSAGE_BYTES = 2048;
/** A waiting replica looks at the failure flag this often (ms). */
const SLICE_MS = 50;

export const COMMAND_STEP = 1;
export const COMMAND_STOP = 2;

/** What `ReplicaChannel.create` allocates, handed to each replica (structured-cloneable). */
export interface ReplicaChannelInit {
  buffer: SharedArrayBuffer;
  replicas: number;
  /** Floats one replica can all-reduce at once. */
  capacity: number;
  /** A wait with no progress for this long fails (ms). */
  timeoutMs: number;
}

/** Thrown in every replica once one has failed: names the replica and its cause. */
export class ReplicaFailure extends Error {}

export class ReplicaChannel {
  private readonly control: Int32Array;
  private readonly message: Uint8Array;
  /** `replicas` slots of `capacity` floats, one per replica. */
  private readonly slots: Float32Array;
  /** `capacity` floats: the average. */
  private readonly result: Float32Array;
  private commandsSeen = 0;
  private generation = 0;

  static create(replicas: number, capacity: number, timeoutMs = 600_000): ReplicaChannelInit {
    const bytes = CONTROL_INTS * 4 + MESSAGE_BYTES + (replicas + 1) * capacity * 4;
    return { buffer: new SharedArrayBuffer(bytes), replicas, capacity, timeoutMs };
  }

  constructor(
    readonly init: ReplicaChannelInit,
    readonly index: number,
  ) {
    this.control = new Int32Array(init.buffer, 0, CONTROL_INTS);
    this.message = new Uint8Array(init.buffer, CONTROL_INTS * 4, MESSAGE_BYTES);
    const slotsAt = CONTROL_INTS * 4 + MESSAGE_BYTES;
    this.slots = new Float32Array(init.buffer, slotsAt, init.replicas * init.capacity);
    this.result = new Float32Array(init.buffer, slotsAt + init.replicas * init.capacity * 4, init.capacity);
  }

  /** Blocks until every replica has called it as often as this one. */
  barrier(): void {
    const { replicas } = this.init;
    const generation = this.generation++;
    if (Atomics.add(this.control, ARRIVED, 1) === replicas - 1) {
      Atomics.store(this.control, ARRIVED, 0);
      Atomics.store(this.control, GENERATION, generation + 1);
      Atomics.notify(this.control, GENERATION);
      return;
    }
    this.waitWhile(GENERATION, generation, 'reach the barrier');
  }

  /**
   * Every replica's `values` averaged: (v_0 + v_1 + ... + v_{n-1}) / n, summed in replica order in
   * float32, so every replica gets the same bits. Each replica writes its slot, then averages its
   * own 1/n of the positions into the shared result (two barriers).
   * @param values at most `capacity` floats, the same length on every replica
   */
  allReduceMean(values: Float32Array): Float32Array {
    const { replicas, capacity } = this.init;
    if (values.length > capacity) throw new Error(`allReduceMean: ${values.length} floats, but the group was started with room for ${capacity}; pass a larger capacity to startReplicas`);
    this.slot(this.index).set(values);
    this.barrier();
    const chunk = Math.ceil(values.length / replicas);
    const from = Math.min(values.length, this.index * chunk);
    const to = Math.min(values.length, from + chunk);
    if (replicas === 1) this.result.set(values);
    else sumPairInto(this.result, this.slot(0), this.slot(1), from, to);
    for (let r = 2; r < replicas; r++) addInto(this.result, this.slot(r), from, to);
    divideInto(this.result, replicas, from, to);
    // Slots are read only between these two barriers and the result only after the second, so the
    // next all-reduce (which must pass the first barrier again) cannot overwrite what is still read.
    this.barrier();
    return new Float32Array(this.result.subarray(0, values.length)); // a copy (3x faster than slice() of shared memory here)
  }

  private slot(replica: number): Float32Array {
    const { capacity } = this.init;
    return this.slots.subarray(replica * capacity, (replica + 1) * capacity);
  }

  /** Replica 0: tells the others what to do next. */
  post(command: number): void {
    Atomics.store(this.control, COMMAND, command);
    Atomics.add(this.control, COMMAND_SEQ, 1);
    Atomics.notify(this.control, COMMAND_SEQ);
  }

  /** The other replicas: waits for replica 0's next command. */
  nextCommand(): number {
    this.waitWhile(COMMAND_SEQ, this.commandsSeen, 'post a command', Infinity);
    this.commandsSeen++;
    return Atomics.load(this.control, COMMAND);
  }

  /** Marks the group failed (the first failure wins) and wakes every waiting replica. */
  fail(message: string): void {
    if (Atomics.compareExchange(this.control, FAILED, 0, 1) !== 0) return;
    const bytes = new TextEncoder().encode(message).subarray(0, MESSAGE_BYTES);
    this.message.set(bytes);
    Atomics.store(this.control, FAILED_REPLICA, this.index);
    Atomics.store(this.control, MESSAGE_LENGTH, bytes.length);
    Atomics.store(this.control, FAILED, 2);
    for (const word of [GENERATION, COMMAND_SEQ]) Atomics.notify(this.control, word);
  }

  /** The failure, when a replica has failed. */
  failure(): ReplicaFailure | undefined {
    if (Atomics.load(this.control, FAILED) !== 2) return undefined;
    const text = new TextDecoder().decode(this.message.slice(0, Atomics.load(this.control, MESSAGE_LENGTH)));
    return new ReplicaFailure(`data-parallel replica ${Atomics.load(this.control, FAILED_REPLICA)} failed: ${text}`);
  }

  /** Waits while control[word] === value, checking for failures; fails after the timeout with no progress. */
  private waitWhile(word: number, value: number, what: string, timeoutMs = this.init.timeoutMs): void {
    const start = Date.now();
    while (Atomics.load(this.control, word) === value) {
      const failure = this.failure();
      if (failure) throw failure;
      if (Date.now() - start > timeoutMs) {
        throw new ReplicaFailure(`data-parallel replica ${this.index}: another replica did not ${what} within ${timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)} s`}; it may be stuck or have crashed`);
      }
      Atomics.wait(this.control, word, value, SLICE_MS);
    }
    const failure = this.failure();
    if (failure) throw failure;
  }
}

/** out[j] = x[j] + y[j] for j in [from, to). */
function sumPairInto(out: Float32Array, x: Float32Array, y: Float32Array, from: number, to: number): void {
  for (let j = from; j < to; j++) out[j] = x[j] + y[j];
}

/** out[j] += x[j] for j in [from, to) (one monomorphic loop: V8 keeps it fast). */
function addInto(out: Float32Array, x: Float32Array, from: number, to: number): void {
  for (let j = from; j < to; j++) out[j] += x[j];
}

function divideInto(out: Float32Array, n: number, from: number, to: number): void {
  for (let j = from; j < to; j++) out[j] /= n;
}
