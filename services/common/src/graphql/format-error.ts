import type { GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { AppError } from '../errors';
import { isDatabaseUnavailable } from '../consumer/consumer';

/**
 * Maps errors to what a client may see: domain errors keep their code, message and details; a lost database
 * becomes a retryable UNAVAILABLE; anything else is an INTERNAL_SERVER_ERROR whose message is hidden in
 * production (no SQL, no stack traces ever).
 */
export function createErrorFormatter(isProduction: boolean) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = { locations: formatted.locations, path: formatted.path };
    if (original instanceof AppError) {
      return { ...base, message: original.message, extensions: { ...original.details, code: original.code } };
    }
    if (isUniqueViolation(original)) {
      return { ...base, message: 'Mục này đã có (có thể ai đó vừa tạo); hãy tải lại trang và kiểm tra', extensions: { code: 'CONFLICT' } };
    }
    if (isDatabaseUnavailable(original)) {
      return { ...base, message: 'Hệ thống tạm thời gián đoạn; hãy thử lại sau ít phút', extensions: { code: 'UNAVAILABLE', retryable: true } };
    }
    const code = formatted.extensions?.code;
    if (code && code !== 'INTERNAL_SERVER_ERROR') {
      const { stacktrace: _omit, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, extensions };
    }
    return {
      ...base,
      message: isProduction ? 'Internal server error' : formatted.message,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/** PostgreSQL unique_violation: two requests raced to create the same thing. */
function isUniqueViolation(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: string } } | null)?.driverError;
  return driverError?.code === '23505';
}
