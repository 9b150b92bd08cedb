/** A model family's training step, as the kernel audit and the wasm training tests run it. */
export interface FamilyStep {
  /** Family name as in the report ('dcgan', 'wgan-gp', 'seq2seq', 'progressive'). */
  name: string;
  /** One optimizer step on a fixed batch; returns the losses before the step. */
  step(): Record<string, number>;
  /** Frees models, optimisers and the fixed batch. */
  dispose(): void;
}
