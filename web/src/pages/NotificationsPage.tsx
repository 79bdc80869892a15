import { useState } from 'react';
import { Link } from 'react-router';
import { mutate } from '../api';
import { useAuth } from '../auth';
import { moment } from '../format';
import { useAction, useQuery } from '../hooks';
import { announceNotificationsChanged } from '../notifications';
import { Empty, ErrorBox, Loading, Outcome, Page } from '../ui';

interface Notification {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string;
  createdAt: string;
  readAt: string | null;
}

interface Preference {
  kind: string;
  label: string;
  inbox: boolean;
  email: boolean;
  digest: boolean;
}

type Channels = Pick<Preference, 'inbox' | 'email' | 'digest'>;

const INBOX = `query MyNotifications($unreadOnly: Boolean) { myNotifications(first: 50, unreadOnly: $unreadOnly) { edges { node { id kind title body link createdAt readAt } } } }`;
const PREFERENCES = `query MyNotificationPreferences { myNotificationPreferences { kind label inbox email digest } }`;
const MARK = `mutation MarkNotificationsRead($ids: [ID!]!) { markNotificationsRead(ids: $ids) { id readAt } }`;
const MARK_ALL = `mutation MarkAllNotificationsRead { markAllNotificationsRead }`;
const CHOOSE = `mutation SetNotificationPreference($kind: NotificationKind!, $channels: NotificationChannelsInput!) {
  setNotificationPreference(kind: $kind, channels: $channels) { kind inbox email digest } }`;

function Preferences() {
  const { session } = useAuth();
  const token = session?.token ?? null;
  const prefs = useQuery<{ myNotificationPreferences: Preference[] }>(PREFERENCES);
  const action = useAction();
  const choose = (pref: Preference, channels: Channels) =>
    action.run(async () => {
      await mutate(CHOOSE, { kind: pref.kind, channels }, token);
      prefs.reload();
      announceNotificationsChanged();
      return `Đã lưu cách nhận «${pref.label}».`;
    });
  if (prefs.loading && !prefs.data) return <Loading />;
  return (
    <section aria-labelledby="prefs-title">
      <h2 id="prefs-title">Cách nhận thông báo</h2>
      <ErrorBox error={prefs.error} />
      <table>
        <thead>
          <tr><th scope="col">Loại thông báo</th><th scope="col">Trong hộp thư</th><th scope="col">Qua thư điện tử</th><th scope="col">Gộp vào thư tổng hợp hằng ngày</th></tr>
        </thead>
        <tbody>
          {(prefs.data?.myNotificationPreferences ?? []).map((pref) => (
            <tr key={pref.kind} data-testid={`preference-${pref.kind}`}>
              <th scope="row">{pref.label}</th>
              <td>
                <input type="checkbox" style={{ width: 'auto' }} aria-label={`${pref.label}: trong hộp thư`} checked={pref.inbox} disabled={action.busy}
                  onChange={(e) => choose(pref, { inbox: e.target.checked, email: pref.email, digest: pref.digest })} />
              </td>
              <td>
                <input type="checkbox" style={{ width: 'auto' }} aria-label={`${pref.label}: qua thư điện tử`} checked={pref.email} disabled={action.busy}
                  onChange={(e) => choose(pref, { inbox: pref.inbox, email: e.target.checked, digest: pref.digest })} />
              </td>
              <td>
                <input type="checkbox" style={{ width: 'auto' }} aria-label={`${pref.label}: gộp vào thư tổng hợp hằng ngày`} checked={pref.digest} disabled={action.busy || !pref.email}
                  onChange={(e) => choose(pref, { inbox: pref.inbox, email: pref.email, digest: e.target.checked })} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <Outcome error={action.error} done={action.done} />
    </section>
  );
}

/** The signed-in person's inbox (hộp thư thông báo): what the platform chases them for, each with its screen. */
export function NotificationsPage() {
  const { session } = useAuth();
  const token = session?.token ?? null;
  const [unreadOnly, setUnreadOnly] = useState(false);
  const inbox = useQuery<{ myNotifications: { edges: { node: Notification }[] } }>(INBOX, { unreadOnly }, !session);
  const action = useAction();
  const changed = () => {
    inbox.reload();
    announceNotificationsChanged();
  };
  if (!session) return <Page title="Thông báo"><p>Đăng nhập để xem thông báo của đồng chí.</p></Page>;
  const items = inbox.data?.myNotifications.edges.map((e) => e.node) ?? [];
  return (
    <Page
      title="Thông báo"
      actions={
        <button type="button" disabled={action.busy || !items.some((n) => !n.readAt)}
          onClick={() => action.run(async () => { const n = (await mutate<{ markAllNotificationsRead: number }>(MARK_ALL, {}, token)).markAllNotificationsRead; changed(); return `Đã đánh dấu ${n} thông báo là đã đọc.`; })}>
          Đánh dấu tất cả đã đọc
        </button>
      }
    >
      <label className="check">
        <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} /> Chỉ thông báo chưa đọc
      </label>
      <Outcome error={action.error} done={action.done} />
      <ErrorBox error={inbox.error} />
      {inbox.loading && !inbox.data ? <Loading /> : items.length === 0 ? <Empty>Không có thông báo nào.</Empty> : (
        <ul className="stack" aria-label="Danh sách thông báo">
          {items.map((n) => (
            <li key={n.id} className={`card${n.readAt ? '' : ' unread'}`} data-testid="notification">
              <h3>{n.readAt ? null : <span className="badge badge-red">Mới</span>} {n.title}</h3>
              <p>{n.body}</p>
              <p className="muted">{moment(n.createdAt)}</p>
              <div className="row">
                <Link to={n.link} onClick={() => { if (!n.readAt) void mutate(MARK, { ids: [n.id] }, token).then(announceNotificationsChanged); }}>Đến màn hình xử lý</Link>
                {n.readAt ? null : (
                  <button type="button" disabled={action.busy}
                    onClick={() => action.run(async () => { await mutate(MARK, { ids: [n.id] }, token); changed(); return 'Đã đánh dấu đã đọc.'; })}>
                    Đánh dấu đã đọc
                  </button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
      <Preferences />
    </Page>
  );
}
