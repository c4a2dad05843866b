import { Errors } from './errors.ts';

/**
 * Region codes are the 12-digit statistical division codes (统计用区划代码):
 * `PP CC DD TTT VVV` — province, city, county (together GB/T 2260), township, village.
 * A region's code is its prefix padded with zeros, so a whole subtree is one contiguous range of
 * codes: `[prefix000…, prefix999…]`. Every department indexes its village codes and answers
 * subtree questions with one range scan.
 */
export const REGION_LEVELS = ['PROVINCE', 'CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

/** Significant digits of a code at each level. */
export const PREFIX_LENGTH: Record<RegionLevel, number> = { PROVINCE: 2, CITY: 4, COUNTY: 6, TOWNSHIP: 9, VILLAGE: 12 };

const CODE_PATTERN = /^\d{12}$/;

export const isRegionCode = (value: string): boolean => CODE_PATTERN.test(value);

/** The level a well-formed code denotes, from where its trailing zeros start. */
export function regionLevel(code: string): RegionLevel {
  if (code.endsWith('0000000000')) return 'PROVINCE';
  if (code.endsWith('00000000')) return 'CITY';
  if (code.endsWith('000000')) return 'COUNTY';
  if (code.endsWith('000')) return 'TOWNSHIP';
  return 'VILLAGE';
}

/** The code of the parent region, or null for a province. */
export function parentCode(code: string): string | null {
  const level = regionLevel(code);
  const index = REGION_LEVELS.indexOf(level);
  if (index === 0) return null;
  const parentLevel = REGION_LEVELS[index - 1]!;
  return code.slice(0, PREFIX_LENGTH[parentLevel]).padEnd(12, '0');
}

/** Inclusive code range covering a region and everything under it. */
export function subtreeRange(code: string): { low: string; high: string } {
  const prefix = code.slice(0, PREFIX_LENGTH[regionLevel(code)]);
  return { low: prefix.padEnd(12, '0'), high: prefix.padEnd(12, '9') };
}

export const isInSubtree = (code: string, ancestor: string): boolean => {
  const { low, high } = subtreeRange(ancestor);
  return code >= low && code <= high;
};

/**
 * Village committees (村委会, rural) have village serials 2xx–3xx; 0xx–1xx are urban residents'
 * committees (居委会/社区).
 */
export const isRuralVillageCode = (code: string): boolean =>
  regionLevel(code) === 'VILLAGE' && (code[9] === '2' || code[9] === '3');

/** Validates a code argument; a malformed one is BAD_USER_INPUT naming the argument. */
export function parseRegionCode(value: string, argument: string): string {
  const trimmed = value.trim();
  if (!CODE_PATTERN.test(trimmed)) {
    throw Errors.BAD_USER_INPUT.error(
      `${argument} must be a 12-digit statistical division code (e.g. 220112100201), got "${value.slice(0, 40)}".`,
      { argument },
    );
  }
  return trimmed;
}
