/** The wgan-gp family as a library: its recipe, config schema and dataset presets (the step benches drive them). */
export { wganGpRecipe } from './recipe.js';
export { wganGpSchema, type WganGpConfig } from './config.js';
export { withDatasetPreset } from './presets.js';
export { wganGpApp } from './app.js';
