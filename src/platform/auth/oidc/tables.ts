import type { ColumnType, Generated } from 'kysely';
import type { Moment, Standard } from '../../../db/types.ts';

type IdList = ColumnType<string[], string[] | undefined, string[]>;

/** An identity-provider group (its value in the groups claim) and what it gives in Cairn (migration 0023). */
export interface SsoGroupMappingsTable extends Standard {
  id: Generated<string>;
  group_value: string;
  agency_id: string;
  team_ids: IdList;
  roles: string[];
  updated_by: string | null;
}

/** Who a user is at an identity provider: the issuer and the subject it gives them. */
export interface UserIdentitiesTable {
  id: Generated<string>;
  user_id: string;
  issuer: string;
  subject: string;
  created_at: Generated<Date>;
  last_signed_in_at: Date | null;
}

export interface AgencySignInSettingsTable extends Standard {
  id: Generated<string>;
  agency_id: string;
  password_sign_in: boolean;
  updated_by: string | null;
}

export interface OidcPendingSignInsTable {
  state_hash: string;
  nonce: string;
  code_verifier: string;
  next_path: string;
  expires_at: Moment;
}

export interface OidcSessionsTable {
  token_hash: string;
  user_id: string;
  issuer: string;
  subject: string;
  sid: string | null;
  id_token: string;
}

export interface SingleSignOnTables {
  sso_group_mappings: SsoGroupMappingsTable;
  user_identities: UserIdentitiesTable;
  agency_sign_in_settings: AgencySignInSettingsTable;
  oidc_pending_sign_ins: OidcPendingSignInsTable;
  oidc_sessions: OidcSessionsTable;
}
