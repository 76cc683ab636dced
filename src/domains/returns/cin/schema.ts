import { type XmlElement, readXmlTree } from './xml-tree.ts';

/**
 * The CIN census schema's structure as data (reference §1.2): which elements, in which order, how many of each, and
 * the lexical form of each value. `schemaProblems` checks a file against it, as the DfE's upload does before any rule
 * runs, so a file Cairn writes is proved well-ordered and a file from elsewhere is told exactly where it is not.
 */
type ValueType = 'date' | 'dateTime' | 'gYear' | 'boolean' | 'integer' | 'text';

export interface ElementSpec {
  name: string;
  min: number;
  max: number;
  type?: ValueType;
  children?: ElementSpec[];
}

const one = (name: string, type: ValueType = 'text'): ElementSpec => ({ name, min: 1, max: 1, type });
const optional = (name: string, type: ValueType = 'text'): ElementSpec => ({ name, min: 0, max: 1, type });
const group = (name: string, min: number, max: number, children: ElementSpec[]): ElementSpec => ({ name, min, max, children });
const MANY = Number.POSITIVE_INFINITY;

export const CIN_SCHEMA: ElementSpec = group('Message', 1, 1, [
  group('Header', 0, 1, [
    group('CollectionDetails', 0, 1, [optional('Collection'), optional('Year', 'gYear'), optional('ReferenceDate', 'date')]),
    group('Source', 0, MANY, [optional('SourceLevel'), one('LEA'), optional('SoftwareCode'), optional('Release'), optional('SerialNo'), optional('DateTime', 'dateTime')]),
  ]),
  group('Children', 1, 1, [
    group('Child', 1, MANY, [
      group('ChildIdentifiers', 1, 1, [
        one('LAchildID'),
        optional('UPN'),
        optional('FormerUPN'),
        optional('UPNunknown'),
        optional('PersonBirthDate', 'date'),
        optional('ExpectedPersonBirthDate', 'date'),
        one('Sex'),
        optional('PersonDeathDate', 'date'),
      ]),
      group('ChildCharacteristics', 1, 1, [one('Ethnicity'), group('Disabilities', 0, 1, [{ name: 'Disability', min: 1, max: MANY, type: 'text' }])]),
      group('CINdetails', 1, MANY, [
        one('CINreferralDate', 'date'),
        one('ReferralSource'),
        optional('PrimaryNeedCode'),
        optional('CINclosureDate', 'date'),
        optional('ReasonForClosure'),
        optional('DateOfInitialCPC', 'date'),
        group('Assessments', 0, MANY, [
          one('AssessmentActualStartDate', 'date'),
          optional('AssessmentInternalReviewDate', 'date'),
          optional('AssessmentAuthorisationDate', 'date'),
          group('FactorsIdentifiedAtAssessment', 0, 1, [{ name: 'AssessmentFactors', min: 1, max: MANY, type: 'text' }]),
        ]),
        group('CINPlanDates', 0, MANY, [one('CINPlanStartDate', 'date'), optional('CINPlanEndDate', 'date')]),
        group('Section47', 0, MANY, [one('S47ActualStartDate', 'date'), optional('InitialCPCtarget', 'date'), optional('DateOfInitialCPC', 'date'), one('ICPCnotRequired', 'boolean')]),
        one('ReferralNFA', 'boolean'),
        group('ChildProtectionPlans', 0, MANY, [
          one('CPPstartDate', 'date'),
          optional('CPPendDate', 'date'),
          one('InitialCategoryOfAbuse'),
          one('LatestCategoryOfAbuse'),
          one('NumberOfPreviousCPP', 'integer'),
          group('Reviews', 0, 1, [{ name: 'CPPreviewDate', min: 1, max: MANY, type: 'date' }]),
        ]),
      ]),
    ]),
  ]),
]);

const FORMS: Record<ValueType, RegExp> = {
  date: /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
  dateTime: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/,
  gYear: /^\d{4}$/,
  boolean: /^(true|false|TRUE|FALSE|1|0)$/,
  integer: /^[+-]?\d+$/,
  text: /\S/,
};

/** The schema of a collection year: up to 2024 the child's sex was GenderCurrent, in the same place. */
export function schemaFor(year: number): ElementSpec {
  if (year > 2024) return CIN_SCHEMA;
  const swap = (spec: ElementSpec): ElementSpec => (spec.name === 'Sex' ? { ...spec, name: 'GenderCurrent' } : spec.children ? { ...spec, children: spec.children.map(swap) } : spec);
  return swap(CIN_SCHEMA);
}

/** Every way the XML text departs from its year's schema structure, each naming where; empty when it conforms. */
export function schemaProblems(xml: string): string[] {
  const root = readXmlTree(xml);
  if (root.name !== CIN_SCHEMA.name) return [`The top-level element is <${root.name}>, not <${CIN_SCHEMA.name}>`];
  const year = Number(root.children.find((c) => c.name === 'Header')?.children.find((c) => c.name === 'CollectionDetails')?.children.find((c) => c.name === 'Year')?.text);
  const problems: string[] = [];
  check(root, schemaFor(Number.isInteger(year) ? year : Number.POSITIVE_INFINITY), CIN_SCHEMA.name, problems);
  return problems;
}

function check(el: XmlElement, spec: ElementSpec, path: string, problems: string[]) {
  if (!spec.children) {
    if (el.children.length) problems.push(`${path}: <${spec.name}> holds a value, not elements`);
    else if (!FORMS[spec.type ?? 'text'].test(el.text)) problems.push(`${path}: “${el.text}” is not a ${spec.type === 'text' || !spec.type ? 'value' : spec.type}`);
    return;
  }
  if (el.text) problems.push(`${path}: <${spec.name}> holds text where only elements belong`);
  const counts = spec.children.map(() => 0);
  const missing = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (counts[k]! < spec.children![k]!.min) problems.push(`${path}: <${spec.children![k]!.name}> is missing`);
  };
  let at = 0;
  for (const c of el.children) {
    let j = at;
    while (j < spec.children.length && spec.children[j]!.name !== c.name) j++;
    if (j === spec.children.length) {
      const known = spec.children.some((s) => s.name === c.name);
      problems.push(known ? `${path}: <${c.name}> is out of order (the schema puts it before <${spec.children[at]!.name}>)` : `${path}: <${c.name}> does not belong in <${spec.name}>`);
      continue;
    }
    missing(at, j);
    at = j;
    counts[j]! += 1;
    const childSpec = spec.children[j]!;
    if (counts[j]! > childSpec.max) problems.push(`${path}: more than ${childSpec.max} <${c.name}>`);
    check(c, childSpec, `${path} › ${c.name}${childSpec.max > 1 ? ` ${counts[j]}` : ''}`, problems);
  }
  missing(at, spec.children.length);
}
