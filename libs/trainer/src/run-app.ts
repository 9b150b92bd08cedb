/**
 * An app's whole main: flags -> frozen config -> backend -> train -> report.html. Apps call
 * `runApp(recipe)` and nothing else, so every family behaves the same at the edge.
 */
import { initBackend } from '@stablegen/backend';
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
    const config = resolveAppConfig(recipe, options, options.argv ?? process.argv.slice(2));
    if (!config) return 0; // --help
    const backend = await initBackend(config.backend, { threads: config.threads });
    const environment = captureEnvironment(backend);
    const result = await train(recipe, config, { callbacks: options.callbacks, signal: options.signal, environment });
    if (config.report) {
      const { writeRunReport } = await import('@stablegen/report'); // vega and sharp load only when a report is written
      console.log(`report: ${(await writeRunReport(result.runDir)).htmlPath}`);
    }
    return result.interrupted ? 130 : 0;
  });
}

/**
 * The frozen config an app runs with for `argv`: its shorthands (prepareArgv), defaults < preset
 * < flags, then the recipe's own defaults. Undefined after printing `--help`; a UserError on a bad flag.
 */
export function resolveAppConfig<C extends BaseConfig, M>(recipe: Recipe<C, M>, options: Pick<RunAppOptions<M>, 'prepareArgv'>, argv: string[], print?: (text: string) => void): Readonly<C> | undefined {
  const resolved = resolveConfig(recipe.family, recipe.summary, recipe.schema, options.prepareArgv ? options.prepareArgv(argv) : argv, print);
  if (!resolved) return undefined;
  return Object.freeze({ ...resolved.config, ...recipe.resolveDefaults?.(resolved.config as Readonly<C>) }) as Readonly<C>;
}

/**
 * An app's main.ts: `await runApp(recipe, options)` runs it on process.argv and exits with its code.
 * Started by a launcher (with an IPC channel), it exits when that parent dies, so a killed worker
 * leaves no orphan training in a run directory another worker will resume.
 */
export async function runApp<C extends BaseConfig, M>(recipe: Recipe<C, M>, options: RunAppOptions<M> = {}): Promise<void> {
  if (process.send) {
    process.once('disconnect', () => process.exit(137));
    process.channel?.unref(); // the channel alone must not keep the process alive
  }
  await runMain(() => appExitCode(recipe, options));
}
