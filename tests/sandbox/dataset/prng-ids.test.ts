import { describe, expect, it } from 'vitest';
import { createRng, hash32, rngFor, uuidFrom } from '../../../src/sandbox/dataset/prng.ts';
import { caseSafeSuffix, salesforceId, to15 } from '../../../src/sandbox/dataset/sf-ids.ts';

describe('seeded generators', () => {
  it('repeat for the same seed and differ for another', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const seqA = Array.from({ length: 5 }, () => a.u32());
    expect(Array.from({ length: 5 }, () => b.u32())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.u32())).not.toEqual(seqA);
  });

  it('give record i the same draws whatever was generated before', () => {
    const first = rngFor(1, 2, 999).next();
    for (let i = 0; i < 10; i++) rngFor(1, 2, i).next();
    expect(rngFor(1, 2, 999).next()).toBe(first);
    expect(hash32(1, 2, 3)).not.toBe(hash32(1, 3, 2));
  });

  it('make v4-shaped UUIDs', () => {
    expect(uuidFrom(createRng(5))).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe('Salesforce ids', () => {
  it('carry the case-safe suffix Salesforce computes', () => {
    // The documented example: 001D000000IqhSL is 001D000000IqhSLIAZ in its 18-character form.
    expect(caseSafeSuffix('001D000000IqhSL')).toBe('IAZ');
  });

  it('are unique per index, 18 characters, and shorten to their 15-character form', () => {
    const ids = new Set(Array.from({ length: 20_000 }, (_, i) => salesforceId('001', 3, i)));
    expect(ids.size).toBe(20_000);
    const id = salesforceId('001', 3, 17);
    expect(id).toMatch(/^001[0-9A-Za-z]{15}$/);
    expect(to15(id) + caseSafeSuffix(to15(id))).toBe(id);
  });
});
