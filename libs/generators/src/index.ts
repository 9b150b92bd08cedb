/** @stablegen/generators: DCGAN generator, MLP generator for 2-D data, growable progressive generator. */
export { buildDcganGenerator, type DcganGeneratorConfig, type DcganGeneratorOptions } from './dcgan-generator.js';
export { buildMlpGenerator, type MlpGeneratorConfig, type MlpGeneratorOptions } from './mlp-generator.js';
export { ProgressiveGenerator, type ProgressiveGeneratorConfig, type ProgressiveGeneratorOptions } from './progressive-generator.js';
export { firstNarrowStage } from './identity-growth.js';
export { baseBlock, upBlock, toRgb, type BlockContext } from './progressive-blocks.js';
