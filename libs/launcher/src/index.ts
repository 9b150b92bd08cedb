/**
 * @stablegen/launcher: every bench, sweep and study as a list of runs (family, flags, seed), run on
 * this machine or across machines through BullMQ on Redis, reused when already done, summarised
 * by one writer.
 */
export { finishedRecords, launch, launcherFlags, type LaunchOptions } from './launch.js';
export { prepareRun, runId, runSpecSchema, type Families, type LaunchFamily, type PreparedRun, type RunSpec } from './run-spec.js';
export { runJob, EARLY_SHARE, earlyMonitorFigures, finishedRecord, RunInterrupted, type JobContext, type RunRecord } from './run-job.js';
export { runLocal, type LocalOptions } from './local-executor.js';
export { runOnQueue, startWorker, redisConnection, DEFAULT_QUEUE, type QueueRunOptions, type WorkerOptions } from './queue.js';
export { ResultsFile } from './results-file.js';
export { summarise, tQuantile975, welch95, wilson95, type Difference, type Summary } from './stats.js';
export { summaryTables, writeSummary, type Column, type SummaryInput } from './summary.js';
export { progressLine, type LaunchProgress } from './progress-line.js';
export { appFamily } from './app-family.js';
export { benchFlags, parseBenchArgs, runBench, type BenchOptions } from './bench.js';
export { startRedisServer } from './redis-server.js';
