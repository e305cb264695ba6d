import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { boundaries } from '../../eslint.boundaries.js';

/** The dependency-direction rules alone (no type information needed), as `npm run lint` applies them. */
const eslint = new ESLint({
  cwd: new URL('../..', import.meta.url).pathname,
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.ts'],
      languageOptions: { parser: tseslint.parser },
      plugins: { '@typescript-eslint': tseslint.plugin },
    },
    ...boundaries,
  ],
});

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => m.message);
}

describe('the dependency direction (eslint.boundaries.js)', () => {
  it.each([
    ['src/match/rules.ts', `import type { Store } from '../store/store.ts';`],
    ['src/score/drivers.ts', `import { readFileSync } from 'node:fs';`],
    ['src/writeback/plan.ts', `import { connectSalesforce } from '../../connectors/salesforce/index.ts';`],
    ['src/facts/stream.ts', `import { createHttpClient } from '../http/client.ts';`],
    ['src/metrics/windows.ts', `import { scoreAccount } from '../score/score-account.ts';`],
    ['connectors/zendesk/client.ts', `import { jiraSearchApi } from '../jira/index.ts';`],
    ['connectors/jira/map-issue.ts', `import type { Store } from '../../src/store/store.ts';`],
    ['connectors/salesforce/write.ts', `import { buildWritePlan } from '../../src/writeback/plan.ts';`],
    ['src/store/sqlite/facts.ts', `import { createHttpClient } from '../../http/client.ts';`],
    ['src/sync/pipeline.ts', `import { startServer } from '../server/start.ts';`],
    [
      'src/sync/stages/write.ts',
      `import { updateBulk } from '../../../connectors/salesforce/write-bulk.ts';`,
    ],
    ['bench/floor.ts', `import { searchJql } from '../connectors/jira/jql.ts';`],
  ])('%s may not import: %s', async (file, code) => {
    const specifier = /'([^']+)';$/.exec(code)?.[1] ?? '';
    expect(await problems(file, code)).toEqual([
      expect.stringContaining(`'${specifier}' import is restricted`),
    ]);
  });

  it.each([
    ['src/score/drivers.ts', `import type { MetricValue } from '../metrics/types.ts';`],
    ['src/match/match-fact.ts', `import type { TicketFact } from '../facts/schemas.ts';`],
    ['connectors/salesforce/write.ts', `import type { RecordUpdate } from '../../src/writeback/types.ts';`],
    ['connectors/zendesk/client.ts', `import { createHttpClient } from '../../src/http/client.ts';`],
    ['src/sync/stages/match.ts', `import type { Store } from '../../store/store.ts';`],
    ['bench/floor.ts', `import { searchJql } from '../connectors/jira/index.ts';`],
    ['src/facts/source-definition.ts', `import type { RequestCounters } from '../http/types.ts';`],
  ])('%s may import: %s', async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });
});
