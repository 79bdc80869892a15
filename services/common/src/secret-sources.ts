import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Where secrets come from: the environment (in production nothing else will do), or development files we generate. */
type Env = Record<string, string | undefined>;

/** Shortest secret accepted in production: 32 bytes, the size of the HS256 key itself. */
export const MIN_SECRET_BYTES = 32;

/** Where development secrets are generated (git-ignored; the folder mode 700, each file 600). */
export function devSecretsDir(env: Env = process.env): string {
  return env.DEV_SECRETS_DIR ?? path.resolve(__dirname, '../../../.data/secrets');
}

/**
 * A secret from the environment variable `variable`. In production nothing else will do: a missing or short one
 * stops the process, naming the variable. In development it falls back to the file the infra scripts generated.
 */
export function readSecret(env: Env, variable: string, devFile: string, what: string): string {
  const value = env[variable];
  if (env.NODE_ENV === 'production') {
    if (!value) throw new Error(`Thiếu biến môi trường ${variable}: ở production, ${what} phải được đặt qua biến này (ít nhất ${MIN_SECRET_BYTES} ký tự).`);
    if (value.length < MIN_SECRET_BYTES) throw new Error(`${variable} quá ngắn: ${what} cần ít nhất ${MIN_SECRET_BYTES} ký tự.`);
    return value;
  }
  if (value) return value;
  const file = path.join(devSecretsDir(env), devFile);
  if (!existsSync(file)) throw new Error(`Chưa có ${what} (${file}): chạy \`npm run infra:up\` để tạo, hoặc đặt biến ${variable}.`);
  return readFileSync(file, 'utf8').trim();
}

/** Development only: the secret in `devFile`, generated (URL-safe, 256 bits) when missing. */
export function ensureDevSecret(devFile: string, env: Env = process.env): string {
  const dir = devSecretsDir(env);
  const file = path.join(dir, devFile);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600, flag: 'wx' });
  return secret;
}
