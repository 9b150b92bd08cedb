/**
 * Reads a zod object schema as a list of flag descriptions: name, kind, default, choices, help.
 * This is what lets one schema drive validation, `--help` and the CLI parser.
 */
import type { z } from 'zod';

export type FieldKind = 'number' | 'string' | 'boolean' | 'enum';

export interface FieldInfo {
  key: string;
  kind: FieldKind;
  description: string;
  defaultValue: unknown;
  optional: boolean;
  choices?: readonly string[];
}

interface Def {
  type: string;
  innerType?: z.ZodType;
  defaultValue?: unknown;
  entries?: Record<string, string>;
}

const defOf = (t: z.ZodType): Def => (t as unknown as { _zod: { def: Def } })._zod.def;

/** Unwraps default / optional / readonly wrappers to the base type. */
function unwrap(t: z.ZodType): { base: z.ZodType; defaultValue: unknown; optional: boolean } {
  let base = t;
  let defaultValue: unknown;
  let optional = false;
  for (;;) {
    const def = defOf(base);
    if (def.type === 'default') defaultValue ??= typeof def.defaultValue === 'function' ? (def.defaultValue as () => unknown)() : def.defaultValue;
    if (def.type === 'optional') optional = true;
    if (!def.innerType || !['default', 'optional', 'readonly', 'nullable', 'prefault'].includes(def.type)) break;
    base = def.innerType;
  }
  return { base, defaultValue, optional };
}

export function schemaFields(schema: z.ZodObject): FieldInfo[] {
  return Object.entries(schema.shape).map(([key, type]) => {
    const { base, defaultValue, optional } = unwrap(type as z.ZodType);
    const def = defOf(base);
    const description = (type as z.ZodType).description ?? base.description ?? '';
    if (def.type === 'enum') {
      return { key, kind: 'enum', description, defaultValue, optional, choices: Object.values(def.entries ?? {}) };
    }
    if (def.type === 'number' || def.type === 'string' || def.type === 'boolean') {
      return { key, kind: def.type, description, defaultValue, optional };
    }
    throw new Error(`schemaFields: field '${key}' has unsupported type '${def.type}'`);
  });
}

/** camelCase -> kebab-case ('batchSize' -> 'batch-size'). */
export const kebab = (key: string): string => key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());

/** kebab-case -> camelCase ('batch-size' -> 'batchSize'). */
export const camel = (flag: string): string => flag.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());
