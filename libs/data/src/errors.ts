/**
 * Errors a user can cause (wrong dataset name, missing or empty folder, a file that is not an image,
 * a corrupt or oversized image, a batch larger than the dataset). The message names the cause;
 * `hint` says what to do. Both are in `message`, so a CLI that prints only the message is enough.
 */

/** What went wrong, for callers that branch on it (tests, a CLI that exits with a code). */
export type DataErrorCode =
  | 'unknown-dataset'
  | 'missing-folder'
  | 'empty-folder'
  | 'not-an-image'
  | 'corrupt-image'
  | 'oversized-image'
  | 'batch-too-large'
  | 'mixed-images'
  | 'bad-option';

export class DataError extends Error {
  readonly code: DataErrorCode;
  /** The fix, one sentence. */
  readonly hint: string;
  /** The file the error is about, when there is one. */
  readonly file?: string;
  /** The cause alone (the message is cause + hint). */
  readonly reason: string;

  constructor(code: DataErrorCode, cause: string, hint: string, file?: string) {
    super(`${cause}. ${hint}`);
    this.name = 'DataError';
    this.code = code;
    this.hint = hint;
    this.file = file;
    this.reason = cause;
  }

  /** The same error with another fix (an app names its own flags). */
  withHint(hint: string): DataError {
    return new DataError(this.code, this.reason, hint, this.file);
  }
}

/** Throws a 'bad-option' DataError unless `n` is an integer in [min, max]. */
export function requireInt(name: string, n: number, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (!Number.isInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new DataError('bad-option', `${name} must be an integer ${range}, got ${n}`, `Pass a valid ${name}.`);
  }
}
