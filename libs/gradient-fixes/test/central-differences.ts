/** Shared by the fused-kernel gradient tests: float64 central differences and float32 comparisons. */

/** d fn / d arr[i] for every i, by central differences with step h (float64). */
export const central = (arr: number[], fn: (a: number[]) => number, h = 1e-6): number[] =>
  arr.map((_, i) => {
    const [plus, minus] = [[...arr], [...arr]];
    plus[i] += h;
    minus[i] -= h;
    return (fn(plus) - fn(minus)) / (2 * h);
  });

/** max |got - want| / max(1, |want|) over the elements. */
export const maxRelErr = (got: ArrayLike<number>, want: number[]): number => want.reduce((m, w, i) => Math.max(m, Math.abs(got[i] - w) / Math.max(1, Math.abs(w))), 0);

/** Whether two float32 arrays hold the same bits. */
export const sameBits = (a: Float32Array, b: Float32Array): boolean => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
