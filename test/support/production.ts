import { generateKeyPairSync } from 'node:crypto';

/** Secrets a production deployment would set: a fresh Ed25519 pair for internal tokens (caller tokens need none). */
export function productionSecrets(): { internalTokenPrivateKey: string; internalTokenPublicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    internalTokenPrivateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    internalTokenPublicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}
