import { SECTION } from './places-labels.ts';
import type { GroupActionKind } from './tables.ts';

export const ACTION_KINDS: Record<GroupActionKind, string> = {
  disruption: 'Disruption',
  licensing: 'Licensing',
  patrols: 'Patrols',
  detached_youth_work: 'Detached youth work',
  education: 'Education',
  safety_planning: 'Safety planning',
  other: 'Other',
};

export const RISK_LEVELS: Record<'low' | 'medium' | 'high', string> = { low: 'Low', medium: 'Medium', high: 'High' };

/** The record a group's chronology entries point to. */
export const GROUP_RECORD = 'peer_group';

/**
 * What a member's chronology says. Everyone who works with the child reads it, so it never names the group (its
 * name may name a child), another member or what was discussed.
 */
export const GROUP_CHRONOLOGY = {
  joined: { type: 'outside.group_joined', summary: 'Recorded as part of a peer group' },
  left: { type: 'outside.group_left', summary: 'No longer recorded as part of a peer group' },
  discussedAtHub: { type: 'outside.group_discussed', summary: 'Discussed as part of a peer group at the MET hub' },
  discussed: { type: 'outside.group_discussed', summary: 'Discussed as part of a peer group' },
} as const;

export const GROUP_CHRONOLOGY_LABELS: Record<string, string> = {
  'outside.group_joined': 'Recorded in a peer group',
  'outside.group_left': 'Left a peer group',
  'outside.group_discussed': 'Peer group discussed',
};

export const groupsView = (name: string) => `domains/outside-home/views/groups-${name}.njk`;
export const groupHref = (id: string) => `/peer-groups/${id}`;
/** Where a refusal (a stale version, a closed group) leads back to. */
export const groupBack = (id: string, entered: { label: string; value: string }[] = []) => ({ backHref: groupHref(id), backText: 'Back to the peer group', section: SECTION, entered });
