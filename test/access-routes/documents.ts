import { person, type Rule } from './rules.ts';

/**
 * Documents on a person's record: whoever may see the record lists, adds, previews and downloads them (each read
 * audited); only a children's social care manager removes one. Every route decides on the person before it looks
 * for the document, so a random document id is 403 to those refused and 404 to the rest.
 */
export const DOCUMENT_ROUTES: Record<string, Rule> = {
  'GET /people/:id/documents': person('person.view'),
  'GET /people/:id/documents/new': person('person.view'),
  'POST /people/:id/documents/new': person('person.view'),
  'GET /people/:id/documents/:docId': person('person.view'),
  'GET /people/:id/documents/:docId/versions/new': person('person.view'),
  'POST /people/:id/documents/:docId/versions/new': person('person.view'),
  'GET /people/:id/documents/:docId/edit': person('person.view'),
  'POST /people/:id/documents/:docId/edit': person('person.view'),
  'GET /people/:id/documents/:docId/remove': person('documents.remove'),
  'POST /people/:id/documents/:docId/remove': person('documents.remove'),
  'GET /people/:id/documents/:docId/versions/:n/download': person('person.view'),
  'GET /people/:id/documents/:docId/versions/:n/inline': person('person.view'),
  'GET /people/:id/documents/:docId/versions/:n/preview': person('person.view'),
};
