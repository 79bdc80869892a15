import { useState, type FormEvent } from 'react';
import { mutate } from '../api';
import { useAuth } from '../auth';
import { WEBHOOK_DELIVERY_STATUS, WEBHOOK_EVENT, moment } from '../format';
import { useAction, useQuery } from '../hooks';
import { Empty, ErrorBox, Field, Loading, Outcome, Page, describedBy } from '../ui';

interface Delivery {
  id: string;
  eventType: string;
  storyId: string;
  status: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

interface Channel {
  id: string;
  name: string;
  contactEmail: string;
  revokedAt: string | null;
  webhook: { url: string; createdAt: string; deliveries: Delivery[] } | null;
}

const CHANNELS = `query NewsChannels { newsChannels { id name contactEmail revokedAt
  webhook { url createdAt deliveries(first: 50) { id eventType storyId status attempts lastStatus lastError deliveredAt createdAt } } } }`;
const SET_WEBHOOK = `mutation SetNewsChannelWebhook($channelId: ID!, $url: String!) { setNewsChannelWebhook(channelId: $channelId, url: $url) { webhook { url } secret } }`;

/** What the endpoint answered last, as the admin reads it. */
function lastAnswer(d: Delivery): string {
  if (d.lastStatus !== null) return `HTTP ${d.lastStatus}${d.lastError ? ` — ${d.lastError}` : ''}`;
  return d.lastError ?? '—';
}

function Deliveries({ deliveries }: { deliveries: Delivery[] }) {
  if (deliveries.length === 0) return <Empty>Chưa gửi tin bài nào tới địa chỉ này.</Empty>;
  const failed = deliveries.filter((d) => d.status === 'FAILED').length;
  return (
    <>
      {failed > 0 ? <p role="status" className="field-error">{failed} lần gửi thất bại: kiểm tra địa chỉ nhận và máy chủ của kênh.</p> : null}
      <table data-testid="webhook-deliveries">
        <thead>
          <tr><th>Lúc tạo</th><th>Nội dung</th><th>Trạng thái</th><th>Số lần gửi</th><th>Trả lời gần nhất</th><th>Lúc nhận</th></tr>
        </thead>
        <tbody>
          {deliveries.map((d) => (
            <tr key={d.id} data-testid="webhook-delivery">
              <td>{moment(d.createdAt)}</td>
              <td>{WEBHOOK_EVENT[d.eventType] ?? d.eventType} <a href={`/stories/${d.storyId}`}>(xem bài)</a></td>
              <td>{WEBHOOK_DELIVERY_STATUS[d.status] ?? d.status}</td>
              <td>{d.attempts}</td>
              <td>{lastAnswer(d)}</td>
              <td>{moment(d.deliveredAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** One channel: its endpoint (set or replaced, the new signing secret shown once) and what was sent to it. */
function ChannelCard({ channel, onSaved }: { channel: Channel; onSaved(): void }) {
  const { session } = useAuth();
  const [url, setUrl] = useState(channel.webhook?.url ?? '');
  const [secret, setSecret] = useState<string | null>(null);
  const action = useAction();
  const id = `webhook-url-${channel.id}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void action.run(async () => {
      const { setNewsChannelWebhook } = await mutate<{ setNewsChannelWebhook: { webhook: { url: string }; secret: string } }>(SET_WEBHOOK, { channelId: channel.id, url }, session?.token ?? null);
      setSecret(setNewsChannelWebhook.secret);
      onSaved();
      return `Đã lưu địa chỉ nhận của ${channel.name}.`;
    });
  };
  return (
    <section className="card stack" aria-label={channel.name} data-testid="news-channel">
      <h2>{channel.name}</h2>
      <p className="muted">Liên hệ: {channel.contactEmail}{channel.revokedAt ? ` · Đã thu hồi lúc ${moment(channel.revokedAt)}` : ''}</p>
      {channel.revokedAt ? null : (
        <form className="stack" onSubmit={submit} noValidate aria-label={`Địa chỉ nhận của ${channel.name}`}>
          <Field id={id} label="Địa chỉ nhận tin bài (HTTPS)" hint="Mỗi tin bài được đăng hoặc gỡ sẽ được gửi tới đây, có chữ ký HMAC, gửi lại khi máy chủ của kênh chưa nhận." problem={action.problem('url')}>
            <input id={id} type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://toasoan.vn/thidua/webhook" {...describedBy(id, true, action.problem('url'))} />
          </Field>
          <Outcome error={action.problems.length ? null : action.error} done={action.done} />
          {secret ? (
            <p role="status" data-testid="webhook-secret">
              Khóa ký mới (chỉ hiển thị một lần, hãy chuyển cho kênh qua đường an toàn): <code>{secret}</code>
            </p>
          ) : null}
          <div><button type="submit" disabled={action.busy}>{channel.webhook ? 'Đổi địa chỉ nhận và khóa ký' : 'Lưu địa chỉ nhận'}</button></div>
        </form>
      )}
      <h3>Các lần gửi</h3>
      {channel.webhook ? <Deliveries deliveries={channel.webhook.deliveries} /> : <Empty>Kênh chưa có địa chỉ nhận: tin bài chỉ đến qua nguồn tin và API.</Empty>}
    </section>
  );
}

/** The news channels' webhooks (Quản trị Tổng Liên đoàn): each channel's endpoint, its deliveries and failures. */
export function NewsChannelsPage() {
  const { session } = useAuth();
  const channels = useQuery<{ newsChannels: Channel[] }>(CHANNELS, {}, !session);
  return (
    <Page title="Kênh tin và địa chỉ nhận">
      <p className="muted">Các cơ quan báo chí đã đăng ký nhận tin bài: đặt địa chỉ nhận (webhook) của từng kênh và theo dõi các lần gửi, kể cả lần thất bại.</p>
      <ErrorBox error={channels.error} />
      {channels.loading && !channels.data ? <Loading /> : null}
      {channels.data && channels.data.newsChannels.length === 0 ? <Empty>Chưa có kênh tin nào được đăng ký.</Empty> : null}
      {channels.data?.newsChannels.map((channel) => <ChannelCard key={channel.id} channel={channel} onSaved={channels.reload} />)}
    </Page>
  );
}
