import { createHmac } from 'node:crypto';
import type { FieldProblem } from '@thidua/common';

/** A delivery an endpoint keeps refusing is tried this many times in all, then shown as failed to the channel's admin. */
export const MAX_WEBHOOK_ATTEMPTS = 8;

/** The header a channel verifies a delivery with: `t=<unix seconds>,v1=<HMAC-SHA256 of "<t>.<body>" with its secret, hex>`. */
export const SIGNATURE_HEADER = 'x-thidua-signature';

export function signature(secret: string, timestamp: number, body: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** Only HTTPS endpoints: the stories are public, the signature and the channel's address are not. */
export function webhookUrlProblems(url: string): FieldProblem[] {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return [{ field: 'url', message: 'Địa chỉ nhận (webhook) không hợp lệ: nhập đầy đủ, ví dụ https://toasoan.vn/thidua/webhook.' }];
  }
  if (parsed.protocol !== 'https:') return [{ field: 'url', message: 'Địa chỉ nhận phải dùng HTTPS (bắt đầu bằng https://) để nội dung và chữ ký không bị đọc trộm.' }];
  if (parsed.username || parsed.password) return [{ field: 'url', message: 'Địa chỉ nhận không được chứa tên đăng nhập hay mật khẩu; xác thực bằng chữ ký HMAC.' }];
  return [];
}
