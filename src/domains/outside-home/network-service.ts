import { authorisePerson, type RequestContext } from '../../platform/access/authorise.ts';
import { can } from '../../platform/access/rules.ts';
import { ukToday } from '../../platform/calendar/working-days.ts';
import { formatDate } from '../../platform/views/format.ts';
import { personHeading } from '../people/service.ts';
import { visibleAssociationsOf } from './associations-service.ts';
import { groupsForPerson } from './groups-service.ts';
import { networkSummary, networkSvg, type NetworkGraph, type NetworkNode } from './network-graph.ts';
import { INCIDENT_KINDS, PLACE_KINDS } from './places-labels.ts';
import { placesForPerson } from './places-service.ts';

/** Where a peer group's page lives (the groups part of this capability). */
export const groupHref = (id: string) => `/peer-groups/${id}`;

/**
 * A person's network page: the people they are associated with (only those the user may see; an association with
 * anyone else is not shown or counted), the places they have been linked to and the peer groups they belong to,
 * drawn as a graph of the current links and listed in full in tables. Opening it is a view of the person's record,
 * audited like any other.
 */
export async function networkPage(ctx: RequestContext, personId: string, today = ukToday()) {
  await authorisePerson(ctx, personId, 'outside.view');
  const [heading, associations, places, groups] = await Promise.all([
    personHeading(ctx, personId),
    visibleAssociationsOf(ctx, personId, today),
    placesForPerson(ctx, personId),
    groupsForPerson(ctx, personId),
  ]);
  const current = associations.filter((a) => a.current);
  const currentGroups = groups.filter((g) => g.current);
  const name = `${heading.givenName} ${heading.familyName}`;
  const graph: NetworkGraph = {
    centre: { label: name, kind: heading.personType === 'adult' ? 'adult' : 'child' },
    people: current.map((a): NetworkNode => ({ id: a.other.id, kind: a.other.personType === 'adult' ? 'adult' : 'child', label: `${a.other.givenName} ${a.other.familyName}`, confidence: a.confidence })),
    linked: [
      ...places.map((p): NetworkNode => ({ id: p.place.id, kind: 'place', label: p.place.name })),
      ...currentGroups.map((g): NetworkNode => ({ id: g.id, kind: 'group', label: g.name })),
    ],
  };
  const description = `${networkSummary(graph)} Lines show current associations: solid when confirmed, dashed when likely, dotted when possible. The tables below list each one.`;
  return {
    heading,
    name,
    svg: networkSvg(graph, { id: 'network', title: `The network of ${name}`, description }),
    summary: networkSummary(graph),
    current,
    ended: associations.filter((a) => !a.current),
    places: places.map((p) => ({
      ...p,
      kindText: PLACE_KINDS[p.place.kind],
      incidentKindsText: p.kinds.map((k) => INCIDENT_KINDS[k]).join(', '),
      firstOn: formatDate(p.firstAt),
      lastOn: formatDate(p.lastAt),
    })),
    groups: groups.map((g) => ({ ...g, href: groupHref(g.id) })),
    mayRecord: can(ctx.actor, 'outside.record').allowed,
  };
}
