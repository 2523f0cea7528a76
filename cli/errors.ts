/** Bad flags or arguments: the message says which and why; the process exits with 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A file that cannot be read or parsed as a whole: the message names the file; exit 1. */
export class InputError extends Error {
  override name = 'InputError';
}
