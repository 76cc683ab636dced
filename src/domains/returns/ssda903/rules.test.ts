import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { upnCheckLetter } from '../../people/identifiers.ts';
import { collectionPeriod } from '../engine.ts';
import { RULES_903, type Ssda903Return, validate903 } from './index.ts';
import { emptyReturn, type Row } from './tables.ts';

/**
 * Every 903 rule, by hand: a clean return (a girl in foster care since January 2025, a care leaver who turned 18
 * in the year, last year's return with her episode open) passes it, and one small change fails it.
 */
const period = collectionPeriod(2026);
const UPN = `${upnCheckLetter('873201000010')}873201000010`;

function clean(): Ssda903Return {
  const ret = emptyReturn();
  ret.Header.push(
    { CHILD: 'C1', SEX: 'F', DOB: '01/06/2012', ETHNIC: 'WBRI', UPN, MOTHER: '0', MC_DOB: '' },
    { CHILD: 'C2', SEX: 'M', DOB: '10/10/2007', ETHNIC: 'BAFR', UPN: 'UN2', MOTHER: '', MC_DOB: '' },
  );
  const ep = (values: Row): Row => ({ CHILD: 'C1', RNE: 'P', LS: 'C2', CIN: 'N1', PLACE: 'U6', PLACE_PROVIDER: 'PR1', DEC: '', REC: '', REASON_PLACE_CHANGE: '', HOME_POST: 'ZZ99 1AA', PL_POST: 'ZZ99 2BB', URN: 'SC123456', ...values });
  ret.Episodes.push(
    ep({ DECOM: '01/01/2025', RNE: 'S', DEC: '01/06/2025', REC: 'X1', REASON_PLACE_CHANGE: 'CARPL' }),
    ep({ DECOM: '01/06/2025', PLACE: 'U4', PLACE_PROVIDER: 'PR4', PL_POST: 'ZZ99 3CC', URN: 'SC654321' }),
  );
  ret.Reviews.push({ CHILD: 'C1', DOB: '01/06/2012', REVIEW: '01/07/2025', REVIEW_CODE: 'PN1' });
  ret.OC2.push({ CHILD: 'C1', DOB: '01/06/2012', SDQ_SCORE: '12', SDQ_REASON: '', CONVICTED: '', HEALTH_CHECK: '', IMMUNISATIONS: '1', TEETH_CHECK: '1', HEALTH_ASSESSMENT: '1', SUBSTANCE_MISUSE: '0', INTERVENTION_RECEIVED: '', INTERVENTION_OFFERED: '' });
  ret.OC3.push({ CHILD: 'C2', DOB: '10/10/2007', IN_TOUCH: 'YES', ACTIV: 'F2', ACCOM: 'U1' });
  ret.Missing.push({ CHILD: 'C1', DOB: '01/06/2012', MISSING: 'M', MIS_START: '01/08/2025', MIS_END: '03/08/2025' });
  return ret;
}

function lastYear(): Ssda903Return {
  const ret = emptyReturn();
  const now = clean();
  ret.Header.push({ ...now.Header[0]! });
  ret.Episodes.push({ ...now.Episodes[0]!, DEC: '', REC: '', REASON_PLACE_CHANGE: '' });
  return ret;
}

type Change = (r: Ssda903Return, previous: Ssda903Return) => void;
const head = (f: Partial<Row>): Change => (r) => Object.assign(r.Header[0]!, f);
const ep = (i: number, f: Partial<Row>): Change => (r) => Object.assign(r.Episodes[i]!, f);
const both = (...changes: Change[]): Change => (r, p) => changes.forEach((c) => c(r, p));
const addEpisode = (f: Row): Change => (r) => r.Episodes.push({ CHILD: 'C1', RNE: 'P', LS: 'C2', CIN: 'N1', PLACE: 'U6', PLACE_PROVIDER: 'PR1', DEC: '', REC: '', REASON_PLACE_CHANGE: '', HOME_POST: 'ZZ99 1AA', PL_POST: 'ZZ99 2BB', URN: 'SC123456', ...f });
/** Ends the open episode on 1 Sept 2025 and starts another: the second change of the year. */
const thenEpisode = (end: Partial<Row>, next: Row): Change => both(ep(1, { DEC: '01/09/2025', REC: 'X1', ...end }), addEpisode({ DECOM: '01/09/2025', ...next }));
/** A second child's single episode, with the header it needs. */
const child = (dob: string, f: Row): Change => (r) => {
  r.Header.push({ CHILD: 'C3', SEX: 'M', DOB: dob, ETHNIC: 'WBRI', UPN: 'UN2', MOTHER: '', MC_DOB: '' });
  r.Episodes.push({ CHILD: 'C3', DECOM: '01/05/2025', RNE: 'S', LS: 'V2', CIN: 'N4', PLACE: 'U6', PLACE_PROVIDER: 'PR1', DEC: '', REC: '', REASON_PLACE_CHANGE: '', HOME_POST: 'ZZ99 1AA', PL_POST: 'ZZ99 2BB', URN: 'SC123456', ...f });
  r.PrevPerm.push({ CHILD: 'C3', DOB: dob, PREV_PERM: 'Z1', LA_PERM: '', DATE_PERM: '' });
};
const oc2 = (f: Partial<Row>): Change => (r) => Object.assign(r.OC2[0]!, f);
const oc3 = (f: Partial<Row>): Change => (r) => Object.assign(r.OC3[0]!, f);

const FAILS: Record<string, Change> = {
  '101': head({ SEX: '2' }),
  '102': head({ DOB: '' }),
  '103': head({ ETHNIC: 'WHITE' }),
  '168': head({ UPN: 'A12345' }),
  '209': head({ UPN: 'UN1' }),
  '210': head({ UPN: 'UN4' }),
  '232': head({ SEX: 'U' }),
  '393': head({ MOTHER: '' }),
  '607': both(head({ MOTHER: '' }), ep(1, { LS: 'V3' }), ep(0, { LS: 'C2', DEC: '01/06/2025', REC: 'E13' }), (r) => r.Episodes[1]!.DECOM = '01/07/2025'),
  'INT-DUPLICATE': (r) => r.Header.push({ ...r.Header[0]! }),
  'INT-HEADER': (r) => r.Reviews.push({ CHILD: 'C9', DOB: '01/01/2010', REVIEW: '01/07/2025', REVIEW_CODE: 'PN1' }),
  'INT-DOB': (r) => (r.Reviews[0]!.DOB = '02/06/2012'),
  'INT-SEX': (r) => r.UASC.push({ CHILD: 'C1', SEX: 'M', DOB: '01/06/2012', DUC: '' }),
  'INT-ORPHAN': (r) => r.Header.push({ CHILD: 'C8', SEX: 'M', DOB: '01/01/2010', ETHNIC: 'WBRI', UPN: 'UN2', MOTHER: '', MC_DOB: '' }),
  '141': ep(1, { DECOM: '' }),
  '147': ep(1, { DEC: '31/02/2026', REC: 'E13' }),
  '143': ep(1, { RNE: 'Q' }),
  '144': ep(1, { LS: 'C9' }),
  '145': ep(1, { CIN: 'N9' }),
  '149': ep(1, { DEC: '01/03/2026', REC: 'E99' }),
  '148': ep(1, { DEC: '01/03/2026' }),
  '1009': ep(0, { REASON_PLACE_CHANGE: 'BORED' }),
  '142': ep(0, { DEC: '', REC: '' }),
  '501': ep(1, { DECOM: '01/05/2025' }),
  '302': head({ DOB: '01/02/2025', UPN: 'UN1' }),
  '351': head({ DOB: '01/01/1998' }),
  '352': child('01/01/2007', {}),
  '354': ep(1, { DEC: '01/04/2026', REC: 'E13' }),
  '355': thenEpisode({ DEC: '01/06/2025' }, { RNE: 'L', LS: 'V2' }),
  '356': ep(1, { DEC: '01/05/2025', REC: 'E13' }),
  '357': child('01/01/2015', { RNE: 'P' }),
  '431': thenEpisode({}, { RNE: 'S', PLACE: 'U6', PL_POST: 'ZZ99 4DD', URN: 'SC111111' }),
  '388': ep(1, { DEC: '01/03/2026', REC: 'X1' }),
  '437': ep(0, { REC: 'E2' }),
  '504': ep(1, { CIN: 'N2' }),
  '386': ep(1, { DEC: '01/03/2026', REC: 'E17' }),
  '358': child('01/01/2017', { LS: 'J1' }),
  '361': child('01/01/2015', { LS: 'L1', DEC: '10/05/2025', REC: 'E4A' }),
  '362': child('01/01/2015', { LS: 'L2', DEC: '01/06/2025', REC: 'E4A' }),
  '363': child('01/01/2015', { LS: 'L3', DEC: '10/05/2025', REC: 'E4A' }),
  '365': child('01/01/2015', { LS: 'V3', DEC: '30/05/2025', REC: 'E4A' }),
  '367': child('01/01/2015', { LS: 'V3' }),
  '146': ep(1, { PLACE: 'Z1', PLACE_PROVIDER: '', URN: '' }),
  '178': ep(1, { PLACE_PROVIDER: 'PR9' }),
  '550': ep(1, { PLACE_PROVIDER: 'PR0' }),
  '527': ep(1, { PLACE: 'R2', PLACE_PROVIDER: 'PR1', URN: '' }),
  '528': ep(1, { PLACE: 'R5', PLACE_PROVIDER: 'PR2', URN: '' }),
  '529': ep(1, { PLACE_PROVIDER: 'PR3' }),
  '530': ep(1, { PLACE: 'P1', PLACE_PROVIDER: 'PR4', URN: '', LS: 'C2' }),
  '531': ep(1, { PLACE: 'P1', PLACE_PROVIDER: 'PR5', URN: '', LS: 'C2' }),
  '218': ep(1, { URN: '' }),
  '1008': ep(1, { URN: 'OFSTED-1' }),
  '222': ep(1, { PLACE: 'P1', PLACE_PROVIDER: 'PR0' }),
  '225': ep(0, { REASON_PLACE_CHANGE: '' }),
  '226': thenEpisode({ REASON_PLACE_CHANGE: 'CARPL' }, { PLACE: 'T3', PLACE_PROVIDER: '', URN: '', PL_POST: '' }),
  '371': ep(1, { PLACE: 'K3' }),
  '372': child('01/01/2017', { PLACE: 'R5', PLACE_PROVIDER: 'PR4', URN: '' }),
  '373': child('01/01/2023', { PLACE: 'S1', PLACE_PROVIDER: 'PR4' }),
  '374': ep(1, { PLACE: 'P3', URN: '' }),
  '378': ep(1, { LS: 'V2', PLACE: 'P1', PLACE_PROVIDER: 'PR0', URN: '' }),
  '380': child('01/01/2015', { PLACE: 'T0', PLACE_PROVIDER: '', URN: '' }),
  '381': ep(1, { DEC: '01/03/2026', REC: 'E13', PLACE: 'T4', PLACE_PROVIDER: '', URN: '' }),
  '382': child('01/01/2015', { LS: 'V4', PLACE: 'T2', PLACE_PROVIDER: '', URN: '' }),
  '384': child('01/01/2015', { LS: 'V4', PLACE: 'U4' }),
  '383': both(thenEpisode({}, { PLACE: 'T3', PLACE_PROVIDER: '', URN: '', PL_POST: '' }), (r) => {
    Object.assign(r.Episodes[2]!, { DEC: '10/09/2025', REC: 'X1' });
    r.Episodes.push({ ...r.Episodes[1]!, DECOM: '10/09/2025', DEC: '', REC: '', PL_POST: 'ZZ99 9ZZ' });
  }),
  '432-436': thenEpisode({}, { RNE: 'L' }),
  '440': (r) => (r.Reviews[0]!.REVIEW_CODE = 'PN0'),
  '441': both(head({ DOB: '01/06/2022', UPN: 'UN1' }), (r) => Object.assign(r.Reviews[0]!, { DOB: '01/06/2022' }), (r) => { r.OC2[0]!.DOB = '01/06/2022'; r.Missing[0]!.DOB = '01/06/2022'; }),
  '167': (r) => (r.Reviews[0]!.REVIEW_CODE = 'PN9'),
  '564': (r) => (r.Missing[0]!.MIS_START = ''),
  '566': (r) => (r.Missing[0]!.MISSING = ''),
  '567': (r) => (r.Missing[0]!.MIS_END = '31/07/2025'),
  '580': both(ep(1, { DEC: '02/08/2025', REC: 'E13' }), head({})),
  '304': (r) => r.UASC.push({ CHILD: 'C2', SEX: 'M', DOB: '10/10/2007', DUC: '01/01/2026' }),
  '131': oc3({ IN_TOUCH: 'MAYBE' }),
  '344': oc3({ IN_TOUCH: 'DIED' }),
  '345': oc3({ ACTIV: '0' }),
  '132': oc3({ ACTIV: 'F9' }),
  '133': oc3({ ACCOM: 'S1' }),
  '347': both((r) => { r.Header[1]!.DOB = '10/10/2008'; r.OC3[0]!.DOB = '10/10/2008'; }, oc3({ ACCOM: 'T1' })),
  '391': both((r) => { r.Header[1]!.DOB = '10/10/2000'; r.OC3[0]!.DOB = '10/10/2000'; }),
  '181': oc2({ TEETH_CHECK: 'Y' }),
  '191': oc2({ HEALTH_ASSESSMENT: '' }),
  '186': oc2({ SDQ_SCORE: '' }),
  '180': oc2({ SDQ_SCORE: '41' }),
  '601': ep(1, { DEC: '01/03/2026', REC: 'E11' }),
  '602': (r) => r.AD1.push({ CHILD: 'C1', DOB: '01/06/2012', DATE_INT: '', DATE_MATCH: '', FOSTER_CARE: '', NB_ADOPTR: '', SEX_ADOPTR: '', LS_ADOPTR: '' }),
  '551': ep(1, { PLACE: 'A4' }),
  '630': both(child('01/01/2015', {}), (r) => r.PrevPerm.pop()),
  '631': both(child('01/01/2015', {}), (r) => (r.PrevPerm[0]!.PREV_PERM = 'P9')),
  '202': (_r, p) => (p.Header[0]!.SEX = 'M'),
  '203': (_r, p) => (p.Header[0]!.DOB = '02/06/2012'),
  '204': (_r, p) => (p.Header[0]!.ETHNIC = 'WIRI'),
  '207': (_r, p) => Object.assign(p.Header[0]!, { MOTHER: '1', MC_DOB: '01/01/2025' }),
  '208': head({ UPN: 'UN5' }),
  '205': (_r, p) => p.UASC.push({ CHILD: 'C1', SEX: 'F', DOB: '01/06/2012', DUC: '' }),
  '348': (_r, p) => p.OC3.push({ CHILD: 'C2', DOB: '10/10/2007', IN_TOUCH: 'DIED', ACTIV: '', ACCOM: '' }),
  '502': (_r, p) => (p.Episodes[0]!.DECOM = '01/12/2024'),
  '503A': (_r, p) => (p.Episodes[0]!.RNE = 'L'),
  '503B': (_r, p) => (p.Episodes[0]!.LS = 'C1'),
  '503C': (_r, p) => (p.Episodes[0]!.CIN = 'N2'),
  '503D': (_r, p) => (p.Episodes[0]!.PLACE = 'U3'),
  '503E': (_r, p) => (p.Episodes[0]!.PLACE_PROVIDER = 'PR2'),
  '503F': (_r, p) => (p.Episodes[0]!.URN = 'SC999999'),
};

describe('SSDA903 rules, each passed and failed by hand', () => {
  it('the clean return passes every rule', () => {
    assert.deepEqual(validate903(clean(), period, lastYear()), []);
  });
  it('every rule has a failing case', () => {
    assert.deepEqual(RULES_903.map((r) => r.code).filter((c) => !FAILS[c]), []);
  });
  for (const [code, change] of Object.entries(FAILS)) {
    it(`${code} fails a return changed to break it`, () => {
      const ret = clean();
      const previous = lastYear();
      change(ret, previous);
      const codes = validate903(ret, period, previous).map((f) => f.rule);
      assert.ok(codes.includes(code), `expected ${code}, found ${[...new Set(codes)].join(', ') || 'nothing'}`);
    });
  }
  it('year-on-year rules find nothing without last year’s return', () => {
    const ret = clean();
    head({ UPN: 'UN5' })(ret, lastYear());
    assert.equal(validate903(ret, period, null).filter((f) => f.rule === '208').length, 0);
  });
});
