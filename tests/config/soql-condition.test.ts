import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readMappingTexts, validateMappingTexts } from '../../src/config/mappings/load.ts';
import { soqlConditionProblem } from '../../src/config/mappings/soql-condition.ts';
import { formatProblem } from '../../src/errors.ts';

describe("accounts.yaml's `where`: a SOQL condition checked before anything is sent", () => {
  it.each([
    "Type = 'Customer'",
    "(Type = 'Customer' OR Type = 'Partner') AND NOT (Name LIKE 'Test%')",
    "Type IN ('Customer', 'Partner') AND AnnualRevenue >= 1000000",
    'Industry != null AND CreatedDate = LAST_N_DAYS:90 AND LastModifiedDate > 2026-01-01T00:00:00Z',
    "Id IN (SELECT AccountId FROM Contact WHERE Email LIKE '%@acme.example')",
    "Name = 'O\\'Brien (UK)' AND Description LIKE '%;%'",
  ])('accepts %s', (where) => {
    expect(soqlConditionProblem(where)).toBeNull();
  });

  it.each([
    ["(Type = 'Customer'", "the '(' at column 1 is never closed"],
    ["Type = 'Customer')", "')' at column 18 closes no '('"],
    ["Type = 'Customer", 'the string that starts at column 8 has no closing quote'],
    ["Type = 'Customer'; DELETE", "';' at column 18"],
    ["Type = 'Customer' AND", "ends with 'AND' (column 19): the condition is incomplete"],
    ["Type = 'Customer' OR Name =", "ends with '='"],
    ["Type = 'Customer' ORDER BY Name", "'ORDER' at column 19: only a condition fits here"],
    ["Type = 'Customer' LIMIT 10", "'LIMIT' at column 19"],
    ["AND Type = 'Customer'", "'AND' at column 1 has no condition before it"],
    ["Type = 'Customer' AND OR Name = 'x'", "'OR' at column 23 has no condition before it"],
    ["(Type = 'Customer' AND) OR Name = 'x'", "'AND' at column 20 is not followed by anything"],
    ['Type = "Customer"', 'single quotes'],
    ['Type IN ()', "'()' at column 9 is empty"],
    ['   ', 'is empty'],
  ])('refuses %s', (where, problem) => {
    expect(soqlConditionProblem(where)).toContain(problem);
  });

  it('is a mapping problem naming accounts.yaml > salesforce > where and its line (exit 2 in validate and sync)', async () => {
    const texts = await readMappingTexts('mappings');
    texts.accounts = readFileSync('tests/fixtures/broken-mappings/where-unbalanced/accounts.yaml', 'utf8');
    const line = texts.accounts.split('\n').findIndex((l) => l.trimStart().startsWith('where:')) + 1;
    const result = validateMappingTexts(texts);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems.map(formatProblem)).toEqual([
      `accounts.yaml > salesforce > where (line ${line}): not a SOQL condition: the '(' at column 1 is never closed`,
    ]);
  });
});
