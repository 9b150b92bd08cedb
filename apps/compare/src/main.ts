/**
 * `npx nx run compare:report --runs <dir> <dir> ... [--out <dir>]`: reads run directories (never
 * re-trains) and writes one HTML page and a PNG summary: metrics table, overlaid curves, the
 * latest sample grids side by side, wall time and steps/s per run.
 */
import { Command } from 'commander';
import { writeComparisonReport } from '@stablegen/report';
import { runMain, UserError } from '@stablegen/trainer';

await runMain(async () => {
  const program = new Command('compare:report')
    .description('compare run directories side by side (reads them; never re-trains)')
    .requiredOption('--runs <dirs...>', 'run directories (runs/<family>/<name>)')
    .option('--out <dir>', 'where report.html and summary.png go', 'runs/compare/latest')
    .exitOverride()
    .configureOutput({ writeErr: () => {} });
  try {
    program.parse(process.argv.slice(2), { from: 'user' });
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === 'commander.helpDisplayed' || code === 'commander.help') return;
    throw err;
  }
  const { runs, out } = program.opts<{ runs: string[]; out: string }>();
  try {
    const result = await writeComparisonReport(runs, out);
    console.log(`compared ${result.labels.join(', ')}\nreport: ${result.htmlPath}\nsummary: ${result.summaryPngPath}`);
  } catch (err) {
    if ((err as Error).name === 'RunDirError') throw new UserError((err as Error).message, 'pass directories written by an app (they hold config.json and metrics.jsonl)');
    throw err;
  }
});
