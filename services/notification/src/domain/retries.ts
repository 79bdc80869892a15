/** An e-mail the SMTP server refused is tried this many times in all (waits from `retryDelaySeconds`, common). */
export const MAX_EMAIL_ATTEMPTS = 8;
