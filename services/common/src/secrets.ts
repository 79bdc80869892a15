import { existsSync, readFileSync } from 'node:fs';
import type { GatewayConfig, ServiceConfig } from './config';
import { DEVELOPMENT_JWT_SECRET } from './config';
import { DEVELOPMENT_KEY_FILE, ed25519Key, publicKeyPemOf } from './internal-keys';
import { MIN_SECRET_BYTES } from './secret-sources';


export class UnsafeConfigurationError extends Error {
  constructor(processName: string, problems: string[]) {
    super(`${processName} không khởi động ở chế độ production (NODE_ENV=production) vì cấu hình chưa an toàn:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'UnsafeConfigurationError';
  }
}

/** What this checkout's development key is, when it has one, so that production can refuse to run on it. */
function developmentPublicKey(): string | null {
  return existsSync(DEVELOPMENT_KEY_FILE) ? publicKeyPemOf(readFileSync(DEVELOPMENT_KEY_FILE, 'utf8')) : null;
}

function sharedSecretProblem(variable: string, value: string, developmentValues: string[]): string | null {
  if (!value) return `${variable} chưa được đặt`;
  if (developmentValues.includes(value)) return `${variable} đang là giá trị dùng cho môi trường phát triển; đặt một bí mật riêng`;
  if (Buffer.byteLength(value, 'utf8') < MIN_SECRET_BYTES) return `${variable} ngắn hơn ${MIN_SECRET_BYTES} byte`;
  return null;
}

function keyProblem(variable: string, pem: string, kind: 'private' | 'public'): string | null {
  if (!pem) return `${variable} chưa được đặt (khoá ${kind === 'private' ? 'bí mật' : 'công khai'} Ed25519, dạng PEM)`;
  const key = ed25519Key(pem, kind);
  if (!key) return `${variable} không phải khoá ${kind === 'private' ? 'bí mật' : 'công khai'} Ed25519 dạng PEM`;
  const publicPem = key.type === 'private' ? publicKeyPemOf(pem) : key.export({ type: 'spki', format: 'pem' }).toString();
  if (publicPem === developmentPublicKey()) return `${variable} là khoá phát triển của máy này (.data/keys); tạo một cặp khoá riêng cho production`;
  return null;
}

function refuseUnsafe(processName: string, problems: (string | null)[]): void {
  const found = problems.filter((p): p is string => p !== null);
  if (found.length > 0) throw new UnsafeConfigurationError(processName, found);
}

/**
 * Fail closed: in production the gateway refuses to start without its own secrets (missing, shorter than 32 bytes,
 * or a development value), naming each variable. Outside production the development values are allowed.
 */
export function requireGatewaySecrets(config: GatewayConfig): void {
  if (!config.isProduction) return;
  refuseUnsafe('Gateway', [
    config.jwksUrl ? null : sharedSecretProblem('JWT_SECRET', config.jwtSecret, [DEVELOPMENT_JWT_SECRET]),
    keyProblem('INTERNAL_TOKEN_PRIVATE_KEY', config.internalTokenPrivateKey, 'private'),
  ]);
}

/** The same for a subgraph: it must know the gateway's public key, and not the development one. */
export function requireSubgraphSecrets(config: ServiceConfig): void {
  if (!config.isProduction) return;
  refuseUnsafe(`Subgraph ${config.serviceName}`, [keyProblem('INTERNAL_TOKEN_PUBLIC_KEY', config.internalTokenPublicKey, 'public')]);
}
