/**
 * Response headers of what the gateway serves besides GraphQL. Every kind forbids content-type sniffing and keeps
 * referrers home; each has the strictest Content-Security-Policy its content allows.
 */
const COMMON = { 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY' };

/** The portal talks only to this origin; styles may be inline (React style attributes), scripts may not. Framing is refused (clickjacking). */
export const PORTAL_HEADERS = {
  ...COMMON,
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'",
  'referrer-policy': 'same-origin',
};

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
