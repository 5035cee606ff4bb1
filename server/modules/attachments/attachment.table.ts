import type { Generated } from 'kysely';
import type { Ts, TsNull } from '../../db/schema.js';

/** A photo of a service request or a visit; the bytes are a file under DATA_DIR/uploads. */
export interface AttachmentsTable {
  estate_id: string;
  id: string;
  /** service_request | visit */
  owner_kind: string;
  owner_id: string;
  /** Position among the owner's live photos (unique while live, null once deleted). */
  slot: number | null;
  uploaded_by: string;
  uploaded_by_name: string;
  /** Detected from the magic bytes. */
  content_type: string;
  byte_size: number;
  sha256: string;
  /** Path relative to the uploads folder: <estate>/<kind>/<random>.<ext>. */
  stored_name: string;
  /** The client's file name, for display only. */
  original_name: string | null;
  version: Generated<number>;
  created_at: Ts;
  deleted_at: TsNull;
  deleted_by: string | null;
}

declare module '../../db/schema.js' {
  interface DB {
    attachments: AttachmentsTable;
  }
}
