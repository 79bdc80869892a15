/**
 * One province of the demo at a realistic size, under its provincial federation (made by infra/seed-demo.ts through
 * the gateway): upper-grassroots unions named as the province names them, hundreds of grassroots unions, tens of
 * thousands of members, a year of movements with monthly progress, their published results, reward decisions and
 * stories.
 * Written straight into the services' tables by the national generator's code (infra/union-data.ts), each database
 * in one transaction, so a failed run leaves nothing behind and a second run finds the province seeded and stops.
 *
 *   npx tsx infra/seed-province.ts [--province BN] [--grassroots 400] [--members 85] [--seed 2026]
 */
import {
  DATA_SERVICES, Dice, connectAll, disconnectAll, loadCampaigns, loadMembers, loadResults, loadRewards, loadStories, loadUnits, makeGrassroots, makeUnit, memberRows,
  members, prng, type CampaignPlan, type Databases, type Unit,
} from './union-data';

export interface ProvinceSize {
  /** The provincial federation's unit code. */
  province: string;
  grassroots: number;
  /** About how many members each grassroots union has. */
  membersPerGrassroots: number;
  seed: number;
}

export const DEMO_PROVINCE: ProvinceSize = { province: 'BN', grassroots: 400, membersPerGrassroots: 85, seed: 2026 };

export interface ProvinceSeeded {
  /** False when the province had been seeded already (nothing was written). */
  seeded: boolean;
  units: number;
  members: number;
  rows: number;
  seconds: number;
}

/** The upper-grassroots unions: industrial parks hold the enterprises, the sector unions the schools, clinics and offices. */
const UPPERS: { name: (place: string) => string; enterprises: boolean }[] = [
  { name: () => 'Công đoàn Khu công nghiệp Yên Phong', enterprises: true },
  { name: () => 'Công đoàn Khu công nghiệp Quế Võ', enterprises: true },
  { name: () => 'Công đoàn Khu công nghiệp Tiên Sơn', enterprises: true },
  { name: () => 'Công đoàn Khu công nghiệp Vân Trung', enterprises: true },
  { name: () => 'Công đoàn Khu công nghiệp Quang Châu', enterprises: true },
  { name: (place) => `Công đoàn Giáo dục ${place}`, enterprises: false },
  { name: (place) => `Công đoàn Y tế ${place}`, enterprises: false },
  { name: (place) => `Công đoàn Viên chức ${place}`, enterprises: false },
];

/** The province's movements of the year, each with a target a provincial officer would set. */
function movements(province: Unit, year: number): CampaignPlan[] {
  return [
    { unit: province, title: `Lao động giỏi, Lao động sáng tạo năm ${year}`, goal: 'Phát huy sáng kiến, cải tiến kỹ thuật, nâng cao năng suất lao động', enrolledShare: 0.6, target: { name: 'Sáng kiến cải tiến được áp dụng', unitOfMeasure: 'sáng kiến', value: 12 } },
    { unit: province, title: `Xanh – sạch – đẹp, bảo đảm an toàn, vệ sinh lao động năm ${year}`, goal: 'Nơi làm việc xanh, sạch, đẹp; không để xảy ra tai nạn lao động nghiêm trọng', enrolledShare: 0.5, target: { name: 'Buổi huấn luyện an toàn, vệ sinh lao động', unitOfMeasure: 'buổi', value: 12 } },
    { unit: province, title: `Chuyển đổi số trong hoạt động công đoàn năm ${year}`, goal: 'Đoàn viên được phục vụ và tham gia hoạt động công đoàn trên môi trường số', enrolledShare: 0.3, target: { name: 'Đoàn viên dùng ứng dụng Công đoàn Việt Nam', unitOfMeasure: 'đoàn viên', value: 40 } },
  ];
}

type ProvinceRow = Unit & { code: string };

async function provinceUnit(db: Databases, code: string): Promise<ProvinceRow> {
  const { rows } = await db.campaign.query(
    `SELECT id, code, name, level, organisation_type AS "organisationType", province_code AS "provinceCode", parent_id AS "parentId", path FROM union_units WHERE code = $1`, [code]);
  const unit = rows[0] as ProvinceRow | undefined;
  if (!unit || unit.level !== 'PROVINCIAL') throw new Error(`no provincial federation with code ${code}: run infra/seed-demo.ts first`);
  return unit;
}

/** Seeds the province once; later runs find its first upper-grassroots union and write nothing. */
export async function seedProvince(size: ProvinceSize = DEMO_PROVINCE): Promise<ProvinceSeeded> {
  const started = Date.now();
  const db = await connectAll();
  try {
    const province = await provinceUnit(db, size.province);
    const firstUpper = `${province.code}-CTCS1`;
    if ((await db.campaign.query(`SELECT 1 FROM union_units WHERE code = $1`, [firstUpper])).rowCount) {
      return { seeded: false, units: 0, members: 0, rows: 0, seconds: (Date.now() - started) / 1000 };
    }
    const dice = new Dice(prng(size.seed));
    const place = province.name.replace(/^Liên đoàn Lao động /, '');
    const uppers = UPPERS.map((u, i) => ({ unit: makeUnit(dice, `${province.code}-CTCS${i + 1}`, u.name(place), 'UPPER_GRASSROOTS', province), enterprises: u.enterprises }));
    const parks = uppers.filter((u) => u.enterprises).map((u) => u.unit);
    const sectors = uppers.filter((u) => !u.enterprises).map((u) => u.unit);
    const grassroots = makeGrassroots(dice, size.grassroots, (i, type) => (type.endsWith('ENTERPRISE') ? parks[i % parks.length]! : sectors[i % sectors.length]!));
    const units = [...uppers.map((u) => u.unit), ...grassroots];
    const year = new Date().getUTCFullYear();

    for (const service of DATA_SERVICES) await db[service].query('BEGIN');
    let rows = await loadUnits(db, units);
    const rowsOf = memberRows(size.seed + 1, grassroots, size.membersPerGrassroots);
    const loaded = await loadMembers(db, rowsOf, size.grassroots * size.membersPerGrassroots);
    rows += loaded.rows;
    const generated = await loadCampaigns(dice, db, movements(province, year), grassroots);
    rows += generated.rows;
    // the units' results: a member's own ranking comes with enrolling members, which a province does movement by movement
    rows += await loadResults(dice, db, new Map(), generated.campaigns, generated.enrollments, null);
    // one member in two hundred, and at least about ten in a small province
    const rewardShare = Math.max(0.005, 10 / loaded.members);
    rows += await loadRewards(dice, db, members(new Dice(prng(size.seed + 1)), grassroots, size.membersPerGrassroots), rewardShare);
    rows += await loadStories(dice, db.media, [province], Math.max(5, Math.round(loaded.members / 500)));
    for (const service of DATA_SERVICES) await db[service].query('COMMIT');
    for (const service of DATA_SERVICES) await db[service].query('ANALYZE');
    return { seeded: true, units: units.length, members: loaded.members, rows, seconds: (Date.now() - started) / 1000 };
  } catch (error) {
    await Promise.all(DATA_SERVICES.map((s) => db[s].query('ROLLBACK').catch(() => undefined)));
    throw error;
  } finally {
    await disconnectAll(db);
  }
}

function option(name: string, fallback: number | string): string {
  const args = process.argv.slice(2);
  const index = args.indexOf(`--${name}`);
  return index >= 0 && args[index + 1] ? args[index + 1]! : String(fallback);
}

if (require.main === module) {
  const size: ProvinceSize = {
    province: option('province', DEMO_PROVINCE.province),
    grassroots: Number(option('grassroots', DEMO_PROVINCE.grassroots)),
    membersPerGrassroots: Number(option('members', DEMO_PROVINCE.membersPerGrassroots)),
    seed: Number(option('seed', DEMO_PROVINCE.seed)),
  };
  seedProvince(size).then(
    (result) => console.log(result.seeded
      ? `[seed] province ${size.province}: ${result.units} units, ${result.members.toLocaleString('vi-VN')} members, ${result.rows.toLocaleString('vi-VN')} rows in ${result.seconds.toFixed(1)} s`
      : `[seed] province ${size.province} was seeded already: nothing written`),
    (error: unknown) => {
      console.error('[seed] province failed:', error instanceof Error ? error.stack : error);
      process.exit(1);
    },
  );
}
