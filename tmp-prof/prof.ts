import { sql } from 'kysely';
import { benchAuthority } from '../bench/support/authority.ts';
import { serveCairn, signIn } from '../bench/support/http.ts';
const authority = await benchAuthority();
const child = (await sql<{ person_id: string }>`SELECT c.person_id FROM chronology c JOIN people p ON p.id = c.person_id WHERE p.person_type = 'child' AND NOT p.restricted GROUP BY c.person_id ORDER BY count(*) DESC LIMIT 1`.execute(authority.db)).rows[0]!.person_id;
const { app, base } = await serveCairn(authority);
const cookie = await signIn(base, 'sam.rowe@cairn.example');
const path = process.argv[2] ?? '';
for (let i = 0; i < 30; i++) await (await fetch(`${base}/people/${child}${path}`, { headers: { accept: 'text/html', cookie } })).text();
const t = performance.now();
const N = 300;
for (let i = 0; i < N; i++) { const r = await fetch(`${base}/people/${child}${path}`, { headers: { accept: 'text/html', cookie } }); await r.text(); if (r.status !== 200) throw new Error(String(r.status)); }
console.log('per request', ((performance.now() - t) / N).toFixed(2), 'ms');
await app.close(); await authority.close();
