import { describe, expect, it } from 'vitest';
import { createSessionCache } from './session-cache.js';

const actor = (id: string) => ({
  id,
  role: 'butler' as const,
  displayName: id,
  estateIds: ['e1'],
  allEstates: false,
});
const IDLE = 120 * 60_000;

describe('session cache', () => {
  it('answers for recheckMs after the database was read, then asks again', () => {
    const c = createSessionCache({ recheckMs: 1_000 });
    c.set('s1', { actor: actor('a1'), checkedAt: 10_000, expiresAt: 99_000_000, lastSeenAt: 10_000 });
    expect(c.get('s1', 10_999, IDLE)?.id).toBe('a1');
    expect(c.get('s1', 11_000, IDLE)).toBeUndefined();
    // A clock that went back does not make an entry last longer.
    c.set('s1', { actor: actor('a1'), checkedAt: 10_000, expiresAt: 99_000_000, lastSeenAt: 10_000 });
    expect(c.get('s1', 9_000, IDLE)).toBeUndefined();
  });

  it('never outlives the session: absolute expiry and idle timeout', () => {
    const c = createSessionCache({ recheckMs: 60_000 });
    c.set('s1', { actor: actor('a1'), checkedAt: 0, expiresAt: 500, lastSeenAt: 0 });
    expect(c.get('s1', 499, IDLE)).toBeDefined();
    expect(c.get('s1', 500, IDLE)).toBeUndefined();
    c.set('s2', { actor: actor('a2'), checkedAt: 0, expiresAt: 99_000_000, lastSeenAt: 0 });
    expect(c.get('s2', 30_000, 20_000)).toBeUndefined();
  });

  it('forgets a session, or every session of an account', () => {
    const c = createSessionCache();
    const e = (id: string) => ({ actor: actor(id), checkedAt: 0, expiresAt: 99_000_000, lastSeenAt: 0 });
    c.set('s1', e('a1'));
    c.set('s2', e('a1'));
    c.set('s3', e('a2'));
    c.forgetSession('s3');
    expect(c.get('s3', 1, IDLE)).toBeUndefined();
    c.forgetAccount('a1');
    expect(c.get('s1', 1, IDLE)).toBeUndefined();
    expect(c.get('s2', 1, IDLE)).toBeUndefined();
  });

  it('recheckMs 0 turns it off', () => {
    const c = createSessionCache({ recheckMs: 0 });
    c.set('s1', { actor: actor('a1'), checkedAt: 0, expiresAt: 99_000_000, lastSeenAt: 0 });
    expect(c.get('s1', 0, IDLE)).toBeUndefined();
  });
});
