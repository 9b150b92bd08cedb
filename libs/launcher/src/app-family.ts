/** A family the launcher may run, from its app's recipe and options and the path of its main. */
import { resolveAppConfig, type Recipe, type RunAppOptions } from '@stablegen/trainer';
import type { BaseConfig } from '@stablegen/trainer';
import type { LaunchFamily } from './run-spec.js';

export function appFamily<C extends BaseConfig, M>(app: { recipe: Recipe<C, M>; options: RunAppOptions<M> }, main: string): LaunchFamily {
  return { main, resolve: (flags) => ({ ...resolveAppConfig(app.recipe, app.options, flags, () => {})! }) };
}
