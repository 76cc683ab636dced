import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectionPeriod } from '../engine.ts';
import { cleanReturn, nfaEpisode } from './fixtures.test-support.ts';
import { CIN_RULES, validateCin } from './index.ts';
import type { CinReturn } from './model.ts';

/**
 * Every rule, table-driven: the clean 2025 return passes it, and the clean return with one thing broken fails it.
 * A rule may need its own passing case (the authority-level queries look across all children).
 */
const PERIOD = collectionPeriod(2025);
const child = (r: CinReturn, i = 0) => r.Children[i]!;
const ids = (r: CinReturn, i = 0) => child(r, i).ChildIdentifiers;
const ep = (r: CinReturn, i = 0) => child(r, i).CINdetails[0]!;
const assessment = (r: CinReturn) => ep(r).Assessments[0]!;
const s47 = (r: CinReturn) => ep(r).Section47[0]!;
const cp = (r: CinReturn) => ep(r).ChildProtectionPlans[0]!;
const cinPlan = (r: CinReturn) => ep(r).CINPlanDates[0]!;
/** The unborn child's assessment, still open at the census date. */
const openAssessment = (r: CinReturn) => ep(r, 2).Assessments[0]!;
const NFA = 1;
const UNBORN = 2;

interface Case {
  rule: string;
  fail: (r: CinReturn) => void;
  pass?: (r: CinReturn) => void;
}

const CASES: Case[] = [
  { rule: '100', fail: (r) => void (r.Header.ReferenceDate = '2025-03-30') },
  { rule: 'HDR1', fail: (r) => void (r.Header.LEA = '87') },
  { rule: '8500', fail: (r) => void (ids(r).LAchildID = null) },
  { rule: '8510', fail: (r) => void (ids(r, NFA).LAchildID = 'C0000001') },
  { rule: '1570', fail: (r) => void (ids(r).LAchildID = `C${'1'.repeat(20)}`) },
  { rule: '1580', fail: (r) => void (ids(r).LAchildID = 'C-000001') },
  { rule: '1510', fail: (r) => void (ids(r).UPN = 'A873000000015') },
  { rule: '1520', fail: (r) => Object.assign(ids(r, NFA), { UPN: 'M873000000015', UPNunknown: null }) },
  { rule: '1530', fail: (r) => void (ids(r).UPN = 'MAB3000000015') },
  { rule: '1540', fail: (r) => void (ids(r).UPN = 'M8730000A0015') },
  { rule: '1550', fail: (r) => void (ids(r).UPN = 'M87300000001I') },
  { rule: '1560Q', fail: (r) => void (ids(r).UPN = 'M87300000001A') },
  { rule: '8772', fail: (r) => void (ids(r).UPNunknown = 'UN7') },
  { rule: '8770Q', fail: (r) => void (ids(r).UPN = null) },
  { rule: '8520', fail: (r) => void (ids(r).PersonBirthDate = '2025-04-02') },
  { rule: '8525Q', fail: (r) => void (ids(r).ExpectedPersonBirthDate = '2015-06-01') },
  { rule: '8530Q', fail: (r) => void (ids(r, UNBORN).ExpectedPersonBirthDate = '2026-01-05') },
  { rule: '8535Q', fail: (r) => void (ids(r).PersonDeathDate = '2014-01-01') },
  { rule: '8545Q', fail: (r) => void (ids(r).PersonDeathDate = '2024-01-01') },
  { rule: '8775Q', fail: (r) => void (ids(r).PersonBirthDate = '1998-01-01') },
  { rule: '4180', fail: (r) => void (ids(r).Sex = '2') },
  { rule: '8750', fail: (r) => void (ids(r, UNBORN).Sex = 'F') },
  { rule: '2886Q', fail: (r) => void (ids(r).Sex = 'U') },
  { rule: '4220', fail: (r) => void (child(r).ChildCharacteristics.Ethnicity = 'WHITE') },
  { rule: '8540', fail: (r) => void (child(r).ChildCharacteristics.Disabilities = []) },
  { rule: '8790', fail: (r) => void (child(r).ChildCharacteristics.Disabilities = ['NONE', 'LD']) },
  { rule: '8794', fail: (r) => void (child(r).ChildCharacteristics.Disabilities = ['LD', 'LD']) },
  { rule: '2887Q', pass: (r) => void (child(r).ChildCharacteristics.Disabilities = ['LD', 'COMM', 'MOB', 'HAND', 'PC', 'INC', 'HEAR', 'VIS']), fail: () => undefined },
  { rule: '2888Q', fail: (r) => void (child(r).ChildCharacteristics.Disabilities = ['LD']) },
  { rule: '8590', fail: (r) => void (child(r).CINdetails = []) },
  { rule: '8606', fail: (r) => void (ep(r, UNBORN).CINreferralDate = '2024-06-01') },
  // Referrals and episodes
  { rule: '8600', fail: (r) => void (ep(r).CINreferralDate = '2025-04-05') },
  { rule: '8866', fail: (r) => void (ep(r).ReferralSource = '11') },
  { rule: '8568', fail: (r) => void (ep(r).ReferralNFA = null) },
  { rule: '8610', fail: (r) => void (ep(r).PrimaryNeedCode = null) },
  { rule: '8650', fail: (r) => void (ep(r).PrimaryNeedCode = 'N10') },
  { rule: '8569Q', fail: (r) => Object.assign(ep(r, NFA), { CINreferralDate: '2024-03-20', CINclosureDate: '2024-04-01' }) },
  { rule: '8555', fail: (r) => void (ids(r).PersonDeathDate = '2024-04-20') },
  { rule: '8620', fail: (r) => void (ep(r).CINclosureDate = '2025-04-02') },
  { rule: '8630', fail: (r) => void (ep(r, NFA).CINclosureDate = '2024-10-06') },
  { rule: '8805', fail: (r) => void (ep(r).ReasonForClosure = null) },
  { rule: '8810', fail: (r) => void (ep(r, UNBORN).ReasonForClosure = 'RC7') },
  { rule: '8640', fail: (r) => void (ep(r).ReasonForClosure = 'RC10') },
  { rule: '8565', fail: (r) => void (ep(r).CINclosureDate = '2025-03-13') },
  { rule: '8585Q', fail: (r) => void (ep(r).ReasonForClosure = 'RC2') },
  { rule: '8831', fail: (r) => void ep(r, NFA).Assessments.push({ AssessmentActualStartDate: '2024-10-07', AssessmentInternalReviewDate: null, AssessmentAuthorisationDate: null, AssessmentFactors: [] }) },
  { rule: '8832', fail: (r) => void ep(r, NFA).ChildProtectionPlans.push({ ...cp(r) }) },
  { rule: '8825Q', fail: (r) => void (ep(r, NFA).ReasonForClosure = 'RC8') },
  { rule: '2990', fail: (r) => void (ep(r).ReasonForClosure = 'RC9') },
  { rule: '8867', fail: (r) => Object.assign(ep(r, UNBORN), { CINclosureDate: '2025-03-20', ReasonForClosure: 'RC7' }) },
  { rule: '8868', fail: (r) => void (s47(r).DateOfInitialCPC = null) },
  { rule: '2884', fail: (r) => void (ep(r).DateOfInitialCPC = '2024-09-02') },
  { rule: '2991Q', fail: (r) => void (ep(r).Assessments = []) },
  {
    rule: '8815',
    fail: (r) => {
      Object.assign(ep(r), { CINclosureDate: null, ReasonForClosure: null });
      child(r).CINdetails.push({ ...nfaEpisode(), CINreferralDate: '2025-03-20', CINclosureDate: null, ReasonForClosure: null, ReferralNFA: false, PrimaryNeedCode: 'N0' });
    },
  },
  {
    rule: '8816',
    fail: (r) => {
      Object.assign(ep(r), { CINclosureDate: null, ReasonForClosure: null });
      child(r).CINdetails.push({ ...nfaEpisode(), CINreferralDate: '2025-03-20', CINclosureDate: '2025-03-21', ReferralNFA: false, PrimaryNeedCode: 'N4' });
    },
  },
  {
    rule: '8820',
    pass: (r) => void child(r).CINdetails.push({ ...nfaEpisode(), CINreferralDate: '2025-03-14', CINclosureDate: '2025-03-14' }),
    fail: (r) => void child(r).CINdetails.push({ ...nfaEpisode(), CINreferralDate: '2025-03-01', CINclosureDate: '2025-03-01' }),
  },
  // Assessments
  { rule: '1103', fail: (r) => void (assessment(r).AssessmentActualStartDate = '2024-04-20') },
  { rule: '8608', fail: (r) => void (assessment(r).AssessmentAuthorisationDate = '2024-04-30') },
  { rule: '8696', fail: (r) => void (assessment(r).AssessmentAuthorisationDate = '2025-04-02') },
  { rule: '8614', fail: (r) => void (openAssessment(r).AssessmentFactors = ['1A']) },
  { rule: '8617', fail: (r) => void (assessment(r).AssessmentFactors = ['8A']) },
  { rule: '8897Q', fail: (r) => void (assessment(r).AssessmentFactors = []) },
  { rule: '8869', fail: (r) => void (assessment(r).AssessmentFactors = ['21', '1A']) },
  { rule: '8898', fail: (r) => void (assessment(r).AssessmentFactors = ['1A', '1A']) },
  { rule: '8945Q', fail: (r) => void (assessment(r).AssessmentFactors = ['18A']) },
  { rule: '8950Q', fail: (r) => void (assessment(r).AssessmentFactors = ['19A']) },
  { rule: '8736', fail: (r) => void (openAssessment(r).AssessmentActualStartDate = '2024-03-01') },
  { rule: '8670Q', fail: (r) => void (openAssessment(r).AssessmentActualStartDate = '2024-12-02') },
  { rule: '8896', fail: (r) => void ep(r, UNBORN).Assessments.push({ ...openAssessment(r), AssessmentActualStartDate: '2025-03-01' }) },
  { rule: '8863Q', fail: (r) => void ep(r).Assessments.push({ ...assessment(r), AssessmentActualStartDate: '2024-05-20', AssessmentAuthorisationDate: '2024-07-01' }) },
  // Child in need plans
  { rule: '4015', fail: (r) => void (cinPlan(r).CINPlanStartDate = '2024-04-20') },
  { rule: '4011', fail: (r) => void (cinPlan(r).CINPlanEndDate = '2024-06-01') },
  { rule: '4013', fail: (r) => void (cinPlan(r).CINPlanEndDate = '2025-04-02') },
  { rule: '4009', fail: (r) => void (ids(r).PersonDeathDate = '2024-08-01') },
  { rule: '4010', fail: (r) => void (cinPlan(r).CINPlanStartDate = '2025-04-02') },
  { rule: '4008', fail: (r) => void (ids(r).PersonDeathDate = '2024-06-01') },
  { rule: '4012Q', fail: (r) => void (cinPlan(r).CINPlanEndDate = '2024-06-10') },
  { rule: '4000', fail: (r) => void ep(r, NFA).CINPlanDates.push({ CINPlanStartDate: '2024-10-07', CINPlanEndDate: null }) },
  { rule: '4004', fail: (r) => void (ep(r).CINPlanDates = [{ CINPlanStartDate: '2024-06-10', CINPlanEndDate: null }, { CINPlanStartDate: '2024-07-01', CINPlanEndDate: null }]) },
  { rule: '4014', fail: (r) => void ep(r).CINPlanDates.push({ CINPlanStartDate: '2024-07-01', CINPlanEndDate: '2024-08-01' }) },
  // Section 47 enquiries and initial conferences
  { rule: '2889', fail: (r) => void (s47(r).S47ActualStartDate = '2024-04-20') },
  { rule: '1104', fail: (r) => void (s47(r).DateOfInitialCPC = '2024-04-20') },
  { rule: '8615', fail: (r) => void (s47(r).DateOfInitialCPC = '2024-08-01') },
  { rule: '8715', fail: (r) => void (s47(r).DateOfInitialCPC = '2025-04-02') },
  {
    rule: '8875',
    fail: (r) => {
      s47(r).DateOfInitialCPC = '2024-09-01'; // a Sunday
      cp(r).CPPstartDate = '2024-09-01';
    },
  },
  { rule: '8870Q', fail: (r) => void (s47(r).InitialCPCtarget = '2024-08-31') },
  { rule: '8740', fail: (r) => Object.assign(s47(r), { S47ActualStartDate: '2024-03-01', DateOfInitialCPC: null }) },
  { rule: '8675Q', fail: (r) => void (s47(r).DateOfInitialCPC = null) },
  { rule: '8839', fail: (r) => void (ep(r).Section47 = [{ ...s47(r), DateOfInitialCPC: null }, { ...s47(r), S47ActualStartDate: '2024-09-10', DateOfInitialCPC: null }]) },
  { rule: '8890', fail: (r) => void ep(r).Section47.push({ ...s47(r), S47ActualStartDate: '2024-08-20', ICPCnotRequired: true, DateOfInitialCPC: null }) },
  // Child protection plans
  { rule: '1105', fail: (r) => void (cp(r).CPPstartDate = '2024-04-15') },
  { rule: '8720', fail: (r) => void (cp(r).CPPstartDate = null) },
  { rule: '8925', fail: (r) => void (cp(r).CPPendDate = '2024-08-01') },
  { rule: '8930', fail: (r) => void (cp(r).CPPendDate = '2025-04-03') },
  { rule: '8840', fail: (r) => Object.assign(cp(r), { CPPendDate: '2024-09-02', CPPreviewDate: [] }) },
  { rule: '8841', fail: (r) => void (cp(r).CPPreviewDate = ['2024-09-02']) },
  { rule: '8842Q', fail: (r) => void (cp(r).CPPreviewDate = ['2024-11-25', '']) },
  { rule: '8905', fail: (r) => void (cp(r).InitialCategoryOfAbuse = 'XYZ') },
  { rule: '8910', fail: (r) => void (cp(r).LatestCategoryOfAbuse = null) },
  { rule: '8730', fail: (r) => void (cp(r).NumberOfPreviousCPP = null) },
  { rule: '2885', fail: (r) => void (cp(r).CPPstartDate = '2024-09-03') },
  { rule: '2883', fail: (r) => void ep(r).ChildProtectionPlans.push({ ...cp(r), CPPstartDate: '2025-03-14', CPPendDate: null, CPPreviewDate: [] }) },
  {
    rule: '8935',
    fail: (r) => {
      cp(r).CPPendDate = null;
      ep(r).ChildProtectionPlans.push({ ...cp(r), CPPstartDate: '2024-10-01', CPPendDate: null, CPPreviewDate: [] });
    },
  },
  { rule: '8940', fail: (r) => void ep(r).ChildProtectionPlans.push({ ...cp(r), CPPstartDate: '2024-10-01', CPPendDate: '2024-12-01', CPPreviewDate: [] }) },
  {
    rule: '4001',
    fail: (r) => {
      cp(r).CPPendDate = null;
      cinPlan(r).CINPlanEndDate = null;
    },
  },
  { rule: '4016', fail: (r) => void ep(r).CINPlanDates.push({ CINPlanStartDate: '2024-10-01', CINPlanEndDate: '2024-11-01' }) },
  { rule: '4017', pass: (r) => void (cinPlan(r).CINPlanEndDate = '2024-09-02'), fail: (r) => void (cinPlan(r).CINPlanEndDate = '2024-10-01') },
  { rule: '4003', fail: (r) => void ep(r).CINPlanDates.push({ CINPlanStartDate: '2024-11-20', CINPlanEndDate: '2024-12-01' }) },
];

const failuresOf = (r: CinReturn, rule: string, year = PERIOD) => validateCin(r, year).filter((f) => f.rule === rule);

describe('the CIN census rules', () => {
  it('have a passing and a failing case each, and nothing but rules has a case', () => {
    assert.deepEqual(CASES.map((c) => c.rule).sort(), CIN_RULES.map((r) => r.code).sort());
  });

  it('have unique codes, a message, fields and a severity that matches a Q', () => {
    assert.equal(new Set(CIN_RULES.map((r) => r.code)).size, CIN_RULES.length);
    for (const r of CIN_RULES) {
      assert.ok(r.message.length > 20 && r.fields.length > 0, r.code);
      assert.equal(r.severity, r.code.endsWith('Q') ? 'query' : 'error', r.code);
    }
  });

  it('pass the clean return, bar the authority-level query it is too small to satisfy', () => {
    assert.deepEqual(validateCin(cleanReturn(), PERIOD).map((f) => f.rule), ['2887Q']);
  });

  for (const c of CASES) {
    it(`${c.rule}: passes a good return and fails the broken one`, () => {
      const good = cleanReturn();
      c.pass?.(good);
      assert.deepEqual(failuresOf(good, c.rule), [], 'the good return passes');
      const bad = cleanReturn();
      c.fail(bad);
      const found = failuresOf(bad, c.rule);
      assert.ok(found.length > 0, 'the broken return fails');
      for (const f of found) assert.ok(f.field && f.message, 'a failure names its field');
    });
  }

  it('name the child and the item where they found the problem', () => {
    const bad = cleanReturn();
    s47(bad).S47ActualStartDate = '2024-04-20';
    const [failure] = failuresOf(bad, '2889');
    assert.equal(failure!.child, 'C0000001');
    assert.equal(failure!.location, 'CINdetails 1 › Section 47 1');
    assert.equal(failure!.field, 'S47ActualStartDate');
  });

  it('apply only in the collection years they belong to', () => {
    const bad = cleanReturn();
    ids(bad).Sex = '2';
    bad.Header = { ...bad.Header, Year: '2024', ReferenceDate: '2024-03-31' };
    assert.equal(failuresOf(bad, '4180', collectionPeriod(2024)).length, 0, 'Sex replaced GenderCurrent in 2024-25');
    assert.equal(failuresOf(bad, '4180', collectionPeriod(2025)).length, 1);
  });
});
