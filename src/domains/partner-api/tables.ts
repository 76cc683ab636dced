import type { ColumnType, Generated } from 'kysely';
import type { Moment, Standard } from '../../db/types.ts';

type TextList = ColumnType<string[], string[], string[]>;
type NullableMoment = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

/** An API token for a partner system (migration 0024): only the SHA-256 of its secret is kept. */
export interface ApiTokensTable extends Standard {
  id: Generated<string>;
  name: string;
  agency_id: string;
  /** The token's own machine user: the actor its requests are authorised and audited as. */
  user_id: string;
  scopes: TextList;
  token_hash: string;
  /** The first characters of the secret, so an administrator can tell tokens apart; never enough to guess it. */
  token_hint: string;
  expires_at: Moment;
  last_used_at: NullableMoment;
  revoked_at: NullableMoment;
  revoked_by: string | null;
}

export interface WebhooksTable extends Standard {
  id: Generated<string>;
  name: string;
  agency_id: string;
  url: string;
  events: TextList;
  /** The signing secret, encrypted (AES-256-GCM): signing needs the secret itself, so it cannot be hashed. */
  secret_ciphertext: string;
  disabled_at: NullableMoment;
  disabled_by: string | null;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** The transactional outbox: a row is written in the transaction of the event, then sent by the delivery loop. */
export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  event_id: string;
  event_type: string;
  /** The exact body sent (and signed) on every attempt. */
  payload: string;
  status: Generated<DeliveryStatus>;
  attempts: Generated<number>;
  next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>;
  last_attempt_at: NullableMoment;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: NullableMoment;
  created_at: Generated<Date>;
}

export interface PartnerApiTables {
  api_tokens: ApiTokensTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
}
