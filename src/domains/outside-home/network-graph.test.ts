import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type NetworkGraph, networkSummary, networkSvg, ringOrder } from './network-graph.ts';

const text = { id: 'network', title: 'Network of Ava Stone', description: 'Ava Stone is in the centre.' };
const graph: NetworkGraph = {
  centre: { label: 'Ava Stone', kind: 'child' },
  people: [
    { id: 'b', kind: 'child', label: 'Ben Hart', confidence: 'likely' },
    { id: 'a', kind: 'adult', label: 'Carl Mott', confidence: 'confirmed' },
    { id: 'c', kind: 'child', label: 'Abi Lane', confidence: 'possible' },
  ],
  linked: [
    { id: 'p1', kind: 'place', label: 'Ashby Park' },
    { id: 'g1', kind: 'group', label: 'Station Road group' },
  ],
};
const count = (svg: string, pattern: RegExp) => [...svg.matchAll(pattern)].length;

describe('the network graph', () => {
  it('is one image named by its title and described by its description', () => {
    const svg = networkSvg(graph, text);
    assert.match(svg, /^<svg [^>]*role="img" aria-labelledby="network-title network-desc"/);
    assert.match(svg, /<title id="network-title">Network of Ava Stone<\/title><desc id="network-desc">Ava Stone is in the centre.<\/desc>/);
    assert.equal(count(svg, /<title/g), 1, 'one title: the image’s');
    assert.doesNotMatch(svg, /<script|on[a-z]+=|style=|foreignObject|href=/i, 'no script, no inline styles, no links inside the image');
  });

  it('draws the child once in the centre and one node for each person, place and peer group, each with its name', () => {
    const svg = networkSvg(graph, text);
    assert.equal(count(svg, /data-kind="centre"/g), 1);
    assert.equal(count(svg, /data-kind="child"/g), 2);
    assert.equal(count(svg, /data-kind="adult"/g), 1);
    assert.equal(count(svg, /data-kind="place"/g), 1);
    assert.equal(count(svg, /data-kind="group"/g), 1);
    assert.equal(count(svg, /<line /g), 5, 'one line from the centre to each');
    for (const name of ['Ava Stone', 'Ben Hart', 'Carl Mott', 'Abi Lane', 'Ashby Park', 'Station Road group']) assert.match(svg, new RegExp(`>${name}</text>`));
    assert.equal(count(svg, /stroke-dasharray="9 5"/g), 1, 'a likely association is dashed');
    assert.equal(count(svg, /stroke-dasharray="2 5"/g), 1, 'a possible one is dotted');
  });

  it('draws only the centre when nothing is linked', () => {
    const svg = networkSvg({ centre: { label: 'Ava Stone', kind: 'child' }, people: [], linked: [] }, text);
    assert.equal(count(svg, /data-kind=/g), 1);
    assert.equal(count(svg, /<line /g), 0);
    assert.equal(networkSummary({ centre: { label: 'Ava Stone', kind: 'child' }, people: [], linked: [] }), 'Ava Stone is in the centre, linked to 0 young people, 0 adults, 0 places and 0 peer groups.');
  });

  it('escapes names, so a name cannot add markup to the page', () => {
    const hostile: NetworkGraph = {
      centre: { label: '<i>Al</i>', kind: 'child' },
      people: [{ id: 'x', kind: 'adult', label: 'O\'Neil "Tam" & <b>', confidence: 'confirmed' }],
      linked: [{ id: 'y', kind: 'place', label: '</text><script>x</script>' }],
    };
    const svg = networkSvg(hostile, { id: 'n', title: 'Network of <script>', description: 'A & B' });
    assert.doesNotMatch(svg, /<script|<b>|<i>|<\/text><script/);
    assert.match(svg, /&lt;i&gt;Al&lt;\/i&gt;/);
    assert.match(svg, /&lt;\/text&gt;&lt;script&gt;/);
    assert.match(svg, /O&apos;Neil &quot;Tam&quot; &amp; &lt;b&gt;/);
    assert.match(svg, /<title id="n-title">Network of &lt;script&gt;<\/title><desc id="n-desc">A &amp; B<\/desc>/);
  });

  it('is the same picture whatever order the nodes come in, and grows with the network', () => {
    const reversed = { ...graph, people: [...graph.people].reverse(), linked: [...graph.linked].reverse() };
    assert.equal(networkSvg(reversed, text), networkSvg(graph, text));
    assert.deepEqual(ringOrder(graph.people).map((n) => n.label), ['Abi Lane', 'Ben Hart', 'Carl Mott'], 'young people, then adults, by name');
    const many = { ...graph, people: Array.from({ length: 30 }, (_, i) => ({ id: `p${i}`, kind: 'child' as const, label: `Child ${i}` })) };
    const width = (svg: string) => Number(/width="(\d+)"/.exec(svg)![1]);
    assert.ok(width(networkSvg(many, text)) > width(networkSvg(graph, text)));
    assert.match(networkSvg({ ...graph, people: [{ id: 'l', kind: 'child', label: 'A very long name indeed that goes on' }] }, text), />A very long name indeed…<\/text>/);
  });

  it('sums the network up in words', () => {
    assert.equal(networkSummary(graph), 'Ava Stone is in the centre, linked to 2 young people, 1 adult, 1 place and 1 peer group.');
  });
});
