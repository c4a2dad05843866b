/**
 * Citizen ID numbers (公民身份号码, GB 11643-1999): 6-digit address code (the county where the
 * person was registered), 8-digit birth date, 3-digit sequence (odd for men, even for women) and an
 * ISO 7064 MOD 11-2 check character.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** `birthDate` is YYYY-MM-DD; `sequence` 0–999 must already have the right parity for the sex. */
export function buildIdNumber(countyCode: string, birthDate: string, sequence: number): string {
  const first17 = `${countyCode}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}

export function isValidIdNumber(value: string): boolean {
  return /^\d{17}[\dX]$/.test(value) && checkCharacter(value.slice(0, 17)) === value[17];
}
