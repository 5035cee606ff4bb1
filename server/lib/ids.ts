import { randomBytes } from 'node:crypto';
import { monotonicFactory } from 'ulid';

const nextUlid = monotonicFactory();

/** A new sortable id (ULID), safe to generate on any node. */
export function newId(): string {
  return nextUlid();
}

/** An unguessable token (256 bits) for sessions, links and boards, base64url. */
export function newToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
