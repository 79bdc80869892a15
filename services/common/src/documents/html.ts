/**
 * HTML for document templates. Every interpolated value is escaped unless it is already `Html` (a fragment built
 * by this tag), so names and reasons typed by users can never inject markup into a printed, signed document.
 */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

type Interpolated = Html | string | number | null | undefined | false | readonly Interpolated[];

function render(value: Interpolated): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value).normalize('NFC'));
}

/** `html\`<p>${name}</p>\`` — values escaped, arrays joined, null/undefined/false left out. */
export function html(strings: TemplateStringsArray, ...values: Interpolated[]): Html {
  return new Html(strings.reduce((out, part, i) => out + part + (i < values.length ? render(values[i]!) : ''), ''));
}

/** Markup we produced ourselves (an SVG from the QR encoder); never user input. */
export function trusted(markup: string): Html {
  return new Html(markup);
}
