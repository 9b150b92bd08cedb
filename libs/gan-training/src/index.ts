/** @stablegen/gan-training: pieces the image-GAN families (gan, wgan-gp, progressive) share. */
export { createImageSource, type ImageSource, type ImageSourceOptions } from './image-source.js';
export { fixedLatent } from './fixed-latent.js';
export { latentPrior, labelsOf, type LatentPrior } from './latent-prior.js';
export { packLabelled, unpackLabelled } from './labelled-batch.js';
export { generate } from './generate.js';
export { createDigitEvaluator, type DigitEvaluator, type DigitEvaluatorOptions } from './digit-evaluation.js';
export { sampleGrid } from './sample-grid.js';
export { createMixtureEvaluator, scoreMixture, type MixtureEvaluator, type MixtureScores } from './mixture-evaluation.js';
export { mixtureSampleArtifacts, mixtureScatterSvg, pointsCsv } from './mixture-samples.js';
export { chainLayers, forwardOf, type Forward } from './layer-chain.js';
export { imageRealData, imageView, mixtureTrainingData, type GeneratorView, type MixtureTrainingOptions, type RealData } from './training-data.js';
export { ganStabilityMonitor, monitorFlags, probeBatches, type GanMonitorOptions, type MonitoredGan } from './gan-monitor.js';
export { ganDataFlags, mlpHidden } from './data-flags.js';
export { withDataFolderFlag } from './data-folder-flag.js';
export { buildGanPair, disposeGanPair, adamPair, outputOf, type GanPair, type GanPairConfig, type GanPairOptions } from './gan-pair.js';
export { wganCriticUpdate, type WganCriticUpdate } from './wgan-critic-update.js';
export { imageFolderFlags, loadFolderImages, mixedSourcesLine, type FolderLoadOptions } from './image-folder-data.js';
export { emaFlags, evaluateWithEma, exportWithEma, generatorEma, sampleWithEma } from './generator-ema.js';
