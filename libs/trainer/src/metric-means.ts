/** Running means of step metrics between two log lines; serialisable so a resume logs the same means. */
export class MetricMeans {
  private sums: Record<string, number> = {};
  private counts: Record<string, number> = {};

  add(metrics: Record<string, number>): void {
    for (const [k, v] of Object.entries(metrics)) {
      this.sums[k] = (this.sums[k] ?? 0) + v;
      this.counts[k] = (this.counts[k] ?? 0) + 1;
    }
  }

  /** The means since the last flush; resets. */
  flush(): Record<string, number> {
    const out = Object.fromEntries(Object.keys(this.sums).map((k) => [k, this.sums[k] / this.counts[k]]));
    this.sums = {};
    this.counts = {};
    return out;
  }

  toJSON(): { sums: Record<string, number>; counts: Record<string, number> } {
    return { sums: { ...this.sums }, counts: { ...this.counts } };
  }

  static from(json: unknown): MetricMeans {
    const m = new MetricMeans();
    const j = json as { sums?: Record<string, number>; counts?: Record<string, number> } | undefined;
    m.sums = { ...(j?.sums ?? {}) };
    m.counts = { ...(j?.counts ?? {}) };
    return m;
  }
}
