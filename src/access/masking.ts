/**
 * Masking (脱敏) of personal identifiers. A masked value keeps its type (a string) and its length
 * with `*` for the hidden characters, so a client can show it as is; the response says which
 * fields were masked (see README.md: `maskedFields`).
 */

function keepEnds(value: string, head: number, tail: number): string {
  const chars = [...value];
  if (chars.length <= head + tail) {
    // Too short to keep both ends: show at most the last 2 characters.
    const shown = Math.min(2, Math.max(0, chars.length - 2));
    return '*'.repeat(chars.length - shown) + chars.slice(chars.length - shown).join('');
  }
  return chars.slice(0, head).join('') + '*'.repeat(chars.length - head - tail) + chars.slice(chars.length - tail).join('');
}

/** 公民身份号码: keeps the 6-digit area code and the last 4 (`440606199001011234` → `440606********1234`). */
export function maskCitizenId(value: string): string {
  return keepEnds(value, 6, 4);
}

/** Phone: keeps the first 3 and the last 4 (`13812345678` → `138****5678`). */
export function maskPhone(value: string): string {
  return keepEnds(value, 3, 4);
}

/** Passport or other document number: keeps the first 2 and the last 2 (`E12345678` → `E1*****78`). */
export function maskDocumentNo(value: string): string {
  return keepEnds(value, 2, 2);
}

/**
 * Date of birth: keeps the year (`1990-01-01` → `1990-**-**`). Masked together with the citizen ID:
 * the ID's hidden middle is the birth date, so an unmasked birth date would give the ID away.
 */
export function maskBirthDate(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value.slice(0, 4)}-**-**` : keepEnds(value, 4, 0);
}

export type Masker = (value: string) => string;

/** The masker of each maskable person field. */
export const MASKERS: Readonly<Record<string, Masker>> = {
  citizenId: maskCitizenId,
  phone: maskPhone,
  documentNo: maskDocumentNo,
  birthDate: maskBirthDate,
};
