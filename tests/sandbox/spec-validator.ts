import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { parse } from 'yaml';

/**
 * The vendors' published specs, read from ../shared/specs (never copied into the repo), turned into
 * ajv validators. OpenAPI 3.0's `nullable: true` becomes a JSON-schema type union; Swagger 2.0
 * definitions are JSON-schema draft-4-like and used as they are. Each test lists the deviations it
 * tolerates (real records carry null where the spec says a value) with its reason.
 */
export const SPECS_DIR = resolve(process.cwd(), '../shared/specs');
export const HAVE_SPECS = existsSync(SPECS_DIR);
if (!HAVE_SPECS) console.warn(`vendor specs not found at ${SPECS_DIR}: contract tests are skipped`);

type Json = Record<string, unknown>;

/** OAS 3.0 → JSON schema: `nullable` into type unions, refs kept. */
export function convertOas3(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convertOas3);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) if (k !== 'nullable') out[k] = convertOas3(v);
  if ((node as Json)['nullable'] === true) return nullable(out);
  return out;
}

/** Lets a schema also accept null. */
export function nullable(schema: Json): Json {
  if (typeof schema['type'] === 'string') {
    const out: Json = { ...schema, type: [schema['type'], 'null'] };
    if (Array.isArray(schema['enum'])) out['enum'] = [...(schema['enum'] as unknown[]), null];
    return out;
  }
  return { anyOf: [schema, { type: 'null' }] };
}

const cache = new Map<string, Json>();
export function loadSpec(file: string): Json {
  let doc = cache.get(file);
  if (!doc) {
    const text = readFileSync(resolve(SPECS_DIR, file), 'utf8');
    doc = (file.endsWith('.json') ? JSON.parse(text) : parse(text)) as Json;
    cache.set(file, doc);
  }
  return doc;
}

/** Schemas of an OAS 3 spec's components (converted) or a Swagger 2 spec's definitions. */
export function schemasOf(file: string): Record<string, Json> {
  const doc = loadSpec(file);
  if (doc['openapi'])
    return structuredClone(convertOas3((doc['components'] as Json)['schemas'])) as Record<string, Json>;
  return structuredClone(doc['definitions']) as Record<string, Json>;
}

/** A validator for one named schema, with refs resolved among `schemas`. */
export function validatorFor(
  schemas: Record<string, Json>,
  name: string,
  refBase: '#/components/schemas/' | '#/definitions/',
): ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false });
  const addFormats = addFormatsModule as unknown as (a: Ajv) => void;
  addFormats(ajv);
  for (const f of [
    'int32',
    'int64',
    'double',
    'float',
    'interval',
    'byte',
    'binary',
    'password',
    'local-date-time',
  ])
    ajv.addFormat(f, true);
  const root: Json = refBase === '#/definitions/' ? { definitions: schemas } : { components: { schemas } };
  ajv.addSchema({ $id: 'spec', ...root });
  const v = ajv.getSchema(`spec${refBase}${name}`);
  if (!v) throw new Error(`no schema ${name}`);
  return v;
}

export const errorsOf = (v: ValidateFunction): string =>
  (v.errors ?? [])
    .slice(0, 8)
    .map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`)
    .join('\n');
