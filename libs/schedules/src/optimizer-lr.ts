import type { Optimizer } from '@tensorflow/tfjs-core';
import type { Schedule } from './schedule.js';

/*
 * How tfjs optimizers hold their rate: SGD and Momentum cache `-lr` as a kept scalar and expose
 * `setLearningRate`; Adam, Adamax, RMSProp, Adagrad and Adadelta read the `learningRate` field
 * (protected in the typings, a plain field at runtime) on every `applyGradients`.
 */

interface WithSetter { setLearningRate(lr: number): void }
interface WithField { learningRate: number }

/**
 * Sets an optimizer's learning rate for the next `applyGradients`/`minimize`:
 * calls `setLearningRate(lr)` where the optimizer has it (tf.train.sgd, tf.train.momentum: the
 * old cached scalar is disposed, so the tensor count does not change), otherwise assigns the
 * `learningRate` field (tf.train.adam and the rest). Throws for anything that has neither, or
 * for a non-finite or negative lr.
 */
export function setLearningRate(optimizer: Optimizer, lr: number): void {
  if (!Number.isFinite(lr) || lr < 0) throw new Error(`setLearningRate: lr must be a finite number >= 0, got ${lr}`);
  const o = optimizer as Partial<WithSetter> & Partial<WithField>;
  if (typeof o.setLearningRate === 'function') {
    o.setLearningRate(lr);
  } else if (typeof o.learningRate === 'number') {
    o.learningRate = lr;
  } else {
    const name = (optimizer as { constructor?: { name?: string } }).constructor?.name ?? typeof optimizer;
    throw new Error(`setLearningRate: ${name} has neither setLearningRate() nor a numeric learningRate field`);
  }
}

/**
 * Returns `(step) => lr` that sets the optimizer's learning rate to `schedule(step)` and returns
 * it; call it once per step before `optimizer.minimize(...)` and log the returned value.
 */
export function learningRateDriver(optimizer: Optimizer, schedule: Schedule): (step: number) => number {
  setLearningRate(optimizer, schedule(0)); // fail at construction, not at step 0 of a long run
  return (step) => {
    const lr = schedule(step);
    setLearningRate(optimizer, lr);
    return lr;
  };
}
