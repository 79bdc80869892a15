/**
 * Response headers of what the gateway serves besides GraphQL. Every kind forbids content-type sniffing and keeps
 * referrers home; each has the strictest Content-Security-Policy its content allows.
 */
const COMMON = { 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY' };

/**
 * The portal talks to this origin and, for signing in, to the identity provider's (its token endpoint, and its
 * authorization endpoint in a hidden frame that lands on the portal's own silent sign-in page after a reload);
 * styles may be inline (React style attributes), scripts may not. Framing is refused (clickjacking) except of that
 * silent sign-in page, by the portal itself.
 */
export function portalHeaders(identityProviderOrigin: string, framedByPortal = false): Record<string, string> {
  return {
    ...COMMON,
    'content-security-policy': `default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; connect-src 'self' ${identityProviderOrigin}; frame-src 'self' ${identityProviderOrigin}; frame-ancestors ${framedByPortal ? "'self'" : "'none'"}; base-uri 'self'; form-action 'self'; object-src 'none'`,
    ...(framedByPortal ? { 'x-frame-options': 'SAMEORIGIN' } : {}),
    'referrer-policy': 'same-origin',
  };
}

/** Feeds are data for feed readers: a browser that renders one as a document may run nothing and load nothing from it. */
export const FEED_HEADERS = {
  ...COMMON,
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox",
  'referrer-policy': 'no-referrer',
};

/** Story files (images, PDF, video): shown as they are, never as a page that runs script. */
export const ASSET_HEADERS = {
  ...COMMON,
  'content-security-policy': "default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'",
  'x-frame-options': 'SAMEORIGIN',
  'referrer-policy': 'no-referrer',
};
