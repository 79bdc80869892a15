/**
 * Characters XML 1.0 cannot carry at all, escaped or not (C0 controls but tab, newline and carriage return, lone
 * surrogates, U+FFFE, U+FFFF): one of them in a title makes the whole feed unreadable, so they are left out.
 */
const NOT_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Stored text loses them in feeds (stories saved before the rule below kept theirs). */
export function xmlChars(text: string): string {
  return text.replace(NOT_IN_XML, '');
}

/**
 * The first such character of a text, named as a person can find it ("U+0007"), or null: titles, summaries, tags
 * and section names are refused with it, since no feed, document or page could show them.
 */
export function unshowableCharacter(text: string): string | null {
  const found = text.match(new RegExp(NOT_IN_XML.source))?.[0];
  return found === undefined ? null : `U+${found.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Feeds carry titles and summaries in fields that RSS and Atom readers treat as HTML (Atom says `type="html"`), and
 * the feed library wraps them in CDATA sections without splitting a second `]]>`. Plain text is therefore sent
 * escaped: readers show it as written, and no `]]>` can end a CDATA section early (`>` becomes `&gt;`).
 */
export function feedText(text: string): string {
  return xmlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** An HTML body (already sanitised): the same markup, with every `]]>` written `]]&gt;`, which HTML reads the same. */
export function feedHtml(html: string): string {
  return xmlChars(html).replaceAll(']]>', ']]&gt;');
}
