import { nhsCheckDigit, upnCheckLetter } from '../domains/people/identifiers.ts';
import type { Locality } from '../domains/people/localities.ts';
import { authorityFamilyName, GIVEN, STREETS } from '../domains/people/synthetic.ts';
import { dayOf, isoOf, YEAR } from './days.ts';
import { Rng } from './rng.ts';
import type { SyntheticChild } from './types.ts';

export interface SyntheticAdult {
  personId: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sex: 'M' | 'F';
  nhsNumber: string | null;
}

export interface Household {
  adults: SyntheticAdult[];
  children: (SyntheticChild & { nhsNumber: string | null; upn: string | null })[];
  address: { line1: string; town: string; postcode: string; since: string };
  ethnicity: string;
  language: string;
}

/** The population's ethnicity mix (census codes), close to the seed's: four in five White British, a large White Other group. */
const ETHNICITY = { WBRI: 72, WOTH: 9, WIRI: 1, MWBC: 2, MWBA: 1, MWAS: 1.5, MOTH: 1.5, AIND: 2, APKN: 4, AOTH: 1, BAFR: 2, BCRB: 0.5, CHNE: 0.5, OOTH: 1, WROM: 1 };
const LANGUAGE: Record<string, string> = { WOTH: 'Polish', APKN: 'Urdu', WROM: 'Romanian', AIND: 'Punjabi' };
/** Locality shares as in the seed's early help table (North West and Rural, Central and East, South, out of area). */
const LOCALITY: Record<Locality, number> = { north_west_rural: 37, central_east: 30, south: 31, out_of_area: 2 };
const SECTORS: Record<Locality, string[]> = { north_west_rural: ['1', '2', '3'], central_east: ['4', '5', '6'], south: ['7', '8', '9'], out_of_area: ['0'] };
/** Children per family, from the weights of family sizes below. */
const MEAN_FAMILY = (1 * 38 + 2 * 37 + 3 * 17 + 4 * 8) / 100;
const LETTERS = ['A', 'B', 'D', 'E', 'F', 'G', 'H', 'J', 'L', 'N', 'P', 'Q', 'R', 'S', 'T', 'U', 'W', 'X', 'Y', 'Z'];

/**
 * Households of the synthetic authority, oldest first: every child who is under 18 at some point of the window,
 * and those who were 18–20 when it began (care leavers are drawn from them), with their parents. About
 * `children / 18` births a year, so the population aged 0–17 on the last day is `children`. Names are invented,
 * NHS numbers are in the 999 test range and postcodes in the non-geographic ZZ99 area.
 */
export function* households(options: { seed: number; children: number; start: string; end: string }): Generator<Household> {
  const rng = Rng.for(options.seed, 'population');
  const end = dayOf(options.end);
  const first = dayOf(options.start) - 21 * YEAR;
  const perDay = options.children / 18 / YEAR;
  const total = Math.round((end - first) * perDay);
  let made = 0;
  let nhsSerial = 0;
  const nhs = () => {
    for (;;) {
      const nine = `999${String(nhsSerial++).padStart(6, '0')}`;
      const check = nhsCheckDigit(nine);
      if (check !== null) return `${nine}${check}`;
    }
  };
  let upnSerial = 0;
  const upn = () => {
    const n = upnSerial++;
    const rest = `873${2000 + (n % 8000)}${15 + (Math.floor(n / 8000) % 10)}${String(Math.floor(n / 80_000) % 1000).padStart(3, '0')}`;
    return `${upnCheckLetter(rest)}${rest}`;
  };
  // Families start ten years early so that younger siblings fill the first years as evenly as the last.
  let eldest = first - 10 * YEAR;
  while (made < total && eldest <= end) {
    // Families arrive in order of their eldest child's birth, so the population's ages come out even.
    const size = rng.weighted({ 1: 38, 2: 37, 3: 17, 4: 8 });
    eldest += (MEAN_FAMILY / perDay) * (0.5 + rng.next());
    const familyName = authorityFamilyName(rng.next());
    const ethnicity = rng.weighted(ETHNICITY);
    const language = LANGUAGE[ethnicity] && rng.chance(0.7) ? LANGUAGE[ethnicity]! : 'English';
    const locality = rng.weighted(LOCALITY);
    const postcode = `ZZ99 ${rng.pick(SECTORS[locality])}${rng.pick(LETTERS)}${rng.pick(LETTERS)}`;
    const motherAge = 18 + rng.int(0, 20);
    const adults: SyntheticAdult[] = [];
    const adult = (sex: 'M' | 'F', age: number): SyntheticAdult => ({
      personId: '',
      givenName: rng.pick(GIVEN[sex]),
      familyName,
      dateOfBirth: isoOf(Math.floor(eldest - age * YEAR - rng.int(0, 364))),
      sex,
      nhsNumber: rng.chance(0.6) ? nhs() : null,
    });
    adults.push(adult('F', motherAge));
    if (rng.chance(0.6)) adults.push(adult('M', motherAge + rng.int(-2, 8)));
    const children: Household['children'] = [];
    let birth = Math.floor(eldest);
    for (let c = 0; c < Number(size) && birth <= end && made < total; c++, birth += Math.floor(rng.int(14, 60) * 30.4)) {
      if (birth < first) continue;
      const sex = rng.chance(0.51) ? 'M' : 'F';
      children.push({
        index: made++,
        personId: '',
        parentIds: [],
        givenName: rng.pick(GIVEN[sex]),
        familyName,
        dateOfBirth: isoOf(birth),
        sex,
        ethnicity,
        disabled: rng.chance(0.06),
        locality,
        postcode,
        nhsNumber: rng.chance(0.92) ? nhs() : null,
        // A child of school age has a UPN, as the DfE expects (the returns' rules 168 and 8770Q); a younger one may
        // not yet. The draw comes first either way, so the rest of the population is generated as it was.
        upn: rng.chance(0.85) || end - birth >= 4 * 365.25 ? upn() : null,
      });
    }
    if (children.length === 0) continue;
    yield {
      adults,
      children,
      address: { line1: `${rng.int(1, 140)} ${rng.pick(STREETS)}`, town: 'Brackenshire', postcode, since: isoOf(Math.floor(eldest) - rng.int(0, 400)) },
      ethnicity,
      language,
    };
  }
}
