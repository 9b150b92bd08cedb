/**
 * An app's whole main: flags -> frozen config -> backend -> train -> report.html. Apps call
 * `runApp(recipe)` and nothing else, so every family behaves the same at the edge.
 */
import { initBackend } from '@stablegen/backend';
import { writeRunReport } from '@stablegen/report';
import type { BaseConfig } from './config/base-config.js';
import { resolveConfig } from './config/resolve-config.js';
import type { Recipe } from './recipe.js';
import type { TrainCallback } from './callbacks.js';
import { captureEnvironment } from './run-environment.js';
import { train } from './train.js';
import { exitCodeOf, runMain } from './user-error.js';

export interface RunAppOptions<M> {
  argv?: string[];
  /** Rewrites argv before parsing (flag shorthands, dataset presets); a UserError it throws is reported like any bad flag. */
  prepareArgv?: (argv: string[]) => string[];
  callbacks?: TrainCallback<M>[];
  /** Aborting acts like Ctrl-C: the step finishes, a checkpoint is written, the code is 130 (tests). */
  signal?: AbortSignal;
}

/**
 * The app's whole main in this process: 0 when training finished, 2 after a user error (its one
 * line on stderr), 130 when interrupted (checkpoint written). Tests call it with `argv`.
 */
export async function appExitCode<C extends BaseConfig, M>(recipe: Recipe<C, M>, options: RunAppOptions<M> = {}): Promise<number> {
  return exitCodeOf(async () => {
    const argv = options.argv ?? process.argv.slice(2);
    const resolved = resolveConfig(recipe.family, recipe.summary, recipe.schema, options.prepareArgv ? options.prepareArgv(argv) : argv);
    if (!resolved) return 0; // --help
    const config = Object.freeze({ ...resolved.config, ...recipe.resolveDefaults?.(resolved.config as Readonly<C>) }) as Readonly<C>;
    const backend = await initBackend(config.backend);
    const environment = captureEnvironment(backend);
    const result = await train(recipe, config, { callbacks: options.callbacks, signal: options.signal, environment });
    const report = await writeRunReport(result.runDir);
    console.log(`report: ${report.htmlPath}`);
    return result.interrupted ? 130 : 0;
  });
}

/** An app's main.ts: `await runApp(recipe, options)` runs it on process.argv and exits with its code. */
export async function runApp<C extends BaseConfig, M>(recipe: Recipe<C, M>, options: RunAppOptions<M> = {}): Promise<void> {
  await runMain(() => appExitCode(recipe, options));
}
