import { CARE_LEAVER_ACTIVITY, CARE_LEAVER_IN_TOUCH, REVIEW_PARTICIPATION } from '../../../../platform/codes/ssda903.ts';
import { isoDate } from '../tables.ts';
import { age, at, eachRow, type Rule903, rule, view } from './common.ts';

/** Reviews, missing episodes, UASC, OC2, OC3, adoption and previous permanence. */

const ACCOM = /^(?:[BCDEGHKRTUVWYZ][12]|[SX]2|0)$/;

/** An episode that ended in adoption (E11, E12) within the collection year: AD1 is owed for exactly these (601, 602). */
const adoptedIn = (period: { start: string; end: string }) => (e: { row: { REC?: string | null }; dec: string | null }) =>
  ['E11', 'E12'].includes(e.row.REC!) && Boolean(e.dec) && e.dec! >= period.start && e.dec! <= period.end;

export const OTHER_RULES: Rule903[] = [
  rule({
    code: '440',
    severity: 'error',
    message: 'PN0 (child under 4) is used but the child was 4 or over at the review.',
    fields: ['REVIEW_CODE'],
    check: eachRow('Reviews', (r, _c, date) => r.REVIEW_CODE === 'PN0' && Boolean(date('DOB') && date('REVIEW')) && age(date('DOB')!, date('REVIEW')!) >= 4),
  }),
  rule({
    code: '441',
    severity: 'error',
    message: 'The child was under 4 at the review: participation must be PN0.',
    fields: ['REVIEW_CODE'],
    check: eachRow('Reviews', (r, _c, date) => r.REVIEW_CODE !== 'PN0' && Boolean(date('DOB') && date('REVIEW')) && age(date('DOB')!, date('REVIEW')!) < 4),
  }),
  rule({
    code: '167',
    severity: 'error',
    message: 'How the child took part in the review must be one of PN0 to PN7.',
    fields: ['REVIEW_CODE'],
    check: eachRow('Reviews', (r) => !(r.REVIEW_CODE! in REVIEW_PARTICIPATION)),
  }),
  rule({
    code: '564',
    severity: 'error',
    message: 'A missing or away episode has no start date.',
    fields: ['MIS_START'],
    check: eachRow('Missing', (_r, _c, date) => !date('MIS_START')),
  }),
  rule({
    code: '566',
    severity: 'error',
    message: 'Whether the child was missing (M) or away without authorisation (A) must be given.',
    fields: ['MISSING'],
    check: eachRow('Missing', (r) => !['M', 'A'].includes(r.MISSING!)),
  }),
  rule({
    code: '567',
    severity: 'error',
    message: 'The missing or away episode ends before it started.',
    fields: ['MIS_END'],
    check: eachRow('Missing', (_r, _c, date) => Boolean(date('MIS_END') && date('MIS_START')) && date('MIS_END')! < date('MIS_START')!),
  }),
  rule({
    code: '580',
    severity: 'error',
    message: 'The young person was still missing when they stopped being looked after: the reason for leaving care must be E8.',
    fields: ['REC'],
    *check(ret) {
      const v = view(ret);
      for (const [child, list] of v.episodes) {
        const missing = v.byChild('Missing').get(child) ?? [];
        for (const e of list) {
          if (!e.dec || !e.row.REC || e.row.REC === 'X1' || e.row.REC === 'E8') continue;
          const away = missing.some((m) => {
            const [from, to] = [isoDate(m.row.MIS_START), isoDate(m.row.MIS_END)];
            return from !== null && from <= e.dec! && (to === null || to > e.dec!);
          });
          if (away) yield at('Episodes', e, 'REC');
        }
      }
    },
  }),
  rule({
    code: '304',
    severity: 'error',
    message: 'The date UASC status ended must be on or before the young person’s 18th birthday.',
    fields: ['DUC'],
    check: eachRow('UASC', (_r, _c, date) => Boolean(date('DUC') && date('DOB')) && age(date('DOB')!, date('DUC')!) >= 18 && date('DUC')!.slice(5) !== date('DOB')!.slice(5)),
  }),
  rule({
    code: '131',
    severity: 'error',
    message: 'Whether the council is in touch with the care leaver (IN_TOUCH) must be YES, NO, DIED, REFU, NREQ or RHOM.',
    fields: ['IN_TOUCH'],
    check: eachRow('OC3', (r) => !(r.IN_TOUCH! in CARE_LEAVER_IN_TOUCH)),
  }),
  rule({
    code: '344',
    severity: 'error',
    message: 'The care leaver died or returned home: leave activity and accommodation blank.',
    fields: ['ACTIV', 'ACCOM'],
    check: eachRow('OC3', (r) => ['DIED', 'RHOM'].includes(r.IN_TOUCH!) && Boolean(r.ACTIV || r.ACCOM)),
  }),
  rule({
    code: '345',
    severity: 'error',
    message: 'The council is in touch with the care leaver, so their activity and accommodation are known: give both (not 0).',
    fields: ['ACTIV', 'ACCOM'],
    check: eachRow('OC3', (r) => r.IN_TOUCH === 'YES' && (!r.ACTIV || r.ACTIV === '0' || !r.ACCOM || r.ACCOM === '0')),
  }),
  rule({
    code: '132',
    severity: 'error',
    message: 'The care leaver’s main activity must be a valid OC3 activity code.',
    fields: ['ACTIV'],
    check: eachRow('OC3', (r) => Boolean(r.ACTIV) && !(r.ACTIV! in CARE_LEAVER_ACTIVITY)),
  }),
  rule({
    code: '133',
    severity: 'error',
    message: 'The care leaver’s accommodation must be a valid OC3 code: the type letter and 1 (suitable) or 2 (unsuitable), homelessness and custody always 2.',
    fields: ['ACCOM'],
    check: eachRow('OC3', (r) => Boolean(r.ACCOM) && !ACCOM.test(r.ACCOM!)),
  }),
  rule({
    code: '347',
    severity: 'error',
    message: 'A foyer (T) is not recorded for a care leaver under 18.',
    fields: ['ACCOM'],
    check: eachRow('OC3', (r, { period }, date) => /^T/.test(r.ACCOM!) && Boolean(date('DOB')) && age(date('DOB')!, period.end) < 18),
  }),
  rule({
    code: '391',
    severity: 'error',
    message: 'A care leaver is in OC3 only if their 17th to 21st birthday fell in the year.',
    fields: ['DOB'],
    check: eachRow('OC3', (_r, { period }, date) => {
      const dob = date('DOB');
      if (!dob) return false;
      const years = age(dob, period.end);
      const birthdayInYear = `${period.year}-${dob.slice(5)}` <= period.end ? years : years + 1;
      return birthdayInYear < 17 || birthdayInYear > 21;
    }),
  }),
  rule({
    code: '181',
    severity: 'error',
    message: 'OC2 health and development items must be 0 or 1 where given.',
    fields: ['IMMUNISATIONS'],
    *check(ret) {
      const fields = ['CONVICTED', 'HEALTH_CHECK', 'IMMUNISATIONS', 'TEETH_CHECK', 'HEALTH_ASSESSMENT', 'SUBSTANCE_MISUSE', 'INTERVENTION_RECEIVED', 'INTERVENTION_OFFERED'];
      for (const r of view(ret).rows.OC2) {
        const wrong = fields.find((f) => r.row[f] && !['0', '1'].includes(r.row[f]!));
        if (wrong) yield at('OC2', r, wrong);
      }
    },
  }),
  rule({
    code: '191',
    severity: 'error',
    message: 'The child has been looked after for 12 months: immunisations, dental check, health assessment and substance misuse must be completed.',
    fields: ['IMMUNISATIONS'],
    *check(ret) {
      for (const r of view(ret).rows.OC2) {
        const blank = ['IMMUNISATIONS', 'TEETH_CHECK', 'HEALTH_ASSESSMENT', 'SUBSTANCE_MISUSE'].find((f) => !r.row[f]);
        if (blank) yield at('OC2', r, blank);
      }
    },
  }),
  rule({
    code: '186',
    severity: 'query',
    message: 'A child aged 4 or over at the start of the year and under 17 at its end, looked after for 12 months, should have a strengths and difficulties questionnaire score, or a reason why not.',
    fields: ['SDQ_SCORE', 'SDQ_REASON'],
    check: eachRow('OC2', (r, { period }, date) => {
      const dob = date('DOB');
      return dob !== null && age(dob, period.start) >= 4 && age(dob, period.end) < 17 && !r.SDQ_SCORE && !r.SDQ_REASON;
    }),
  }),
  rule({
    code: '180',
    severity: 'error',
    message: 'The strengths and difficulties score must be a whole number from 0 to 40.',
    fields: ['SDQ_SCORE'],
    check: eachRow('OC2', (r) => Boolean(r.SDQ_SCORE) && !(/^\d+$/.test(r.SDQ_SCORE!) && Number(r.SDQ_SCORE) <= 40)),
  }),
  rule({
    code: '601',
    severity: 'error',
    message: 'The child was adopted in the year (E11 or E12), so AD1 must be completed for them.',
    fields: ['REC'],
    *check(ret, { period }) {
      const v = view(ret);
      const ad1 = v.byChild('AD1');
      for (const [child, list] of v.episodes) {
        const adopted = list.find(adoptedIn(period));
        if (adopted && !ad1.has(child)) yield at('Episodes', adopted, 'REC');
      }
    },
  }),
  rule({
    code: '602',
    severity: 'error',
    message: 'AD1 is completed for a child who was not adopted (E11 or E12) in the year.',
    fields: ['CHILD'],
    *check(ret, { period }) {
      const v = view(ret);
      for (const r of v.rows.AD1) {
        const adopted = (v.episodes.get(r.row.CHILD!) ?? []).some(adoptedIn(period));
        if (!adopted) yield at('AD1', r);
      }
    },
  }),
  rule({
    code: '551',
    severity: 'error',
    message: 'The child is placed for adoption (A3 to A6) but there is no decision that they should be placed for adoption (PlacedAdoption).',
    fields: ['PLACE'],
    *check(ret) {
      const v = view(ret);
      const placed = v.byChild('PlacedAdoption');
      for (const [child, list] of v.episodes) {
        const a = list.find((e) => /^A[3-6]$/.test(e.row.PLACE!));
        if (a && !placed.has(child)) yield at('Episodes', a, 'PLACE');
      }
    },
  }),
  rule({
    code: '630',
    severity: 'error',
    message: 'The child started to be looked after in the year: previous permanence (PrevPerm) must be returned for them.',
    fields: ['RNE'],
    *check(ret, { period }) {
      const v = view(ret);
      const prev = v.byChild('PrevPerm');
      for (const [child, list] of v.episodes) {
        const started = list.find((e) => e.row.RNE === 'S' && e.decom && e.decom >= period.start);
        if (started && !prev.has(child)) yield at('Episodes', started, 'RNE');
      }
    },
  }),
  rule({
    code: '631',
    severity: 'error',
    message: 'Previous permanence must be P1 (adoption), P2 (special guardianship), P3 (child arrangements order), P4 (unknown type) or Z1 (none).',
    fields: ['PREV_PERM'],
    check: eachRow('PrevPerm', (r) => !['P1', 'P2', 'P3', 'P4', 'Z1'].includes(r.PREV_PERM!)),
  }),
];
