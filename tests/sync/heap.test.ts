import { beforeEach, describe, expect, it, vi } from 'vitest';

const flags = vi.hoisted(() => [] as string[]);
vi.mock('node:v8', () => ({ setFlagsFromString: (f: string) => void flags.push(f) }));

const { collectEagerly, whileCollectingEagerly } = await import('../../src/sync/heap.ts');

describe('eager collection', () => {
  beforeEach(() => void flags.splice(0));

  it('stays on until its last holder releases it (a rebuild inside a run)', async () => {
    collectEagerly(true);
    await whileCollectingEagerly(() => Promise.resolve());
    expect(flags).toEqual(['--heap-growing-percent=30']);
    collectEagerly(false);
    expect(flags).toEqual(['--heap-growing-percent=30', '--heap-growing-percent=0']);
  });

  it('is released when the work fails, and a release without a hold changes nothing', async () => {
    await expect(whileCollectingEagerly(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(flags).toEqual(['--heap-growing-percent=30', '--heap-growing-percent=0']);
    collectEagerly(false);
    collectEagerly(true);
    expect(flags.slice(2)).toEqual(['--heap-growing-percent=30']);
    collectEagerly(false);
  });
});
