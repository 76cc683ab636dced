/**
 * The team manager's dashboard (every worker's caseload beside their overdue and due clocks) and the team's work
 * list, over HTTP as the manager sees them, and the "Your work" count in the header, which runs on every page a
 * caseworker opens. Measured for the busiest manager and practitioner of the authority (most children held in
 * their teams, or by them) and the demo ones, beside the cheapest page (`/health`, one query) in the same run.
 * Targets: dashboard and team work p95 ≤ 100 ms (the issue sets it on `kent`); header count p95 ≤ 25 ms.
 *
 *   npm run bench:dashboard              BENCH_SCALE=kent for the large authority
 */
import { sql } from 'kysely';
import { workCounts } from '../src/domains/inbox/service.ts';
import { loadCurrentUser } from '../src/platform/auth/users.ts';
import { benchAuthority } from './support/authority.ts';
import { serveCairn, sessionCookie, timedGets } from './support/http.ts';
import { type Figure, isMain, latency, report } from './support/report.ts';

const ROUNDS = 40;

export async function dashboardBench(): Promise<Figure[]> {
  const authority = await benchAuthority();
  const { db } = authority;
  try {
    const busiestManager = await sql<{ id: string; email: string; n: string }>`
      SELECT u.id, u.email, count(DISTINCT ca.person_id) AS n FROM users u
      JOIN user_teams ut ON ut.user_id = u.id JOIN case_allocations ca ON ca.team_id = ut.team_id AND ca.end_date IS NULL
      WHERE 'manager' = ANY(u.roles) AND NOT u.disabled GROUP BY u.id, u.email ORDER BY n DESC, u.email LIMIT 1`.execute(db);
    const busiestWorker = await sql<{ id: string; email: string; n: string }>`
      SELECT u.id, u.email, count(*) AS n FROM users u JOIN case_allocations ca ON ca.worker_id = u.id AND ca.end_date IS NULL
      WHERE 'practitioner' = ANY(u.roles) AND NOT u.disabled GROUP BY u.id, u.email ORDER BY n DESC, u.email LIMIT 1`.execute(db);
    const held = async (id: string, team: boolean) =>
      Number(
        (
          await sql<{ n: string }>`SELECT count(DISTINCT ca.person_id) AS n FROM case_allocations ca WHERE ca.end_date IS NULL
            AND ${team ? sql`ca.team_id IN (SELECT team_id FROM user_teams WHERE user_id = ${id})` : sql`ca.worker_id = ${id}`}`.execute(db)
        ).rows[0]!.n,
      );
    const demo = async (email: string) => (await db.selectFrom('users').select(['id', 'email']).where('email', '=', email).executeTakeFirstOrThrow());
    const unique = <T extends { id: string }>(list: (T | undefined)[]) => list.filter((u, i, all): u is T => Boolean(u) && all.findIndex((o) => o?.id === u!.id) === i);
    const managers = unique([busiestManager.rows[0], await demo('morgan.hale@cairn.example')]);
    const workers = unique([busiestWorker.rows[0], await demo('sam.rowe@cairn.example')]);
    console.log(`dashboard: ${authority.scale} (${authority.children} children)`);

    const { app, base } = await serveCairn(authority);
    const health = await timedGets(`${base}/health`, {}, ROUNDS);
    console.log(`  baseline GET /health: median ${health.median.toFixed(1)} ms, p95 ${health.p95.toFixed(1)} ms`);
    const figures: Figure[] = [];
    const ratio = (median: number) => `median ${median.toFixed(1)} ms, ${(median / health.median).toFixed(0)}× /health`;
    for (const manager of managers) {
      const children = await held(manager.id, true);
      const who = `${manager.email} (${children} children in their teams)`;
      const headers = { cookie: await sessionCookie(app, authority, manager.id), accept: 'text/html' };
      const dashboard = await timedGets(`${base}/social-care/team`, headers, ROUNDS);
      const teamWork = await timedGets(`${base}/work?scope=team`, headers, ROUNDS);
      figures.push(
        { bench: 'dashboard', measure: `team dashboard p95, ${manager.email}`, value: dashboard.p95, unit: 'ms', target: 100, kind: 'max', note: `${who}; ${ratio(dashboard.median)}` },
        { bench: 'dashboard', measure: `team work p95, ${manager.email}`, value: teamWork.p95, unit: 'ms', target: 100, kind: 'max', note: ratio(teamWork.median) },
      );
    }
    for (const [role, list] of [['manager', managers], ['practitioner', workers]] as const) {
      for (const user of list) {
        const ctx = { db, actor: (await loadCurrentUser(db, user.id))!, requestId: 'bench' };
        let counted = { overdue: 0, total: 0 };
        const m = await latency(async () => (counted = await workCounts(ctx)), ROUNDS);
        const children = await held(user.id, false);
        figures.push({
          bench: 'dashboard',
          measure: `header count p95, ${role} ${user.email}`,
          value: m.p95,
          unit: 'ms',
          target: 25,
          kind: 'max',
          note: `holds ${children} children; ${counted.total} items, ${counted.overdue} overdue; median ${m.median.toFixed(1)} ms`,
        });
      }
    }
    await app.close();
    return figures;
  } finally {
    await authority.close();
  }
}

if (isMain(import.meta.url)) report(await dashboardBench());
