/** Markdown helpers for the benchmark reports. */

const NUMBER_CELL = /^(-|[-+]?\d+(\.\d+)?(e[-+]?\d+)?\s?(x|%|ms|MB)?)$/;

/** A GitHub-flavoured markdown table; columns whose cells are all numbers (or '-') are right-aligned. */
export function markdownTable(headers: string[], rows: (string | number)[][]): string {
  const numeric = headers.map((_, i) => rows.length > 0 && rows.every((r) => NUMBER_CELL.test(String(r[i]))));
  const line = (cells: (string | number)[]) => `| ${cells.map(String).join(' | ')} |`;
  const rule = `| ${numeric.map((n) => (n ? '---:' : '---')).join(' | ')} |`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

/** A number with `digits` decimals, or '-' when undefined / not finite. */
export function fmt(value: number | undefined, digits = 1): string {
  return value === undefined || !Number.isFinite(value) ? '-' : value.toFixed(digits);
}

export function median(values: number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
