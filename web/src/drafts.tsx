import { useState } from 'react';
import { Link } from 'react-router';
import { mutate } from './api';
import { useAuth } from './auth';
import { day } from './format';
import { useQuery } from './hooks';
import { Empty, ErrorBox } from './ui';

const DISCARD = `mutation DiscardCampaignDraft($id: ID!) { discardCampaignDraft(id: $id) }`;
const DRAFTS = `query UnitDrafts($unitId: ID!) { campaigns(unitId: $unitId, status: DRAFT, first: 50) { edges { node { id title createdAt } } } }`;

/** Bỏ bản nháp: asks once more, naming the draft, before the draft and its targets are deleted. */
export function DiscardDraftButton({ id, title, onDiscarded }: { id: string; title: string; onDiscarded: () => void }) {
  const { session } = useAuth();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error | null>(null);
  const discard = async () => {
    setBusy(true);
    setError(null);
    try {
      await mutate(DISCARD, { id }, session?.token ?? null);
      onDiscarded();
    } catch (e) {
      setError(e as Error);
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="discard-draft">
      {confirming ? (
        <span role="group" aria-label={`Xác nhận bỏ bản nháp «${title}»`}>
          Bỏ hẳn bản nháp «{title}»?{' '}
          <button type="button" onClick={discard} disabled={busy} autoFocus>
            {busy ? 'Đang bỏ…' : 'Bỏ bản nháp'}
          </button>{' '}
          <button type="button" className="secondary" onClick={() => setConfirming(false)} disabled={busy}>
            Giữ lại
          </button>
        </span>
      ) : (
        <button type="button" className="secondary" onClick={() => setConfirming(true)}>
          Bỏ bản nháp
        </button>
      )}
      <ErrorBox error={error} />
    </span>
  );
}

interface DraftsData {
  campaigns: { edges: { node: { id: string; title: string; createdAt: string } }[] };
}

/** The drafts of a unit's subtree that were never launched, each with its way out. */
export function UnitDrafts({ unitId }: { unitId: string }) {
  const drafts = useQuery<DraftsData>(DRAFTS, { unitId });
  const rows = drafts.data?.campaigns.edges ?? [];
  return (
    <section aria-labelledby="drafts-heading">
      <h2 id="drafts-heading">Bản nháp chưa phát động</h2>
      <ErrorBox error={drafts.error} />
      {rows.length === 0 ? (
        <Empty>Không có bản nháp nào.</Empty>
      ) : (
        <ul data-testid="drafts">
          {rows.map(({ node }) => (
            <li key={node.id}>
              <Link to={`/campaigns/${node.id}`}>{node.title}</Link> <span className="muted">(tạo ngày {day(node.createdAt)})</span>{' '}
              <DiscardDraftButton id={node.id} title={node.title} onDiscarded={drafts.reload} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
