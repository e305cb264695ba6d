import { beforeAll, describe, expect, it } from 'vitest';
import { indexFields } from '../../../connectors/salesforce/index.ts';
import type { Mappings } from '../../../src/config/mappings/index.ts';
import { validateMappingTexts } from '../../../src/config/mappings/load.ts';
import { scorecardDigest } from '../../../src/config/mappings/provenance.ts';
import type { SqliteStore } from '../../../src/store/open-sqlite.ts';
import { scoreAccounts } from '../../../src/sync/stages/score-accounts.ts';
import { buildWritePlan } from '../../../src/writeback/plan.ts';
import { shippedSalesforceMapping } from '../../connectors/salesforce/helpers.ts';
import { NOW, memoryStore, shippedMappings } from '../../metrics/fixtures.ts';
import { writeScenario } from '../../score/scenario.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const FIELDS = indexFields([
  {
    name: 'Health_Scorecard_Version__c',
    type: 'string',
    length: 40,
    scale: 0,
    updateable: true,
    picklistValues: [],
    restrictedPicklist: false,
  },
]);

describe('the scorecard version written to Salesforce', () => {
  let store: SqliteStore;
  beforeAll(async () => {
    store = memoryStore();
    await writeScenario(store);
  });

  async function written(mappings: Mappings): Promise<Set<unknown>> {
    const scores = await scoreAccounts(store, mappings, NOW);
    const plan = buildWritePlan({
      scores,
      accounts: await store.accounts.list(),
      mapping: shippedSalesforceMapping(),
      confirmed: new Map(),
      fields: FIELDS,
      scorecard: mappings.scorecard,
    });
    return new Set(plan.updates.map((u) => u.fields['Health_Scorecard_Version__c']));
  }

  it('is <label>+<content digest>, and changes when a weight changes under the same label', async () => {
    const shipped = shippedMappings();
    const before = await written(shipped);
    expect([...before]).toEqual([`2026.12-1+${scorecardDigest(shipped.scorecard)}`]);
    expect([...before][0]).toMatch(/^2026\.12-1\+[0-9a-f]{6}$/);
    const reweighted: Mappings = {
      ...shipped,
      scorecard: {
        ...shipped.scorecard,
        measures: shipped.scorecard.measures.map((m) => (m.id === 'csat' ? { ...m, weight: 40 } : m)),
      },
    };
    const after = await written(reweighted);
    expect([...after]).toHaveLength(1);
    expect([...after][0]).toMatch(/^2026\.12-1\+[0-9a-f]{6}$/);
    expect([...after][0]).not.toBe([...before][0]);
  });

  it('keeps its digest across comments and layout, and the label alone does not change it', () => {
    const dir = join(import.meta.dirname, '..', '..', '..', 'mappings');
    const text = readFileSync(join(dir, 'scorecard.yaml'), 'utf8');
    const digest = (scorecard: string): string => {
      const texts = Object.fromEntries(
        ['accounts', 'zendesk', 'genesys', 'jira', 'salesforce', 'scorecard'].map((n) => [
          n,
          n === 'scorecard' ? scorecard : readFileSync(join(dir, `${n}.yaml`), 'utf8'),
        ]),
      );
      const r = validateMappingTexts(texts, dir);
      if (!r.ok) throw new Error(JSON.stringify(r.problems));
      return scorecardDigest(r.loaded.mappings.scorecard);
    };
    const base = digest(text);
    expect(digest(`# ops note\n${text.replace('drivers: 3', 'drivers:   3    # three')}`)).toBe(base);
    expect(digest(text.replace('version: "2026.12-1"', 'version: "2026.12-2"'))).toBe(base);
    expect(digest(text.replace('drivers: 3', 'drivers: 4'))).not.toBe(base);
  });
});
