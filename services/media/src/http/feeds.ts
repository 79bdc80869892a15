import { Feed } from 'feed';
import { PUBLIC_BASE_URL, storyUrl, type FeedFormat } from '../application/links';
import { feedHtml, feedText, xmlChars } from '../domain/feed-text';
import { STORY_KIND_NAMES } from '../domain/story-kinds';
import type { StoryRow } from '../entities';

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

/** What a feed is about: its title, a sentence saying so (RSS requires one), and its own path. */
export interface FeedChannel {
  title: string;
  description: string;
  selfPath: string;
}

/** Who publishes every feed: the author RFC 4287 requires of a feed (and JSON Feed's `authors`). */
const PUBLISHER = { name: 'Tổng Liên đoàn Lao động Việt Nam', link: PUBLIC_BASE_URL };

/** A story's categories as readers see them: the Vietnamese name of its kind, then its tags. */
function categoriesOf(story: StoryRow): string[] {
  return [...new Set([STORY_KIND_NAMES[story.kind], ...story.tags])];
}

function lastUpdate(stories: StoryRow[]): Date {
  return stories.length > 0 ? stories.reduce<Date>((latest, s) => (s.updatedAt > latest ? s.updatedAt : latest), new Date(0)) : new Date();
}

/**
 * RSS 2.0, Atom 1.0 (RFC 4287) or JSON Feed 1.1, with stable ids (`urn:uuid:<story>`) and real publication dates.
 * Each is checked against its format's rules in the tests (test/support/feed-formats/).
 */
export function buildFeed(channel: FeedChannel, stories: StoryRow[], format: FeedFormat): string {
  return format === 'json' ? jsonFeed(channel, stories) : xmlFeed(channel, stories, format);
}

function xmlFeed(channel: FeedChannel, stories: StoryRow[], format: 'rss' | 'atom'): string {
  const feed = new Feed({
    title: xmlChars(channel.title),
    description: xmlChars(channel.description),
    id: `${PUBLIC_BASE_URL}${channel.selfPath}`,
    link: PUBLIC_BASE_URL,
    language: 'vi',
    copyright: PUBLISHER.name,
    author: PUBLISHER,
    updated: lastUpdate(stories),
    generator: 'Thi Đua',
    feedLinks: { [format]: `${PUBLIC_BASE_URL}${channel.selfPath}` },
  });
  // RSS and Atom readers take titles and summaries as HTML (see feed-text.ts)
  for (const story of stories) {
    feed.addItem({
      title: feedText(story.title),
      id: `urn:uuid:${story.id}`,
      link: storyUrl(story.id),
      description: story.summary === null ? undefined : feedText(story.summary),
      content: feedHtml(story.bodyHtml),
      date: story.updatedAt,
      published: story.publishedAt ?? story.createdAt,
      // the feed library writes Atom categories as attributes without escaping `<`: a tag stored with one (before the
      // rule in storyProblems) is left out of both XML feeds
      category: categoriesOf(story).filter((name) => !name.includes('<')).map((name) => ({ name: xmlChars(name), term: xmlChars(name) })),
    });
  }
  return format === 'rss' ? feed.rss2() : feed.atom1();
}

/** JSON Feed 1.1 (the feed library writes 1.0): plain-text titles and summaries, the body as HTML. */
function jsonFeed(channel: FeedChannel, stories: StoryRow[]): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: channel.title,
    home_page_url: PUBLIC_BASE_URL,
    feed_url: `${PUBLIC_BASE_URL}${channel.selfPath}`,
    description: channel.description,
    language: 'vi',
    authors: [{ name: PUBLISHER.name, url: PUBLISHER.link }],
    items: stories.map((story) => ({
      id: `urn:uuid:${story.id}`,
      url: storyUrl(story.id),
      title: story.title,
      ...(story.summary === null ? {} : { summary: story.summary }),
      content_html: story.bodyHtml,
      date_published: (story.publishedAt ?? story.createdAt).toISOString(),
      date_modified: story.updatedAt.toISOString(),
      tags: categoriesOf(story),
      language: story.language,
    })),
  });
}
