import { describe, expect, it } from 'vitest';
import {
  cursorStrategy,
  nextUrlStrategy,
  pageNumberStrategy,
  paginate,
  tokenStrategy,
} from '../../src/http/paginate.ts';

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('paginate', () => {
  it('with prefetch, asks for the next page while the caller handles this one: the same requests, in order', async () => {
    type Page = { n: number; after_cursor: string; end_of_stream: boolean };
    const log: string[] = [];
    const pages = paginate<Page, string>({
      start: undefined,
      fetchPage: (c) => {
        const n = c === undefined ? 0 : Number(c);
        log.push(`fetch ${n}`);
        return Promise.resolve({ n, after_cursor: String(n + 1), end_of_stream: n === 2 });
      },
      next: cursorStrategy((p: Page) => ({ cursor: p.after_cursor, end: p.end_of_stream })),
      prefetch: true,
    });
    for await (const { page } of pages) log.push(`stored ${page.n}`);
    expect(log).toEqual(['fetch 0', 'fetch 1', 'stored 0', 'fetch 2', 'stored 1', 'stored 2']);
  });

  it('with prefetch, a caller that stops early leaves no unhandled failure, and a failing next page fails after this one', async () => {
    type Page = { n: number; after_cursor: string; end_of_stream: boolean };
    const failing = () =>
      paginate<Page, string>({
        start: undefined,
        fetchPage: (c) =>
          c === undefined
            ? Promise.resolve({ n: 0, after_cursor: '1', end_of_stream: false })
            : Promise.reject(new Error('503 on page 1')),
        next: cursorStrategy((p: Page) => ({ cursor: p.after_cursor, end: p.end_of_stream })),
        prefetch: true,
      });
    const unhandled: unknown[] = [];
    const onUnhandled = (err: unknown) => unhandled.push(err);
    process.on('unhandledRejection', onUnhandled);
    try {
      for await (const { page } of failing()) if (page.n === 0) break;
      const stored: number[] = [];
      await expect(
        (async () => {
          for await (const { page } of failing()) stored.push(page.n);
        })(),
      ).rejects.toThrow('503 on page 1');
      expect(stored).toEqual([0]);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('follows a cursor export to end_of_stream and hands back the cursor after each page', async () => {
    type Page = { items: number[]; after_cursor: string; end_of_stream: boolean };
    const pages: Record<string, Page> = {
      start: { items: [1, 2], after_cursor: 'c1', end_of_stream: false },
      c1: { items: [3], after_cursor: 'c2', end_of_stream: false },
      c2: { items: [], after_cursor: 'c3', end_of_stream: true },
    };
    const asked: (string | undefined)[] = [];
    const out = await collect(
      paginate<Page, string>({
        start: undefined,
        fetchPage: (c) => {
          asked.push(c);
          return Promise.resolve(pages[c ?? 'start']!);
        },
        next: cursorStrategy((p: Page) => ({ cursor: p.after_cursor, end: p.end_of_stream })),
      }),
    );
    expect(asked).toEqual([undefined, 'c1', 'c2']);
    expect(out.map((p) => [p.cursor, p.next, p.more])).toEqual([
      [undefined, 'c1', true],
      ['c1', 'c2', true],
      ['c2', 'c3', false],
    ]);
  });

  it('follows next-page links until null', async () => {
    const links: Record<string, string | null> = { a: 'b', b: 'c', c: null };
    const out = await collect(
      paginate<{ next: string | null; at: string }, string>({
        start: 'a',
        fetchPage: (c) => Promise.resolve({ at: c!, next: links[c!] ?? null }),
        next: nextUrlStrategy((p) => p.next),
      }),
    );
    expect(out.map((p) => p.page.at)).toEqual(['a', 'b', 'c']);
  });

  it('stops on isLast or a missing token', () => {
    const step = tokenStrategy((p: { t?: string; isLast?: boolean }) => ({ token: p.t, isLast: p.isLast }));
    expect(step({ t: 'x', isLast: false })).toEqual({ more: true, next: 'x' });
    expect(step({ t: 'x', isLast: true }).more).toBe(false);
    expect(step({}).more).toBe(false);
  });

  it('reads page numbers until the total is reached', async () => {
    const total = 250;
    const out = await collect(
      paginate<{ n: number; items: number; total: number }, number>({
        start: undefined,
        fetchPage: (c) => {
          const n = c ?? 1;
          return Promise.resolve({ n, items: Math.min(100, total - (n - 1) * 100), total });
        },
        next: pageNumberStrategy({ pageSize: 100, total: (p) => p.total, count: (p) => p.items }),
      }),
    );
    expect(out.map((p) => p.page.n)).toEqual([1, 2, 3]);
  });

  it('stops page-number reads on an empty page even if the total says more', async () => {
    const out = await collect(
      paginate<{ items: number }, number>({
        start: undefined,
        fetchPage: (c) => Promise.resolve({ items: (c ?? 1) === 1 ? 100 : 0 }),
        next: pageNumberStrategy({ pageSize: 100, total: () => 1000, count: (p) => p.items }),
      }),
    );
    expect(out).toHaveLength(2);
  });

  it('fails loudly when the API repeats a cursor', async () => {
    const run = collect(
      paginate<object, string>({
        start: undefined,
        fetchPage: () => Promise.resolve({}),
        next: () => ({ more: true, next: 'same' }),
        endpoint: 'GET /x',
      }),
    );
    await expect(run).rejects.toThrow(/GET \/x: the API returned a cursor it had already returned/);
  });

  it('fails loudly past maxPages', async () => {
    let i = 0;
    const run = collect(
      paginate<object, number>({
        start: 0,
        fetchPage: () => Promise.resolve({}),
        next: () => ({ more: true, next: ++i }),
        maxPages: 3,
      }),
    );
    await expect(run).rejects.toThrow(/after 3 pages/);
  });

  it('stops after the page in hand when aborted', async () => {
    const ac = new AbortController();
    const out: number[] = [];
    for await (const p of paginate<number, number>({
      start: 0,
      fetchPage: (c) => Promise.resolve(c ?? 0),
      next: (_p, c) => ({ more: true, next: (c ?? 0) + 1 }),
      signal: ac.signal,
    })) {
      out.push(p.page);
      if (p.page === 1) ac.abort();
    }
    expect(out).toEqual([0, 1]);
  });
});
