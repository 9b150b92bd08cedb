/**
 * Weights to differentiate or inspect: plain tf.Variables or tfjs-layers LayerVariables (what
 * `model.trainableWeights` / `model.weights` hold), resolved to named tf.Variables.
 */
import * as tf from '@tensorflow/tfjs-core';

/** A tf.Variable, or a LayerVariable (has `name` and `read()`, which returns its tf.Variable). */
export type WeightLike = tf.Variable | { readonly name: string; read(): tf.Tensor };

export interface NamedVariable {
  /** The weight's name, e.g. `dense_Dense1/kernel` for a layer's kernel. */
  name: string;
  variable: tf.Variable;
}

/** Resolves weights to named tf.Variables. Throws on an empty list or a duplicate variable. */
export function namedVariables(weights: readonly WeightLike[], what = 'weights'): NamedVariable[] {
  if (weights.length === 0) throw new Error(`${what}: no weights given`);
  const out = weights.map((w): NamedVariable => {
    const variable = w instanceof tf.Variable ? w : w.read();
    if (!(variable instanceof tf.Variable)) throw new Error(`${what}: weight '${w.name}' does not read as a tf.Variable`);
    return { name: w.name, variable };
  });
  const seen = new Set<string>();
  for (const { name, variable } of out) {
    if (seen.has(variable.name)) throw new Error(`${what}: weight '${name}' is listed twice`);
    seen.add(variable.name);
  }
  return out;
}

/** Like `namedVariables`, and every variable must be trainable (tfjs differentiates only those). */
export function trainableVariables(weights: readonly WeightLike[], what: string): NamedVariable[] {
  const vars = namedVariables(weights, what);
  const frozen = vars.find((v) => !v.variable.trainable);
  if (frozen) throw new Error(`${what}: weight '${frozen.name}' is not trainable, so tfjs gives it no gradient`);
  return vars;
}

/**
 * Gradients of `lossFn()` w.r.t. `vars`, in the order of `vars`; a weight the loss does not
 * depend on gets zeros. Call inside tf.tidy. Nested calls differentiate again (double backprop).
 * @returns value: the loss (scalar); grads: one tensor per variable, each of its variable's shape
 */
export function gradientList(lossFn: () => tf.Scalar, vars: readonly NamedVariable[]): { value: tf.Scalar; grads: tf.Tensor[] } {
  const { value, grads } = tf.variableGrads(
    // The zero term (ZerosLike has a zero gradient) keeps every weight connected to the loss, so
    // a weight the loss does not touch gets a zero gradient instead of tfjs's "cannot find a
    // connection" assertion; unlike 0 * w it stays 0 when w holds Inf.
    () => tf.add(lossFn(), tf.addN(vars.map((v) => tf.sum(tf.zerosLike(v.variable))))) as tf.Scalar,
    vars.map((v) => v.variable),
  );
  return { value, grads: vars.map((v) => grads[v.variable.name] ?? tf.zerosLike(v.variable)) };
}

/** Sum of elementwise products of two equally shaped tensor lists (a scalar). */
export function dotAll(a: readonly tf.Tensor[], b: readonly tf.Tensor[]): tf.Scalar {
  return tf.addN(a.map((t, i) => tf.sum(tf.mul(t, b[i])))) as tf.Scalar;
}
