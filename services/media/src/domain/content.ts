import sanitizeHtml from 'sanitize-html';
import { marked } from 'marked';
import { foldVietnamese } from '@thidua/common';

export type BodyFormat = 'HTML' | 'MARKDOWN';

/** What a story body may contain: text structure, links and images; no scripts, styles, frames or handlers. */
const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 'h2', 'h3', 'h4', 'blockquote', 'ul', 'ol', 'li', 'a', 'img', 'figure', 'figcaption', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr'],
  allowedAttributes: { a: ['href', 'title'], img: ['src', 'alt', 'title'] },
  allowedSchemes: ['https', 'http', 'mailto'],
  allowedSchemesByTag: { img: ['https', 'http'] },
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow' }) },
};
ALLOWED.allowedAttributes = { ...ALLOWED.allowedAttributes, a: ['href', 'title', 'rel'] };

/** Renders a body to safe HTML: Markdown through marked, then everything through the allow-list. */
export function renderBody(format: BodyFormat, source: string): string {
  const html = format === 'MARKDOWN' ? (marked.parse(source, { async: false }) as string) : source;
  return sanitizeHtml(html, ALLOWED).trim();
}

export function plainText(html: string): string {
  return sanitizeHtml(html, { allowedTags: [], allowedAttributes: {} }).replace(/\s+/g, ' ').trim();
}

/** The folded text a story is searched by (title weighs most, then summary and tags, then body). */
export function searchParts(story: { title: string; summary: string | null; tags: string[]; bodyHtml: string }): { a: string; b: string; c: string } {
  return {
    a: foldVietnamese(story.title),
    b: foldVietnamese(`${story.summary ?? ''} ${story.tags.join(' ')}`),
    c: foldVietnamese(plainText(story.bodyHtml)),
  };
}

/** A search query folded like the documents: every word must match, the last one as a prefix. */
export function searchQuery(text: string): string | null {
  const words = foldVietnamese(text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, 10);
  if (words.length === 0) return null;
  return words.map((w, i) => (i === words.length - 1 ? `${w}:*` : w)).join(' & ');
}
