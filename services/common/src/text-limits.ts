/**
 * How long a string may be, in characters (Unicode code points, as JSON Schema's `maxLength` counts them). The
 * gateway refuses a longer GraphQL input with BAD_USER_INPUT naming the field (gateway/src/input-limits.ts), and
 * every string of every event schema carries the same bounds (events/schema-parts.ts), so an accepted input always
 * makes a valid event. A field that needs more declares `@maxLength(n: …)` next to it in its subgraph's SDL, with
 * one of these values (decision 0024).
 */
export const TEXT_LIMITS = {
  /** Every string not declared otherwise: names, titles, codes, identifiers, search words, short notes. */
  default: 1_000,
  /** A paragraph: reasons, comments, achievements, resolutions, adaptation notes. */
  paragraph: 5_000,
  /** A document's text: a campaign's goal and content, a summary's lessons, an initiative's description, evidence. */
  document: 50_000,
  /** A story's body (Markdown or HTML). */
  storyBody: 200_000,
  /** A file sent inline (a members CSV, a spreadsheet or an asset in base64): as much as a request body holds. */
  file: 2 * 1024 * 1024,
} as const;

/** The string's length in code points as ajv counts them: `.length` counts UTF-16 units, an emoji twice. */
export function textLength(value: string): number {
  let pairs = 0;
  for (let i = 0; i < value.length - 1; i++) {
    const unit = value.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = value.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        pairs++;
        i++;
      }
    }
  }
  return value.length - pairs;
}
