/**
 * @stablegen/trainer: the model-agnostic training loop, config from flags, run directories,
 * checkpoints and resume.
 */
export { train, type TrainOptions, type TrainResult } from './train.js';
export type { TrainCallback, StepEndInfo } from './callbacks.js';
export { learningRateOf, scaleLearningRates, type RollbackPolicy, type RollbackRequest } from './rollback/protocol.js';
export { divergenceGuard, type DivergenceGuard, type DivergenceGuardOptions } from './rollback/divergence-guard.js';
export type { Recipe, StepContext, SampleArtifact } from './recipe.js';
export { baseConfigSchema, BACKENDS, type BaseConfig, type BaseDefaults } from './config/base-config.js';
export { resolveConfig, type ResolvedConfig } from './config/resolve-config.js';
export { parseFlags, parseCommand, buildCommand } from './config/parse-flags.js';
export { datasetPresetFile, flagValue, withDatasetPresetIn } from './config/dataset-preset.js';
export { UserError, runMain, exitCodeOf, formatUserError, isUserError } from './user-error.js';
export { type Checkpointable, collectTensors, restoreTensors } from './checkpoint/checkpointable.js';
export {
  writeCheckpoint,
  readCheckpoint,
  readLatestGoodCheckpoint,
  listCheckpoints,
  checkpointName,
  type CheckpointData,
} from './checkpoint/checkpoint-format.js';
export { createRunDir, defaultRunRoot } from './run-dir.js';
export { imageGridPng } from './image-grid.js';
export { exportLayersModel, fileModelLoader, type GeneratorContract } from './export-model.js';
export { createProgress, formatEta, RecentRate, type Progress } from './progress.js';
export { runApp, appExitCode, resolveAppConfig, type RunAppOptions } from './run-app.js';
export { createStepRunner, type StepRunner } from './step-runner.js';
export { captureEnvironment, type RunEnvironment } from './run-environment.js';
export { schemaFields, kebab, camel, type FieldInfo } from './config/schema-fields.js';
export { startReplicas, type ReplicaGroup, type StartReplicasOptions } from './data-parallel/start-replicas.js';
export { allReduceGradients, type ReducedGradients } from './data-parallel/all-reduce-gradients.js';
export { shardOf, type ReplicaContext, type ReplicaFactory, type ReplicaProgram } from './data-parallel/replica-context.js';
export { ReplicaChannel, ReplicaFailure } from './data-parallel/replica-channel.js';
