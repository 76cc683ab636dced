import type { CinRule } from './kit.ts';

/**
 * Rules about the file's header: which collection, which authority, which census date. HDR1 is Cairn's own check
 * (the DfE's upload refuses such a file before its rules run); 100 is the DfE's.
 */
export const HEADER_RULES: CinRule[] = [
  {
    code: '100',
    severity: 'error',
    message: 'The header’s reference date is missing or is not the census date (31 March of the collection year).',
    fields: ['ReferenceDate'],
    *check(ret, ctx) {
      if (ret.Header.ReferenceDate !== ctx.period.end) yield { child: null, location: 'Header' };
    },
  },
  {
    code: 'HDR1',
    severity: 'error',
    message: 'The header must name the CIN collection, source level L and the authority’s three-digit LA number.',
    fields: ['Collection', 'SourceLevel', 'LEA'],
    *check(ret) {
      const h = ret.Header;
      if (h.Collection !== 'CIN') yield { child: null, location: 'Header', field: 'Collection' };
      if (h.SourceLevel !== 'L') yield { child: null, location: 'Header', field: 'SourceLevel' };
      if (!h.LEA || !/^\d{3}$/.test(h.LEA)) yield { child: null, location: 'Header', field: 'LEA' };
    },
  },
];
