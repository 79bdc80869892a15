import { Feed } from 'feed';
import { PUBLIC_BASE_URL, storyUrl, type FeedFormat } from '../application/links';
import { feedHtml, feedText } from '../domain/feed-text';
import type { StoryRow } from '../entities';

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

function render(feed: Feed, format: FeedFormat): string {
  return format === 'rss' ? feed.rss2() : format === 'atom' ? feed.atom1() : feed.json1();
}

/** RSS 2.0, Atom 1.0 or JSON Feed 1.0 with stable ids (`urn:uuid:<story>`) and real publication dates. */
export function buildFeed(title: string, selfPath: string, stories: StoryRow[], format: FeedFormat): string {
  const updated = stories.reduce<Date>((latest, s) => (s.updatedAt > latest ? s.updatedAt : latest), new Date(0));
  const feed = new Feed({
    title,
    id: `${PUBLIC_BASE_URL}${selfPath}`,
    link: PUBLIC_BASE_URL,
    language: 'vi',
    copyright: 'Tổng Liên đoàn Lao động Việt Nam',
    updated: stories.length > 0 ? updated : new Date(),
    generator: 'Thi Đua',
    feedLinks: { [format === 'json' ? 'json' : format]: `${PUBLIC_BASE_URL}${selfPath}` },
  });
  // JSON Feed's title and summary are plain text; RSS and Atom readers take them as HTML (see feed-text.ts)
  const text = format === 'json' ? (value: string) => value : feedText;
  for (const story of stories) {
    feed.addItem({
      title: text(story.title),
      id: `urn:uuid:${story.id}`,
      link: storyUrl(story.id),
      description: story.summary === null ? undefined : text(story.summary),
      content: feedHtml(story.bodyHtml),
      date: story.updatedAt,
      published: story.publishedAt ?? story.createdAt,
      category: [{ name: story.kind }, ...story.tags.map((tag) => ({ name: tag }))],
    });
  }
  return render(feed, format);
}
