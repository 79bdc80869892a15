/** Public links (through the gateway) to stories, their files and section feeds. */
export const PUBLIC_BASE_URL = (process.env.PUBLIC_BASE_URL ?? 'http://127.0.0.1:4000').replace(/\/+$/, '');

export type FeedFormat = 'rss' | 'atom' | 'json';

export function storyUrl(id: string): string {
  return `${PUBLIC_BASE_URL}/stories/${id}`;
}

export function assetUrl(id: string): string {
  return `${PUBLIC_BASE_URL}/assets/${id}`;
}

export function sectionFeedUrl(slug: string, format: FeedFormat): string {
  return `${PUBLIC_BASE_URL}/feeds/sections/${slug}.${format}`;
}
