import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bearer, readMapping, testApp, type TestApp } from './helpers.ts';

const BOMB = [
  'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
  ...'bcdefghi'.split('').map((l, i) => `${l}: &${l} [${Array(9).fill(`*${'abcdefghi'[i]!}`).join(', ')}]`),
].join('\n');

let t: TestApp;
beforeEach(async () => {
  t = await testApp();
});
afterEach(() => t.cleanup());

const post = (path: string, body: object) =>
  request(t.app).post(path).set('Authorization', bearer('admin')).send(body);

describe('hostile mapping files through the admin API', () => {
  it.each(['/mappings/validate', '/mappings/preview', '/mappings/proposals'])(
    'POST %s refuses an alias bomb with 400 naming the file, and stores nothing',
    async (path) => {
      const res = await post(path, { files: { 'scorecard.yaml': BOMB } });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({
        code: 'MAPPINGS_REFUSED',
        message: expect.stringMatching(/^scorecard\.yaml: YAML aliases expand too far .*alias bomb/),
        details: { problems: [{ file: 'scorecard.yaml', path: [] }] },
      });
      expect(await t.store.proposals.list()).toEqual([]);
    },
  );

  it('refuses a file over 256 KB with 400, saying its size and the limit', async () => {
    const scorecard = readMapping(t.mappingsPath, 'scorecard.yaml');
    const big = scorecard + '#'.repeat(300 * 1024 - scorecard.length);
    const res = await post('/mappings/validate', { files: { 'scorecard.yaml': big } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'MAPPINGS_REFUSED',
      message: 'scorecard.yaml: 300 KB is over the 256 KB limit for a mapping file',
    });
  });

  it('an alias bomb dropped into the directory is a refused reload; the last good configuration stays', async () => {
    const before = t.mappings.current()!.digest;
    writeFileSync(join(t.mappingsPath, 'zendesk.yaml'), BOMB);
    const result = await t.mappings.reload('sighup');
    expect(result).toMatchObject({
      ok: false,
      problems: [{ file: 'zendesk.yaml', message: expect.stringContaining('alias bomb') }],
    });
    expect(t.mappings.current()!.digest).toBe(before);
    expect((await request(t.app).get('/readyz')).body.mappings.lastReload).toMatchObject({ ok: false });
  });
});
