/** For the apps' tests: the flags of a family's schema that `--help` would list without a description. */
import type { z } from 'zod';
import { kebab, schemaFields } from '../config/schema-fields.js';

export function undescribedFlags(schema: z.ZodObject): string[] {
  return schemaFields(schema)
    .filter((f) => !f.description || f.description.trim().length < 8)
    .map((f) => `--${kebab(f.key)}`);
}
