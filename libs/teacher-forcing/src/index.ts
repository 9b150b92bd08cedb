/**
 * @stablegen/teacher-forcing: scheduled sampling (Bengio et al. 2015). Schedules for the
 * probability eps_i of feeding the ground-truth previous token (constant, linear, exponential,
 * inverse sigmoid; `createTfSchedule` maps `--tf-schedule` names to them) and the per-step mix
 * of ground truth and the model's own greedy or sampled prediction.
 */
export {
  constantSchedule,
  linearSchedule,
  exponentialSchedule,
  inverseSigmoidSchedule,
  type TfSchedule,
  type LinearScheduleOptions,
} from './schedules.js';
export {
  createTfSchedule,
  parseTfScheduleName,
  TF_SCHEDULE_NAMES,
  type TfScheduleName,
  type TfScheduleParams,
} from './factory.js';
export { greedyTokens, sampleTokens } from './predict-tokens.js';
export {
  chooseDecoderInputs,
  type ChooseOptions,
  type DecoderInputs,
  type PredictionMode,
} from './choose-inputs.js';
