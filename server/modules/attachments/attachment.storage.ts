import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import type { AttachmentContentType } from '../../../contract/attachments.js';

export const EXTENSIONS: Record<AttachmentContentType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
};

/**
 * Files on disk under the uploads folder (DATA_DIR/uploads, also with PostgreSQL: several
 * processes then need a shared folder). Names are random; the client's file name never reaches
 * a path.
 */
export function createAttachmentStorage(root: string) {
  const base = resolve(root);

  function pathOf(storedName: string): string {
    const p = resolve(base, storedName);
    // Stored names are made here, but a path must never leave the folder whatever the row says.
    if (!p.startsWith(base + sep)) throw new Error('attachment path outside the uploads folder');
    return p;
  }

  /** A safe folder name for an estate id (ids are ULIDs; anything else is hashed). */
  function folderOf(estateId: string): string {
    return /^[A-Za-z0-9_-]{1,64}$/.test(estateId)
      ? estateId
      : createHash('sha256').update(estateId).digest('hex').slice(0, 32);
  }

  return {
    root: base,
    /** Writes the bytes under a new random name and returns that name (relative to the root). */
    async write(estateId: string, ownerKind: string, type: AttachmentContentType, bytes: Buffer) {
      const name = join(
        folderOf(estateId),
        ownerKind,
        `${randomBytes(16).toString('hex')}.${EXTENSIONS[type]}`,
      );
      const p = pathOf(name);
      await mkdir(dirname(p), { recursive: true, mode: 0o750 });
      await writeFile(p, bytes, { flag: 'wx', mode: 0o640 });
      return name;
    },
    /** The bytes, or null when the file is gone. */
    async read(storedName: string): Promise<Buffer | null> {
      try {
        return await readFile(pathOf(storedName));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    /** Removes a file; a missing file is not an error. */
    async remove(storedName: string): Promise<void> {
      await unlink(pathOf(storedName)).catch((err: NodeJS.ErrnoException) => {
        if (err.code !== 'ENOENT') throw err;
      });
    },
  };
}

export type AttachmentStorage = ReturnType<typeof createAttachmentStorage>;
