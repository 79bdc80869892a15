/**
 * The feeds' format rules themselves (test/support/feed-formats/): they refuse the defects a feed reader would trip
 * on (no author in Atom, an empty RSS description, JSON Feed 1.0, a category without its term), and the feeds media
 * builds meet them whatever an editor types, `]]>`, markup, combining marks and characters XML cannot carry included.
 */
import fc from 'fast-check';
import { buildFeed } from '../services/media/src/http/feeds';
import { unshowableCharacter } from '../services/media/src/domain/feed-text';
import { storyProblems } from '../services/media/src/domain/stories';
import type { StoryRow } from '../services/media/src/entities';
import { feedProblems } from './support/feeds';

const ATOM_ENTRY = `<entry><id>urn:uuid:6f1c2a3e-1111-4222-8333-444455556666</id><title>Tin</title><updated>2026-06-01T03:00:00Z</updated>AUTHOR</entry>`;
const atom = (feedAuthor: string, entryAuthor: string, category = '') =>
  `<feed xmlns="http://www.w3.org/2005/Atom"><id>urn:uuid:1</id><title>Tin</title><updated>2026-06-01T03:00:00Z</updated>${feedAuthor}${category}${ATOM_ENTRY.replace('AUTHOR', entryAuthor)}</feed>`;
const AUTHOR = '<author><name>Báo Lao Động</name></author>';
const rss = (description: string) =>
  `<rss version="2.0"><channel><title>Tin</title><link>https://thidua.vn/</link><description>${description}</description><item><title>Tin</title></item></channel></rss>`;

describe('the format rules', () => {
  it('refuse an Atom feed with no author for its entries (RFC 4287, 4.1.1), and take one where every entry has its own', async () => {
    expect(await feedProblems('atom', atom('', ''))).not.toEqual([]);
    expect(await feedProblems('atom', atom(AUTHOR, ''))).toEqual([]);
    expect(await feedProblems('atom', atom('', AUTHOR))).toEqual([]);
    expect(await feedProblems('atom', atom(AUTHOR, '', '<category label="Gương điển hình"/>'))).not.toEqual([]);
    expect(await feedProblems('atom', atom(AUTHOR, '').replace('2026-06-01T03:00:00Z', '01/06/2026'))).not.toEqual([]);
  });

  it('refuse an RSS channel with an empty description, and a document that is not well formed', async () => {
    expect(await feedProblems('rss', rss('Tin bài của Công đoàn'))).toEqual([]);
    for (const description of ['', '   ']) expect(await feedProblems('rss', rss(description))).not.toEqual([]);
    expect(await feedProblems('rss', rss('Tin').replace('</channel>', ''))).not.toEqual([]);
  });

  it('refuse JSON Feed 1.0 and an item with no content', async () => {
    const item = { id: 'urn:uuid:1', content_html: '<p>Tin</p>' };
    expect(await feedProblems('json', JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Tin', items: [item] }))).toEqual([]);
    expect(await feedProblems('json', JSON.stringify({ version: 'https://jsonfeed.org/version/1', title: 'Tin', author: { name: 'A' }, items: [item] }))).not.toEqual([]);
    expect(await feedProblems('json', JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'Tin', items: [{ id: 'urn:uuid:1' }] }))).not.toEqual([]);
    expect(await feedProblems('json', '{ "version": ')).toEqual([expect.stringMatching(/^not JSON/)]);
  });
});

describe('the feeds media builds', () => {
  const awkward = fc.constantFrom(']]>', ']]&gt;', '<script>', '&amp;', '"', "'", 'ệ', 'e\u0302\u0323', '\u00A0', '😀');
  const unshowable = fc.constantFrom('\u0000', '\u0007', '\u000B', '\u001F', '\uFFFE', '\uFFFF', '\uD800', '\uDC00');
  const text = (maxLength: number) =>
    fc.string({ unit: fc.oneof(awkward, fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 })), minLength: 5, maxLength }).filter((t) => unshowableCharacter(t) === null && t.trim().length >= 5);
  const withUnshowable = fc.tuple(text(20), unshowable, text(20)).map(([a, bad, b]) => `${a}${bad}${b}`);
  // a tag the API takes: no markup, at most 50 UTF-16 units (an awkward unit such as "]]&gt;" is six of them)
  const tag = text(40).filter((t) => !/[<>]/.test(t) && t.length <= 50);
  const story = fc.record({ title: text(60).filter((t) => t.length <= 300), summary: fc.option(text(120)), tags: fc.array(tag, { maxLength: 3 }), body: fc.oneof(text(200), withUnshowable) });

  it('meet their format’s rules for any stories the API accepts, whatever their text (and a body stored with characters XML cannot carry)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(story, { minLength: 10, maxLength: 10 }), async (drafts) => {
        const now = new Date('2026-06-01T03:00:00Z');
        const stories = drafts.map(({ body, ...draft }, i) => {
          expect(storyProblems({ ...draft, body, kind: 'GOOD_DEED' })).toEqual([]);
          return { ...draft, id: `6f1c2a3e-1111-4222-8333-4444555566${String(i).padStart(2, '0')}`, kind: 'GOOD_DEED', status: 'PUBLISHED', bodyHtml: `<p>${body}</p>`, language: 'vi', createdAt: now, updatedAt: now, publishedAt: now } as StoryRow;
        });
        for (const format of ['rss', 'atom', 'json'] as const) {
          const feed = buildFeed({ title: 'Người tốt, việc tốt', description: 'Tin bài chuyên mục «Người tốt, việc tốt».', selfPath: `/feeds/sections/thu.${format}` }, stories, format);
          expect([format, await feedProblems(format, feed)]).toEqual([format, []]);
        }
      }),
      { numRuns: 6 },
    );
    // six runs of ten stories in three formats, each XML one through an xmllint process: seconds on a busy machine
  }, 120_000);

  it('are spared what no feed can carry: the API refuses such characters in a title, summary or tag, and markup in a tag, naming the field', () => {
    fc.assert(
      fc.property(withUnshowable, fc.constantFrom('title', 'summary', 'tags'), (value, field) => {
        const draft = { title: 'Người tốt việc tốt', summary: null, tags: [], body: '', kind: 'GOOD_DEED' as const, ...(field === 'tags' ? { tags: [value] } : { [field]: value }) };
        const problems = storyProblems(draft).filter((p) => p.message.includes('không hiển thị được'));
        expect(problems.map((p) => p.field)).toEqual([field]);
        expect(problems[0]!.message).toMatch(/\(U\+[0-9A-F]{4}\): xoá ký tự đó rồi lưu lại\.$/);
      }),
    );
    expect(storyProblems({ title: 'Tin tốt\u0007 hôm nay', summary: null, tags: ['an <b>toàn</b>'], body: '', kind: 'GOOD_DEED' })).toEqual([
      { field: 'tags', message: 'Nhãn «an <b>toàn</b>» có dấu < hoặc >: nhãn chỉ là từ khoá, hãy bỏ các dấu đó.' },
      { field: 'title', message: 'Tiêu đề có ký tự không hiển thị được (U+0007): xoá ký tự đó rồi lưu lại.' },
    ]);
  });

  it('leave out of RSS and Atom a tag stored with markup before the rule, and keep it in JSON Feed', async () => {
    const now = new Date('2026-06-01T03:00:00Z');
    const story = { id: '6f1c2a3e-1111-4222-8333-444455556666', kind: 'EXEMPLAR', status: 'PUBLISHED', title: 'Chị Hoa', summary: null, tags: ['a<b', 'dệt may'], bodyHtml: '', language: 'vi', createdAt: now, updatedAt: now, publishedAt: now } as StoryRow;
    const feed = (format: 'rss' | 'atom' | 'json') => buildFeed({ title: 'Gương điển hình tiên tiến', description: 'Tin bài.', selfPath: `/feeds/thu.${format}` }, [story], format);
    for (const format of ['rss', 'atom', 'json'] as const) expect([format, await feedProblems(format, feed(format))]).toEqual([format, []]);
    expect(feed('atom').match(/<category [^>]*term="[^"]*"/g)).toEqual(['<category label="Gương điển hình tiên tiến" term="Gương điển hình tiên tiến"', '<category label="dệt may" term="dệt may"']);
    expect(feed('rss').match(/<category>[^<]*<\/category>/g)).toEqual(['<category>Gương điển hình tiên tiến</category>', '<category>dệt may</category>']);
    expect((JSON.parse(feed('json')) as { items: { tags: string[] }[] }).items[0]!.tags).toEqual(['Gương điển hình tiên tiến', 'a<b', 'dệt may']);
  });
});
