/**
 * Benchmarks: the reference DCGAN step per backend (`nx run bench:dcgan-step`) and the wasm kernel
 * audit of the families' shipped steps (`nx run bench:kernel-audit`).
 */
export * from './reference-dcgan.js';
export { FAMILY_STEPS, type FamilyStepSpec } from './family-steps.js';
export { aggregateKernels, profileStep, snapshotWasmKernels, wasmKernelStatus, type KernelRow, type KernelStatus } from './kernel-profile.js';
