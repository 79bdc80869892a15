import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { STORY_KIND, day, label } from '../format';
import { DownloadButton } from '../downloads';
import { useQuery } from '../hooks';
import { Empty, ErrorBox, Field, Loading, Page } from '../ui';
import SEARCH from '../../../gateway/public-operations/portal-search-stories.graphql?raw';
import SECTIONS from '../../../gateway/public-operations/portal-sections.graphql?raw';

interface StoryItem {
  id: string;
  title: string;
  summary: string | null;
  kind: string;
  publishedAt: string | null;
}

interface SectionData {
  slug: string;
  name: string;
  description: string | null;
  feeds: { rss: string; atom: string; json: string };
  stories: { edges: { node: StoryItem }[] };
}


/** The feed links are absolute URLs of the public base; the portal links them on its own origin. */
const local = (url: string) => url.replace(/^https?:\/\/[^/]+/, '');

function StoryList({ stories }: { stories: StoryItem[] }) {
  if (stories.length === 0) return <Empty>Chưa có tin bài.</Empty>;
  return (
    <ul>
      {stories.map((story) => (
        <li key={story.id}>
          <Link to={`/stories/${story.id}`}>{story.title}</Link> <span className="muted">· {label(STORY_KIND, story.kind)} · {day(story.publishedAt)}</span>
        </li>
      ))}
    </ul>
  );
}

/** Public: stories by section with their RSS, Atom and JSON feeds, and search with or without diacritics. */
export function StoriesPage() {
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  const sections = useQuery<{ sections: SectionData[] }>(SECTIONS);
  const found = useQuery<{ searchStories: { edges: { node: StoryItem }[] } }>(SEARCH, { text: query }, query === '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setQuery(text.trim());
  };
  return (
    <Page title="Gương điển hình và tin phong trào">
      <form className="row" onSubmit={submit} role="search" aria-label="Tìm tin bài">
        <Field id="story-search" label="Tìm tin bài (có dấu hoặc không dấu)">
          <input id="story-search" value={text} onChange={(e) => setText(e.target.value)} placeholder="vd. cach lam hay" />
        </Field>
        <button type="submit">Tìm</button>
      </form>
      {query ? (
        <section aria-live="polite">
          <h2>Kết quả tìm “{query}”</h2>
          <DownloadButton label="Tải Excel kết quả tìm" testId="search-excel" href={`/exports/stories/search.xlsx?text=${encodeURIComponent(query)}`} />
          {found.loading ? <Loading /> : <StoryList stories={found.data?.searchStories.edges.map((e) => e.node) ?? []} />}
        </section>
      ) : null}
      <ErrorBox error={sections.error} />
      {sections.loading ? <Loading /> : null}
      {sections.data?.sections.map((section) => (
        <section key={section.slug} data-testid={`section-${section.slug}`}>
          <h2>{section.name}</h2>
          {section.description ? <p className="muted">{section.description}</p> : null}
          <p className="muted">
            Nguồn tin: <a href={local(section.feeds.rss)}>RSS</a> · <a href={local(section.feeds.atom)}>Atom</a> · <a href={local(section.feeds.json)}>JSON Feed</a>
          </p>
          {section.stories.edges.length > 0 ? <DownloadButton label={`Tải Excel chuyên mục ${section.name}`} testId={`section-excel-${section.slug}`} href={`/exports/stories/sections/${encodeURIComponent(section.slug)}.xlsx`} /> : null}
          <StoryList stories={section.stories.edges.map((e) => e.node)} />
        </section>
      ))}
    </Page>
  );
}
