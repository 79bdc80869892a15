import { randomBytes } from 'node:crypto';
import type { Gender, OrganisationType, UnitLevel } from '@thidua/common';
import type { Api } from './api';

/** A unit to create; `parent` names a unit declared before it. */
export interface UnitSpec {
  parent?: string;
  name: string;
  level: UnitLevel;
  provinceCode?: string;
  organisationType?: OrganisationType;
}

/** A member to create in a declared grassroots unit. */
export interface MemberSpec {
  unit: string;
  fullName: string;
  occupationCode: string;
  direct: boolean;
  leader?: boolean;
  gender?: Gender;
  joinedUnionOn?: string;
}

/** The national federation with Bắc Ninh's and Khánh Hòa's: most scenarios work in one province, the other is the outsider. */
export const TWO_PROVINCES = {
  vn: { name: 'Tổng Liên đoàn Lao động Việt Nam', level: 'NATIONAL' },
  bn: { parent: 'vn', name: 'Liên đoàn Lao động tỉnh Bắc Ninh', level: 'PROVINCIAL', provinceCode: 'BN' },
  kh: { parent: 'vn', name: 'Liên đoàn Lao động tỉnh Khánh Hòa', level: 'PROVINCIAL', provinceCode: 'KH' },
} as const satisfies Record<string, UnitSpec>;

/** The two provinces with Bắc Ninh's industrial-zone union and two of its grassroots unions (the notification scenarios). */
export const BAC_NINH_ZONE = {
  ...TWO_PROVINCES,
  kcn: { parent: 'bn', name: 'Công đoàn các khu công nghiệp Bắc Ninh', level: 'UPPER_GRASSROOTS', provinceCode: 'BN' },
  may: { parent: 'kcn', name: 'Công đoàn Công ty May Bắc Giang', level: 'GRASSROOTS', provinceCode: 'BN', organisationType: 'PRIVATE_ENTERPRISE' },
  det: { parent: 'kcn', name: 'Công đoàn Công ty Dệt Quế Võ', level: 'GRASSROOTS', provinceCode: 'BN', organisationType: 'PRIVATE_ENTERPRISE' },
} as const satisfies Record<string, UnitSpec>;

export interface UnionTree {
  /** What every code of this tree ends with (`may-<run>`): codes are unique across the suite's shared databases. */
  run: string;
  units: Record<string, { id: string; path: string }>;
  members: Record<string, string>;
}

/** A suffix no other tree of this test run has. */
export function uniqueRun(): string {
  return `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
}

/**
 * The one fixture builder of the integration tests: creates the units (in the order given, parents first) and the
 * members through the gateway, as the caller of `token` (a national admin), and names them by their keys.
 */
export async function buildUnionTree(
  api: Api,
  token: string,
  spec: { units: Record<string, UnitSpec>; members?: Record<string, MemberSpec> },
  run: string = uniqueRun(),
): Promise<UnionTree> {
  const tree: UnionTree = { run, units: {}, members: {} };
  for (const [key, { parent, ...unit }] of Object.entries(spec.units)) {
    tree.units[key] = await api.createUnit({ code: `${key}-${run}`, ...(parent ? { parentId: tree.units[parent]!.id } : {}), ...unit }, token);
  }
  for (const [key, member] of Object.entries(spec.members ?? {})) {
    tree.members[key] = await api.createMember(
      {
        unitId: tree.units[member.unit]!.id,
        fullName: member.fullName,
        occupationCode: member.occupationCode,
        isDirectProductionWorker: member.direct,
        holdsLeadershipPost: member.leader ?? false,
        gender: member.gender ?? null,
        joinedUnionOn: member.joinedUnionOn ?? null,
      },
      token,
    );
  }
  return tree;
}

/** The tree's units flattened for tests that keep ids in one record: `ids.may` and `ids.mayPath`. */
export function unitIdsAndPaths(tree: UnionTree): Record<string, string> {
  return Object.fromEntries(Object.entries(tree.units).flatMap(([key, unit]) => [[key, unit.id], [`${key}Path`, unit.path]]));
}
