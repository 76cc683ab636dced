import { z } from 'zod';

/**
 * The authority's header on its statutory returns: src/config.ts reads it at start-up, so a wrong LA number stops
 * Cairn starting rather than a return failing at the Department for Education.
 */
const returnsEnv = z.object({
  /** The DfE three-digit local authority number (the CIN census LEA, the UPN's characters 2 to 4). */
  CAIRN_LA_CODE: z.string().trim().regex(/^\d{3}$/, 'must be the three-digit DfE local authority number').default('873'),
  /** The CIN census header's SoftwareCode: the case management system's name as the DfE knows it. */
  CAIRN_RETURNS_SOFTWARE_CODE: z.string().trim().min(1).max(30).default('Cairn'),
  /** The CIN census header's Release: this system's version (the DfE asks for it, free text). */
  CAIRN_RETURNS_RELEASE: z.string().trim().min(1).max(30).default('1'),
});

export interface ReturnsSettings {
  laCode: string;
  softwareCode: string;
  release: string;
}

export function readReturnsConfig(env: NodeJS.ProcessEnv): { config: ReturnsSettings | null; problems: string[] } {
  const parsed = returnsEnv.safeParse(env);
  if (!parsed.success) return { config: null, problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  const e = parsed.data;
  return { problems: [], config: { laCode: e.CAIRN_LA_CODE, softwareCode: e.CAIRN_RETURNS_SOFTWARE_CODE, release: e.CAIRN_RETURNS_RELEASE } };
}
