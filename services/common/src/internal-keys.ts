import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { importPKCS8, importSPKI, type CryptoKey } from 'jose';

/** Internal tokens are signed with Ed25519 keys. */
export const INTERNAL_TOKEN_ALGORITHM = 'EdDSA';

/** Where a developer machine keeps its gateway signing key: generated on first use, readable by its owner only. */
export const DEVELOPMENT_KEY_FILE = process.env.DEVELOPMENT_KEY_FILE ?? path.resolve(__dirname, '../../../.data/keys/internal-token.pem');

/**
 * Writes a file only its owner may read (mode 600), also when it existed with wider rights: secrets, keys, demo
 * tokens.
 */
export function writePrivateFile(file: string, content: string, options: { exclusive?: boolean } = {}): void {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, content, { mode: 0o600, flag: options.exclusive ? 'wx' : 'w' });
  chmodSync(file, 0o600);
}

let developmentKey: string | undefined;

/**
 * The development signing key (PKCS8 PEM, Ed25519), made once per checkout in `.data/keys/` so that the gateway and
 * the subgraphs started by `npm start` or the tests agree on it. Never used in production (see secrets.ts).
 */
export function developmentPrivateKeyPem(): string {
  if (developmentKey) return developmentKey;
  try {
    developmentKey = readFileSync(DEVELOPMENT_KEY_FILE, 'utf8');
  } catch {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    try {
      writePrivateFile(DEVELOPMENT_KEY_FILE, pem, { exclusive: true });
    } catch (error) {
      // another process of this checkout made it first: use theirs
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    developmentKey = readFileSync(DEVELOPMENT_KEY_FILE, 'utf8');
  }
  return developmentKey;
}

export function publicKeyPemOf(privateKeyPem: string): string {
  return createPublicKey(createPrivateKey(privateKeyPem)).export({ type: 'spki', format: 'pem' }).toString();
}

/** The key object of a PEM, or null when it is not an Ed25519 key of the wanted kind. */
export function ed25519Key(pem: string, kind: 'private' | 'public'): KeyObject | null {
  try {
    const key = kind === 'private' ? createPrivateKey(pem) : createPublicKey(pem);
    return key.type === kind && key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

export function importSigningKey(privateKeyPem: string): Promise<CryptoKey> {
  return importPKCS8(privateKeyPem, INTERNAL_TOKEN_ALGORITHM);
}

export function importVerifyingKey(publicKeyPem: string): Promise<CryptoKey> {
  return importSPKI(publicKeyPem, INTERNAL_TOKEN_ALGORITHM);
}
