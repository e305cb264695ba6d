import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { format } from 'prettier';
import { apiRoutes } from '../src/server/app.ts';

const HEADER = `/**
 * Generated from the admin API's OpenAPI document by \`npm run console:api-types\`
 * (openapi-typescript). Do not edit: change the routes' zod schemas and regenerate.
 */
`;

/** The OpenAPI document and the console's API types, formatted as the repository keeps them. */
export async function consoleApiTypes(): Promise<{ doc: Record<string, unknown>; types: string }> {
  const { doc } = apiRoutes();
  const ast = await openapiTS(doc as unknown as OpenAPI3);
  const types = await format(HEADER + astToString(ast), {
    parser: 'typescript',
    printWidth: 110,
    singleQuote: true,
  });
  return { doc, types };
}
