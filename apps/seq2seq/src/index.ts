/** Encoder-decoder with attention and scheduled teacher forcing; measures the exposure-bias gap. */
export { seq2seqRecipe } from './recipe.js';
export { seq2seqSchema, type Seq2SeqConfig } from './config.js';
export { createParams, paramShapes, paramList, type Seq2SeqDims, type Seq2SeqParams } from './model/params.js';
export { encode, type Encoded } from './model/encoder.js';
export { decoderStep, prepareDecoder, initialState, type DecoderState, type DecoderContext } from './model/decoder.js';
export { translate, type Seq2SeqModel } from './model/seq2seq-model.js';
export { saveSeq2Seq, loadSeq2Seq } from './model/save-load.js';
export { greedyDecode } from './decode/greedy.js';
export { beamDecode } from './decode/beam.js';
export { scoreSplit, type SplitScores } from './eval/evaluate.js';
export { seq2seqApp } from './app.js';
