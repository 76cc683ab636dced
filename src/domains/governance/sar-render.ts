import { ABUSE_CATEGORIES, ASSESSMENT_FACTORS, CLOSURE_REASONS, type CodeSet, DISABILITIES, ETHNICITIES, PRIMARY_NEEDS, REFERRAL_SOURCES } from '../../platform/codes/cin.ts';
import {
  CARE_LEAVER_ACCOMMODATION,
  CARE_LEAVER_ACTIVITY,
  CARE_LEAVER_IN_TOUCH,
  EPISODE_CEASED_REASONS,
  LEGAL_STATUSES,
  NEW_EPISODE_REASONS,
  PLACEMENT_CHANGE_REASONS,
  PLACEMENT_PROVIDERS,
  PLACEMENT_TYPES,
  REVIEW_PARTICIPATION,
} from '../../platform/codes/ssda903.ts';
import { actionLabel } from '../../platform/audit/labels.ts';
import { entryTypeLabel } from '../chronology/labels.ts';
import { INVOLVEMENT_BASIS, PERSON_TYPE, RELATIONSHIP, SEX } from '../people/codes.ts';
import { formatDate, formatDateTime } from '../../platform/views/format.ts';
import type { SarField, SarSuggestion } from './sar-tables.ts';

/** What the renderer knows beyond the row: names behind ids, and which columns hold which kind of id. */
export interface RenderLookups {
  subjectIds: Set<string>;
  people: Map<string, { name: string; child: boolean }>;
  users: Map<string, { name: string; agency: string | null }>;
  agencies: Map<string, string>;
  /** `table.column` → the table its foreign key references. */
  references: Map<string, string>;
}

/** Bookkeeping a requester has no use for: keys, versions, search keys, hashes, the bundle's own plumbing. */
const HIDDEN = new Set(['id', 'version', 'updated_at', 'search_name', 'postcode_key', 'request_id', 'record_id', 'record_type', 'source_type', 'source_id', 'resource_id', 'resource_type', 'position', 'dedupe_key', 'pdf']);
/** Columns that hold a user's id without a foreign key saying so. */
const USER_COLUMNS = new Set(['created_by', 'recorded_by', 'updated_by', 'user_id']);

/** Labels where the column name does not read well by itself. */
const LABEL_OVERRIDES: Record<string, string> = {
  created_at: 'Recorded',
  created_by: 'Recorded by',
  recorded_by: 'Recorded by',
  at: 'When',
  user_id: 'Who',
  dob: 'Date of birth',
  nhs_number: 'NHS number',
  upn: 'Unique pupil number',
  urn: 'Ofsted unique reference number',
  cin: 'Child in need',
  tac: 'Team Around the Child',
  dbs_on: 'DBS check done on',
  dbs_result: 'DBS check result',
  dash_score: 'DASH risk score',
  ncmd_notified: 'Sent to the National Child Mortality Database',
  icpc_target: 'Initial child protection conference due',
  uasc: 'Unaccompanied asylum-seeking child',
  uasc_ceased: 'Stopped being an unaccompanied asylum-seeking child on',
  iro_id: 'Independent reviewing officer',
  person_id: 'Person',
  related_person_id: 'Related person',
  other_person_id: 'Other person',
  carer_person_id: 'Carer',
  adult_id: 'Adult',
  victim_id: 'Victim',
  perpetrator_id: 'Alleged perpetrator',
  child_id: 'Child',
  merged_into: 'Merged into',
  agency_id: 'Agency',
  made_by_agency_id: 'Agency making the contact',
};

/** Code sets by column, so a requester reads "Physical abuse", not "PHY". */
const CODES: Record<string, CodeSet> = {
  referral_source: REFERRAL_SOURCES,
  primary_need: PRIMARY_NEEDS,
  'cin_episodes.closure_reason': CLOSURE_REASONS,
  factors: ASSESSMENT_FACTORS,
  initial_category: ABUSE_CATEGORIES,
  'cp_plans.categories': ABUSE_CATEGORIES,
  'cp_conferences.categories': ABUSE_CATEGORIES,
  ethnicity: ETHNICITIES,
  disabilities: DISABILITIES,
  legal_status: LEGAL_STATUSES,
  reason_new_episode: NEW_EPISODE_REASONS,
  placement_type: PLACEMENT_TYPES,
  placement_provider: PLACEMENT_PROVIDERS,
  reason_ceased: EPISODE_CEASED_REASONS,
  reason_place_change: PLACEMENT_CHANGE_REASONS,
  participation: REVIEW_PARTICIPATION,
  in_touch: CARE_LEAVER_IN_TOUCH,
  'care_leaver_contacts.activity': CARE_LEAVER_ACTIVITY,
  'care_leaver_contacts.accommodation': CARE_LEAVER_ACCOMMODATION,
  'pathway_plans.activity': CARE_LEAVER_ACTIVITY,
  'pathway_plans.accommodation': CARE_LEAVER_ACCOMMODATION,
};

/** Cairn's own codes in words, without the code (it means nothing outside Cairn). */
const WORDS: Record<string, (code: string) => string | undefined> = {
  'people.person_type': (c) => PERSON_TYPE[c],
  'people.sex': (c) => SEX[c],
  'relationships.kind': (c) => RELATIONSHIP[c]?.label,
  'involvements.basis': (c) => INVOLVEMENT_BASIS[c],
  'chronology.entry_type': (c) => entryTypeLabel(c),
};

/** "referrer_phone" → "Referrer phone"; a trailing "_on"/"_at" reads as a date, "_id" is dropped. */
export function humanise(column: string): string {
  const override = LABEL_OVERRIDES[column];
  if (override) return override;
  const words = column.replace(/_id$/, '').replace(/_(on|at)$/, ' $1').split('_').filter(Boolean);
  const text = words.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
// Whole values only: free text that starts with a date stays text.
const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;
/** bytea as PostgreSQL's JSON writes it: file contents are not rendered into a bundle. */
const BYTES = /^\\x[0-9a-f]*$/;

function plain(value: unknown, codes: CodeSet | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (Array.isArray(value)) return value.map((v) => plain(v, codes)).filter(Boolean).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  const text = String(value);
  if (codes?.[text]) return `${codes[text]} (${text})`;
  if (ISO_DATE.test(text)) return formatDate(text);
  if (ISO_MOMENT.test(text)) return formatDateTime(new Date(text));
  return text;
}

// Professionals' names in their professional role are normally disclosed (ICO guidance on third-party data in
// SARs), so user names are rendered and not flagged; only contact details, which may be personal, are suggested.
const CONTACT_DETAIL = /(phone|email|mobile)$/;

/**
 * One row of the subject's data as the bundle shows it: labelled fields, ids resolved to names (people, users,
 * agencies) or hidden, codes with their labels, empty fields left out; and the redactions suggested for it: a field
 * naming or linking another person (by id, or by that person's name in free text), or contact details.
 */
export function renderRow(table: string, row: Record<string, unknown>, lookups: RenderLookups, otherNames: { name: string; child: boolean }[]): { fields: SarField[]; suggestions: SarSuggestion[] } {
  const fields: SarField[] = [];
  const suggestions: SarSuggestion[] = [];
  for (const [column, raw] of Object.entries(row)) {
    if (HIDDEN.has(column) || raw === null || raw === '' || (Array.isArray(raw) && !raw.length) || (typeof raw === 'string' && BYTES.test(raw))) continue;
    const target = lookups.references.get(`${table}.${column}`) ?? (USER_COLUMNS.has(column) ? 'users' : null);
    const label = humanise(column);
    if (target === 'people') {
      const id = String(raw);
      const person = lookups.people.get(id);
      fields.push({ column, label, value: person?.name ?? 'A person in the index' });
      if (!lookups.subjectIds.has(id)) {
        suggestions.push({ field: column, reason: person?.child ? 'third_party_child' : 'third_party_family', why: 'Names another person' });
      }
      continue;
    }
    if (target === 'users') {
      const user = lookups.users.get(String(raw));
      fields.push({ column, label, value: user ? (user.agency ? `${user.name}, ${user.agency}` : user.name) : 'A user' });
      continue;
    }
    if (target === 'agencies') {
      fields.push({ column, label, value: lookups.agencies.get(String(raw)) ?? 'An agency' });
      continue;
    }
    // Any other id is a link between records, meaningless outside Cairn.
    if (target || (column.endsWith('_id') && typeof raw === 'string')) continue;
    if (table === 'access_audit' && column === 'action') {
      fields.push({ column, label: 'Action', value: actionLabel(String(raw)) });
      continue;
    }
    const words = typeof raw === 'string' ? WORDS[`${table}.${column}`]?.(raw) : undefined;
    const value = words ?? plain(raw, CODES[`${table}.${column}`] ?? CODES[column]);
    if (!value) continue;
    fields.push({ column, label, value });
    if (CONTACT_DETAIL.test(column)) {
      suggestions.push({ field: column, reason: 'professional_personal', why: 'Contact details: personal unless they are a work phone or address' });
    } else if (typeof raw === 'string') {
      const named = otherNames.find((o) => mentionsName(raw, o.name));
      if (named) suggestions.push({ field: column, reason: named.child ? 'third_party_child' : 'third_party_family', why: 'Mentions another person by name' });
    }
  }
  return { fields, suggestions };
}

/** Whether free text names someone: their full name, or their given name as a whole word (case notes use first names). */
export function mentionsName(text: string, fullName: string): boolean {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const given = fullName.split(' ')[0] ?? '';
  if (new RegExp(`\\b${escape(fullName)}\\b`, 'i').test(text)) return true;
  return given.length >= 3 && new RegExp(`\\b${escape(given)}\\b`).test(text);
}
