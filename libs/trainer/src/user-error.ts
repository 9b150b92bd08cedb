/**
 * Errors a user can cause (bad flag, missing data, corrupt checkpoint, NaN loss). The message names
 * the cause; `hint` says what to do. `runMain` prints exactly one line for them and exits non-zero.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

/** Is this an error the user can fix (ours, or another lib's error carrying a hint)? */
export function isUserError(err: unknown): err is Error & { hint?: string } {
  if (err instanceof UserError) return true;
  const name = (err as Error | undefined)?.name;
  return name === 'DataError' || name === 'BackendError' || name === 'CommanderError';
}

/** One line for a user error: "error: <cause> (<fix>)". */
export function formatUserError(err: Error & { hint?: string }): string {
  const message = err.message.replace(/^error:\s*/i, '').replace(/\s*\n\s*/g, ' ').trim();
  return err.hint && !message.includes(err.hint) ? `error: ${message} — ${err.hint}` : `error: ${message}`;
}

/**
 * Runs `main` and returns its exit code: what it returns (default 0), or 2 after printing a user
 * error's one line to stderr. Anything else is a bug and is rethrown with its stack trace.
 */
export async function exitCodeOf(main: () => Promise<number | void>): Promise<number> {
  try {
    return (await main()) ?? 0;
  } catch (err) {
    if (!isUserError(err)) throw err;
    process.stderr.write(formatUserError(err) + '\n');
    return 2;
  }
}

/** A script's main: a user error prints one line to stderr and exits 2; a bug keeps its stack trace (exit 1). */
export async function runMain(main: () => Promise<number | void>): Promise<void> {
  const code = await exitCodeOf(main);
  if (code === 2) process.exit(2);
  if (code !== 0) process.exitCode = code;
}
