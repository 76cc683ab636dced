import fs from 'node:fs';
const f = fs.readdirSync('tmp-prof').filter(f => f.endsWith('.cpuprofile')).map(f => 'tmp-prof/' + f).sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
const p = JSON.parse(fs.readFileSync(f));
const byId = new Map(p.nodes.map(n => [n.id, n]));
const self = new Map();
const dt = p.timeDeltas; const counts = new Map();
p.samples.forEach((s, i) => counts.set(s, (counts.get(s) ?? 0) + (dt[i] ?? 0)));
const total = [...counts.values()].reduce((a, b) => a + b, 0);
const key = n => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.replace(/.*node_modules\//, '').replace(/.*work\/main\//, '')}:${n.callFrame.lineNumber}`;
for (const [id, t] of counts) { const k = key(byId.get(id)); self.set(k, (self.get(k) ?? 0) + t); }
// by package/file
const byFile = new Map();
for (const [id, t] of counts) { const u = byId.get(id).callFrame.url.replace(/.*node_modules\//, '').split('/').slice(0, 2).join('/') || byId.get(id).callFrame.functionName; byFile.set(u, (byFile.get(u) ?? 0) + t); }
console.log('total ms', (total / 1000).toFixed(0));
console.log([...byFile].sort((a, b) => b[1] - a[1]).slice(0, 15).map(([k, v]) => `${(100 * v / total).toFixed(1)}% ${k}`).join('\n'));
console.log('---');
console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${(100 * v / total).toFixed(1)}% ${k}`).join('\n'));
