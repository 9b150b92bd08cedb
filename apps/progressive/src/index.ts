/** The progressive family as a library: its recipe and config schema (the step benches drive them). */
export { progressiveRecipe } from './recipe.js';
export { progressiveSchema, type ProgressiveConfig } from './config.js';
export { progressiveApp } from './app.js';
