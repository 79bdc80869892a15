import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { SERVICE_NAMES, databaseRolePassword, kafkaCredentials, type KafkaPrincipal } from '@thidua/common';

/** Secrets a production deployment would set: a fresh Ed25519 pair for internal tokens and a random caller-token secret. */
export function productionSecrets(): { jwtSecret: string; internalTokenPrivateKey: string; internalTokenPublicKey: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    jwtSecret: randomBytes(48).toString('base64url'),
    internalTokenPrivateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    internalTokenPublicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

/**
 * The database and broker passwords a production deployment sets (this checkout's development ones), so that a test
 * of the other secrets meets those checks rather than the passwords'.
 */
export function productionPasswords(): Record<string, string> {
  return {
    ...Object.fromEntries(([...SERVICE_NAMES, 'gateway'] as KafkaPrincipal[]).map((principal) => [`KAFKA_PASSWORD_${principal.toUpperCase()}`, kafkaCredentials(principal).password])),
    ...Object.fromEntries(SERVICE_NAMES.map((service) => [`DATABASE_PASSWORD_${service.toUpperCase()}`, databaseRolePassword(service, 'runtime')])),
  };
}
