import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readMappingTexts } from '../../src/config/mappings/load.ts';
import { MAX_MAPPING_BYTES } from '../../src/config/mappings/yaml-source.ts';
import { createWorkerValidator } from '../../src/server/validator.ts';
import { ROOT } from './helpers.ts';

const padded = (base: string): string => {
  const lines = [base];
  let size = Buffer.byteLength(base);
  for (let i = 0; ; i++) {
    const line = `k${i}: ${i}\n`;
    if ((size += line.length) > MAX_MAPPING_BYTES) break;
    lines.push(line);
  }
  return lines.join('');
};

describe('the validation worker', () => {
  it('gives the same answer as validating in the calling thread', async () => {
    const validator = createWorkerValidator();
    try {
      const texts = await readMappingTexts(join(ROOT, 'mappings'));
      const result = await validator.validate(texts, 'mappings');
      expect(result).toMatchObject({
        ok: true,
        loaded: { mappings: { scorecard: { version: '2026.12-1' } } },
      });
      const bad = await validator.validate({ ...texts, jira: 'version: 1\nbogus: 1\n' }, 'mappings');
      expect(bad).toMatchObject({
        ok: false,
        problems: expect.arrayContaining([expect.objectContaining({ file: 'jira.yaml' })]),
      });
    } finally {
      await validator.close();
    }
  });

  it('stops a validation past its CPU limit as a refusal, and the next one runs in a new worker', async () => {
    // Far above what the shipped mappings take (about 50 ms of CPU in a fresh worker, more on a busy
    // machine), far below the padded ones (seconds): the outcome does not hang on the machine's load.
    const validator = createWorkerValidator({ cpuLimitMs: 500 });
    try {
      const texts = await readMappingTexts(join(ROOT, 'mappings'));
      const big = Object.fromEntries(Object.entries(texts).map(([name, text]) => [name, padded(text)]));
      const [stopped, next] = await Promise.all([
        validator.validate(big, 'mappings'),
        validator.validate(texts, 'mappings'),
      ]);
      const problem = {
        file: 'mappings',
        path: [],
        message: expect.stringMatching(/^validation used more than 0\.5 s( of CPU)? and was stopped$/),
      };
      expect(stopped).toEqual({ ok: false, problems: [problem], refused: [problem] });
      expect(next).toMatchObject({ ok: true });
    } finally {
      await validator.close();
    }
  });

  it('refuses more than maxWaiting queued validations with 503 VALIDATION_BUSY', async () => {
    const validator = createWorkerValidator({ maxWaiting: 2 });
    try {
      const texts = await readMappingTexts(join(ROOT, 'mappings'));
      const jobs = Array.from({ length: 4 }, () => validator.validate(texts, 'mappings'));
      const settled = await Promise.allSettled(jobs);
      expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
      expect((settled[3] as PromiseRejectedResult).reason).toMatchObject({
        status: 503,
        code: 'VALIDATION_BUSY',
        headers: { 'Retry-After': '5' },
      });
    } finally {
      await validator.close();
    }
  });

  it('refuses work once closed', async () => {
    const validator = createWorkerValidator();
    await validator.close();
    await expect(validator.validate({}, '.')).rejects.toThrow(/closed/);
  });
});
