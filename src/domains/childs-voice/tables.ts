import type { Generated } from 'kysely';
import type { DateColumn, Standard } from '../../db/types.ts';

export type CapturedHow = 'alone' | 'with_parent' | 'drawing' | 'advocate' | 'other';

/** The child's own views, in their words, on their record (migration 0030). */
export interface ChildViewsTable extends Standard {
  id: Generated<string>;
  person_id: string;
  recorded_on: DateColumn;
  in_their_words: string;
  captured_how: CapturedHow;
  captured_other: string | null;
  /** 1 (very unhappy) to 5 (very happy); null when the child did not say. */
  feel_home: number | null;
  feel_school: number | null;
  feel_plan: number | null;
  wants: string | null;
}

export interface ChildsVoiceTables {
  child_views: ChildViewsTable;
}
