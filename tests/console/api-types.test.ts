import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { consoleApiTypes } from '../../scripts/console-api-types-gen.ts';

describe("the console's API types", () => {
  it('are what openapi-typescript makes of the current OpenAPI document (npm run console:api-types)', async () => {
    const committed = readFileSync(
      join(import.meta.dirname, '..', '..', 'src', 'console', 'api', 'schema.ts'),
      'utf8',
    );
    const { types } = await consoleApiTypes();
    expect(committed === types, 'src/console/api/schema.ts is stale: run `npm run console:api-types`').toBe(
      true,
    );
  });
});
