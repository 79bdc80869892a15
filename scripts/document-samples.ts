/**
 * The README's pictures of every document: starts the platform in this process on free ports (the checkout's own
 * test databases and broker: set DATABASE_SUFFIX, KAFKA_PORT as for the tests, after `npm run infra:up -- --test`),
 * loads the demo data, lets the Bắc Ninh council decide the open nomination and approve another, downloads each
 * document through the gateway and renders one page of each to docs/documents/*.png with pdftoppm. The demo accounts
 * sign in at the checkout's Keycloak, in a realm of this run's own (as in the tests; `eval "$(bash
 * infra/keycloak/keycloak.sh env)"` first).
 *   npx tsx scripts/document-samples.ts
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { demoAccount } from '../test/support/demo';
import { signInAs } from '../test/support/keycloak';
import { startDemoPlatform } from './demo-platform';

const run = promisify(execFile);
const OUT = path.resolve(__dirname, '..', 'docs', 'documents');

async function main(): Promise<void> {
  const { platform, base, accounts, stop } = await startDemoPlatform('samples', { province: false });
  try {
    const tokenOf = async (label: string) => {
      const { username, password } = demoAccount(accounts, label);
      return (await signInAs(username, password)).accessToken;
    };
    const [council, officer] = [await tokenOf('council member, Bắc Ninh'), await tokenOf('officer, Bắc Ninh')];
    const gql = async (token: string, query: string, variables: Record<string, unknown> = {}) => {
      const response = await fetch(platform.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
      const body = (await response.json()) as { data?: any; errors?: unknown[] };
      if (body.errors) throw new Error(JSON.stringify(body.errors));
      return body.data;
    };
    const open = (await gql(council, `{ nominations(status: OPEN, first: 10) { edges { node { id subjectName } } } myUnit { id } }`)) as { nominations: { edges: { node: { id: string } }[] }; myUnit: { id: string } };
    const [first, second] = open.nominations.edges.map((e) => e.node.id);
    // the whole council votes in its meeting: one vote never decides (decision 0036)
    const members = [council, await tokenOf('council member, Bắc Ninh (2)'), await tokenOf('council member, Bắc Ninh (3)')];
    for (const member of members) await gql(member, `mutation($id: ID!) { reviewNomination(id: $id, vote: FOR, comment: "Thành tích nổi bật, đúng đối tượng") { status } }`, { id: first });
    const decision = (await gql(council, `mutation($id: ID!) { grantReward(nominationId: $id, input: { signerRole: "Chủ tịch", signerName: "Nguyễn Văn Dũng" }) { id } }`, { id: first })).grantReward.id as string;
    if (second) for (const member of members) await gql(member, `mutation($id: ID!) { reviewNomination(id: $id, vote: FOR) { status } }`, { id: second });
    const campaign = (await gql(officer, `{ campaigns(unitId: "${open.myUnit.id}", first: 10) { edges { node { id title status } } } }`)).campaigns.edges
      .map((e: { node: { id: string; title: string; status: string } }) => e.node).find((c: { status: string }) => c.status !== 'DRAFT')!.id as string;
    const year = new Date().getUTCFullYear();
    const samples: [name: string, url: string, page: number][] = [
      ['decision', `/documents/rewards/decisions/${decision}.pdf`, 1],
      ['decision-annex', `/documents/rewards/decisions/${decision}.pdf`, 2],
      ['certificate', `/documents/rewards/decisions/${decision}/certificate.pdf`, 1],
      ['council-minutes', `/documents/rewards/councils/${open.myUnit.id}/minutes.pdf`, 1],
      ['proposal-dossier', `/documents/rewards/councils/${open.myUnit.id}/proposal.pdf`, 1],
      ['movement-plan', `/documents/campaigns/${campaign}/plan.pdf`, 1],
      ['movement-report', `/documents/campaigns/${campaign}/report.pdf`, 1],
      ['annual-report', `/documents/units/${open.myUnit.id}/annual-report.pdf?year=${year}`, 1],
    ];
    mkdirSync(OUT, { recursive: true });
    const work = mkdtempSync(path.join(tmpdir(), 'thidua-pages-'));
    for (const [name, url, page] of samples) {
      const response = await fetch(`${base}${url}`, { headers: { authorization: `Bearer ${name.startsWith('council') || name.startsWith('proposal') ? council : officer}` } });
      if (!response.ok) {
        console.log(`${name}: ${response.status} ${await response.text()}`);
        continue;
      }
      const pdf = path.join(work, `${name}.pdf`);
      writeFileSync(pdf, Buffer.from(await response.arrayBuffer()));
      await run('pdftoppm', ['-png', '-r', '60', '-f', String(page), '-l', String(page), '-singlefile', pdf, path.join(OUT, name)]);
      console.log(`docs/documents/${name}.png`);
    }
  } finally {
    await stop();
  }
}

void main();
