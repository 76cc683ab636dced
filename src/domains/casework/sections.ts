import type { SectionSource } from './record-section.ts';

/** Every capability's part of a child's social care record, in the order the record page shows them. */
export const SECTION_SOURCES: readonly SectionSource[] = [];
