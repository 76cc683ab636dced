import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Actor, Role } from '../../platform/access/rules.ts';
import { partnershipAreas } from './routes.ts';

const actor = (role: Role, agencyKind: Actor['agencyKind'] = 'other'): Actor => ({ id: `user-${role}`, agencyId: 'agency-1', agencyKind, roles: [role] });
const hrefs = (a: Actor) => partnershipAreas(a).map((area) => area.href);

describe('the partnership hub shows each user only what they may reach', () => {
  it('gives the business manager every area', () => {
    assert.deepEqual(hrefs(actor('business_manager')), ['/audits', '/section-11', '/training', '/surveys', '/practice-tools', '/board']);
  });

  it('gives a board member the figures and reports, not the tools to configure', () => {
    assert.deepEqual(hrefs(actor('board_member', 'voluntary')), ['/audits', '/section-11', '/training', '/surveys', '/board']);
  });

  it('gives a practitioner their agency’s answers, training and surveys to answer', () => {
    assert.deepEqual(hrefs(actor('partner_practitioner', 'education')), ['/audits', '/section-11', '/training', '/surveys/to-answer']);
    assert.deepEqual(hrefs(actor('practitioner', 'social_care')), ['/audits', '/section-11', '/training', '/surveys/to-answer']);
  });

  it('gives everyone else training and surveys to answer', () => {
    for (const role of ['analyst', 'administrator', 'lado', 'data_protection'] as const) assert.deepEqual(hrefs(actor(role)), ['/training', '/surveys/to-answer'], role);
  });
});
