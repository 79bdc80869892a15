import { plainText, renderBody, searchParts, searchQuery } from '../src/domain/content';

describe('story bodies rendered to safe HTML', () => {
  it('renders Markdown and keeps structure, links and images', () => {
    const html = renderBody('MARKDOWN', '## Gương sáng\n\nChị **Hoa** đạt [giải nhất](https://congdoan.vn/tin).\n\n![Ảnh](https://congdoan.vn/a.jpg)');
    expect(html).toContain('<h2>Gương sáng</h2>');
    expect(html).toContain('<strong>Hoa</strong>');
    expect(html).toContain('<a href="https://congdoan.vn/tin" rel="noopener noreferrer nofollow">giải nhất</a>');
    expect(html).toContain('<img src="https://congdoan.vn/a.jpg" alt="Ảnh" />');
  });

  it('drops scripts, styles, frames, event handlers and javascript: links, in HTML and in Markdown', () => {
    const hostile = '<p onclick="steal()">Tin</p><script>alert(1)</script><style>p{}</style><iframe src="https://x.test"></iframe><a href="javascript:alert(1)">bấm</a><img src="data:image/png;base64,AAAA" onerror="x()">';
    for (const format of ['HTML', 'MARKDOWN'] as const) {
      const html = renderBody(format, hostile);
      expect(html).not.toMatch(/script|style|iframe|onclick|onerror|javascript:|data:/i);
      expect(html).toContain('Tin');
    }
  });

  it('turns an empty or whitespace-only body into an empty string', () => {
    expect(renderBody('MARKDOWN', '')).toBe('');
    expect(renderBody('HTML', '   \n ')).toBe('');
  });

  it('gives the plain text of a body, spaces folded', () => {
    expect(plainText('<p>Lao   động</p>\n<p><em>giỏi</em></p>')).toBe('Lao động giỏi');
  });
});

describe('search in Vietnamese with and without diacritics', () => {
  it('folds a story into weighted parts: title, then summary and tags, then body', () => {
    expect(searchParts({ title: 'Gương Điển Hình', summary: 'Cách làm hay', tags: ['Công nhân'], bodyHtml: '<p>Đổi mới <b>sáng tạo</b></p>' })).toEqual({
      a: 'guong dien hinh',
      b: 'cach lam hay cong nhan',
      c: 'doi moi sang tao',
    });
  });

  it('needs every word and takes the last as a prefix, so a query typed with or without accents is the same', () => {
    expect(searchQuery('cách làm hay')).toBe('cach & lam & hay:*');
    expect(searchQuery('CACH LAM HAY')).toBe(searchQuery('cách làm hay'));
  });

  it('keeps only letters and digits, at most ten words, and finds nothing to search in punctuation', () => {
    expect(searchQuery("a'b & c|d ! (e)")).toBe('a & b & c & d & e:*');
    expect(searchQuery('1 2 3 4 5 6 7 8 9 10 11 12')).toBe('1 & 2 & 3 & 4 & 5 & 6 & 7 & 8 & 9 & 10:*');
    expect(searchQuery(' ?!& ')).toBeNull();
    expect(searchQuery('')).toBeNull();
  });
});
