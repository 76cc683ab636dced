import { type Kysely, sql } from 'kysely';
import { standard } from './columns.ts';

/**
 * Retention: the schedule (one rule per record type, edited by the data protection officer), legal holds on a
 * person, decisions to keep a record past its date, and the log of destructions. A destroyed person keeps their row
 * (ids still join, so the statistics that count them survive) and is marked `destroyed_at`.
 *
 * The shipped rules follow common practice in English councils (the IRMS retention guidelines for local government
 * and the regulations they cite), written out here because migrations are frozen history. Each authority reviews them.
 */
interface DefaultRule {
  type: string;
  label: string;
  fromBirth: number | null;
  afterEvent: number | null;
  afterDeath: number | null;
  permanent: boolean;
  rule: string;
  basis: string;
}

const DEFAULT_RULES: DefaultRule[] = [
  {
    type: 'contact', label: 'Front door contact', fromBirth: null, afterEvent: 6, afterDeath: null, permanent: false,
    rule: 'Six years after the contact was received, where nothing else is held about the person.',
    basis: 'Limitation Act 1980 (six years for most civil claims); common council practice for contacts that led to no further action.',
  },
  {
    type: 'early_help', label: 'Early help', fromBirth: 25, afterEvent: 6, afterDeath: null, permanent: false,
    rule: 'Until the 25th birthday, or six years after the early help case or panel referral closed if that is later.',
    basis: 'IRMS retention guidelines for local government: early help records follow children in need.',
  },
  {
    type: 'social_care', label: 'Children’s social care (child in need, child protection)', fromBirth: 25, afterEvent: 8, afterDeath: null, permanent: false,
    rule: 'Until the 25th birthday, or eight years after the involvement ended if that is later, so a case closed at 17 is kept to about the 25th or 26th birthday.',
    basis: 'IRMS retention guidelines for local government (children in need and child protection); Limitation Act 1980.',
  },
  {
    type: 'looked_after', label: 'Child looked after', fromBirth: 75, afterEvent: null, afterDeath: 15, permanent: false,
    rule: 'Until the 75th anniversary of the date of birth; if the child died before 18, 15 years after the death.',
    basis: 'Care Planning, Placement and Case Review (England) Regulations 2010, regulation 50.',
  },
  {
    type: 'adoption', label: 'Adoption', fromBirth: null, afterEvent: 100, afterDeath: null, permanent: false,
    rule: '100 years from the date of the adoption order.',
    basis: 'Disclosure of Adoption Information (Post-Commencement Adoptions) Regulations 2005; Adoption Agencies Regulations 2005.',
  },
  {
    type: 'care_leaver', label: 'Care leaver', fromBirth: 75, afterEvent: null, afterDeath: 15, permanent: false,
    rule: 'Until the 75th anniversary of the date of birth, or 15 years after the death.',
    basis: 'Children Act 1989 and the Care Leavers (England) Regulations 2010: part of the looked after record.',
  },
  {
    type: 'private_fostering', label: 'Private fostering', fromBirth: 75, afterEvent: null, afterDeath: 15, permanent: false,
    rule: 'As for a child looked after: until the 75th anniversary of the date of birth, or 15 years after the death.',
    basis: 'The Children (Private Arrangements for Fostering) Regulations 2005 set no period; councils commonly treat these records as children in care.',
  },
  {
    type: 'lado', label: 'Allegation about an adult (LADO)', fromBirth: 67, afterEvent: 10, afterDeath: null, permanent: false,
    rule: 'Until the adult reaches normal pension age (67) or ten years from the date of the allegation, whichever is longer.',
    basis: 'Keeping Children Safe in Education and Working Together to Safeguard Children: allegations other than malicious ones.',
  },
  {
    type: 'lado_malicious', label: 'Malicious allegation about an adult (LADO)', fromBirth: null, afterEvent: 1, afterDeath: null, permanent: false,
    rule: 'One year after the case closed (for any complaint or appeal), then destroyed.',
    basis: 'Keeping Children Safe in Education: malicious allegations are removed from the adult’s records; a local decision on the LADO file.',
  },
  {
    type: 'marac', label: 'MARAC', fromBirth: null, afterEvent: 6, afterDeath: null, permanent: false,
    rule: 'Six years after the MARAC case closed.',
    basis: 'Local MARAC information-sharing protocols (SafeLives guidance); Limitation Act 1980.',
  },
  {
    type: 'child_death', label: 'Child death review', fromBirth: null, afterEvent: null, afterDeath: null, permanent: true,
    rule: 'Kept permanently by the partnership.',
    basis: 'Child Death Review Statutory and Operational Guidance (England): reviews feed the National Child Mortality Database and later learning.',
  },
  {
    type: 'practice_review', label: 'Child safeguarding practice review', fromBirth: null, afterEvent: null, afterDeath: null, permanent: true,
    rule: 'Kept permanently by the partnership.',
    basis: 'Working Together to Safeguard Children: reviews and their evidence are kept for later inquiries and learning.',
  },
  {
    type: 'family_member', label: 'Named in a relative’s record', fromBirth: null, afterEvent: 0, afterDeath: null, permanent: false,
    rule: 'As long as the relative’s own record is kept.',
    basis: 'A relative’s details are part of the child’s record; destroying them first would leave that record incomplete.',
  },
  {
    type: 'person_index', label: 'Person record', fromBirth: null, afterEvent: 6, afterDeath: null, permanent: false,
    rule: 'Six years after the last change to the person’s details: what decides for someone with nothing else held.',
    basis: 'Limitation Act 1980; data protection storage limitation (UK GDPR Article 5(1)(e)).',
  },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE people ADD COLUMN destroyed_at timestamptz`.execute(db);

  await sql`CREATE TABLE retention_rules (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    record_type text NOT NULL UNIQUE,
    label text NOT NULL,
    years_from_birth integer CHECK (years_from_birth BETWEEN 0 AND 150),
    years_after_event integer CHECK (years_after_event BETWEEN 0 AND 150),
    years_after_death integer CHECK (years_after_death BETWEEN 0 AND 150),
    permanent boolean NOT NULL DEFAULT false,
    rule text NOT NULL,
    basis text NOT NULL,
    updated_by uuid,
    ${standard})`.execute(db);
  for (const r of DEFAULT_RULES) {
    await sql`INSERT INTO retention_rules (record_type, label, years_from_birth, years_after_event, years_after_death, permanent, rule, basis)
      VALUES (${r.type}, ${r.label}, ${r.fromBirth}, ${r.afterEvent}, ${r.afterDeath}, ${r.permanent}, ${r.rule}, ${r.basis})`.execute(db);
  }

  await sql`CREATE TABLE retention_holds (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    person_id uuid NOT NULL REFERENCES people(id),
    reason text NOT NULL CHECK (reason IN ('litigation','public_inquiry','police_investigation','subject_access_request','complaint','other')),
    reference text NOT NULL,
    detail text,
    placed_by uuid NOT NULL REFERENCES users(id),
    from_date date NOT NULL,
    until_date date,
    released_at timestamptz,
    released_by uuid REFERENCES users(id),
    release_reason text,
    ${standard},
    CHECK (until_date IS NULL OR until_date >= from_date),
    CHECK ((released_at IS NULL) = (release_reason IS NULL)))`.execute(db);
  await sql`CREATE INDEX retention_holds_person ON retention_holds (person_id) WHERE released_at IS NULL`.execute(db);

  // A decision to keep a record past its date: the latest one sets the next review.
  await sql`CREATE TABLE retention_extensions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    person_id uuid NOT NULL REFERENCES people(id),
    keep_until date NOT NULL,
    reason text NOT NULL,
    decided_by uuid NOT NULL REFERENCES users(id),
    created_at timestamptz NOT NULL DEFAULT now())`.execute(db);
  await sql`CREATE INDEX retention_extensions_person ON retention_extensions (person_id, keep_until DESC)`.execute(db);

  // What was destroyed, when, under which rules and by whom: ids, codes, dates and counts, never personal data.
  await sql`CREATE TABLE retention_destructions (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    person_id uuid NOT NULL UNIQUE REFERENCES people(id),
    person_type text NOT NULL,
    record_types text[] NOT NULL,
    governing_type text,
    review_date date NOT NULL,
    rules jsonb NOT NULL,
    rows_cleared jsonb NOT NULL,
    destroyed_at timestamptz NOT NULL DEFAULT now(),
    destroyed_by uuid NOT NULL REFERENCES users(id),
    approved_by uuid REFERENCES users(id))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE retention_destructions`.execute(db);
  await sql`DROP TABLE retention_extensions`.execute(db);
  await sql`DROP TABLE retention_holds`.execute(db);
  await sql`DROP TABLE retention_rules`.execute(db);
  await sql`ALTER TABLE people DROP COLUMN destroyed_at`.execute(db);
}
