import { sql } from 'kysely';

/** Columns every editable table carries (ARCHITECTURE.md "Data"). */
export const standard = sql`
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid,
  version integer NOT NULL DEFAULT 1`;
