import { type RawBuilder, sql } from 'kysely';

/**
 * Where each person's retention date comes from, in SQL. Governance reads across every capability by design (like
 * the person-data map and the backup), so these sources name other capabilities' tables directly.
 *
 * Each source gives (person, record type, the event the rule counts from, whether the work is still open). The
 * event is the end of the involvement (a case closed, a period of care ended), except for adoption (the order), LADO
 * (the allegation) and the person record itself (its last change). Dates are worked out every time from the records
 * and the schedule, never stored: a reopened case or a changed rule moves the date at once, with nothing to recompute.
 */
const SOURCES = sql`
  SELECT cp.person_id, 'contact' AS record_type, (c.received_at AT TIME ZONE 'Europe/London')::date AS event_on, c.status <> 'decided' AS open
    FROM contacts c JOIN contact_people cp ON cp.contact_id = c.id
  UNION ALL SELECT person_id, 'early_help', closed_on, closed_on IS NULL FROM early_help_cases
  UNION ALL SELECT person_id, 'early_help', closed_on, closed_on IS NULL FROM panel_referrals
  UNION ALL SELECT person_id, 'social_care', closure_date, closure_date IS NULL FROM cin_episodes
  UNION ALL SELECT person_id, 'social_care', (coalesce(returned_at, started_at) AT TIME ZONE 'Europe/London')::date, returned_at IS NULL FROM missing_episodes
  UNION ALL SELECT person_id, 'social_care', screened_on, false FROM exploitation_screenings
  UNION ALL SELECT person_id, 'social_care', coalesce(closed_on, raised_on), false FROM disagreements WHERE person_id IS NOT NULL
  UNION ALL SELECT person_id, 'social_care', coalesce(to_date, from_date), false FROM associations
  UNION ALL SELECT other_person_id, 'social_care', coalesce(to_date, from_date), false FROM associations
  UNION ALL SELECT person_id, 'social_care', coalesce(to_date, from_date), false FROM peer_group_members
  UNION ALL SELECT ip.person_id, 'social_care', (i.occurred_at AT TIME ZONE 'Europe/London')::date, false
    FROM place_incident_people ip JOIN place_incidents i ON i.id = ip.incident_id
  UNION ALL SELECT lc.person_id, 'social_care', coalesce(l.closed_on, l.received_on), l.closed_on IS NULL
    FROM lado_case_children lc JOIN lado_cases l ON l.id = lc.case_id
  UNION ALL SELECT person_id, 'looked_after', end_date, end_date IS NULL FROM care_periods
  UNION ALL SELECT person_id, 'adoption', end_date, false FROM care_episodes WHERE reason_ceased IN ('E11', 'E12') AND end_date IS NOT NULL
  UNION ALL SELECT person_id, 'care_leaver', closed_on, closed_on IS NULL FROM care_leavers
  UNION ALL SELECT person_id, 'private_fostering', ended_on, ended_on IS NULL FROM private_fostering_arrangements
  UNION ALL SELECT adult_id, CASE WHEN outcome = 'malicious' THEN 'lado_malicious' ELSE 'lado' END,
    CASE WHEN outcome = 'malicious' THEN closed_on ELSE received_on END, closed_on IS NULL FROM lado_cases
  UNION ALL SELECT victim_id, 'marac', coalesce(closed_on, referred_on), closed_on IS NULL FROM marac_cases
  UNION ALL SELECT perpetrator_id, 'marac', coalesce(closed_on, referred_on), closed_on IS NULL FROM marac_cases WHERE perpetrator_id IS NOT NULL
  UNION ALL SELECT mc.person_id, 'marac', coalesce(m.closed_on, m.referred_on), m.closed_on IS NULL
    FROM marac_case_children mc JOIN marac_cases m ON m.id = mc.case_id
  UNION ALL SELECT child_id, 'child_death', died_on, reviewed_on IS NULL FROM cdop_cases
  UNION ALL SELECT pc.person_id, 'practice_review', r.aware_on, r.closed_on IS NULL
    FROM practice_review_children pc JOIN practice_reviews r ON r.id = pc.review_id
  UNION ALL SELECT id, 'person_index', (updated_at AT TIME ZONE 'Europe/London')::date, false FROM people`;

/**
 * The date one record type's rule keeps a person until, from the columns of `r` (rule), `p` (person) and `pt` (the
 * record type's latest event); null when it cannot be worked out (no date of birth and no event) or is permanent.
 * A death before 18 replaces the birth-based date where the rule says so (looked after children).
 */
const RULE_DATE = sql`CASE WHEN r.permanent THEN NULL ELSE greatest(
    CASE
      WHEN r.years_after_death IS NOT NULL AND p.date_of_death IS NOT NULL AND p.date_of_birth IS NOT NULL
        AND p.date_of_death < (p.date_of_birth + make_interval(years => 18))::date
        THEN (p.date_of_death + make_interval(years => r.years_after_death))::date
      WHEN r.years_from_birth IS NOT NULL AND p.date_of_birth IS NOT NULL
        THEN (p.date_of_birth + make_interval(years => r.years_from_birth))::date
    END,
    CASE WHEN r.years_after_event IS NOT NULL AND pt.event_on IS NOT NULL
      THEN (pt.event_on + make_interval(years => r.years_after_event))::date END)
  END`;

/**
 * Common table expressions ending in `typed` (person_id, record_type, label, rule, open, permanent, retain_until):
 * one row per record type a person has, their own and "named in a relative's record" (a relative's latest date
 * and permanence, so a parent is never destroyed while their child's record is kept). `only` limits the people
 * considered (a single review) without changing their dates: relatives are read whole.
 */
export function typedDates(only?: string): RawBuilder<unknown> {
  const mine = only ? sql`AND p.id = ${only}` : sql``;
  return sql`
    sources AS (${SOURCES}),
    per_type AS (
      SELECT person_id, record_type, max(event_on) AS event_on, bool_or(open) AS open FROM sources GROUP BY person_id, record_type),
    own AS (
      SELECT pt.person_id, pt.record_type, pt.open, r.permanent, ${RULE_DATE} AS retain_until
      FROM per_type pt JOIN retention_rules r ON r.record_type = pt.record_type JOIN people p ON p.id = pt.person_id),
    own_person AS (
      SELECT person_id, bool_or(permanent) AS permanent, max(retain_until) AS retain_until,
        bool_or(retain_until IS NULL AND NOT permanent) AS unknown
      FROM own GROUP BY person_id),
    relatives AS (
      SELECT person_id AS a, related_person_id AS b FROM relationships
      UNION SELECT related_person_id, person_id FROM relationships
      UNION SELECT c.carer_person_id, a.person_id FROM private_fostering_carers c
        JOIN private_fostering_arrangements a ON a.id = c.arrangement_id WHERE c.carer_person_id IS NOT NULL),
    family AS (
      SELECT rel.a AS person_id, 'family_member' AS record_type, false AS open, bool_or(o.permanent) AS permanent,
        max((o.retain_until + make_interval(years => coalesce(r.years_after_event, 0)))::date) AS retain_until
      FROM relatives rel
      JOIN own_person o ON o.person_id = rel.b AND NOT o.unknown
      JOIN people rp ON rp.id = rel.b AND rp.destroyed_at IS NULL
      JOIN retention_rules r ON r.record_type = 'family_member'
      GROUP BY rel.a),
    typed AS (
      SELECT t.person_id, t.record_type, r.label, r.rule, t.open, t.permanent, t.retain_until
      FROM (SELECT person_id, record_type, open, permanent, retain_until FROM own
            UNION ALL SELECT person_id, record_type, open, permanent, retain_until FROM family) t
      JOIN retention_rules r ON r.record_type = t.record_type
      JOIN people p ON p.id = t.person_id
      WHERE p.merged_into IS NULL AND p.destroyed_at IS NULL ${mine})`;
}

/**
 * One row per person: their retention date (the latest of every record type's, then any decision to keep longer),
 * the record type that governs it, whether any record is permanent, any date cannot be worked out, any work is
 * open, and whether a legal hold is in force on `today`. Ends in `dated`.
 */
export function personDates(today: string, only?: string): RawBuilder<unknown> {
  return sql`${typedDates(only)},
    per_person AS (
      SELECT person_id, bool_or(permanent) AS permanent, bool_or(retain_until IS NULL AND NOT permanent) AS unknown,
        bool_or(open) AS open, max(retain_until) AS retain_until, array_agg(DISTINCT record_type ORDER BY record_type) AS record_types,
        (array_agg(record_type ORDER BY retain_until DESC NULLS LAST, record_type))[1] AS governing_type
      FROM typed GROUP BY person_id),
    dated AS (
      SELECT pp.*, e.keep_until, e.reason AS keep_reason,
        greatest(pp.retain_until, e.keep_until) AS review_date,
        EXISTS (SELECT 1 FROM retention_holds h WHERE h.person_id = pp.person_id AND h.released_at IS NULL
          AND h.from_date <= ${today}::date AND (h.until_date IS NULL OR h.until_date >= ${today}::date)) AS held
      FROM per_person pp
      LEFT JOIN LATERAL (SELECT keep_until, reason FROM retention_extensions x WHERE x.person_id = pp.person_id
        ORDER BY x.created_at DESC LIMIT 1) e ON true)`;
}
