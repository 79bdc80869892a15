/**
 * Feeds carry titles and summaries in fields that RSS and Atom readers treat as HTML (Atom says `type="html"`), and
 * the feed library wraps them in CDATA sections without splitting a second `]]>`. Plain text is therefore sent
 * escaped: readers show it as written, and no `]]>` can end a CDATA section early (`>` becomes `&gt;`).
 */
export function feedText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** An HTML body (already sanitised): the same markup, with every `]]>` written `]]&gt;`, which HTML reads the same. */
export function feedHtml(html: string): string {
  return html.replaceAll(']]>', ']]&gt;');
}
