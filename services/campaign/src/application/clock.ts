/** Today's date in Việt Nam (UTC+7), as YYYY-MM-DD: deadlines and periods are Vietnamese calendar days. */
export function today(): string {
  return new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
}
