import { describe, expect, it } from 'vitest';
import { readMappingTexts, validateMappingTexts } from '../../src/config/mappings/load.ts';
import { DEFAULT_CRONS, defaultSchedule } from '../../src/config/mappings/schedule.ts';
import { ROOT } from './helpers.ts';
import { join } from 'node:path';

describe('schedule.yaml', () => {
  it('the shipped file is valid and equals the defaults', async () => {
    const texts = await readMappingTexts(join(ROOT, 'mappings'));
    expect(texts.schedule).toBeDefined();
    const result = validateMappingTexts(texts);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.loaded.schedule).toEqual(defaultSchedule());
    expect(defaultSchedule().sources.zendesk.cron).toBe(DEFAULT_CRONS.zendesk);
  });

  it('is optional: without it the defaults apply and the six-file digest does not change', async () => {
    const texts = await readMappingTexts(join(ROOT, 'mappings'));
    const withFile = validateMappingTexts(texts);
    const { schedule: _dropped, ...rest } = texts;
    const without = validateMappingTexts(rest);
    expect(without.ok && without.loaded.schedule).toEqual(defaultSchedule());
    expect(without.ok && withFile.ok && without.loaded.digest === withFile.loaded.digest).toBe(true);
  });

  it('reports bad crons, time zones and unknown keys with their lines, among the other files’ problems', async () => {
    const texts = await readMappingTexts(join(ROOT, 'mappings'));
    const result = validateMappingTexts({
      ...texts,
      schedule:
        'version: 1\ntimezone: Nowhere/Land\nsources:\n  zendesk:\n    cron: "61 * * * *"\n  jiraa: {}\n',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      { file: 'schedule.yaml', path: ['timezone'], message: expect.stringContaining('IANA'), line: 2 },
      {
        file: 'schedule.yaml',
        path: ['sources', 'zendesk', 'cron'],
        message: expect.stringContaining('minute'),
        line: 5,
      },
      {
        file: 'schedule.yaml',
        path: ['sources', 'jiraa'],
        message: expect.stringContaining('unknown key'),
        line: 6,
      },
    ]);
  });
});
