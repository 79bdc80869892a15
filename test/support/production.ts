import { generateKeyPairSync, randomBytes } from 'node:crypto';

/** Secrets a production deployment would set: a fresh Ed25519 pair for internal tokens and a random caller-token secret. */
export function productionSecrets(): { jwtSecret: string; internalTokenPrivateKey: string; internalTokenPublicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    jwtSecret: randomBytes(48).toString('base64url'),
    internalTokenPrivateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    internalTokenPublicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}
