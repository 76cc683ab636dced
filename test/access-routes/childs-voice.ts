import { person, type Rule } from './rules.ts';

/** The child's views on their record: reading is a view of the record, audited; recording is `voice.record`. */
export const CHILDS_VOICE_ROUTES: Record<string, Rule> = {
  'GET /people/:id/views': person('person.view'),
  'GET /people/:id/views/new': person('voice.record'),
  'POST /people/:id/views/new': person('voice.record'),
};
