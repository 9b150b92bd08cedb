/**
 * He's constant (He et al. 2015): the weight scale sqrt(gain / fanIn) that keeps activations at
 * unit variance (gain 2 before a ReLU, 1 before a linear output). Equalised learning rate
 * (Karras et al. 2018, sec. 4.1) stores weights as N(0, 1) and multiplies by it at run time.
 */
export function heConstant(fanIn: number, gain = 2): number {
  if (!(fanIn > 0)) throw new Error(`heConstant: fanIn must be positive, got ${fanIn}`);
  if (!(gain > 0)) throw new Error(`heConstant: gain must be positive, got ${gain}`);
  return Math.sqrt(gain / fanIn);
}
