import { DISABILITIES, ETHNICITIES, UPN_UNKNOWN } from '../../../../platform/codes/cin.ts';
import { addCalendarDays, addMonths } from '../../../../platform/calendar/working-days.ts';
import { upnCheckLetter } from '../../../people/identifiers.ts';
import type { CinChild } from '../model.ts';
import { type CinRule, childRule, isDate } from './kit.ts';

/** Rules about who the child is: identifiers, dates of birth and death, sex, ethnicity, disability. */

const id = (c: CinChild) => c.ChildIdentifiers;
const upn = (c: CinChild) => id(c).UPN;
/** UN6 (unborn) and UN7 (no further action) are census reasons beyond the shared list of reasons a UPN is missing. */
const UPN_UNKNOWN_CODES = new Set([...Object.keys(UPN_UNKNOWN), 'UN6', 'UN7']);
const everyEpisodeNfa = (c: CinChild) => c.CINdetails.length > 0 && c.CINdetails.every((d) => d.ReferralNFA === true);
const anyNotNfa = (c: CinChild) => c.CINdetails.some((d) => d.ReferralNFA === false);
const born = (c: CinChild) => isDate(id(c).PersonBirthDate);
/** Age in whole years on a date. */
const ageOn = (birth: string, date: string) => {
  let years = Number(date.slice(0, 4)) - Number(birth.slice(0, 4));
  if (date.slice(5) < birth.slice(5)) years -= 1;
  return years;
};

function* duplicates(values: (string | null)[]): Generator<number> {
  const seen = new Map<string, number>();
  for (const v of values) {
    if (!v) continue;
    seen.set(v, (seen.get(v) ?? 0) + 1);
  }
  for (const [i, v] of values.entries()) if (v && (seen.get(v) ?? 0) > 1) yield i;
}

export const CHILD_RULES: CinRule[] = [
  childRule({ code: '8500', severity: 'error', message: 'Every child needs an LA child identifier (LAchildID).', fields: ['LAchildID'] }, (c) => !id(c).LAchildID),
  {
    code: '8510',
    severity: 'error',
    message: 'The same LA child identifier is used for more than one child: each child appears once, with all their episodes.',
    fields: ['LAchildID'],
    *check(ret) {
      for (const i of duplicates(ret.Children.map((c) => id(c).LAchildID))) yield { child: id(ret.Children[i]!).LAchildID };
    },
  },
  childRule(
    { code: '1570', severity: 'error', message: 'The LA child identifier must be at most 20 characters.', fields: ['LAchildID'], years: { from: 2025 } },
    (c) => (id(c).LAchildID?.length ?? 0) > 20,
  ),
  childRule(
    { code: '1580', severity: 'error', message: 'The LA child identifier may hold only letters and digits.', fields: ['LAchildID'], years: { from: 2025 } },
    (c) => Boolean(id(c).LAchildID) && !/^[A-Za-z0-9]+$/.test(id(c).LAchildID!),
  ),
  childRule(
    { code: '1510', severity: 'error', message: 'The UPN’s check letter (its first character) does not match the rest of the number: check it was copied correctly.', fields: ['UPN'] },
    (c) => {
      const u = upn(c);
      if (!u || u.length !== 13) return Boolean(u);
      const letter = upnCheckLetter(u.slice(1));
      return letter !== null && letter !== u[0];
    },
  ),
  {
    code: '1520',
    severity: 'error',
    message: 'The same UPN is recorded for more than one child.',
    fields: ['UPN'],
    *check(ret) {
      for (const i of duplicates(ret.Children.map(upn))) yield { child: id(ret.Children[i]!).LAchildID };
    },
  },
  childRule(
    { code: '1530', severity: 'error', message: 'Characters 2 to 4 of the UPN must be a three-digit LA number.', fields: ['UPN'] },
    (c) => Boolean(upn(c)) && !/^\d{3}$/.test(upn(c)!.slice(1, 4)),
  ),
  childRule(
    { code: '1540', severity: 'error', message: 'Characters 5 to 12 of the UPN must be digits.', fields: ['UPN'] },
    (c) => Boolean(upn(c)) && !/^\d{8}$/.test(upn(c)!.slice(4, 12)),
  ),
  childRule(
    { code: '1550', severity: 'error', message: 'The UPN’s last character must be a digit or a letter other than I, O and S, and the UPN 13 characters long.', fields: ['UPN'] },
    (c) => Boolean(upn(c)) && !/^.{12}[0-9A-HJ-NPR-Z]$/.test(upn(c)!),
  ),
  childRule(
    { code: '1560Q', severity: 'query', message: 'The UPN is a temporary one (it ends in a letter): record the child’s permanent UPN if the school has one.', fields: ['UPN'] },
    (c) => Boolean(upn(c)) && upn(c)!.length === 13 && /[A-Z]$/.test(upn(c)!),
  ),
  childRule(
    { code: '8772', severity: 'error', message: 'The UPN unknown reason must be a recognised code; UN7 (no further action) only when every referral for the child led to no further action.', fields: ['UPNunknown'] },
    (c) => {
      const reason = id(c).UPNunknown;
      if (!reason) return false;
      if (!UPN_UNKNOWN_CODES.has(reason)) return true;
      return reason === 'UN7' && !everyEpisodeNfa(c);
    },
  ),
  childRule(
    { code: '8770Q', severity: 'query', message: 'A child of school age who is in need has no UPN: record it, or why it is unknown (other than UN1, not yet of school age).', fields: ['UPN', 'UPNunknown'] },
    (c, ctx) => {
      const birth = id(c).PersonBirthDate;
      if (upn(c) || !isDate(birth) || !anyNotNfa(c)) return false;
      const schoolAge = ageOn(birth, ctx.period.end) >= 5;
      return schoolAge && (!id(c).UPNunknown || id(c).UPNunknown === 'UN1');
    },
  ),
  childRule(
    { code: '8520', severity: 'error', message: 'The date of birth must be on or before the census reference date.', fields: ['PersonBirthDate'] },
    (c, ctx) => isDate(id(c).PersonBirthDate) && id(c).PersonBirthDate! > ctx.period.end,
  ),
  childRule(
    { code: '8525Q', severity: 'query', message: 'Give either a date of birth or, for an unborn child, an expected date of birth: one of them, not both and not neither.', fields: ['PersonBirthDate', 'ExpectedPersonBirthDate'] },
    (c) => Boolean(id(c).PersonBirthDate) === Boolean(id(c).ExpectedPersonBirthDate),
  ),
  childRule(
    { code: '8530Q', severity: 'query', message: 'An unborn child’s expected date of birth should fall between 30 days before and nine months after the census reference date.', fields: ['ExpectedPersonBirthDate'] },
    (c, ctx) => {
      const expected = id(c).ExpectedPersonBirthDate;
      return isDate(expected) && (expected <= addCalendarDays(ctx.period.end, -30) || expected >= addMonths(ctx.period.end, 9));
    },
  ),
  childRule(
    { code: '8535Q', severity: 'query', message: 'The date of death is before the date of birth.', fields: ['PersonDeathDate'] },
    (c) => isDate(id(c).PersonDeathDate) && isDate(id(c).PersonBirthDate) && id(c).PersonDeathDate! < id(c).PersonBirthDate!,
  ),
  childRule(
    { code: '8545Q', severity: 'query', message: 'The date of death falls outside the census year.', fields: ['PersonDeathDate'] },
    (c, ctx) => isDate(id(c).PersonDeathDate) && (id(c).PersonDeathDate! < ctx.period.start || id(c).PersonDeathDate! > ctx.period.end),
  ),
  childRule(
    { code: '8775Q', severity: 'query', message: 'The child is over 25 at the census reference date: check the date of birth.', fields: ['PersonBirthDate'] },
    (c, ctx) => isDate(id(c).PersonBirthDate) && ageOn(id(c).PersonBirthDate!, ctx.period.end) > 25,
  ),
  childRule(
    { code: '4180', severity: 'error', message: 'Sex must be given as M (male), F (female) or U (unknown or not recorded).', fields: ['Sex'], years: { from: 2025 } },
    (c) => !['M', 'F', 'U'].includes(id(c).Sex ?? ''),
  ),
  childRule(
    { code: '8750', severity: 'error', message: 'An unborn child’s sex must be recorded as U (unknown).', fields: ['Sex'], years: { from: 2025 } },
    (c) => !born(c) && isDate(id(c).ExpectedPersonBirthDate) && id(c).Sex !== 'U',
  ),
  {
    code: '2886Q',
    severity: 'query',
    message: 'More than 2% of the children born have no sex recorded (U): check whether it is known.',
    fields: ['Sex'],
    years: { from: 2025 },
    *check(ret) {
      const bornChildren = ret.Children.filter(born);
      const unknown = bornChildren.filter((c) => id(c).Sex === 'U');
      if (bornChildren.length && unknown.length / bornChildren.length > 0.02) yield { child: null };
    },
  },
  childRule(
    { code: '4220', severity: 'error', message: 'Ethnicity must be given, as one of the census ethnicity codes (NOBT if not yet obtained, REFU if refused).', fields: ['Ethnicity'] },
    (c) => !c.ChildCharacteristics.Ethnicity || !(c.ChildCharacteristics.Ethnicity in ETHNICITIES),
  ),
  childRule(
    { code: '8540', severity: 'error', message: 'A child who has been born and is in need must have a disability recorded (NONE if they have no disability), using the census codes.', fields: ['Disability'] },
    (c) => {
      const codes = c.ChildCharacteristics.Disabilities;
      if (codes.some((d) => !(d in DISABILITIES))) return true;
      return born(c) && anyNotNfa(c) && codes.length === 0;
    },
  ),
  childRule(
    { code: '8790', severity: 'error', message: 'Disability NONE cannot be recorded together with a disability.', fields: ['Disability'] },
    (c) => c.ChildCharacteristics.Disabilities.includes('NONE') && c.ChildCharacteristics.Disabilities.length > 1,
  ),
  childRule(
    { code: '8794', severity: 'error', message: 'The same disability is recorded twice for the child.', fields: ['Disability'] },
    (c) => new Set(c.ChildCharacteristics.Disabilities).size !== c.ChildCharacteristics.Disabilities.length,
  ),
  {
    code: '2887Q',
    severity: 'query',
    message: 'Seven or fewer different disability codes are used across the authority: check disabilities are being recorded.',
    fields: ['Disability'],
    *check(ret) {
      const used = new Set(ret.Children.flatMap((c) => c.ChildCharacteristics.Disabilities).filter((d) => d !== 'NONE'));
      if (ret.Children.length && used.size <= 7) yield { child: null };
    },
  },
  {
    code: '2888Q',
    severity: 'query',
    message: 'No child has more than one disability recorded: check that every disability is recorded, not only the main one.',
    fields: ['Disability'],
    *check(ret) {
      if (ret.Children.length && !ret.Children.some((c) => c.ChildCharacteristics.Disabilities.length > 1)) yield { child: null };
    },
  },
  childRule({ code: '8590', severity: 'error', message: 'Every child in the census must have at least one CIN episode (CINdetails).', fields: ['CINdetails'] }, (c) => c.CINdetails.length === 0),
  childRule(
    { code: '8606', severity: 'error', message: 'A referral is dated more than 280 days before the child’s (expected) date of birth.', fields: ['CINreferralDate'] },
    (c) => {
      const birth = id(c).PersonBirthDate ?? id(c).ExpectedPersonBirthDate;
      if (!isDate(birth)) return false;
      const earliest = addCalendarDays(birth, -280);
      return c.CINdetails.some((d) => isDate(d.CINreferralDate) && d.CINreferralDate < earliest);
    },
  ),
];
