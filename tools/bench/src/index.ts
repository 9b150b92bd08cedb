/**
 * Benchmarks: the reference DCGAN step per backend (`nx run bench:dcgan-step`) and the wasm kernel
 * audit of the four model families (`nx run bench:kernel-audit`). The models are exported so
 * tests elsewhere can train them.
 */
export * from './reference-dcgan.js';
export type { FamilyStep } from './families/family.js';
export { dcganFamily } from './families/dcgan.js';
export { wganGpFamily, buildCritic, gradientPenalty, type CriticActivation } from './families/wgan-gp.js';
export { seq2seqFamily, buildSeq2seq, seq2seqLoss, DEFAULT_SEQ2SEQ, type Seq2seqSizes } from './families/seq2seq.js';
export { progressiveFamily } from './families/progressive.js';
export { aggregateKernels, profileStep, snapshotWasmKernels, wasmKernelStatus, type KernelRow, type KernelStatus } from './kernel-profile.js';
