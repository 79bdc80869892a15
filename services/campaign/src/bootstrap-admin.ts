/**
 * The first national admin account: before anyone can sign in, nobody can create one through the portal.
 *   npx tsx services/campaign/src/bootstrap-admin.ts <username> "<full name>"
 * Creates it at the identity provider (KEYCLOAK_URL or KEYCLOAK_PORT, KEYCLOAK_REALM, KEYCLOAK_ADMIN_CLIENT_SECRET)
 * and in the campaign database (DATABASE_URL_CAMPAIGN or POSTGRES_URL), audits it, and prints the temporary password
 * the person replaces at their first sign-in. Does nothing when the account exists.
 */
import { createDataSource, createLogger, databaseUrl } from '@thidua/common';
import { bootstrapNationalAdmin, type AccountWithPassword } from './application/accounts';
import { entities } from './entities';
import { migrations } from './migrations';

export async function ensureNationalAdmin(username: string, fullName: string): Promise<AccountWithPassword | null> {
  const db = createDataSource({ url: databaseUrl('campaign'), entities, migrations, poolSize: 1 });
  await db.initialize();
  try {
    return await bootstrapNationalAdmin(db, createLogger('bootstrap-admin'), { username, fullName });
  } finally {
    await db.destroy();
  }
}

if (require.main === module) {
  const [username, fullName] = process.argv.slice(2);
  if (!username || !fullName) {
    console.error('usage: bootstrap-admin.ts <username> "<full name>"');
    process.exit(2);
  }
  ensureNationalAdmin(username, fullName).then(
    (created) => {
      console.log(created ? `National admin ${username} created; temporary password (shown once): ${created.temporaryPassword}` : `Account ${username} exists already: nothing to do`);
    },
    (error: unknown) => {
      console.error('[bootstrap-admin] failed:', error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
