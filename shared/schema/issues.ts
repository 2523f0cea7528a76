import type { z } from 'zod';

/** One reason a record was rejected: where (field path) and why. */
export interface FieldProblem {
  field: string;
  reason: string;
}

/** Flattens zod issues into field/reason pairs a person can act on. */
export function describeIssues(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: issue.path.length > 0 ? issue.path.map(String).join('.') : '(record)',
    reason: issue.message,
  }));
}
