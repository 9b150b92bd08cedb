/**
 * The committed record of a bench or a study: one JSON line per finished run (`benchmarks/results/
 * <name>.jsonl`), keyed by run id. A later sitting, on this machine or a fresh checkout, reuses
 * every run listed there instead of training it again, so a study larger than one sitting is
 * completed over several. Only the submitter writes it (one process), a line at a time.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { appendJsonl, readJsonlFile } from '@stablegen/run-files';
import type { RunRecord } from './run-job.js';
import { runId } from './run-spec.js';

export class ResultsFile {
  private readonly byId = new Map<string, RunRecord>();

  /** Rows are keyed by the id their config gives today (runId), so rows written under an older id scheme are still found. */
  constructor(readonly file: string) {
    for (const row of readJsonlFile(file).rows as RunRecord[]) {
      const id = row.config ? runId(row.family, row.config) : row.id;
      this.byId.set(id, { ...row, id });
    }
  }

  get(id: string): RunRecord | undefined {
    return this.byId.get(id);
  }

  get size(): number {
    return this.byId.size;
  }

  add(record: RunRecord): void {
    if (this.byId.has(record.id)) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    appendJsonl(this.file, record);
    this.byId.set(record.id, record);
  }
}
