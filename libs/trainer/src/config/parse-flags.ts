/**
 * Command-line flags from a zod schema, parsed by commander. Accepts both spellings Nx may forward
 * (`--batch-size 8`, `--batchSize=8`, bare `--flag` or `--flag=true`). Returns only the values the
 * user typed, so the caller can apply defaults < preset file < flags.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import type { z } from 'zod';
import { UserError } from '../user-error.js';
import { type FieldInfo, camel, kebab, schemaFields } from './schema-fields.js';

export type ParsedFlags = { help: true; text: string } | { help: false; values: Record<string, unknown> };

function parseNumber(raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value)) throw new InvalidArgumentError(`'${raw}' is not a number.`);
  return value;
}

function parseBoolean(raw: string | undefined): boolean {
  if (raw === undefined || raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new InvalidArgumentError(`'${raw}' is not true or false.`);
}

function optionFor(field: FieldInfo): Option {
  const flag = `--${kebab(field.key)}`;
  const option =
    field.kind === 'boolean'
      ? new Option(`${flag} [bool]`, field.description).argParser(parseBoolean)
      : new Option(`${flag} <${field.kind === 'number' ? 'n' : 'value'}>`, field.description);
  if (field.kind === 'number') option.argParser(parseNumber);
  if (field.kind === 'enum' && field.choices) option.choices([...field.choices]);
  if (field.defaultValue !== undefined) option.default(field.defaultValue);
  return option;
}

/** Rewrites `--camelCase` to `--kebab-case`, keeping any `=value`. */
function normaliseSpelling(argv: string[]): string[] {
  return argv.map((arg) => {
    const m = /^--([A-Za-z][A-Za-z0-9]*)(=.*)?$/.exec(arg);
    return m && /[A-Z]/.test(m[1]) ? `--${kebab(m[1])}${m[2] ?? ''}` : arg;
  });
}

/** Builds the commander program for `schema` (used for parsing and for `--help`). */
export function buildCommand(name: string, summary: string, schema: z.ZodObject): Command {
  const program = new Command(name).description(summary).helpOption('-h, --help', 'show every flag with its default');
  for (const field of schemaFields(schema)) program.addOption(optionFor(field));
  program.configureHelp({ helpWidth: 110 });
  program.exitOverride().configureOutput({ writeOut: () => {}, writeErr: () => {} });
  program.allowExcessArguments(false);
  return program;
}

/** Parses argv (without node and script). Throws commander's CommanderError on a bad flag. */
export function parseFlags(name: string, summary: string, schema: z.ZodObject, argv: string[]): ParsedFlags {
  const program = buildCommand(name, summary, schema);
  let helpText = '';
  program.configureOutput({ writeOut: (s) => (helpText += s), writeErr: () => {} });
  try {
    program.parse(normaliseSpelling(argv), { from: 'user' });
  } catch (err) {
    if ((err as { code?: string }).code === 'commander.helpDisplayed') return { help: true, text: helpText };
    throw err;
  }
  const values: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(program.opts())) {
    if (program.getOptionValueSource(key) === 'cli') values[camel(key)] = value;
  }
  return { help: false, values };
}

/**
 * A tool's command line (a bench, a sweep, a worker) by its zod schema: `--help` prints the flags
 * and gives undefined; a bad or unknown flag is one UserError naming it.
 */
export function parseCommand<S extends z.ZodObject>(name: string, summary: string, schema: S, argv: string[], print: (text: string) => void = (t) => process.stdout.write(t)): z.infer<S> | undefined {
  const parsed = parseFlags(name, summary, schema, argv);
  if (parsed.help) return void print(parsed.text);
  const checked = schema.strict().safeParse(parsed.values);
  if (checked.success) return checked.data as z.infer<S>;
  const issue = checked.error.issues[0];
  throw new UserError(`bad flag --${kebab(String(issue.path[0] ?? ''))}: ${issue.message}`, `see npx nx run ${name} -- --help`);
}
