/** @stablegen/random: one seeded generator drives every random draw; its state goes into checkpoints. */
export { createRng, type Rng, type RngState } from './rng.js';
export { betaDraw, dirichletDraw, gammaDraw } from './gamma.js';
