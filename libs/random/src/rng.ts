/**
 * Seeded randomness. One `Rng` built from the config's seed drives every random op we issue:
 * JS-side draws (`uniform`, `normal`, `int`) come from it directly, and tfjs random ops and layer
 * initialisers get their integer seed from `nextSeed()`. Its state can be saved in a checkpoint and
 * restored, so a resumed run draws the same numbers as an uninterrupted one.
 */
import seedrandom from 'seedrandom';

/** Serializable generator state (ARC4 pool), as stored in checkpoints. */
export interface RngState {
  i: number;
  j: number;
  S: number[];
}

export interface Rng {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Standard normal (Box-Muller). */
  normal(): number;
  /** Integer in [0, n). */
  int(n: number): number;
  /** A 31-bit integer seed for `tf.randomNormal(..., seed)` or an initialiser's `seed`. */
  nextSeed(): number;
  /** In-place Fisher-Yates shuffle; returns the same array. */
  shuffle<T>(items: T[]): T[];
  /** A copy of the current state. */
  state(): RngState;
}

/** Creates a generator from `seed`, or resumes one from `state` (the seed is then ignored). */
export function createRng(seed: number, state?: RngState): Rng {
  if (!Number.isFinite(seed)) throw new Error(`createRng: seed must be a finite number, got ${seed}`);
  const prng = seedrandom(String(seed), { state: state ? cloneState(state) : true });
  const uniform = (): number => prng.double();
  return {
    uniform,
    normal: () => {
      const u1 = 1 - uniform(); // (0, 1]: log never sees 0
      const u2 = uniform();
      return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    },
    int: (n) => Math.floor(uniform() * n),
    nextSeed: () => prng.int32() >>> 1,
    shuffle: (items) => {
      for (let i = items.length - 1; i > 0; i--) {
        const k = Math.floor(uniform() * (i + 1));
        [items[i], items[k]] = [items[k], items[i]];
      }
      return items;
    },
    state: () => cloneState(prng.state() as unknown as RngState),
  };
}

function cloneState(s: RngState): RngState {
  return { i: s.i, j: s.j, S: [...s.S] };
}
