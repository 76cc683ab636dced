import type { Kysely } from 'kysely';
import type { Database } from '../db/types.ts';
import { seedOrganisation } from '../demo/organisation.ts';
import { LOCALITIES, type Locality } from '../domains/people/localities.ts';
import { GIVEN } from '../domains/people/synthetic.ts';
import { Rng } from './rng.ts';
import { SCALES, type ScaleName, WORKERS_PER_TEAM } from './scales.ts';
import type { AgencyKey, SocialCareTeamKind, StaffTeam, SyntheticChild, SyntheticOrganisation } from './types.ts';

const SURNAMES = ['Abbot', 'Barlow', 'Carver', 'Dunmore', 'Ellison', 'Farrow', 'Garside', 'Hollins', 'Ingham', 'Jessop', 'Kershaw', 'Lowther', 'Mottram', 'Naylor', 'Oakes', 'Pickles', 'Royle', 'Sugden', 'Tattersall', 'Whitworth'];
const LOCALITY_TEAMS = LOCALITIES.filter((l) => l.key !== 'out_of_area');

export interface BuiltOrganisation extends SyntheticOrganisation {
  /** Assessment teams by locality, for `worker`. */
  assessmentByLocality: Record<string, StaffTeam[]>;
}

/**
 * The synthetic partnership: the demo organisation (so the demo sign-ins work on a synthetic authority and hold
 * real caseloads) grown to the scale's number of teams, each with a manager and six social workers who cannot sign
 * in (no password), the partner agencies the model names, conference chairs and the five panels.
 */
export async function buildOrganisation(db: Kysely<Database>, scale: ScaleName, seed: number): Promise<BuiltOrganisation> {
  const demo = await seedOrganisation(db);
  const rng = Rng.for(seed, 'staff');
  const extra = async (name: string, kind: 'housing' | 'probation') => (await db.insertInto('agencies').values({ name, kind }).returning('id').executeTakeFirstOrThrow()).id;
  const agencyIds: Record<AgencyKey, string> = {
    csc: demo.agencyIds.csc!, eh: demo.agencyIds.eh!, police: demo.agencyIds.police!, health: demo.agencyIds.health!, school: demo.agencyIds.school!, vol: demo.agencyIds.vol!,
    housing: await extra('Brackenshire Housing Options', 'housing'),
    probation: await extra('Brackenshire Probation Delivery Unit', 'probation'),
  };
  let serial = 0;
  const user = async (agencyId: string, role: string, teamId: string | null) => {
    const given = rng.pick([...GIVEN.F, ...GIVEN.M]);
    const family = rng.pick(SURNAMES);
    const { id } = await db
      .insertInto('users')
      .values({ email: `${given}.${family}.${++serial}@staff.cairn.example`.toLowerCase(), name: `${given} ${family}`, agency_id: agencyId, roles: [role], password_hash: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    if (teamId) await db.insertInto('user_teams').values({ user_id: id, team_id: teamId }).execute();
    return id;
  };
  const team = async (agencyId: string, name: string, demoTeam?: { managerId: string; workerIds: string[] }): Promise<StaffTeam> => {
    const id = demo.teamIds[name] ?? (await db.insertInto('teams').values({ agency_id: agencyId, name }).returning('id').executeTakeFirstOrThrow()).id;
    const managerId = demoTeam?.managerId ?? (await user(agencyId, 'manager', id));
    const workerIds = [...(demoTeam?.workerIds ?? [])];
    while (workerIds.length < WORKERS_PER_TEAM) workerIds.push(await user(agencyId, 'practitioner', id));
    return { id, name, agencyId, managerId, workerIds };
  };
  const n = SCALES[scale].teamsPerKind;
  const csc = agencyIds.csc;
  const manager = demo.userIds['morgan.hale@cairn.example']!;
  const assessmentByLocality: Record<string, StaffTeam[]> = {};
  for (const locality of LOCALITY_TEAMS) {
    assessmentByLocality[locality.key] = [];
    for (let i = 1; i <= n; i++) {
      const first = locality.key === 'north_west_rural' && i === 1;
      assessmentByLocality[locality.key]!.push(
        await team(csc, first ? 'Assessment Team North' : `Assessment Team ${locality.name} ${i}`, first ? { managerId: manager, workerIds: [demo.userIds['sam.rowe@cairn.example']!] } : undefined),
      );
    }
  }
  const kindTeams = async (kind: string, demoName: string, demoWorker: string | null) => {
    const teams: StaffTeam[] = [];
    for (let i = 1; i <= n; i++) {
      teams.push(i === 1 && demoWorker ? await team(csc, demoName, { managerId: manager, workerIds: [demo.userIds[demoWorker]!] }) : await team(csc, `${kind} ${i}`));
    }
    return teams;
  };
  const socialCare: Record<SocialCareTeamKind, StaffTeam[]> = {
    assessment: Object.values(assessmentByLocality).flat(),
    child_protection: await kindTeams('Child Protection Team', 'Child Protection Team', 'rob.delaney@cairn.example'),
    children_in_care: await kindTeams('Children in Care Team', 'Children in Care Team', 'nia.brooks@cairn.example'),
    leaving_care: await kindTeams('Leaving Care Team', '', null),
  };
  const reviewing = demo.teamIds['Safeguarding and Reviewing']!;
  const chairIds = [demo.userIds['iris.fenwick@cairn.example']!];
  for (let i = 1; i < 2 * n; i++) chairIds.push(await user(csc, 'manager', reviewing));
  const earlyHelp = [await team(agencyIds.eh, 'Early Help Hub', { managerId: await user(agencyIds.eh, 'manager', demo.teamIds['Early Help Hub']!), workerIds: [demo.userIds['kit.ellery@cairn.example']!] })];
  for (const locality of LOCALITY_TEAMS) earlyHelp.push(await team(agencyIds.eh, `Early Help ${locality.name}`));
  const partner = async (key: AgencyKey) => user(agencyIds[key], 'partner_practitioner', null);
  const partnerUserIds: Record<AgencyKey, string> = {
    csc: demo.userIds['sam.rowe@cairn.example']!, eh: demo.userIds['kit.ellery@cairn.example']!,
    school: demo.userIds['pat.quinn@cairn.example']!, health: demo.userIds['jo.nyland@cairn.example']!,
    police: await partner('police'), vol: await partner('vol'), housing: await partner('housing'), probation: await partner('probation'),
  };
  const chair = demo.userIds['chris.varley@cairn.example']!;
  const panel = async (kind: 'masg' | 'unborn_baby' | 'met_hub', name: string, locality: string | null, every: number) =>
    (await db.insertInto('panels').values({ kind, name, locality, chair_id: chair, meets_every_days: every }).returning('id').executeTakeFirstOrThrow()).id;
  const masg: SyntheticOrganisation['panels']['masg'] = {};
  for (const locality of LOCALITY_TEAMS) masg[locality.key] = { id: await panel('masg', `${locality.name} MASG`, locality.key, 14), chairId: chair };
  await panel('unborn_baby', 'Unborn Baby Panel', null, 28);
  const metHub = { id: await panel('met_hub', 'MET hub', null, 28), chairId: chair };
  const runBy = (key: string, email: string) => ({ agencyId: demo.agencyIds[key]!, userId: demo.userIds[email]! });
  const functions = {
    marac: runBy('marac', 'dana.okafor@cairn.example'),
    cdop: runBy('cdop', 'ruth.amesbury@cairn.example'),
    partnership: runBy('partnership', 'owen.pryce@cairn.example'),
    business: runBy('partnership', 'tess.marlow@cairn.example'),
  };
  return { agencyIds, socialCare, earlyHelp, chairIds, partnerUserIds, panels: { masg, metHub }, functions, assessmentByLocality };
}

/** The same worker for the same child every time: teams by locality (assessment) or by child, then a worker in it. */
export function workerFor(org: BuiltOrganisation, kind: SocialCareTeamKind, child: SyntheticChild): { id: string; teamId: string } {
  const teams = kind === 'assessment' ? (org.assessmentByLocality[child.locality as Locality] ?? org.socialCare.assessment) : org.socialCare[kind];
  const team = teams[child.index % teams.length]!;
  return { id: team.workerIds[Math.floor(child.index / teams.length) % team.workerIds.length]!, teamId: team.id };
}
