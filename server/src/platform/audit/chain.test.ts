import { describe, expect, it } from 'vitest';
import { canonicalJson, checkLinks, GENESIS_HASH, hashEvent, isProblem, type StoredLink } from './chain.js';

function chain(n: number): StoredLink[] {
  const links: StoredLink[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const e = {
      organizationId: 'org',
      seq: i,
      occurredAt: new Date(Date.UTC(2026, 10, 27, 9, i)),
      actorUserId: null,
      actorLabel: 'Dana',
      actorRole: 'manager',
      action: 'user.create',
      outcome: 'success',
      entityType: 'user',
      entityId: `u${i}`,
      patientId: null,
      facilityId: null,
      ip: '127.0.0.1',
      requestId: `r${i}`,
      breakGlass: false,
      details: { b: 1, a: [1, 2] },
    };
    const hash = hashEvent(prev, e);
    links.push({ ...e, id: i, prevHash: prev, hash });
    prev = hash;
  }
  return links;
}

describe('audit hash chain', () => {
  it('sorts keys so jsonb round trips hash the same', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: 3 } })).toBe('{"a":{"c":3,"d":2},"b":1}');
  });
  it('accepts an intact chain', () => {
    const r = checkLinks({ seq: 0, hash: GENESIS_HASH }, chain(5));
    expect(isProblem(r)).toBe(false);
  });
  it('names an edited row', () => {
    const links = chain(5);
    links[2] = { ...(links[2] as StoredLink), actorLabel: 'Mallory' };
    const r = checkLinks({ seq: 0, hash: GENESIS_HASH }, links);
    expect(r).toMatchObject({ id: 3, problem: expect.stringContaining('edited') });
  });
  it('names the row after a deleted one', () => {
    const links = chain(5);
    links.splice(1, 1);
    expect(checkLinks({ seq: 0, hash: GENESIS_HASH }, links)).toMatchObject({
      id: 3,
      problem: expect.stringContaining('missing'),
    });
  });
  it('names an inserted row even when its seq fits', () => {
    const links = chain(3);
    const forged = { ...(links[1] as StoredLink), id: 99, action: 'user.delete' };
    forged.hash = hashEvent(forged.prevHash, forged);
    const tampered = [links[0], forged, ...links.slice(1).map((l) => ({ ...l, seq: l.seq + 1 }))] as StoredLink[];
    expect(checkLinks({ seq: 0, hash: GENESIS_HASH }, tampered)).toMatchObject({ id: 2 });
  });
});
