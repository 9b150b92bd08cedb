import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { writeDirAtomic, writeFileAtomic } from './atomic-write.js';
import { runPaths } from './run-layout.js';
import { appendEvent, appendMetrics, finalMetrics, readEvents, readMetrics, truncateMetricsAfter } from './run-records.js';

let root: string;
beforeEach(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), 'run-files-'))));
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

describe('writeFileAtomic', () => {
  test('basic: writes strings, bytes and concatenated parts; leaves no temp file', () => {
    const f = path.join(root, 'sub', 'a.bin');
    writeFileAtomic(f, 'héllo');
    expect(fs.readFileSync(f, 'utf8')).toBe('héllo');
    writeFileAtomic(f, [new Uint8Array([1, 2]), new Uint8Array([3])]);
    expect([...fs.readFileSync(f)]).toEqual([1, 2, 3]);
    expect(fs.readdirSync(path.dirname(f))).toEqual(['a.bin']);
  });

  test('a failed write keeps the old file and removes its temp file', () => {
    const f = path.join(root, 'a.txt');
    writeFileAtomic(f, 'old');
    fs.mkdirSync(path.join(root, 'dir-in-the-way'));
    expect(() => writeFileAtomic(path.join(root, 'dir-in-the-way'), 'x')).toThrow();
    expect(fs.readFileSync(f, 'utf8')).toBe('old');
    expect(fs.readdirSync(root).sort()).toEqual(['a.txt', 'dir-in-the-way']);
  });

  test('writeDirAtomic replaces a directory as a whole', () => {
    const d = path.join(root, 'ckpt');
    writeDirAtomic(d, (tmp) => fs.writeFileSync(path.join(tmp, 'one'), '1'));
    writeDirAtomic(d, (tmp) => fs.writeFileSync(path.join(tmp, 'two'), '2'));
    expect(fs.readdirSync(d)).toEqual(['two']);
    expect(fs.readdirSync(root)).toEqual(['ckpt']);
  });
});

describe('metrics and events', () => {
  test('basic: rows read back in order; finalMetrics keeps the last value of each key', () => {
    appendMetrics(root, { step: 1, time: 0.1, loss: 3 });
    appendMetrics(root, { step: 2, time: 0.2, acc: 0.5 });
    appendMetrics(root, { step: 3, time: 0.3, loss: 1 });
    expect(readMetrics(root).map((r) => r.step)).toEqual([1, 2, 3]);
    expect(finalMetrics(root)).toEqual({ loss: 1, acc: 0.5 });
  });

  test('a last line cut by a kill is dropped; truncateMetricsAfter rewrites up to the step', () => {
    appendMetrics(root, { step: 1, loss: 3 });
    appendMetrics(root, { step: 2, loss: 2 });
    fs.appendFileSync(runPaths(root).metrics, '{"step":3,"lo');
    expect(readMetrics(root).map((r) => r.step)).toEqual([1, 2]);
    truncateMetricsAfter(root, 1);
    expect(fs.readFileSync(runPaths(root).metrics, 'utf8')).toBe('{"step":1,"loss":3}\n');
  });

  test('a corrupt line before the last one throws naming the file and line', () => {
    fs.writeFileSync(runPaths(root).metrics, '{"step":1}\n{"st\n{"step":3}\n');
    expect(() => readMetrics(root)).toThrow(/metrics\.jsonl:2: invalid JSON/);
  });

  test('events: appended objects read back; a run without events has none', () => {
    expect(readEvents(root)).toEqual([]);
    appendEvent(root, { step: 5, kind: 'rollback' });
    expect(readEvents(root)).toEqual([{ step: 5, kind: 'rollback' }]);
  });
});
