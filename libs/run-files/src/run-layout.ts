/**
 * The files of one run directory (`runs/<family>/<name>/`), named once: config.json, metrics.jsonl,
 * events.jsonl, checkpoints/, samples/, generator/, report.html and the TensorBoard folder.
 */
import * as path from 'node:path';

export interface RunPaths {
  root: string;
  /** The full resolved config (plus `family` and the run's environment). */
  config: string;
  /** One JSON object per logged step: { step, time, ...metrics }. */
  metrics: string;
  /** Checkpoints, rollbacks, stops, overrides on resume: one JSON object per event. */
  events: string;
  checkpoints: string;
  samples: string;
  /** The exported generator (LayersModel format). */
  generator: string;
  report: string;
  /** TensorBoard event files. */
  tensorboard: string;
}

export function runPaths(root: string): RunPaths {
  return {
    root,
    config: path.join(root, 'config.json'),
    metrics: path.join(root, 'metrics.jsonl'),
    events: path.join(root, 'events.jsonl'),
    checkpoints: path.join(root, 'checkpoints'),
    samples: path.join(root, 'samples'),
    generator: path.join(root, 'generator'),
    report: path.join(root, 'report.html'),
    tensorboard: path.join(root, 'tensorboard'),
  };
}
