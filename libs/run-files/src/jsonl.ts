/** JSON Lines parsing that survives a process killed in the middle of writing its last line. */

export interface JsonlResult {
  rows: unknown[];
  warnings: string[];
}

/**
 * Parse JSON Lines text. Blank lines are ignored. A last line that does not parse or does not pass
 * `validate` (a write cut short by a kill) is skipped with a warning; a bad line anywhere else is
 * corruption and throws, naming `source:line`.
 * @param validate returns an error message for a parsed row that is not acceptable, else undefined
 */
export function parseJsonl(
  text: string,
  source: string,
  validate: (row: unknown) => string | undefined = () => undefined,
): JsonlResult {
  const lines = text.split('\n');
  let lastIndex = lines.length - 1;
  while (lastIndex >= 0 && lines[lastIndex].trim() === '') lastIndex--;
  const rows: unknown[] = [];
  const warnings: string[] = [];
  for (let i = 0; i <= lastIndex; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const problem = checkLine(line, validate);
    if (problem.error === undefined) {
      rows.push(problem.row);
    } else if (i === lastIndex) {
      warnings.push(`${source}:${i + 1}: skipped a truncated last line (${problem.error})`);
    } else {
      throw new Error(
        `${source}:${i + 1}: ${problem.error}. The file is corrupt before its last line; fix or delete that line.`,
      );
    }
  }
  return { rows, warnings };
}

function checkLine(line: string, validate: (row: unknown) => string | undefined): { row?: unknown; error?: string } {
  let row: unknown;
  try {
    row = JSON.parse(line);
  } catch (err) {
    return { error: `invalid JSON: ${(err as Error).message}` };
  }
  const invalid = validate(row);
  return invalid === undefined ? { row } : { error: invalid };
}
