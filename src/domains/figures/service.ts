import { authorise, type RequestContext } from '../../platform/access/authorise.ts';
import { PERSON_TYPE } from '../people/codes.ts';
import { AGE_BANDS, childrenByAgeAndSex, peopleByType } from './repository.ts';
import { type Suppressed, suppress, suppressRow } from './suppression.ts';

export interface PersonIndexFigures {
  byType: { label: string; count: Suppressed }[];
  /** Rows: age bands; columns: female, male, unknown, then the row total. */
  childrenByAge: { band: string; cells: Suppressed[] }[];
}

/** Aggregates only, with small numbers suppressed: what analysts and board members may see. */
export async function personIndexFigures(ctx: RequestContext): Promise<PersonIndexFigures> {
  authorise(ctx, 'aggregates.view');
  const [types, ages] = await Promise.all([peopleByType(ctx.db), childrenByAgeAndSex(ctx.db)]);
  const count = (band: string, sex: string) => ages.find((r) => r.band === band && r.sex === sex)?.count ?? 0;
  return {
    byType: Object.entries(PERSON_TYPE).map(([type, label]) => ({ label, count: suppress(types[type] ?? 0) })),
    childrenByAge: AGE_BANDS.map((band) => {
      const counts = ['F', 'M', 'U'].map((sex) => count(band, sex));
      const total = counts.reduce((a, b) => a + b, 0);
      const cells = suppressRow(counts);
      return { band, cells: [...cells, suppress(total)] };
    }),
  };
}
