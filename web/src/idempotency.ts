/**
 * The gateway's Idempotency-Key for the portal's mutations (decision 0034): each action a person takes is sent with
 * a key of its own, and sending it again before the gateway gave its final answer (a second click while it runs, a
 * click after the network dropped it) reuses that key, so the gateway runs it once and gives the retry its answer.
 */

/** One sending of an operation: the headers it adds, and what to tell once the gateway answers. */
export interface IdempotentSending {
  /** `idempotency-key` for a signed-in person's mutation; none for a query, or an anonymous caller (refused with one). */
  readonly headers: Readonly<Record<string, string>>;
  /**
   * The gateway answered with these errors. An answer asking for a retry leaves the key to the next identical
   * sending (the first may still run); any other ends the action: the same mutation sent later is a new one.
   * Not called when nothing came back: the mutation may have run, and its retry must carry the same key.
   */
  answered(errors: readonly { extensions?: { retryable?: boolean } }[]): void;
}

/** The key of each mutation sent without a final answer yet, by its query and variables (what a retry repeats). */
const pending = new Map<string, string>();

const MUTATION = /^(?:[\s,]|#.*)*mutation\b/;

export function idempotencyFor(query: string, variables: Record<string, unknown>, signedIn: boolean): IdempotentSending {
  if (!signedIn || !MUTATION.test(query)) return { headers: {}, answered: () => undefined };
  const request = JSON.stringify([query, variables]);
  // a UUID needs a secure context, which the sign-in (PKCE with Web Crypto) needs already
  const key = pending.get(request) ?? crypto.randomUUID();
  pending.set(request, key);
  return {
    headers: { 'idempotency-key': key },
    answered(errors) {
      // an identical sending answered first may have freed the key, and a newer one taken another
      if (!errors.some((error) => error.extensions?.retryable === true) && pending.get(request) === key) pending.delete(request);
    },
  };
}
