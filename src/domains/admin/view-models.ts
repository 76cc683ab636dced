import { ROLE_LABELS, ROLES } from '../../platform/access/rules.ts';
import { list, text } from '../../platform/views/form-fields.ts';
import type { AgencyWithTeams, UserListRow, UserRecord } from './repository.ts';
import { AGENCY_KINDS } from './schema.ts';

export interface UserFormValues {
  name: string;
  email: string;
  agencyId: string;
  teamIds: string[];
  roles: string[];
  disabled: boolean;
  version: string;
  idempotencyKey: string;
}

/** What the user typed, to put back in the form when it has errors. */
export function userFormValues(body: unknown): UserFormValues {
  const b = (body ?? {}) as Record<string, unknown>;
  return {
    name: text(b, 'name'),
    email: text(b, 'email'),
    agencyId: text(b, 'agencyId'),
    teamIds: list(b, 'teamIds'),
    roles: list(b, 'roles'),
    disabled: b.disabled === 'yes',
    version: text(b, 'version'),
    idempotencyKey: text(b, 'idempotencyKey'),
  };
}

export function valuesFromRecord(user: UserRecord): UserFormValues {
  return {
    name: user.name,
    email: user.email,
    agencyId: user.agencyId,
    teamIds: user.teamIds,
    roles: user.roles,
    disabled: user.disabled,
    version: String(user.version),
    idempotencyKey: '',
  };
}

/** Items for the agency select, team checkboxes and role checkboxes, with the current choices marked. */
export function userFormItems(agencies: AgencyWithTeams[], values: UserFormValues) {
  return {
    agencyItems: [
      { value: '', text: 'Select an agency' },
      ...agencies.map((a) => ({ value: a.id, text: a.name, selected: a.id === values.agencyId })),
    ],
    teamItems: agencies.flatMap((a) =>
      a.teams.map((t) => ({ value: t.id, text: t.name, hint: { text: a.name }, checked: values.teamIds.includes(t.id) })),
    ),
    roleItems: ROLES.map((r) => ({ value: r, text: ROLE_LABELS[r], checked: values.roles.includes(r) })),
  };
}

export type UserStatus = 'active' | 'disabled' | 'locked';

export function userStatus(user: { disabled: boolean; lockedUntil: Date | null }, now = new Date()): UserStatus {
  if (user.disabled) return 'disabled';
  if (user.lockedUntil && user.lockedUntil > now) return 'locked';
  return 'active';
}

export const STATUS_TAGS: Record<UserStatus, { text: string; classes: string }> = {
  active: { text: 'Active', classes: 'govuk-tag--green' },
  disabled: { text: 'Disabled', classes: 'govuk-tag--grey' },
  locked: { text: 'Locked', classes: 'govuk-tag--red' },
};

const roleLabel = (r: string) => ROLE_LABELS[r as keyof typeof ROLE_LABELS] ?? r;

export function userRows(users: UserListRow[]) {
  return users.map((u) => ({
    ...u,
    roleLabels: u.roles.map(roleLabel).join(', '),
    teamNames: u.teams.join(', '),
    status: STATUS_TAGS[userStatus(u)],
  }));
}

/** The user as a reader compares versions: every field in words, for the "changed by someone else" page. */
export function describeUser(values: Omit<UserFormValues, 'version' | 'idempotencyKey'>, agencies: AgencyWithTeams[]) {
  const agency = agencies.find((a) => a.id === values.agencyId);
  const teams = agencies.flatMap((a) => a.teams).filter((t) => values.teamIds.includes(t.id));
  return [
    { key: 'Name', value: values.name },
    { key: 'Email address', value: values.email },
    { key: 'Agency', value: agency?.name ?? '' },
    { key: 'Teams', value: teams.map((t) => t.name).join(', ') || 'None' },
    { key: 'Roles', value: values.roles.map(roleLabel).join(', ') },
    { key: 'Account', value: values.disabled ? 'Disabled' : 'Enabled' },
  ];
}

export const agencyKindLabel = (kind: string) => AGENCY_KINDS.find((k) => k.value === kind)?.text ?? kind;
