import { ReturnFileError } from '../engine.ts';
import type { CinChild, CinDetails, CinHeader, CinReturn } from './model.ts';
import { child, children, readXmlTree, textOf, type XmlElement } from './xml-tree.ts';

/**
 * The census XML (reference §1.2): elements in the schema's order (ReferralNFA after Section47, before
 * ChildProtectionPlans), dates as YYYY-MM-DD, booleans as true/false, optional elements left out when empty.
 */
export function cinXml(ret: CinReturn): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', '<Message>'];
  const h = ret.Header;
  out.push('  <Header>', '    <CollectionDetails>');
  leaf(out, 6, 'Collection', h.Collection);
  leaf(out, 6, 'Year', h.Year);
  leaf(out, 6, 'ReferenceDate', h.ReferenceDate);
  out.push('    </CollectionDetails>', '    <Source>');
  for (const name of ['SourceLevel', 'LEA', 'SoftwareCode', 'Release', 'SerialNo', 'DateTime'] as const) leaf(out, 6, name, h[name]);
  out.push('    </Source>', '  </Header>', '  <Children>');
  const genderCurrent = usesGenderCurrent(ret.Header.Year);
  for (const c of ret.Children) writeChild(out, c, genderCurrent);
  out.push('  </Children>', '</Message>', '');
  return out.join('\n');
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function leaf(out: string[], indent: number, name: string, value: string | number | boolean | null | undefined) {
  if (value === null || value === undefined || value === '') return;
  out.push(`${' '.repeat(indent)}<${name}>${escape(String(value))}</${name}>`);
}

function list(out: string[], indent: number, wrapper: string, name: string, values: string[]) {
  if (!values.length) return;
  out.push(`${' '.repeat(indent)}<${wrapper}>`);
  for (const v of values) leaf(out, indent + 2, name, v);
  out.push(`${' '.repeat(indent)}</${wrapper}>`);
}

/**
 * Up to the 2023-24 census (collection year 2024) the child's sex was GenderCurrent, coded 1 male, 2 female, 0 not
 * known or unborn, 9 indeterminate, in the place Sex (M, F, U) now has.
 */
export const usesGenderCurrent = (year: string | number | null) => Number(year) <= 2024;
const GENDER_CURRENT: Record<string, string> = { M: '1', F: '2', U: '0' };
const SEX_OF_GENDER: Record<string, string> = { '1': 'M', '2': 'F', '0': 'U', '9': 'U' };

function writeChild(out: string[], c: CinChild, genderCurrent: boolean) {
  out.push('    <Child>', '      <ChildIdentifiers>');
  const id = c.ChildIdentifiers;
  for (const name of ['LAchildID', 'UPN', 'FormerUPN', 'UPNunknown', 'PersonBirthDate', 'ExpectedPersonBirthDate', 'Sex', 'PersonDeathDate'] as const) {
    if (name === 'Sex' && genderCurrent) leaf(out, 8, 'GenderCurrent', id.Sex ? (GENDER_CURRENT[id.Sex] ?? id.Sex) : null);
    else leaf(out, 8, name, id[name]);
  }
  out.push('      </ChildIdentifiers>', '      <ChildCharacteristics>');
  leaf(out, 8, 'Ethnicity', c.ChildCharacteristics.Ethnicity);
  list(out, 8, 'Disabilities', 'Disability', c.ChildCharacteristics.Disabilities);
  out.push('      </ChildCharacteristics>');
  for (const d of c.CINdetails) writeEpisode(out, d);
  out.push('    </Child>');
}

function writeEpisode(out: string[], d: CinDetails) {
  out.push('      <CINdetails>');
  for (const name of ['CINreferralDate', 'ReferralSource', 'PrimaryNeedCode', 'CINclosureDate', 'ReasonForClosure', 'DateOfInitialCPC'] as const) leaf(out, 8, name, d[name]);
  for (const a of d.Assessments) {
    out.push('        <Assessments>');
    leaf(out, 10, 'AssessmentActualStartDate', a.AssessmentActualStartDate);
    leaf(out, 10, 'AssessmentInternalReviewDate', a.AssessmentInternalReviewDate);
    leaf(out, 10, 'AssessmentAuthorisationDate', a.AssessmentAuthorisationDate);
    list(out, 10, 'FactorsIdentifiedAtAssessment', 'AssessmentFactors', a.AssessmentFactors);
    out.push('        </Assessments>');
  }
  for (const p of d.CINPlanDates) {
    out.push('        <CINPlanDates>');
    leaf(out, 10, 'CINPlanStartDate', p.CINPlanStartDate);
    leaf(out, 10, 'CINPlanEndDate', p.CINPlanEndDate);
    out.push('        </CINPlanDates>');
  }
  for (const s of d.Section47) {
    out.push('        <Section47>');
    leaf(out, 10, 'S47ActualStartDate', s.S47ActualStartDate);
    leaf(out, 10, 'InitialCPCtarget', s.InitialCPCtarget);
    leaf(out, 10, 'DateOfInitialCPC', s.DateOfInitialCPC);
    leaf(out, 10, 'ICPCnotRequired', s.ICPCnotRequired);
    out.push('        </Section47>');
  }
  leaf(out, 8, 'ReferralNFA', d.ReferralNFA);
  for (const p of d.ChildProtectionPlans) {
    out.push('        <ChildProtectionPlans>');
    leaf(out, 10, 'CPPstartDate', p.CPPstartDate);
    leaf(out, 10, 'CPPendDate', p.CPPendDate);
    leaf(out, 10, 'InitialCategoryOfAbuse', p.InitialCategoryOfAbuse);
    leaf(out, 10, 'LatestCategoryOfAbuse', p.LatestCategoryOfAbuse);
    leaf(out, 10, 'NumberOfPreviousCPP', p.NumberOfPreviousCPP);
    list(out, 10, 'Reviews', 'CPPreviewDate', p.CPPreviewDate);
    out.push('        </ChildProtectionPlans>');
  }
  out.push('      </CINdetails>');
}

/**
 * Reads a census file from any system into the same shape Cairn builds, so the same rules check it. Only a file that
 * cannot be a census at all is refused (not XML, no <Message>, no <Children>); anything missing inside is left null
 * for the rules to report with the child it belongs to.
 */
export function parseCinXml(xml: string): CinReturn {
  const root = readXmlTree(xml);
  if (root.name !== 'Message') throw new ReturnFileError(`The file's top-level element is <${root.name}>; a CIN census file starts with <Message>.`);
  const list = child(root, 'Children');
  if (!list) throw new ReturnFileError('The file has no <Children> element, so it holds no children to check.');
  const stray = list.children.find((c) => c.name !== 'Child');
  if (stray) throw new ReturnFileError(`<Children> may hold only <Child> elements, but it holds <${stray.name}>.`);
  return { Header: readHeader(child(root, 'Header')), Children: children(list, 'Child').map(readChild) };
}

function readHeader(header: XmlElement | undefined): CinHeader {
  const details = child(header, 'CollectionDetails');
  const source = child(header, 'Source');
  return {
    Collection: textOf(details, 'Collection'),
    Year: textOf(details, 'Year'),
    ReferenceDate: textOf(details, 'ReferenceDate'),
    SourceLevel: textOf(source, 'SourceLevel'),
    LEA: textOf(source, 'LEA'),
    SoftwareCode: textOf(source, 'SoftwareCode'),
    Release: textOf(source, 'Release'),
    SerialNo: textOf(source, 'SerialNo'),
    DateTime: textOf(source, 'DateTime'),
  };
}

/** The schema's boolean: true/false in any case, or 1/0; anything else is not a boolean (null). */
export function xmlBoolean(text: string | null): boolean | null {
  if (text === null) return null;
  const t = text.toLowerCase();
  return t === 'true' || t === '1' ? true : t === 'false' || t === '0' ? false : null;
}

const genderAsSex = (code: string | null) => (code === null ? null : (SEX_OF_GENDER[code] ?? code));
const integer = (text: string | null) => (text !== null && /^[+-]?\d+$/.test(text) ? Number(text) : null);
const texts = (el: XmlElement | undefined, name: string) => children(el, name).map((c) => c.text);

function readChild(el: XmlElement): CinChild {
  const ids = child(el, 'ChildIdentifiers');
  const about = child(el, 'ChildCharacteristics');
  return {
    ChildIdentifiers: {
      LAchildID: textOf(ids, 'LAchildID'),
      UPN: textOf(ids, 'UPN'),
      FormerUPN: textOf(ids, 'FormerUPN'),
      UPNunknown: textOf(ids, 'UPNunknown'),
      PersonBirthDate: textOf(ids, 'PersonBirthDate'),
      ExpectedPersonBirthDate: textOf(ids, 'ExpectedPersonBirthDate'),
      Sex: textOf(ids, 'Sex') ?? genderAsSex(textOf(ids, 'GenderCurrent')),
      PersonDeathDate: textOf(ids, 'PersonDeathDate'),
    },
    ChildCharacteristics: { Ethnicity: textOf(about, 'Ethnicity'), Disabilities: texts(child(about, 'Disabilities'), 'Disability') },
    CINdetails: children(el, 'CINdetails').map(readEpisode),
  };
}

function readEpisode(el: XmlElement): CinDetails {
  return {
    CINreferralDate: textOf(el, 'CINreferralDate'),
    ReferralSource: textOf(el, 'ReferralSource'),
    PrimaryNeedCode: textOf(el, 'PrimaryNeedCode'),
    CINclosureDate: textOf(el, 'CINclosureDate'),
    ReasonForClosure: textOf(el, 'ReasonForClosure'),
    DateOfInitialCPC: textOf(el, 'DateOfInitialCPC'),
    Assessments: children(el, 'Assessments').map((a) => ({
      AssessmentActualStartDate: textOf(a, 'AssessmentActualStartDate'),
      AssessmentInternalReviewDate: textOf(a, 'AssessmentInternalReviewDate'),
      AssessmentAuthorisationDate: textOf(a, 'AssessmentAuthorisationDate'),
      AssessmentFactors: texts(child(a, 'FactorsIdentifiedAtAssessment'), 'AssessmentFactors'),
    })),
    CINPlanDates: children(el, 'CINPlanDates').map((p) => ({ CINPlanStartDate: textOf(p, 'CINPlanStartDate'), CINPlanEndDate: textOf(p, 'CINPlanEndDate') })),
    Section47: children(el, 'Section47').map((s) => ({
      S47ActualStartDate: textOf(s, 'S47ActualStartDate'),
      InitialCPCtarget: textOf(s, 'InitialCPCtarget'),
      DateOfInitialCPC: textOf(s, 'DateOfInitialCPC'),
      ICPCnotRequired: xmlBoolean(textOf(s, 'ICPCnotRequired')),
    })),
    ReferralNFA: xmlBoolean(textOf(el, 'ReferralNFA')),
    ChildProtectionPlans: children(el, 'ChildProtectionPlans').map((p) => ({
      CPPstartDate: textOf(p, 'CPPstartDate'),
      CPPendDate: textOf(p, 'CPPendDate'),
      InitialCategoryOfAbuse: textOf(p, 'InitialCategoryOfAbuse'),
      LatestCategoryOfAbuse: textOf(p, 'LatestCategoryOfAbuse'),
      NumberOfPreviousCPP: integer(textOf(p, 'NumberOfPreviousCPP')),
      CPPreviewDate: texts(child(p, 'Reviews'), 'CPPreviewDate'),
    })),
  };
}
