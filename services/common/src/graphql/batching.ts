/**
 * DataLoader batch functions must answer in key order. These turn the rows of one batched query into that
 * order in O(rows + keys).
 */
export function groupByKey<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string | null): T[][] {
  const groups = new Map<string, T[]>(keys.map((k) => [k, []]));
  for (const row of rows) {
    const key = keyOf(row);
    if (key !== null) groups.get(key)?.push(row);
  }
  return keys.map((k) => groups.get(k) ?? []);
}

/** One row per key (null when missing), in key order. */
export function oneByKey<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): (T | null)[] {
  const index = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((k) => index.get(k) ?? null);
}
