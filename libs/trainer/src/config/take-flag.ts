/**
 * A bench script's own integer flag, taken out of argv before the rest goes to the training runs.
 * Accepts `--name v`, `--name=v` and Nx's camelCase spelling (`--firstSeed=v` for `first-seed`).
 */
import { UserError } from '../user-error.js';

const camel = (s: string) => s.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** Removes `--name <n>` / `--name=<n>` from `argv` (in place) and returns n, or `fallback` when absent. Throws a UserError unless n is an integer >= 1. */
export function takeIntFlag(argv: string[], name: string, fallback: number): number {
  const spellings = new Set([`--${name}`, `--${camel(name)}`]);
  const i = argv.findIndex((a) => spellings.has(a.split('=')[0]));
  if (i < 0) return fallback;
  const [flag, inline] = argv[i].split('=');
  const raw = inline ?? argv[i + 1];
  argv.splice(i, inline === undefined ? 2 : 1);
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new UserError(`${flag} must be a positive integer, got '${raw}'`, `pass e.g. ${flag} 3`);
  return value;
}
