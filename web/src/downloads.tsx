import { useState } from 'react';
import { useAuth } from './auth';

/**
 * Downloads of documents (PDF) and spreadsheets (.xlsx) from the gateway. The file is fetched with the signed-in
 * user's token, as every API call is, and handed to the browser as a download; a refusal shows the API's message.
 */
export function DownloadButton({ href, label, testId }: { href: string; label: string; testId?: string }) {
  const { session } = useAuth();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(href, { headers: session ? { authorization: `Bearer ${session.token}` } : {} });
      if (!response.ok) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `Máy chủ trả lời ${response.status}`);
      }
      const name = /filename\*=UTF-8''([^;]+)/.exec(response.headers.get('content-disposition') ?? '')?.[1];
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = name ? decodeURIComponent(name) : href.split('/').pop()!.split('?')[0]!;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="download">
      <button type="button" className="secondary" onClick={download} disabled={busy} data-testid={testId}>
        {busy ? 'Đang tải…' : label}
      </button>
      {error ? <span className="field-error" role="alert"> {error}</span> : null}
    </span>
  );
}

/** The query string of a download, leaving out empty values. */
export function query(params: Record<string, string | number | boolean | null | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== null && value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** A document's path on this origin, from the absolute link the API gives (PUBLIC_BASE_URL may name another host). */
export const sameOrigin = (url: string): string => {
  const parsed = new URL(url, window.location.origin);
  return `${parsed.pathname}${parsed.search}`;
};
