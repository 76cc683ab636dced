import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReturnFileError } from '../engine.ts';
import { parse903Files, write903Files } from './csv.ts';
import { emptyReturn } from './tables.ts';

/** The DfE's header rows, written out by hand (shared/reference/statutory-returns.md §2.2): the golden files. */
const GOLDEN: Record<string, string> = {
  'header.csv': 'CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB',
  'episodes.csv': 'CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN',
  'reviews.csv': 'CHILD,DOB,REVIEW,REVIEW_CODE',
  'uasc.csv': 'CHILD,SEX,DOB,DUC',
  'oc2.csv': 'CHILD,DOB,SDQ_SCORE,SDQ_REASON,CONVICTED,HEALTH_CHECK,IMMUNISATIONS,TEETH_CHECK,HEALTH_ASSESSMENT,SUBSTANCE_MISUSE,INTERVENTION_RECEIVED,INTERVENTION_OFFERED',
  'oc3.csv': 'CHILD,DOB,IN_TOUCH,ACTIV,ACCOM',
  'ad1.csv': 'CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR',
  'placed_for_adoption.csv': 'CHILD,DOB,DATE_PLACED,DATE_PLACED_CEASED,REASON_PLACED_CEASED',
  'previous_permanence.csv': 'CHILD,DOB,PREV_PERM,LA_PERM,DATE_PERM',
  'missing.csv': 'CHILD,DOB,MISSING,MIS_START,MIS_END',
};

describe('SSDA903 CSV files', () => {
  it('writes every table, even an empty one, with the DfE header row and CRLF line ends', () => {
    assert.deepEqual(write903Files(emptyReturn()), Object.fromEntries(Object.entries(GOLDEN).map(([f, h]) => [f, `${h}\r\n`])));
  });

  it('writes rows in the DfE column order, quoting only what must be quoted', () => {
    const ret = emptyReturn();
    ret.Episodes.push({ URN: 'SC123456', CHILD: 'C0000001', DECOM: '01/05/2025', RNE: 'S', LS: 'V2', CIN: 'N4', PLACE: 'U6', PLACE_PROVIDER: 'PR1', DEC: '', REC: '', REASON_PLACE_CHANGE: '', HOME_POST: 'ZZ99 1AA', PL_POST: 'ZZ99 2BB' });
    ret.OC3.push({ CHILD: 'C2', DOB: '10/10/2007', IN_TOUCH: 'YES', ACTIV: 'F2', ACCOM: 'say "U1", then' });
    const files = write903Files(ret);
    assert.equal(files['episodes.csv'], `${GOLDEN['episodes.csv']}\r\nC0000001,01/05/2025,S,V2,N4,U6,PR1,,,,ZZ99 1AA,ZZ99 2BB,SC123456\r\n`);
    assert.equal(files['oc3.csv'], `${GOLDEN['oc3.csv']}\r\nC2,10/10/2007,YES,F2,"say ""U1"", then"\r\n`);
    assert.deepEqual(parse903Files(files), ret);
  });

  it('reads files from another system: any name, any column order, a byte-order mark, LF, quotes, extra columns', () => {
    const ret = parse903Files({
      'LA_903_Header_2026.CSV': '\uFEFFDOB,CHILD,SEX,ETHNIC,UPN,MOTHER,MC_DOB,EXTRA\n01/06/2012,"C1",F,WBRI,UN2,0,,x\n',
      'eps.csv': `${GOLDEN['episodes.csv']}\nC1,01/05/2025,S,V2,N4,U6,PR1,,,,"ZZ99 1AA","ZZ99\n2BB",SC123456`,
    });
    assert.deepEqual(ret.Header, [{ CHILD: 'C1', SEX: 'F', DOB: '01/06/2012', ETHNIC: 'WBRI', UPN: 'UN2', MOTHER: '0', MC_DOB: '' }]);
    assert.equal(ret.Episodes[0]!.PL_POST, 'ZZ99\n2BB');
    assert.deepEqual(ret.Reviews, []);
  });

  it('refuses a table missing a column, naming the file and line', () => {
    assert.throws(() => parse903Files({ 'reviews.csv': 'CHILD,DOB,REVIEW\r\nC1,01/01/2012,01/07/2025\r\n' }), (e: Error) => e instanceof ReturnFileError && /reviews\.csv line 1: .*REVIEW_CODE/.test(e.message));
  });

  it('refuses a date that is not DD/MM/YYYY, naming the file, line and column', () => {
    const text = `${GOLDEN['missing.csv']}\r\nC1,01/06/2012,M,01/08/2025,03/08/2025\r\nC1,01/06/2012,M,2025-09-01,\r\n`;
    assert.throws(() => parse903Files({ 'missing.csv': text }), (e: Error) => e instanceof ReturnFileError && e.message.includes('missing.csv line 3: MIS_START') );
    assert.throws(() => parse903Files({ 'missing.csv': text.replace('2025-09-01', '31/02/2025') }), ReturnFileError);
  });

  it('refuses a file that is no 903 table, an unclosed quote, and a table given twice', () => {
    assert.throws(() => parse903Files({ 'notes.csv': 'A,B\r\n1,2\r\n' }), /notes\.csv: its columns/);
    assert.throws(() => parse903Files({ 'uasc.csv': 'CHILD,SEX,DOB,DUC\r\n"C1,M,01/01/2010,\r\n' }), /uasc\.csv line 2: a quoted field is never closed/);
    assert.throws(() => parse903Files({ 'uasc.csv': `${GOLDEN['uasc.csv']}\r\n`, 'u2.csv': `${GOLDEN['uasc.csv']}\r\n` }), /already read from uasc\.csv/);
  });
});
