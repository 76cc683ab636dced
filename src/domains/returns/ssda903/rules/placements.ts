import { isTemporaryPlacement, PLACEMENT_PROVIDERS, PLACEMENT_TYPES } from '../../../../platform/codes/ssda903.ts';
import { MINIMUM_AGE, needsUrn, URN_PATTERN } from '../../../children-in-care/rules-903.ts';
import { age, dobOf, eachChildEpisodes, eachRow, type Rule903, rule } from './common.ts';

/** Placement types and providers, and how a child's placements follow one another. */

const RETIRED_2026 = ['H5', 'P2', 'Z1'];
const NEW_2026 = ['Z11', 'Z12', 'Z13', 'Z14'];
/** The placement types valid in a collection year (H5, P2 and Z1 gave way to Z11-Z14 in 2025-26). */
export const placementTypesIn = (year: number): string[] =>
  year >= 2026 ? Object.keys(PLACEMENT_TYPES) : [...Object.keys(PLACEMENT_TYPES).filter((c) => !NEW_2026.includes(c)), ...RETIRED_2026];

const noProvider = (place: string) => isTemporaryPlacement(place) || place.startsWith('Z');
const SHORT_BREAKS = ['V3', 'V4'];
const MOVES = ['P', 'B', 'T', 'U'];

/** Provider and placement pairs the DfE does not allow. */
const PAIRS: [code: string, provider: string, places: (p: string) => boolean, message: string][] = [
  ['527', 'PR1', (p) => ['P1', 'R2', 'R5'].includes(p), 'Own local authority provision (PR1) cannot provide a placement with parents, a health establishment or a young offender institution.'],
  ['528', 'PR2', (p) => ['P1', 'R2', 'R5'].includes(p), 'Another local authority’s provision (PR2) cannot provide a placement with parents, a health establishment or a young offender institution.'],
  ['529', 'PR3', (p) => ['P1', 'K1', 'K2'].includes(p) || /^[AU]\d$/.test(p), 'Other public provision (PR3) cannot provide a placement with parents, an adoption or foster placement or a children’s home.'],
  ['530', 'PR4', (p) => p === 'P1', 'Private provision (PR4) cannot provide a placement with parents.'],
  ['531', 'PR5', (p) => p === 'P1', 'Voluntary provision (PR5) cannot provide a placement with parents.'],
];

export const PLACEMENT_RULES: Rule903[] = [
  rule({
    code: '146',
    severity: 'error',
    message: 'The placement type (PLACE) is not valid in this collection year.',
    fields: ['PLACE'],
    check: eachRow('Episodes', (r, { period }) => !placementTypesIn(period.year).includes(r.PLACE!)),
  }),
  rule({
    code: '178',
    severity: 'error',
    message: 'The placement provider must be PR0 to PR5, and is left blank for temporary and other (Z) placements.',
    fields: ['PLACE_PROVIDER'],
    check: eachRow('Episodes', (r) => (noProvider(r.PLACE!) ? Boolean(r.PLACE_PROVIDER) : !(r.PLACE_PROVIDER! in PLACEMENT_PROVIDERS))),
  }),
  rule({
    code: '550',
    severity: 'error',
    message: 'Parents or others with parental responsibility (PR0) can only provide a placement with parents (P1).',
    fields: ['PLACE_PROVIDER', 'PLACE'],
    check: eachRow('Episodes', (r) => r.PLACE_PROVIDER === 'PR0' && r.PLACE !== 'P1'),
  }),
  ...PAIRS.map(([code, provider, places, message]) =>
    rule({ code, severity: 'error', message, fields: ['PLACE_PROVIDER', 'PLACE'], check: eachRow('Episodes', (r) => r.PLACE_PROVIDER === provider && places(r.PLACE!)) }),
  ),
  rule({
    code: '218',
    severity: 'error',
    message: 'An Ofsted-registered placement needs the Ofsted URN of the setting or agency (XXXXXXX where Ofsted does not inspect it).',
    fields: ['URN'],
    check: eachRow('Episodes', (r) => needsUrn(r.PLACE!) && !r.URN),
  }),
  rule({
    code: '1008',
    severity: 'error',
    message: 'The Ofsted URN is not in the form Ofsted gives (like SC123456 or 1234567), or XXXXXXX.',
    fields: ['URN'],
    check: eachRow('Episodes', (r) => Boolean(r.URN) && !URN_PATTERN.test(r.URN!)),
  }),
  rule({
    code: '222',
    severity: 'error',
    message: 'Ofsted does not register this placement type: leave the URN blank.',
    fields: ['URN'],
    check: eachRow('Episodes', (r) => !needsUrn(r.PLACE!) && Boolean(r.URN) && r.URN !== 'XXXXXXX'),
  }),
  rule({
    code: '225',
    severity: 'error',
    message: 'The child moved placement when this episode ended: give the reason for the placement change.',
    fields: ['REASON_PLACE_CHANGE'],
    check: eachChildEpisodes(function* (list) {
      for (let i = 1; i < list.length; i++) {
        const [a, b] = [list[i - 1]!, list[i]!];
        if (a.row.REC === 'X1' && MOVES.includes(b.row.RNE!) && !isTemporaryPlacement(a.row.PLACE!) && !isTemporaryPlacement(b.row.PLACE!) && !a.row.REASON_PLACE_CHANGE) yield a;
      }
    }),
  }),
  rule({
    code: '226',
    severity: 'error',
    message: 'No reason for a placement change is given for a move into or out of a temporary placement.',
    fields: ['REASON_PLACE_CHANGE'],
    check: eachChildEpisodes(function* (list) {
      for (let i = 0; i < list.length; i++) {
        const [a, b] = [list[i]!, list[i + 1]];
        if (a.row.REASON_PLACE_CHANGE && (isTemporaryPlacement(a.row.PLACE!) || (b && isTemporaryPlacement(b.row.PLACE!)))) yield a;
      }
    }),
  }),
  ...Object.entries(MINIMUM_AGE)
    .filter(([code]) => !code.startsWith('J'))
    .map(([place, { age: min, rule: code }]) =>
      rule({
        code,
        severity: 'error',
        message: `Placement type ${place} is only for children aged ${min} or over.`,
        fields: ['PLACE', 'DECOM'],
        check: eachChildEpisodes(function* (list, _c, ret) {
          const dob = dobOf(ret, list[0]!.row.CHILD!);
          for (const e of list) if (dob && e.decom && e.row.PLACE === place && age(dob, e.decom) < min) yield e;
        }),
      }),
    ),
  rule({
    code: '378',
    severity: 'error',
    message: 'A child accommodated under section 20 (V2) cannot be placed with their parents (P1).',
    fields: ['LS', 'PLACE'],
    check: eachRow('Episodes', (r) => r.LS === 'V2' && r.PLACE === 'P1'),
  }),
  rule({
    code: '380',
    severity: 'error',
    message: 'A period of care cannot start in a temporary placement.',
    fields: ['PLACE', 'RNE'],
    check: eachRow('Episodes', (r) => r.RNE === 'S' && isTemporaryPlacement(r.PLACE!)),
  }),
  rule({
    code: '381',
    severity: 'error',
    message: 'A period of care cannot end in a temporary placement.',
    fields: ['PLACE', 'REC'],
    check: eachRow('Episodes', (r) => Boolean(r.REC) && r.REC !== 'X1' && isTemporaryPlacement(r.PLACE!)),
  }),
  rule({
    code: '382',
    severity: 'error',
    message: 'A child on short breaks (V3, V4) cannot be in a temporary placement.',
    fields: ['LS', 'PLACE'],
    check: eachRow('Episodes', (r) => SHORT_BREAKS.includes(r.LS!) && isTemporaryPlacement(r.PLACE!)),
  }),
  rule({
    code: '384',
    severity: 'error',
    message: 'A child on short breaks (V3, V4) cannot be in a long-term foster placement (U1, U4).',
    fields: ['LS', 'PLACE'],
    check: eachRow('Episodes', (r) => SHORT_BREAKS.includes(r.LS!) && ['U1', 'U4'].includes(r.PLACE!)),
  }),
  rule({
    code: '383',
    severity: 'error',
    message: 'After a temporary placement the child returns to the placement they left (same type and postcode), recorded as a change of placement.',
    fields: ['PLACE', 'PL_POST', 'RNE'],
    check: eachChildEpisodes(function* (list) {
      for (let i = 1; i < list.length - 1; i++) {
        const [before, t, after] = [list[i - 1]!, list[i]!, list[i + 1]!];
        if (!isTemporaryPlacement(t.row.PLACE!) || isTemporaryPlacement(before.row.PLACE!) || t.row.REC !== 'X1') continue;
        if (after.row.PLACE !== before.row.PLACE || after.row.PL_POST !== before.row.PL_POST || !['P', 'B'].includes(after.row.RNE!)) yield after;
      }
    }),
  }),
  rule({
    code: '432-436',
    severity: 'error',
    message: 'The reason for the new episode does not match what changed from the previous episode (legal status, placement or both).',
    fields: ['RNE'],
    check: eachChildEpisodes(function* (list) {
      for (let i = 1; i < list.length; i++) {
        const [a, b] = [list[i - 1]!, list[i]!];
        if (a.row.REC !== 'X1' || a.dec !== b.decom) continue;
        const legal = a.row.LS !== b.row.LS;
        const place = a.row.PLACE !== b.row.PLACE || a.row.PL_POST !== b.row.PL_POST || a.row.URN !== b.row.URN || a.row.PLACE_PROVIDER !== b.row.PLACE_PROVIDER;
        const rne = b.row.RNE!;
        if (rne === 'L' && (!legal || place)) yield b;
        else if ((rne === 'P' || rne === 'T') && legal) yield b;
        else if ((rne === 'B' || rne === 'U') && !legal) yield b;
      }
    }),
  }),
];
