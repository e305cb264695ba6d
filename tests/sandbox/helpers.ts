/* eslint-disable @typescript-eslint/no-explicit-any -- vendor JSON bodies, checked by the assertions */
import type { RequestListener } from 'node:http';
import { afterAll } from 'vitest';
import { listen } from '../../src/sandbox/common/listen.ts';
import { createDataset, type Dataset } from '../../src/sandbox/dataset/dataset.ts';
import type { DatasetOptionsInput } from '../../src/sandbox/dataset/options.ts';

/** A fixed "now" so every test sees the same data (2026-11-23 00:00 UTC, a Monday). */
export const NOW = Date.UTC(2026, 10, 23);
export const MINUTE = 60_000;
export const DAY = 86_400_000;

export function smallDataset(o: DatasetOptionsInput = {}): Dataset {
  return createDataset({ seed: 7, accounts: 50, tickets: 1500, calls: 400, issues: 150, now: NOW, ...o });
}

/** Listens on an ephemeral 127.0.0.1 port for the rest of the file. */
export async function serve(app: RequestListener): Promise<string> {
  const l = await listen(app);
  afterAll(() => l.close());
  return l.url;
}

export const basic = (user: string, secret: string): string =>
  `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;

export async function getJson(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const r = await fetch(url, { headers });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null, headers: r.headers };
}

export async function postJson(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: any; headers: Headers }> {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, body: text ? JSON.parse(text) : null, headers: r.headers };
}
