/** Text formatting of numbers, durations and config values for report tables. */

/** A metric value with at most 6 significant digits; NaN / Infinity spelled out; '—' for missing. */
export function formatValue(v: number | undefined): string {
  if (v === undefined) return '—';
  if (!Number.isFinite(v)) return String(v);
  return String(Number(v.toPrecision(6)));
}

/** Seconds as '42.0 s', '3 min 05 s' or '2 h 03 min'. */
export function formatDuration(seconds: number | undefined): string {
  if (seconds === undefined || !Number.isFinite(seconds)) return '—';
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const s = Math.round(seconds);
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/** Nested config as [dotted key, JSON value text] rows; arrays stay whole (one row). */
export function flattenConfig(config: Record<string, unknown>, prefix = ''): [string, string][] {
  const rows: [string, string][] = [];
  for (const [k, v] of Object.entries(config)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      rows.push(...flattenConfig(v as Record<string, unknown>, key));
    } else {
      rows.push([key, JSON.stringify(v) ?? String(v)]);
    }
  }
  return rows;
}
