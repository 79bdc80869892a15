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
    // the person reads the messages; the fields are for the form that shows each beside its input (problems), and a
    // single problem names its field at the top too (extensions.field), as refusals of other kinds do
    super(problems.map((p) => p.message).join('; '), problems.length === 1 ? { problems, field: problems[0]!.field } : { problems });
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

/** What a NOT_FOUND names (the code's word, kept in `extensions.what`) as a person calls it. */
const MISSING_THING_NAMES: Record<string, string> = {
  Unit: 'đơn vị công đoàn',
  'Union unit': 'đơn vị công đoàn',
  'Parent unit': 'đơn vị cấp trên',
  Member: 'đoàn viên',
  Campaign: 'phong trào thi đua',
  Enrollment: 'lượt đăng ký tham gia phong trào',
  'Progress report': 'báo cáo tiến độ',
  Proceeding: 'vụ việc kỷ luật, thanh tra, khiếu nại',
  Story: 'tin bài',
  Section: 'chuyên mục',
  'News channel': 'kênh tin',
  Participant: 'người tham gia phong trào',
  'Criteria set': 'bộ tiêu chí',
  Criterion: 'tiêu chí',
  Submission: 'minh chứng',
  Appeal: 'khiếu nại kết quả',
  Publication: 'lần công bố kết quả',
  'Evaluation round of campaign': 'đợt đánh giá của phong trào',
  'Reward form': 'hình thức khen thưởng',
  'Reward decision': 'quyết định khen thưởng',
  Nomination: 'đề nghị khen thưởng',
  Initiative: 'sáng kiến',
  'Collective agreement': 'thỏa ước lao động tập thể',
  'Colleague proposal': 'đề xuất của đồng nghiệp',
  Registration: 'đăng ký thi đua',
  'Emulation bloc': 'khối, cụm thi đua',
};

export class NotFoundError extends AppError {
  readonly code = 'NOT_FOUND' as const;
  /** `message` names the missing thing in words where the caller can (a movement's title rather than its id). */
  constructor(what: string, id: string, message = `Không tìm thấy ${MISSING_THING_NAMES[what] ?? what} này, hoặc bạn không có quyền xem`) {
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
