/**
 * One Adam update of one variable in a single pass, four lanes at a time, for @stablegen/backend's
 * `StablegenAdamUpdate` on wasm (pointers are byte offsets in tfjs-backend-wasm's memory; `n`
 * counts floats). Each element goes through the same float32 operations, in the same order, as
 * tf.train.adam's 14 kernels (see @stablegen/optimizers' adamUpdateInto), and every one is an
 * IEEE operation (multiply, add, divide, square root; no fused multiply-add), so the result is
 * bit-identical to them. Outputs must not overlap the inputs.
 *   m' = m beta1 + g (1 - beta1);  v' = v beta2 + g^2 (1 - beta2);
 *   x' = ((m' / c1) / (sqrt(v' / c2) + eps)) (-lr) + x
 */
export function adamUpdate(
  x: usize, m: usize, v: usize, g: usize, n: i32,
  beta1: f32, beta2: f32, oneMinusBeta1: f32, oneMinusBeta2: f32,
  correction1: f32, correction2: f32, epsilon: f32, negLearningRate: f32,
  xOut: usize, mOut: usize, vOut: usize,
): void {
  const b1 = f32x4.splat(beta1);
  const b2 = f32x4.splat(beta2);
  const o1 = f32x4.splat(oneMinusBeta1);
  const o2 = f32x4.splat(oneMinusBeta2);
  const c1 = f32x4.splat(correction1);
  const c2 = f32x4.splat(correction2);
  const eps = f32x4.splat(epsilon);
  const lr = f32x4.splat(negLearningRate);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    const gi = v128.load(g + o);
    const mi = f32x4.add(f32x4.mul(v128.load(m + o), b1), f32x4.mul(gi, o1));
    const vi = f32x4.add(f32x4.mul(v128.load(v + o), b2), f32x4.mul(f32x4.mul(gi, gi), o2));
    const step = f32x4.div(f32x4.div(mi, c1), f32x4.add(f32x4.sqrt(f32x4.div(vi, c2)), eps));
    v128.store(mOut + o, mi);
    v128.store(vOut + o, vi);
    v128.store(xOut + o, f32x4.add(f32x4.mul(step, lr), v128.load(x + o)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    const gi = load<f32>(g + o);
    const mi = load<f32>(m + o) * beta1 + gi * oneMinusBeta1;
    const vi = load<f32>(v + o) * beta2 + gi * gi * oneMinusBeta2;
    const step = mi / correction1 / (sqrt<f32>(vi / correction2) + epsilon);
    store<f32>(mOut + o, mi);
    store<f32>(vOut + o, vi);
    store<f32>(xOut + o, step * negLearningRate + load<f32>(x + o));
  }
}
