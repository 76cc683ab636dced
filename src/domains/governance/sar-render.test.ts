import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { humanise, mentionsName, type RenderLookups, renderRow } from './sar-render.ts';

const SUBJECT = '00000000-0000-7000-8000-000000000001';
const SISTER = '00000000-0000-7000-8000-000000000002';
const MOTHER = '00000000-0000-7000-8000-000000000003';
const WORKER = '00000000-0000-7000-8000-000000000004';
const lookups: RenderLookups = {
  subjectIds: new Set([SUBJECT]),
  people: new Map([
    [SUBJECT, { name: 'Robin Testa', child: true }],
    [SISTER, { name: 'Ellie Testa', child: true }],
    [MOTHER, { name: 'Dawn Testa', child: false }],
  ]),
  users: new Map([[WORKER, { name: 'Sam Rowe', agency: 'Children’s Social Care' }]]),
  agencies: new Map(),
  references: new Map([
    ['relationships.person_id', 'people'],
    ['relationships.related_person_id', 'people'],
    ['cin_episodes.person_id', 'people'],
    ['cin_episodes.contact_id', 'contacts'],
    ['visits.visited_by', 'users'],
  ]),
};
const others = [{ name: 'Ellie Testa', child: true }, { name: 'Dawn Testa', child: false }];

describe('rendering a row for a bundle', () => {
  it('labels columns from their names, with overrides', () => {
    assert.equal(humanise('referrer_phone'), 'Referrer phone');
    assert.equal(humanise('closed_on'), 'Closed on');
    assert.equal(humanise('nhs_number'), 'NHS number');
    assert.equal(humanise('created_by'), 'Recorded by');
  });

  it('hides ids, versions and links between records; names people and users; labels codes', () => {
    const { fields } = renderRow('cin_episodes', { id: 'x', version: 3, person_id: SUBJECT, contact_id: 'c', referral_source: '1A', primary_need: 'N1', re_referral: false, referral_date: '2026-03-04', created_by: WORKER, created_at: '2026-03-04T09:30:00+00:00' }, lookups, others);
    const byColumn = Object.fromEntries(fields.map((f) => [f.column, f.value]));
    assert.deepEqual(Object.keys(byColumn).sort(), ['created_at', 'created_by', 'person_id', 're_referral', 'referral_date', 'referral_source', 'primary_need'].sort());
    assert.equal(byColumn.person_id, 'Robin Testa');
    assert.equal(byColumn.created_by, 'Sam Rowe, Children’s Social Care');
    assert.match(byColumn.referral_source!, /\(1A\)$/);
    assert.equal(byColumn.re_referral, 'No');
    assert.equal(byColumn.referral_date, '4 March 2026');
  });

  it('suggests redacting another person named by id, by name in free text, and contact details; not the subject or professionals', () => {
    const rel = renderRow('relationships', { person_id: SISTER, related_person_id: SUBJECT, kind: 'sibling' }, lookups, others);
    assert.deepEqual(rel.suggestions, [{ field: 'person_id', reason: 'third_party_child', why: 'Names another person' }]);
    const visit = renderRow('visits', { person_id: SUBJECT, visited_by: WORKER, notes: 'Seen with Dawn at home; Robin was happy.', referrer_phone: '07700 900123' }, { ...lookups, references: new Map([...lookups.references, ['visits.person_id', 'people']]) }, others);
    assert.deepEqual(visit.suggestions.map((s) => [s.field, s.reason]), [['notes', 'third_party_family'], ['referrer_phone', 'professional_personal']]);
  });

  it('puts Cairn’s own codes into words', () => {
    const { fields } = renderRow('people', { person_type: 'child', sex: 'F' }, lookups, others);
    assert.deepEqual(fields.map((f) => f.value), ['Child', 'Female']);
  });

  it('keeps free text that starts with a date, and leaves file contents out', () => {
    const { fields } = renderRow('visits', { notes: '2026-03-04 10:00 home visit, all well', pdf_copy: '\\x255044462d', summary: 'ok' }, lookups, others);
    assert.deepEqual(fields.map((f) => f.value), ['2026-03-04 10:00 home visit, all well', 'ok']);
  });

  it('finds a name as the full name or the given name as a whole word', () => {
    assert.ok(mentionsName('Ellie Testa attended', 'Ellie Testa'));
    assert.ok(mentionsName('spoke to Ellie about school', 'Ellie Testa'));
    assert.ok(!mentionsName('Elliesmere Road', 'Ellie Testa'));
    assert.ok(!mentionsName('spoke to ellie', 'Ellie Testa'), 'a given name alone matches only as written, with its capital');
  });
});
