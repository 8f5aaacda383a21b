import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the tables of migration 0012 (notifications, their channels and deliveries, job runs). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json = ColumnType<unknown, string | undefined, string>;

export interface NotificationTable {
  id: Generated<string>;
  recipient_user_id: string | null;
  recipient_person_id: string | null;
  kind: string;
  title_zh: string;
  title_en: string;
  body_zh: Generated<string>;
  body_en: Generated<string>;
  link: string | null;
  entity_type: string | null;
  entity_id: string | null;
  region_code: string;
  item_count: Generated<number>;
  dedupe_key: string | null;
  data: Json;
  job_run_id: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  read_at: NullableTimestamp;
}

export interface NotificationChannelTable {
  user_id: string;
  channel: string;
  address: string;
  enabled: Generated<boolean>;
  updated_at: Timestamp;
}

export interface NotificationDeliveryTable {
  id: Generated<string>;
  notification_id: string;
  channel: string;
  adapter: string;
  address: string;
  status: string;
  error: string | null;
  at: Timestamp;
}

export interface JobRunTable {
  id: Generated<string>;
  job: string;
  trigger: string;
  actor_user_id: string | null;
  region_code: string | null;
  for_day: ColumnType<string, string, string>;
  status: string;
  started_at: Timestamp;
  finished_at: NullableTimestamp;
  counts: Json;
  error: string | null;
}

export interface NotificationsDB {
  notification: NotificationTable;
  notification_channel: NotificationChannelTable;
  notification_delivery: NotificationDeliveryTable;
  job_run: JobRunTable;
}
