import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  ATTACHMENT_TYPES,
  type Attachment,
  type AttachmentContentType,
  type AttachmentList,
  type AttachmentOwnerKind,
  type AttachmentOwnerQuery,
} from '../../../contract/attachments.js';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import type { AuditService } from '../audit/index.js';
import { type Actor, can, requireCap } from '../auth/index.js';
import type { ServiceRequestService } from '../service-requests/index.js';
import type { VisitService } from '../visits/index.js';
import { AttachmentErrors } from './attachment.errors.js';
import { MalformedImageError, sniffImage, stripMetadata } from './attachment.image.js';
import { toAttachment } from './attachment.mapper.js';
import * as repo from './attachment.repository.js';
import { type AttachmentStorage, EXTENSIONS } from './attachment.storage.js';

export type AttachmentService = ReturnType<typeof createAttachmentService>;

export interface AttachmentSettings {
  /** Largest accepted file in bytes (ATTACHMENT_MAX_MB). */
  maxBytes: number;
  /** Photos per request or visit. */
  maxPerOwner: number;
  /** A visit takes photos for this many days after it was recorded. */
  visitOpenDays: number;
}

export const DEFAULT_ATTACHMENT_SETTINGS: AttachmentSettings = {
  maxBytes: 8 * 1024 * 1024,
  maxPerOwner: 9,
  visitOpenDays: 7,
};

export interface AttachmentDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
  storage: AttachmentStorage;
  settings: AttachmentSettings;
  serviceRequests: Pick<ServiceRequestService, 'get'>;
  visits: Pick<VisitService, 'get'>;
}

/** What the upload route hands over: reads the file part, at most `maxBytes` (null: no file). */
export type ReadUpload = (maxBytes: number) => Promise<{ bytes: Buffer; filename: string | null } | null>;

interface Owner {
  kind: AttachmentOwnerKind;
  id: string;
  estateId: string;
  closed: boolean;
  /** A guard's own safety check (S2): they may add photos of the hazards they found. */
  ownSafetyCheckOf?: string;
}

const OWNER_NAMES: Record<AttachmentOwnerKind, { zh: string; en: string }> = {
  service_request: { zh: '该工单', en: 'service request' },
  visit: { zh: '该走访记录的补充期', en: 'visit (photos are taken within a week)' },
};
const DAY = 86_400_000;

/** The client's file name, reduced to a display name: no folders, no control characters. */
function displayName(raw: string | null): string | null {
  if (!raw) return null;
  const base = raw.split(/[\\/]/).pop() ?? '';
  const clean = [...base]
    .filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f && !'"<>'.includes(ch))
    .join('')
    .trim()
    .slice(0, 120);
  return clean || null;
}

/**
 * Photos of service requests (completion photos) and visits. Who may see a photo is who may see
 * its owner (the request's or visit's own rules: outside scope → 404). A request takes photos
 * while it is open, a visit for `visitOpenDays` after it was recorded (visit.record); a photo is
 * deleted by its uploader or a dispatcher/manager (request.dispatch) while the owner is open.
 * Files are recognised by their bytes and stored without EXIF/XMP metadata.
 */
export function createAttachmentService(deps: AttachmentDeps) {
  const { db, clock, audit, storage, settings } = deps;

  /** The owner as the actor sees it; 404 (from the owner's module) when they may not see it. */
  async function ownerOf(actor: Actor, kind: AttachmentOwnerKind, id: string): Promise<Owner> {
    if (kind === 'service_request') {
      const r = await deps.serviceRequests.get(actor, id);
      return { kind, id, estateId: r.estateId, closed: r.status === 'completed' || r.status === 'cancelled' };
    }
    const v = await deps.visits.get(actor, id);
    const age = clock.now().getTime() - new Date(v.createdAt).getTime();
    return {
      kind,
      id,
      estateId: v.estateId,
      closed: age > settings.visitOpenDays * DAY,
      ownSafetyCheckOf: v.kind === 'safety_check' ? v.visitorId : undefined,
    };
  }

  function mayAttach(actor: Actor, owner: Owner): boolean {
    if (owner.kind !== 'visit') return can(actor, 'request.create');
    return (
      can(actor, 'visit.record') || (can(actor, 'visit.safety_check') && owner.ownSafetyCheckOf === actor.id)
    );
  }

  function mayDelete(actor: Actor, owner: Owner, row: repo.AttachmentRow): boolean {
    return !owner.closed && (row.uploaded_by === actor.id || can(actor, 'request.dispatch'));
  }

  function closedError(owner: Owner) {
    const n = OWNER_NAMES[owner.kind];
    return AttachmentErrors.make('ATTACHMENT_OWNER_CLOSED', { owner: n.zh, ownerEn: n.en });
  }

  async function loadRow(actor: Actor, id: string) {
    const row = await repo.findAttachment(db, id);
    if (!row) throw AttachmentErrors.make('ATTACHMENT_NOT_FOUND');
    let owner: Owner;
    try {
      owner = await ownerOf(actor, row.owner_kind as AttachmentOwnerKind, row.owner_id);
    } catch (err) {
      // Whatever the owner module says (404 or 403), a photo one may not see does not exist.
      if ((err as { status?: number }).status === 404 || (err as { status?: number }).status === 403)
        throw AttachmentErrors.make('ATTACHMENT_NOT_FOUND').asDenial();
      throw err;
    }
    return { row, owner };
  }

  return {
    settings,

    /** The owner's photos with the limits and what the caller may do now. */
    async list(actor: Actor, q: AttachmentOwnerQuery): Promise<AttachmentList> {
      const owner = await ownerOf(actor, q.ownerKind, q.ownerId);
      const rows = await repo.listForOwner(db, owner.estateId, owner.kind, owner.id);
      return {
        items: rows.map((r) => toAttachment(r, mayDelete(actor, owner, r))),
        maxPerOwner: settings.maxPerOwner,
        maxBytes: settings.maxBytes,
        acceptedTypes: [...ATTACHMENT_TYPES],
        canUpload: !owner.closed && mayAttach(actor, owner) && rows.length < settings.maxPerOwner,
        closed: owner.closed,
      };
    },

    /**
     * Adds a photo. Checks the owner, its state and the count before reading the file; then the
     * bytes decide the type (400 naming `file` otherwise), metadata is stripped, the file is
     * written under a random name and the row takes a free slot (a race for the last slot: 422).
     */
    async upload(actor: Actor, q: AttachmentOwnerQuery, read: ReadUpload): Promise<Attachment> {
      const owner = await ownerOf(actor, q.ownerKind, q.ownerId);
      if (!mayAttach(actor, owner))
        requireCap(actor, owner.kind === 'visit' ? 'visit.record' : 'request.create');
      if (owner.closed) throw closedError(owner);
      const live = await repo.listForOwner(db, owner.estateId, owner.kind, owner.id);
      if (live.length >= settings.maxPerOwner)
        throw AttachmentErrors.make('ATTACHMENT_LIMIT_REACHED', { max: settings.maxPerOwner });

      const file = await read(settings.maxBytes);
      if (!file?.bytes.length)
        throw AttachmentErrors.make('ATTACHMENT_FILE_REQUIRED', undefined, {
          field: 'file',
          reason: 'missing',
        });
      const name = displayName(file.filename);
      const type = sniffImage(file.bytes);
      if (!type)
        throw AttachmentErrors.make(
          'ATTACHMENT_TYPE_NOT_ALLOWED',
          { name: name ?? 'file' },
          { field: 'file', reason: 'type', accepted: [...ATTACHMENT_TYPES] },
        );
      let bytes: Buffer;
      try {
        bytes = stripMetadata(file.bytes, type);
      } catch (err) {
        if (!(err instanceof MalformedImageError)) throw err;
        throw AttachmentErrors.make(
          'ATTACHMENT_MALFORMED',
          { name: name ?? 'file' },
          { field: 'file', reason: 'malformed' },
        );
      }
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const storedName = await storage.write(owner.estateId, owner.kind, type, bytes);
      const id = newId();
      const at = clock.now().toISOString();
      try {
        for (let attempt = 0; ; attempt++) {
          const used = new Set(
            (await repo.listForOwner(db, owner.estateId, owner.kind, owner.id)).map((r) => Number(r.slot)),
          );
          let slot = 1;
          while (used.has(slot)) slot++;
          if (slot > settings.maxPerOwner)
            throw AttachmentErrors.make('ATTACHMENT_LIMIT_REACHED', { max: settings.maxPerOwner });
          try {
            await db.transaction().execute(async (trx) => {
              await repo.insertAttachment(trx, {
                estate_id: owner.estateId,
                id,
                owner_kind: owner.kind,
                owner_id: owner.id,
                slot,
                uploaded_by: actor.id,
                uploaded_by_name: actor.displayName,
                content_type: type,
                byte_size: bytes.length,
                sha256,
                stored_name: storedName,
                original_name: name,
                created_at: at,
                deleted_at: null,
                deleted_by: null,
              });
              await audit.record(
                {
                  actor,
                  action: 'attachment.upload',
                  estateId: owner.estateId,
                  targetType: 'attachment',
                  targetId: id,
                  details: {
                    ownerKind: owner.kind,
                    ownerId: owner.id,
                    contentType: type,
                    byteSize: bytes.length,
                    strippedBytes: file.bytes.length - bytes.length,
                    sha256,
                  },
                },
                trx,
              );
            });
            break;
          } catch (err) {
            if (!repo.isUniqueViolation(err) || attempt >= 3) throw err;
          }
        }
      } catch (err) {
        await storage.remove(storedName).catch(() => undefined);
        throw err;
      }
      return toAttachment((await repo.findAttachment(db, id))!, true);
    },

    /** The bytes and how to serve them; 404 when the owner is out of the caller's sight. */
    async download(actor: Actor, id: string) {
      const { row } = await loadRow(actor, id);
      const bytes = await storage.read(row.stored_name);
      if (!bytes) throw AttachmentErrors.make('ATTACHMENT_NOT_FOUND', undefined, { reason: 'file missing' });
      const type = row.content_type as AttachmentContentType;
      const ext = EXTENSIONS[type];
      const stem = (row.original_name ?? '').replace(/\.[^.]*$/, '') || `photo-${row.id}`;
      return { bytes, contentType: type, filename: `${stem}.${ext}` };
    },

    /** Deletes a photo (uploader or dispatcher/manager, owner still open); the file is removed. */
    async delete(actor: Actor, id: string): Promise<void> {
      const { row, owner } = await loadRow(actor, id);
      if (owner.closed) throw closedError(owner);
      if (!mayDelete(actor, owner, row))
        throw AttachmentErrors.make('ATTACHMENT_DELETE_NOT_ALLOWED').asDenial();
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        if (!(await repo.softDelete(trx, row.estate_id, row.id, actor.id, at)))
          throw AttachmentErrors.make('ATTACHMENT_NOT_FOUND');
        await audit.record(
          {
            actor,
            action: 'attachment.delete',
            estateId: row.estate_id,
            targetType: 'attachment',
            targetId: row.id,
            details: { ownerKind: row.owner_kind, ownerId: row.owner_id, sha256: row.sha256 },
          },
          trx,
        );
      });
      await storage.remove(row.stored_name).catch(() => undefined);
    },
  };
}
