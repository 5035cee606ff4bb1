/**
 * The serialized archives (UTF-8 JSON) read most recently, by household, version and view (what
 * the reader may see unmasked). An archive is read far more often than it changes, and building it (one
 * query with three JSON aggregates, then mapping) costs several times checking its version. A
 * hit still reads the household's current version from the database, so a change made by
 * another process (the CLI, a second server) is seen at once: every change to an archive or its
 * parts raises `households.version` (the writer, the import, sensitive facts; tested).
 */
export function createArchiveCache(maxEntries = 5_000) {
  const entries = new Map<string, { version: number; views: Map<string, Buffer> }>();
  return {
    get(id: string, version: number, view: string): Buffer | undefined {
      const e = entries.get(id);
      if (!e || e.version !== version) return undefined;
      return e.views.get(view);
    },
    set(id: string, version: number, view: string, json: Buffer): void {
      let e = entries.get(id);
      if (e && e.version > version) return; // a slower reader of an older version
      if (!e || e.version !== version) {
        e = { version, views: new Map() };
        entries.delete(id);
        entries.set(id, e);
        // Oldest first in a Map's order: drop the least recently stored.
        if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      }
      e.views.set(view, json);
    },
    get size() {
      return entries.size;
    },
  };
}

export type ArchiveCache = ReturnType<typeof createArchiveCache>;
