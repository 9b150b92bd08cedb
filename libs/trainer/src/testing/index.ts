/** @stablegen/trainer/testing: helpers the families' tests share. */
export { compareResumedRun, type ResumeComparison } from './resume-check.js';
export { runAppCaptured, type CapturedRun } from './in-process.js';
export { undescribedFlags } from './help-check.js';
