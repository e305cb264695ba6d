import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { describeStoreContract } from './stores.ts';

describeStoreContract('store contract: transactions', (ctx) => {
  const store = () => ctx().store;

  it('commits what the body wrote and returns its value', async () => {
    expect(await store().transaction(async () => (await store().meta.set('k', 'v'), 42))).toBe(42);
    expect(await store().meta.get('k')).toBe('v');
  });

  it("the body's own error reaches the caller unchanged, after the rollback", async () => {
    class Refused extends Error {}
    const err = new Refused('not this time');
    await expect(
      store().transaction(async () => {
        await store().meta.set('k', 'v');
        throw err;
      }),
    ).rejects.toBe(err);
    expect(await store().meta.get('k')).toBeUndefined();
  });

  it('a nested transaction joins the outer one: a failure after it rolls both back', async () => {
    await expect(
      store().transaction(async () => {
        await store().meta.set('outer', '1');
        await store().transaction(() => store().meta.set('inner', '1'));
        throw new Error('failed after the nested one');
      }),
    ).rejects.toThrow('failed after the nested one');
    expect(await store().meta.get('outer')).toBeUndefined();
    expect(await store().meta.get('inner')).toBeUndefined();
  });

  it('repository calls that are atomic themselves join an open transaction', async () => {
    await expect(
      store().transaction(async () => {
        await store().facts.commitPage('s', { upserts: [], deletes: [] }, { value: 1, fingerprint: 'f' });
        await store().scores.saveRebuilt([
          { accountId: 'A', day: '2026-11-01', score: 50, status: 'yellow', scorecardVersion: 'v1' },
        ]);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await store().cursors.get('s')).toBeUndefined();
    expect(await store().scores.history('A')).toEqual([]);
  });

  it("another caller's statements neither see an open transaction's writes nor land in it", async () => {
    const seen: (string | undefined)[] = [];
    const tx = store().transaction(async () => {
      await store().meta.set('a', 'uncommitted');
      await sleep(50); // a real wait: the other caller runs meanwhile
      throw new Error('rolled back');
    });
    await sleep(10);
    const outside = (async () => {
      seen.push(await store().meta.get('a'));
      await store().meta.set('b', 'outside');
    })();
    await expect(tx).rejects.toThrow('rolled back');
    await outside;
    expect(seen).toEqual([undefined]);
    expect(await store().meta.get('b')).toBe('outside');
  });

  it('concurrent transactions take turns', async () => {
    const order: string[] = [];
    const one = (name: string) =>
      store().transaction(async () => {
        order.push(`${name} begins`);
        await sleep(5);
        await store().meta.set(name, 'x');
        order.push(`${name} ends`);
      });
    await Promise.all([one('first'), one('second')]);
    expect(order).toEqual(['first begins', 'first ends', 'second begins', 'second ends']);
  });

  it('answers ping while open', async () => {
    expect(await store().ping()).toBe(true);
  });
});
