import type { ValueTransformer } from 'typeorm';

/**
 * `numeric` columns come back from pg as strings. Targets, weights and scores are small decimals, so a JS
 * number is exact enough; money is never stored this way (VND as bigint).
 */
export const numericAsNumber: ValueTransformer = {
  to: (value: number | null) => value,
  from: (value: string | null) => (value === null ? null : Number(value)),
};
