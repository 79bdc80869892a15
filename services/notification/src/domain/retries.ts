/** An e-mail that failed is tried again later, each wait twice the one before (30 s, 1 min, 2 min … at most 1 h). */
export const MAX_EMAIL_ATTEMPTS = 8;

export function retryDelaySeconds(attempts: number): number {
  return Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));
}
