/**
 * `--data <path>`: the short spelling of `--dataset folder:<path>` for the image families (gan,
 * wgan-gp, progressive), rewritten in argv before the flags are parsed, so the saved config holds
 * one key (`dataset`) whichever spelling was typed.
 */
import { UserError } from '@stablegen/trainer';

/** Rewrites `--data <path>` / `--data=<path>` to `--dataset folder:<path>`; other arguments pass unchanged. */
export function withDataFolderFlag(argv: readonly string[]): string[] {
  const out: string[] = [];
  let folder: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg !== '--data' && !arg.startsWith('--data=')) {
      out.push(arg);
      continue;
    }
    const value = arg === '--data' ? argv[++i] : arg.slice('--data='.length);
    if (value === undefined || value === '' || value.startsWith('--')) throw new UserError('--data needs a folder of images', 'pass --data <path-to-folder>');
    if (folder !== undefined) throw new UserError(`--data given twice (${folder}, ${value})`, 'pass one folder');
    folder = value;
  }
  if (folder === undefined) return out;
  if (out.some((a) => a === '--dataset' || a.startsWith('--dataset='))) {
    throw new UserError(`--data ${folder} and --dataset both name the training data`, 'pass one of them (--data <path> is --dataset folder:<path>)');
  }
  return [...out, '--dataset', `folder:${folder}`];
}
