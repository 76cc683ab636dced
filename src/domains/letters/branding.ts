import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** The council's letterhead: src/config.ts reads it at start-up, so a bad logo stops Cairn starting, not a letter. */
const brandingEnv = z.object({
  CAIRN_COUNCIL_NAME: z.string().trim().min(1).max(120).default('Brackenshire Council'),
  /** Lines of the address, separated by "|". */
  CAIRN_COUNCIL_ADDRESS: z.string().trim().min(1).max(400).default("Children's Services|Civic Centre|Market Street|Brackenford|BR1 1AA"),
  /** How families reach the council: a telephone number, an email address. */
  CAIRN_COUNCIL_CONTACT: z.string().trim().min(1).max(200).default('Telephone 01632 960 000|Email childrens.services@brackenshire.example'),
  CAIRN_LETTER_LOGO_PATH: z.string().trim().min(1).optional(),
});

export interface Branding {
  councilName: string;
  addressLines: string[];
  contactLines: string[];
  /** The logo as a data: URI (printing is offline, so nothing can be fetched); null shows the council's name instead. */
  logoDataUri: string | null;
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const MAX_LOGO_BYTES = 512 * 1024;
const lines = (value: string) => value.split('|').map((l) => l.trim()).filter(Boolean);

/** Reads the letterhead settings with every problem listed; the logo must be a PNG file of at most 512KB. */
export function readBrandingConfig(env: NodeJS.ProcessEnv): { config: Branding | null; problems: string[] } {
  const parsed = brandingEnv.safeParse(env);
  if (!parsed.success) return { config: null, problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
  const e = parsed.data;
  let logoDataUri: string | null = null;
  if (e.CAIRN_LETTER_LOGO_PATH) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(e.CAIRN_LETTER_LOGO_PATH);
    } catch {
      return { config: null, problems: ['CAIRN_LETTER_LOGO_PATH: the file cannot be read'] };
    }
    if (bytes.byteLength > MAX_LOGO_BYTES) return { config: null, problems: ['CAIRN_LETTER_LOGO_PATH: the logo must be 512KB or smaller'] };
    if (!bytes.subarray(0, 8).equals(PNG)) return { config: null, problems: ['CAIRN_LETTER_LOGO_PATH: the logo must be a PNG file'] };
    logoDataUri = `data:image/png;base64,${bytes.toString('base64')}`;
  }
  return { problems: [], config: { councilName: e.CAIRN_COUNCIL_NAME, addressLines: lines(e.CAIRN_COUNCIL_ADDRESS), contactLines: lines(e.CAIRN_COUNCIL_CONTACT), logoDataUri } };
}
