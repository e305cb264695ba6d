import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pathKey, readScorecardFields, setScorecardField } from '../../src/console/scorecard-fields.ts';
import { ROOT, bearer, testApp, type TestApp } from '../server/helpers.ts';

const shipped = readFileSync(join(ROOT, 'mappings', 'scorecard.yaml'), 'utf8');
const fields = readScorecardFields(shipped);
const field = (measureId: string, name: string) => {
  const f = fields.find((x) => x.measureId === measureId && x.name === name);
  if (!f) throw new Error(`no field ${measureId} ${name}`);
  return f;
};

describe('the scorecard form fields', () => {
  it('reads each base measure weight, target, line ends and bands with the path validation names', () => {
    expect(field('csat', 'weight')).toMatchObject({ value: '20', path: ['measures', 0, 'weight'] });
    expect(field('csat', 'target')).toMatchObject({ value: '0.9', path: ['measures', 0, 'target'] });
    expect(field('csat', 'zero_at')).toMatchObject({
      value: '0.6',
      path: ['measures', 0, 'scoring', 'zero_at'],
    });
    expect(field('contact_spike', 'band 2 limit')).toMatchObject({
      value: '1.6',
      path: ['measures', 2, 'scoring', 'bands', 1, 'limit'],
    });
    expect(field('contact_spike', 'band 2 score').value).toBe('65');
    // Segments' overrides are not base measures: one weight field per measure.
    expect(fields.filter((f) => f.measureId === 'csat' && f.name === 'weight')).toHaveLength(1);
  });

  it('changes one value in place and nothing else', () => {
    const next = setScorecardField(shipped, field('contact_spike', 'band 2 score'), '70');
    const diff = next.split('\n').filter((l, i) => l !== shipped.split('\n')[i]);
    expect(diff).toEqual(['        - { limit: 1.6, score: 70 }']);
    expect(
      readScorecardFields(next).find((f) => f.name === 'band 2 limit' && f.measureId === 'contact_spike')
        ?.value,
    ).toBe('1.6');
  });
});

describe('a problem from POST /mappings/validate names the field that is wrong', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.cleanup());

  it.each([
    ['csat', 'weight', '-5'],
    ['sla', 'target', 'abc'],
    ['contact_spike', 'band 2 score', '150'],
  ])('%s %s = %s', async (measure, name, value) => {
    const f = field(measure, name);
    const res = await request(t.app)
      .post('/mappings/validate')
      .set('Authorization', bearer('admin'))
      .send({ files: { 'scorecard.yaml': setScorecardField(shipped, f, value) } });
    expect(res.status).toBe(200);
    expect(res.body.valid).toBe(false);
    expect(res.body.problems.map((p: { path: (string | number)[] }) => pathKey(p.path))).toContain(
      pathKey(f.path),
    );
  });
});
