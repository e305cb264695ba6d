import { join } from 'node:path';
import { expect, it } from 'vitest';
import { readMappingTexts, validateMappingTexts } from '../../src/config/mappings/load.ts';

const ROOT = join(import.meta.dirname, '..', '..');

/** The shipped scorecard with the repeat-contact measure given `params`. */
async function withRepeatParams(params: string): Promise<ReturnType<typeof validateMappingTexts>> {
  const texts = await readMappingTexts(join(ROOT, 'mappings'));
  const scorecard = texts.scorecard!.replace('params: { within_days: 7 }', `params: ${params}`);
  expect(scorecard).not.toBe(texts.scorecard);
  return validateMappingTexts({ ...texts, scorecard });
}

it('repeat_contact_rate takes params.within_days: a number of days above 0, at most 90', async () => {
  expect((await withRepeatParams('{ within_days: 3 }')).ok).toBe(true);
  for (const bad of ['{ within_days: 0 }', '{ within_days: 120 }', '{ within_days: week }']) {
    const result = await withRepeatParams(bad);
    expect(result.ok).toBe(false);
    if (result.ok) continue;
    expect(result.problems).toContainEqual(
      expect.objectContaining({
        file: 'scorecard.yaml',
        message: 'must be a number of days above 0, at most 90',
      }),
    );
  }
});
