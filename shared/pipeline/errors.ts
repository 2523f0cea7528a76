import type { FieldProblem } from '../schema/issues.js';

/** A request Daylight refuses, with the HTTP status it maps to and problems a caller can act on. */
export class RequestError extends Error {
  override readonly name: string = 'RequestError';
  constructor(
    readonly status: number,
    message: string,
    readonly problems: readonly FieldProblem[] = [],
  ) {
    super(message);
  }
}

export class BadRequestError extends RequestError {
  override readonly name = 'BadRequestError';
  constructor(message: string, problems: readonly FieldProblem[] = []) {
    super(400, message, problems);
  }
}

export class PayloadTooLargeError extends RequestError {
  override readonly name = 'PayloadTooLargeError';
  constructor(message: string) {
    super(413, message);
  }
}

export class NotFoundError extends RequestError {
  override readonly name = 'NotFoundError';
  constructor(message: string) {
    super(404, message);
  }
}

/** A dependency (queue, table) refused or timed out: the caller should retry the same request. */
export class UnavailableError extends RequestError {
  override readonly name = 'UnavailableError';
  constructor(message: string) {
    super(503, message);
  }
}
