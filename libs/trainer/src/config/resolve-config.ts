/**
 * Config precedence: typed defaults < optional preset file (`--config f.json`, only what differs)
 * < flags. With `--resume <dir>` the saved config.json is the base instead. Unknown keys and wrong
 * types are errors; the result is frozen.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { z } from 'zod';
import { UserError } from '../user-error.js';
import { type BaseConfig, isResumeOverridable } from './base-config.js';
import { kebab } from './schema-fields.js';
import { parseFlags } from './parse-flags.js';

export interface ResolvedConfig<C> {
  config: Readonly<C>;
  /** The run directory being resumed, if any. */
  resumeDir?: string;
}

function readJson(file: string, what: string, fix: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new UserError(`${what} ${file} cannot be read`, fix);
  }
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw new UserError(`${what} ${file} is not a JSON object`, fix);
}

function checkFamily(found: unknown, family: string, source: string): void {
  if (found !== undefined && found !== family) {
    throw new UserError(`${source} is for family '${String(found)}', not '${family}'`, `use it with ${String(found)}:train, or pass a ${family} file`);
  }
}

function validate<S extends z.ZodObject>(schema: S, values: Record<string, unknown>, source: string): z.infer<S> {
  const result = schema.strict().safeParse(values);
  if (result.success) return result.data as z.infer<S>;
  const issue = result.error.issues[0];
  const key = String(issue.path[0] ?? '');
  if (issue.code === 'unrecognized_keys') {
    throw new UserError(`unknown key '${issue.keys[0]}' in ${source}`, 'remove it; `--help` lists every valid key');
  }
  throw new UserError(`invalid value for --${kebab(key)} (${JSON.stringify(values[key])}): ${issue.message}`, 'see `--help` for its type and default');
}

function fromResume<S extends z.ZodObject>(family: string, schema: S, flags: Record<string, unknown>): ResolvedConfig<z.infer<S>> {
  const dir = String(flags.resume);
  const file = path.join(dir, 'config.json');
  if (!fs.existsSync(dir)) throw new UserError(`--resume ${dir}: no such run directory`, 'pass the directory of an earlier run (runs/<family>/<name>)');
  if (!fs.existsSync(file)) throw new UserError(`--resume ${dir}: not a run directory (no config.json)`, 'pass the directory of an earlier run (runs/<family>/<name>)');
  const saved = readJson(file, 'saved config', 'the run directory is damaged; start a new run');
  checkFamily(saved.family, family, `run directory ${dir}`);
  const changed = Object.keys(flags).filter((k) => !isResumeOverridable(k));
  if (changed.length > 0) {
    throw new UserError(
      `--${kebab(changed[0])} cannot be changed when resuming`,
      'drop it, or start a new run; --resume takes --steps, --backend, the --*-every intervals, --keep-checkpoints, --divergence-factor and the learning rates (--lr*)',
    );
  }
  const { family: _family, environment: _environment, ...rest } = saved;
  const config = validate(schema, { ...rest, ...flags, resume: dir, out: dir }, `${file}`);
  return { config: Object.freeze(config), resumeDir: dir };
}

/**
 * Parses argv into the family's frozen config. Returns undefined after printing `--help`.
 * @param argv arguments after the script name
 */
export function resolveConfig<S extends z.ZodObject>(
  family: string,
  summary: string,
  schema: S,
  argv: string[],
  print: (text: string) => void = (t) => process.stdout.write(t),
): ResolvedConfig<z.infer<S> & BaseConfig> | undefined {
  const parsed = parseFlags(`${family}:train`, summary, schema, argv);
  if (parsed.help) {
    print(parsed.text);
    return undefined;
  }
  const flags = parsed.values;
  if (flags.resume !== undefined) return fromResume(family, schema, flags) as ResolvedConfig<z.infer<S> & BaseConfig>;
  let preset: Record<string, unknown> = {};
  if (flags.config !== undefined) {
    preset = readJson(String(flags.config), 'config file', 'pass a JSON file that lists only the values to change');
    checkFamily(preset.family, family, `config file ${String(flags.config)}`);
    delete preset.family;
  }
  const config = validate(schema, { ...preset, ...flags }, flags.config ? `config file ${String(flags.config)}` : 'flags');
  return { config: Object.freeze(config) as Readonly<z.infer<S> & BaseConfig> };
}
