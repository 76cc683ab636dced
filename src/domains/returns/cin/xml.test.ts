import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ReturnFileError } from '../engine.ts';
import { cleanReturn } from './fixtures.test-support.ts';
import { cinXml, parseCinXml } from './index.ts';
import { schemaProblems } from './schema.ts';

const golden = readFileSync(new URL('./testdata/census-2025.xml', import.meta.url), 'utf8');

describe('the CIN census XML', () => {
  it('is written exactly as the golden file (element order, dates, booleans, optional elements left out)', () => {
    assert.equal(cinXml(cleanReturn()), golden);
  });

  it('conforms to the census schema structure', () => {
    assert.deepEqual(schemaProblems(golden), []);
    assert.ok(golden.indexOf('<ReferralNFA>false') > golden.indexOf('</Section47>') && golden.indexOf('<ReferralNFA>false') < golden.indexOf('<ChildProtectionPlans>'));
  });

  it('reads back into the same return', () => {
    assert.deepEqual(parseCinXml(golden), cleanReturn());
  });

  it('escapes text so a value cannot break the file', () => {
    const ret = cleanReturn();
    ret.Header.SoftwareCode = 'Cairn <&> test';
    assert.equal(parseCinXml(cinXml(ret)).Header.SoftwareCode, 'Cairn <&> test');
  });

  it('reads files from other systems: namespaces, attributes, booleans as 1/0 or TRUE, values it cannot read left null for the rules', () => {
    const other = golden
      .replace('<Message>', '<cin:Message xmlns:cin="http://www.dfe.gov.uk/CIN" schemaVersion="1">')
      .replace('</Message>', '</cin:Message>')
      .replace('<ReferralNFA>false</ReferralNFA>', '<ReferralNFA>0</ReferralNFA>')
      .replace('<ReferralNFA>true</ReferralNFA>', '<ReferralNFA>TRUE</ReferralNFA>')
      .replace('<NumberOfPreviousCPP>0</NumberOfPreviousCPP>', '<NumberOfPreviousCPP>none</NumberOfPreviousCPP>')
      .replace('<ICPCnotRequired>false</ICPCnotRequired>', '<ICPCnotRequired>maybe</ICPCnotRequired>');
    const ret = parseCinXml(other);
    assert.equal(ret.Children[0]!.CINdetails[0]!.ReferralNFA, false);
    assert.equal(ret.Children[1]!.CINdetails[0]!.ReferralNFA, true);
    assert.equal(ret.Children[0]!.CINdetails[0]!.ChildProtectionPlans[0]!.NumberOfPreviousCPP, null);
    assert.equal(ret.Children[0]!.CINdetails[0]!.Section47[0]!.ICPCnotRequired, null);
  });

  it('writes GenderCurrent for collections up to 2024, where Sex now stands, and reads it back as Sex', () => {
    const ret = cleanReturn();
    ret.Header = { ...ret.Header, Year: '2024', ReferenceDate: '2024-03-31' };
    const xml = cinXml(ret);
    assert.match(xml, /<ExpectedPersonBirthDate>2025-05-20<\/ExpectedPersonBirthDate>\n {8}<GenderCurrent>0<\/GenderCurrent>/);
    assert.match(xml, /<GenderCurrent>2<\/GenderCurrent>/);
    assert.doesNotMatch(xml, /<Sex>/);
    assert.deepEqual(schemaProblems(xml), []);
    assert.match(schemaProblems(golden.replace('<Year>2025', '<Year>2024')).join('\n'), /<Sex> does not belong in <ChildIdentifiers>/);
    assert.deepEqual(parseCinXml(xml).Children.map((c) => c.ChildIdentifiers.Sex), ['F', 'M', 'U']);
  });

  it('refuses a file that is not a census, saying why', () => {
    assert.throws(() => parseCinXml(''), (e: unknown) => e instanceof ReturnFileError && /empty/.test(e.message));
    assert.throws(() => parseCinXml('<Message><Children><Child></Children></Message>'), (e: unknown) => e instanceof ReturnFileError && /line 1, column \d+/.test(e.message) && /Child/.test(e.message));
    assert.throws(() => parseCinXml('<Return><Children/></Return>'), (e: unknown) => e instanceof ReturnFileError && /<Return>/.test(e.message));
    assert.throws(() => parseCinXml('<Message><Header/></Message>'), (e: unknown) => e instanceof ReturnFileError && /no <Children>/.test(e.message));
    assert.throws(() => parseCinXml('<Message><Children><Pupil/></Children></Message>'), (e: unknown) => e instanceof ReturnFileError && /<Pupil>/.test(e.message));
  });

  it('the structure check names what is out of order, missing, extra or malformed', () => {
    const swapped = golden.replace(/(\s*<ReferralNFA>false<\/ReferralNFA>)/, '').replace('<Section47>', '<ReferralNFA>false</ReferralNFA>\n        <Section47>');
    assert.match(schemaProblems(swapped).join('\n'), /CINdetails 1: <Section47> is out of order/);
    assert.match(schemaProblems(golden.replace('<Sex>F</Sex>', '')).join('\n'), /Child 1 › ChildIdentifiers: <Sex> is missing/);
    assert.match(schemaProblems(golden.replace('<Sex>F</Sex>', '<Sex>F</Sex><Gender>2</Gender>')).join('\n'), /<Gender> does not belong in <ChildIdentifiers>/);
    assert.match(schemaProblems(golden.replace('<PersonBirthDate>2015-06-01', '<PersonBirthDate>01/06/2015')).join('\n'), /“01\/06\/2015” is not a date/);
    assert.match(schemaProblems(golden.replace('<CollectionDetails>', '<CollectionDetails><Collection>CIN</Collection>')).join('\n'), /more than 1 <Collection>/);
  });
});
