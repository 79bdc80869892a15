/**
 * Errors the domain throws. They carry the GraphQL `extensions.code` the client sees, but no GraphQL
 * types: `toGraphQLError` (graphql/format-error.ts) maps them at the edge.
 */
export type ErrorCode = 'BAD_USER_INPUT' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'CONFLICT' | 'UNAVAILABLE';

export abstract class AppError extends Error {
  abstract readonly code: ErrorCode;
  readonly details: Record<string, unknown>;
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message);
    this.name = new.target.name;
    this.details = details;
  }
}

export interface FieldProblem {
  /** Dotted path of the input field, e.g. `targets.0.unitOfMeasure`. */
  field: string;
  message: string;
}

/** Input that breaks a rule; lists every problem found, each naming its field. */
export class ValidationError extends AppError {
  readonly code = 'BAD_USER_INPUT' as const;
  readonly problems: FieldProblem[];
  constructor(problems: FieldProblem[]) {
    // a single problem also names its field at the top (extensions.field), as refusals of other kinds do
    super(problems.map((p) => `${p.field}: ${p.message}`).join('; '), problems.length === 1 ? { problems, field: problems[0]!.field } : { problems });
    this.problems = problems;
  }
  static single(field: string, message: string): ValidationError {
    return new ValidationError([{ field, message }]);
  }
}

export class UnauthenticatedError extends AppError {
  readonly code = 'UNAUTHENTICATED' as const;
}

export class ForbiddenError extends AppError {
  readonly code = 'FORBIDDEN' as const;
}

export class NotFoundError extends AppError {
  readonly code = 'NOT_FOUND' as const;
  /** `message` names the missing thing in words where the caller can (a movement's title rather than its id). */
  constructor(what: string, id: string, message = `${what} ${id} does not exist or is not visible to you`) {
    super(message, { what, id });
  }
}

export class ConflictError extends AppError {
  readonly code = 'CONFLICT' as const;
}

/** A dependency (database, broker, the document printer) is down; the client may retry the same call later. */
export class UnavailableError extends AppError {
  readonly code = 'UNAVAILABLE' as const;
}
