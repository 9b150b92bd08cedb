/** The gan family as a library: its recipe and config schema (the step benches drive them). */
export { ganRecipe } from './recipe.js';
export { ganSchema, ganClasses, type GanConfig } from './config.js';
export { ganApp } from './app.js';
