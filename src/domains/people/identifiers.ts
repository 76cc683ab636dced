/** NHS number: ten digits, the last a modulus 11 check digit (a check of 10 means the number is invalid). */
export function nhsCheckDigit(firstNine: string): number | null {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return null;
  return check === 11 ? 0 : check;
}

export const normaliseNhsNumber = (value: string) => value.replace(/[\s-]/g, '');

export function isValidNhsNumber(value: string): boolean {
  const digits = normaliseNhsNumber(value);
  if (!/^\d{10}$/.test(digits)) return false;
  return nhsCheckDigit(digits.slice(0, 9)) === Number(digits[9]);
}

/** '9434765919' → '943 476 5919', as NHS numbers are written. */
export const formatNhsNumber = (digits: string) => `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;

const UPN_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/**
 * Unique Pupil Number check letter (DfE): the characters in positions 2–13 weighted 2 to 13, where a letter
 * in position 13 (a temporary UPN) counts as its index in the same alphabet; the sum modulo 23 picks the letter.
 */
export function upnCheckLetter(rest: string): string | null {
  if (!/^\d{11}[\dA-HJ-NPR-Z]$/.test(rest)) return null;
  let sum = 0;
  for (let i = 0; i < 12; i++) {
    const ch = rest[i] as string;
    const value = /\d/.test(ch) ? Number(ch) : UPN_LETTERS.indexOf(ch);
    sum += value * (i + 2);
  }
  return UPN_LETTERS[sum % 23] ?? null;
}

export const normaliseUpn = (value: string) => value.replace(/\s/g, '').toUpperCase();

export function isValidUpn(value: string): boolean {
  const upn = normaliseUpn(value);
  return upn.length === 13 && upnCheckLetter(upn.slice(1)) === upn[0];
}

/** UK postcode in its usual written form: 'pe11aa' → 'PE1 1AA'. Returns null for text that cannot be one. */
export function normalisePostcode(value: string): string | null {
  const compact = value.replace(/\s/g, '').toUpperCase();
  if (!/^[A-Z]{1,2}\d[A-Z\d]?\d[A-Z]{2}$/.test(compact)) return null;
  return `${compact.slice(0, -3)} ${compact.slice(-3)}`;
}

/** The form postcodes are searched by: upper case, no spaces. */
export const postcodeKey = (value: string) => value.replace(/\s/g, '').toUpperCase();
