import fs from 'node:fs';
const f = fs.readdirSync('tmp-prof').filter(f => f.endsWith('.cpuprofile')).map(f => 'tmp-prof/' + f).sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
const p = JSON.parse(fs.readFileSync(f));
const byId = new Map(p.nodes.map(n => [n.id, n]));
const parent = new Map(); for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const counts = new Map(); p.samples.forEach((s, i) => counts.set(s, (counts.get(s) ?? 0) + (p.timeDeltas[i] ?? 0)));
const target = process.argv[2];
const chains = new Map();
for (const [id, t] of counts) {
  const n = byId.get(id); if (n.callFrame.functionName !== target) continue;
  let chain = []; let c = parent.get(id);
  while (c && chain.length < 12) { const cf = byId.get(c).callFrame; chain.push(`${cf.functionName}@${cf.url.replace(/.*node_modules\//, '').replace(/.*work\/main\//,'')}:${cf.lineNumber}`); c = parent.get(c); }
  const k = chain.join(' < '); chains.set(k, (chains.get(k) ?? 0) + t);
}
for (const [k, v] of [...chains].sort((a, b) => b[1] - a[1]).slice(0, 5)) console.log((v / 1000).toFixed(0), 'ms', k, '\n');
