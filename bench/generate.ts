/**
 * Fills the four services' `_bench` databases (made anew, migrated) through the services' own tables, at a chosen
 * scale, deterministically from a seed:
 *
 *   npx tsx bench/generate.ts --scale small|medium|national [--seed 42] [--suffix _bench]
 *
 * The union tree (34 provinces and cities, central sector unions, upper-grassroots unions, grassroots unions of
 * every kind), members with Vietnamese names, occupations and flags, their read models in evaluation, reward and
 * media (as the events would have made them), campaigns with targets, unit enrolments and a year of monthly
 * progress reports, published results (every member ranked in one national campaign), reward decisions with their
 * nominations, and published stories. Rows go in with COPY; a progress bar shows rows per second and time left
 * for each table.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PROVINCES } from '@thidua/common';
import { prepareDatabases } from '../infra/databases';
import {
  DATA_SERVICES, Dice, connectAll, disconnectAll, loadCampaigns, loadMembers, loadResults, loadRewards, loadStories, loadUnits, makeGrassroots, makeUnit, memberRows, members, prng,
  type Databases, type Unit,
} from '../infra/union-data';
import { RESULTS_DIR, machine } from './support';

interface Scale {
  grassroots: number;
  membersPerGrassroots: number;
  /** Campaigns each province launches; the national federation launches as many again. */
  campaignsPerProvince: number;
  /** Share of grassroots unions of a province enrolled in each of its campaigns. */
  enrolledShare: number;
  rewardShare: number;
  storiesPerThousandMembers: number;
}

const SCALES: Record<string, Scale> = {
  small: { grassroots: 1_300, membersPerGrassroots: 85, campaignsPerProvince: 3, enrolledShare: 0.5, rewardShare: 0.005, storiesPerThousandMembers: 2 },
  medium: { grassroots: 13_000, membersPerGrassroots: 85, campaignsPerProvince: 3, enrolledShare: 0.3, rewardShare: 0.005, storiesPerThousandMembers: 2 },
  national: { grassroots: 130_000, membersPerGrassroots: 85, campaignsPerProvince: 3, enrolledShare: 0.1, rewardShare: 0.005, storiesPerThousandMembers: 1 },
};

const SECTORS = ['Công đoàn Quốc phòng', 'Công đoàn Công an nhân dân', 'Công đoàn Dầu khí Việt Nam', 'Công đoàn Điện lực Việt Nam', 'Công đoàn Dệt May Việt Nam'];
const CAMPAIGN_NAMES = ['Lao động giỏi', 'Lao động sáng tạo', 'Xanh – sạch – đẹp, an toàn', 'Giỏi việc nước, đảm việc nhà', 'Chuyển đổi số'];

function buildTree(dice: Dice, scale: Scale): { units: Unit[]; grassroots: Unit[]; provinces: Unit[] } {
  const root = makeUnit(dice, 'VN', 'Tổng Liên đoàn Lao động Việt Nam', 'NATIONAL', null);
  const provinces = PROVINCES.map(([code, name]) => makeUnit(dice, code, `Liên đoàn Lao động ${name}`, 'PROVINCIAL', root, { provinceCode: code }));
  const sectors = SECTORS.map((name, i) => makeUnit(dice, `NGANH${i + 1}`, name, 'SECTOR', root));
  const parents = [...provinces, ...sectors];
  const units: Unit[] = [root, ...parents];
  const uppers = parents.flatMap((parent) =>
    Array.from({ length: 6 }, (_, i) => makeUnit(dice, `${parent.code}-CT${i + 1}`, `Công đoàn cấp trên cơ sở số ${i + 1}, ${parent.name.replace(/^Liên đoàn Lao động /, '')}`, 'UPPER_GRASSROOTS', parent)),
  );
  units.push(...uppers);
  // members are not spread evenly: Hồ Chí Minh City and Hà Nội hold about a quarter of them
  const parentWeights = parents.map((p) => (p.code === 'HCM' ? 0.14 : p.code === 'HN' ? 0.1 : 0.76 / (parents.length - 2)));
  const uppersOf = new Map(parents.map((p) => [p.id, uppers.filter((u) => u.parentId === p.id)]));
  const grassroots = makeGrassroots(dice, scale.grassroots, (i) => uppersOf.get(dice.weighted(parents, parentWeights).id)![i % 6]!);
  for (const row of grassroots) units.push(row); // not push(...grassroots): 130,000 arguments overflow the stack
  return { units, grassroots, provinces };
}

/** Each unit's sector union (the child of the national federation above it), for the units under a sector. */
function sectorsOf(units: Unit[]): Map<string, string> {
  const sectorOf = new Map<string, string>();
  const byId = new Map(units.map((u) => [u.id, u]));
  for (const unit of units) {
    let top: Unit | undefined = unit;
    while (top?.parentId && byId.get(top.parentId)?.level !== 'NATIONAL') top = byId.get(top.parentId);
    if (top?.level === 'SECTOR') sectorOf.set(unit.id, top.id);
  }
  return sectorOf;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const option = (name: string, fallback: string) => {
    const index = args.indexOf(`--${name}`);
    return index >= 0 && args[index + 1] ? args[index + 1]! : fallback;
  };
  const scaleName = option('scale', 'small');
  const scale = SCALES[scaleName];
  if (!scale) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
  const seed = Number(option('seed', '42'));
  process.env.DATABASE_SUFFIX = option('suffix', '_bench');
  const started = Date.now();
  console.log(`[generate] scale ${scaleName}, seed ${seed}, databases *${process.env.DATABASE_SUFFIX}`);
  await prepareDatabases({ test: false, suffix: process.env.DATABASE_SUFFIX });

  const dice = new Dice(prng(seed));
  const { units, grassroots, provinces } = buildTree(dice, scale);
  const db = await connectAll();
  const estimatedMembers = scale.grassroots * scale.membersPerGrassroots;
  let rows = 0;
  let memberTotal = 0;
  try {
    rows += await loadUnits(db, units);
    const memberSeed = seed + 1;
    const rowsOf = memberRows(memberSeed, grassroots, scale.membersPerGrassroots);
    const loaded = await loadMembers(db, rowsOf, estimatedMembers);
    memberTotal = loaded.members;
    rows += loaded.rows;
    const generated = await generateCampaigns(dice, db, units[0]!, provinces, grassroots, scale);
    rows += generated.rows;
    const year = new Date().getUTCFullYear();
    rows += await loadResults(dice, db, sectorsOf(units), generated.campaigns, generated.enrollments, { rowsOf, count: memberTotal, campaign: { unit: units[0]!, title: `Giỏi việc nước, đảm việc nhà toàn quốc ${year}` } });
    rows += await loadRewards(dice, db, members(new Dice(prng(memberSeed)), grassroots, scale.membersPerGrassroots), scale.rewardShare);
    rows += await loadStories(dice, db.media, provinces, Math.round((memberTotal / 1000) * scale.storiesPerThousandMembers));
    // VACUUM too: index-only scans need the visibility map of freshly loaded tables
    for (const service of DATA_SERVICES) await db[service].query('VACUUM (ANALYZE)');
  } finally {
    await disconnectAll(db);
  }
  const seconds = (Date.now() - started) / 1000;
  const summary = `${rows.toLocaleString('en-US')} rows in ${seconds.toFixed(1)} s (${Math.round(rows / seconds).toLocaleString('en-US')} rows/s overall)`;
  console.log(`[generate] ${summary}`);
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(path.join(RESULTS_DIR, `generate-${scaleName}.md`), `# Generator, scale ${scaleName} (seed ${seed})\n\n${new Date().toISOString()} · ${machine()}\n\n${summary}; ${units.length.toLocaleString('en-US')} units, ${memberTotal.toLocaleString('en-US')} members (each also in three read models).\n`);
}

/** Each province's campaigns and as many national ones, the national ones enrolling a fifth as many units. */
function generateCampaigns(dice: Dice, db: Databases, root: Unit, provinces: Unit[], grassroots: Unit[], scale: Scale) {
  const year = new Date().getUTCFullYear();
  const launchers = [...provinces.flatMap((p) => Array.from({ length: scale.campaignsPerProvince }, () => p)), ...Array.from({ length: scale.campaignsPerProvince }, () => root)];
  const plans = launchers.map((unit, i) => ({
    unit, title: `${dice.pick(CAMPAIGN_NAMES)} ${unit.provinceCode ?? 'toàn quốc'} ${year} (${i + 1})`, enrolledShare: unit.level === 'NATIONAL' ? scale.enrolledShare / 5 : scale.enrolledShare,
  }));
  return loadCampaigns(dice, db, plans, grassroots);
}

main().catch((error: unknown) => {
  console.error('[generate] failed:', error instanceof Error ? error.stack : error);
  process.exit(1);
});
