/** Chronology entries about documents: they say the type of document, never its title or file name. */
export const DOCUMENT_CHRONOLOGY_LABELS: Record<string, string> = {
  'document.added': 'Document added',
  'document.version_added': 'New version of a document',
  'document.changed': 'Document details changed',
  'document.removed': 'Document removed from the record',
};
