/**
 * The host side of one beam-search step for one example: from the alive hypotheses' scores and
 * the next-token log-probabilities, pick the `width` best continuations that do not end, and
 * record the ones that end (END) among the candidates ranked above them as finished.
 */
import { END } from '@stablegen/data';

export interface Hypothesis {
  tokens: number[];
  /** sum of token log-probabilities (END included) */
  score: number;
}

export interface Continuation {
  /** beam (0..width-1) it extends */
  parent: number;
  token: number;
  score: number;
}

/**
 * @param scores [width] alive scores (-Infinity for unused beams)
 * @param logp [width * V] log-probabilities of the next token per beam, row-major
 * @returns the next alive beams (exactly `width`, best first) and the newly finished ones
 */
export function selectContinuations(
  scores: ArrayLike<number>,
  logp: ArrayLike<number>,
  vocab: number,
  width: number,
): { alive: Continuation[]; finished: Continuation[] } {
  const all: Continuation[] = [];
  for (let j = 0; j < width; j++) {
    if (scores[j] === -Infinity) continue;
    for (let v = 0; v < vocab; v++) all.push({ parent: j, token: v, score: scores[j] + logp[j * vocab + v] });
  }
  all.sort((a, b) => b.score - a.score || a.parent - b.parent || a.token - b.token);
  const alive: Continuation[] = [];
  const finished: Continuation[] = [];
  for (const c of all) {
    if (alive.length === width) break;
    (c.token === END ? finished : alive).push(c);
  }
  return { alive, finished };
}
