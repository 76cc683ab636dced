import pg from 'pg';
import { sql } from 'kysely';
const seen: string[] = [];
const orig = pg.Client.prototype.query;
(pg.Client.prototype as any).query = function (this: unknown, ...args: any[]) { const q = args[0]; seen.push(typeof q === 'string' ? q : q?.text ?? String(q)); return (orig as any).apply(this, args); };
const { benchAuthority } = await import('../bench/support/authority.ts');
const { serveCairn, signIn } = await import('../bench/support/http.ts');
const authority = await benchAuthority();
const child = (await sql<{ person_id: string }>`SELECT c.person_id FROM chronology c JOIN people p ON p.id = c.person_id WHERE p.person_type = 'child' AND NOT p.restricted GROUP BY c.person_id ORDER BY count(*) DESC LIMIT 1`.execute(authority.db)).rows[0]!.person_id;
const { app, base } = await serveCairn(authority);
const cookie = await signIn(base, 'sam.rowe@cairn.example');
for (const path of ['', '/social-care', '/chronology']) {
  await (await fetch(`${base}/people/${child}${path}`, { headers: { accept: 'text/html', cookie } })).text();
  seen.length = 0;
  await (await fetch(`${base}/people/${child}${path}`, { headers: { accept: 'text/html', cookie } })).text();
  console.log(`\n### ${path || '/'}: ${seen.length} queries`);
  for (const q of seen) console.log('  ', q.replace(/\s+/g, ' ').slice(0, 150));
}
await app.close(); await authority.close();
