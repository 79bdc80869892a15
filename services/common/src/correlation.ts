import { randomUUID } from 'node:crypto';

/** A caller's correlation id is kept only when it is an id: 8 to 128 characters of letters, digits and `._:-`. */
const WELL_FORMED = /^[A-Za-z0-9][A-Za-z0-9._:-]{7,127}$/;

/**
 * The correlation id of a request: the caller's own when well formed, else a new one. Everything that records it
 * (logs, event envelopes, the audit log) can rely on its shape, so no caller can make an audit record invalid.
 */
export function correlationIdFrom(header: string | string[] | undefined): string {
  return typeof header === 'string' && WELL_FORMED.test(header) ? header : randomUUID();
}
