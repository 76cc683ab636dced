import type { Kysely } from 'kysely';
import type { AgencyKind, Database } from '../db/types.ts';
import type { Role } from '../platform/access/rules.ts';
import { hashPassword } from '../platform/auth/passwords.ts';

/** The one password every demo account shares. Demo mode only: never created on a real deployment. */
export const DEMO_PASSWORD = 'demo-only-not-secret';

export const DEMO_AGENCIES: { key: string; name: string; kind: AgencyKind; teams: string[] }[] = [
  { key: 'csc', name: "Brackenshire Children's Social Care", kind: 'social_care', teams: ['Assessment Team North', 'Child Protection Team', 'Children in Care Team', 'Safeguarding and Reviewing', 'LADO Service'] },
  { key: 'eh', name: 'Brackenshire Early Help', kind: 'early_help', teams: ['Early Help Hub'] },
  { key: 'police', name: 'Brackenshire Police', kind: 'police', teams: ['Public Protection Unit'] },
  { key: 'health', name: 'Brackenshire Community Health NHS Trust', kind: 'health', teams: ['Health Visiting'] },
  { key: 'school', name: 'Fernhollow Academy', kind: 'education', teams: ['Safeguarding'] },
  { key: 'vol', name: 'Brackenshire Family Support Trust', kind: 'voluntary', teams: ['Family Support'] },
  // The partnership's own functions hold their case work apart from every agency's, so each is an agency of its own:
  // a MARAC case opens its people's records to the MARAC, not to the police who host the coordinator.
  { key: 'marac', name: 'Brackenshire MARAC', kind: 'other', teams: ['MARAC'] },
  { key: 'cdop', name: 'Brackenshire Child Death Overview Panel', kind: 'other', teams: ['Child Death Review Team'] },
  { key: 'partnership', name: 'Brackenshire Safeguarding Children Partnership', kind: 'other', teams: ['Partnership Business Unit'] },
  { key: 'council', name: 'Brackenshire Council', kind: 'other', teams: ['Information Governance'] },
];

/** Each user's first team is their own; a manager may manage more. */
export const DEMO_USERS: { email: string; name: string; agency: string; team: string; alsoIn?: string[]; roles: Role[] }[] = [
  { email: 'sam.rowe@cairn.example', name: 'Sam Rowe', agency: 'csc', team: 'Assessment Team North', roles: ['practitioner'] },
  { email: 'morgan.hale@cairn.example', name: 'Morgan Hale', agency: 'csc', team: 'Assessment Team North', alsoIn: ['Child Protection Team', 'Children in Care Team'], roles: ['manager'] },
  { email: 'rob.delaney@cairn.example', name: 'Rob Delaney', agency: 'csc', team: 'Child Protection Team', roles: ['practitioner'] },
  { email: 'nia.brooks@cairn.example', name: 'Nia Brooks', agency: 'csc', team: 'Children in Care Team', roles: ['practitioner'] },
  { email: 'iris.fenwick@cairn.example', name: 'Iris Fenwick', agency: 'csc', team: 'Safeguarding and Reviewing', roles: ['manager'] },
  { email: 'pat.quinn@cairn.example', name: 'Pat Quinn', agency: 'school', team: 'Safeguarding', roles: ['partner_practitioner'] },
  { email: 'jo.nyland@cairn.example', name: 'Jo Nyland', agency: 'health', team: 'Health Visiting', roles: ['partner_practitioner'] },
  { email: 'lee.marsh@cairn.example', name: 'Lee Marsh', agency: 'csc', team: 'LADO Service', roles: ['lado'] },
  { email: 'dana.okafor@cairn.example', name: 'Dana Okafor', agency: 'marac', team: 'MARAC', roles: ['marac_coordinator'] },
  { email: 'ruth.amesbury@cairn.example', name: 'Ruth Amesbury', agency: 'cdop', team: 'Child Death Review Team', roles: ['cdop_manager'] },
  { email: 'owen.pryce@cairn.example', name: 'Owen Pryce', agency: 'partnership', team: 'Partnership Business Unit', roles: ['review_chair'] },
  { email: 'tess.marlow@cairn.example', name: 'Tess Marlow', agency: 'partnership', team: 'Partnership Business Unit', roles: ['business_manager'] },
  { email: 'kit.ellery@cairn.example', name: 'Kit Ellery', agency: 'eh', team: 'Early Help Hub', roles: ['practitioner'] },
  { email: 'chris.varley@cairn.example', name: 'Chris Varley', agency: 'eh', team: 'Early Help Hub', roles: ['panel_chair'] },
  { email: 'alex.brent@cairn.example', name: 'Alex Brent', agency: 'csc', team: 'Assessment Team North', roles: ['analyst'] },
  { email: 'bea.tollard@cairn.example', name: 'Bea Tollard', agency: 'vol', team: 'Family Support', roles: ['board_member'] },
  { email: 'gwen.ashdown@cairn.example', name: 'Gwen Ashdown', agency: 'council', team: 'Information Governance', roles: ['data_protection'] },
  { email: 'ada.kerr@cairn.example', name: 'Ada Kerr', agency: 'csc', team: 'Assessment Team North', roles: ['administrator'] },
];

export interface DemoOrganisation {
  agencyIds: Record<string, string>;
  teamIds: Record<string, string>;
  userIds: Record<string, string>;
}

export async function seedOrganisation(db: Kysely<Database>): Promise<DemoOrganisation> {
  const agencyIds: Record<string, string> = {};
  const teamIds: Record<string, string> = {};
  const userIds: Record<string, string> = {};
  for (const agency of DEMO_AGENCIES) {
    const { id } = await db.insertInto('agencies').values({ name: agency.name, kind: agency.kind }).returning('id').executeTakeFirstOrThrow();
    agencyIds[agency.key] = id;
    for (const team of agency.teams) {
      const row = await db.insertInto('teams').values({ agency_id: id, name: team }).returning('id').executeTakeFirstOrThrow();
      teamIds[team] = row.id;
    }
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const user of DEMO_USERS) {
    const { id } = await db
      .insertInto('users')
      .values({ email: user.email, name: user.name, agency_id: agencyIds[user.agency]!, roles: user.roles, password_hash: passwordHash })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const team of [user.team, ...(user.alsoIn ?? [])]) await db.insertInto('user_teams').values({ user_id: id, team_id: teamIds[team]! }).execute();
    userIds[user.email] = id;
  }
  return { agencyIds, teamIds, userIds };
}
