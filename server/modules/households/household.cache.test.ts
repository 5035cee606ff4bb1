import { describe, expect, it } from 'vitest';
import { createArchiveCache } from './household.cache.js';

const json = (s: string) => Buffer.from(JSON.stringify({ s }));

describe('archive cache', () => {
  it('answers only for the version and view it was stored under', () => {
    const c = createArchiveCache();
    c.set('h1', 3, 'phone|', json('full'));
    expect(c.get('h1', 3, 'phone|')?.toString()).toBe('{"s":"full"}');
    expect(c.get('h1', 3, '|')).toBeUndefined();
    expect(c.get('h1', 4, 'phone|')).toBeUndefined();
    expect(c.get('h2', 3, 'phone|')).toBeUndefined();
  });

  it('a newer version replaces every view; an older one never overwrites it', () => {
    const c = createArchiveCache();
    c.set('h1', 3, 'phone|', json('v3 full'));
    c.set('h1', 3, '|', json('v3 masked'));
    c.set('h1', 4, '|', json('v4 masked'));
    expect(c.get('h1', 3, 'phone|')).toBeUndefined();
    expect(c.get('h1', 4, '|')?.toString()).toContain('v4');
    c.set('h1', 3, '|', json('late reader of v3'));
    expect(c.get('h1', 4, '|')?.toString()).toContain('v4');
    expect(c.get('h1', 3, '|')).toBeUndefined();
  });

  it('keeps at most maxEntries households, dropping the least recently stored', () => {
    const c = createArchiveCache(2);
    c.set('a', 1, '|', json('a'));
    c.set('b', 1, '|', json('b'));
    c.set('c', 1, '|', json('c'));
    expect(c.size).toBe(2);
    expect(c.get('a', 1, '|')).toBeUndefined();
    expect(c.get('c', 1, '|')).toBeDefined();
  });
});
