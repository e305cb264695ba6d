import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { default as addFormatsImport } from 'ajv-formats';
import { parse as parseYaml } from 'yaml';

/**
 * Vendor specs live outside the repo, in ../shared/specs relative to the project root; tests that
 * need them skip (with the reason printed) when the folder is absent.
 */
export const SPECS_DIR = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'specs');
export const SOBJECTS_SPEC = join(SPECS_DIR, 'salesforce-sobjects.oas-beta.v59.trimmed.json');
export const BULK_SPEC = join(SPECS_DIR, 'salesforce-bulk-api-2.0.community.oas.yaml');

export function specsPresent(): boolean {
  const present = existsSync(SOBJECTS_SPEC) && existsSync(BULK_SPEC);
  if (!present) console.log(`Salesforce contract tests skipped: vendor specs not found in ${SPECS_DIR}`);
  return present;
}

type Json = Record<string, unknown>;

export interface SchemaOptions {
  /** Salesforce answers null where the beta spec types a plain value; allow null everywhere. */
  nullable?: boolean;
  /** Refuse properties the spec does not declare (catches invented names), except these. */
  closed?: { allow: string[] };
}

/**
 * Salesforce writes datetimes as 2025-01-01T10:00:00.000+0000, which RFC 3339 (and so ajv-formats'
 * date-time) refuses for the missing colon in the offset; the spec says date-time and means this form.
 */
const SF_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:?\d{2})$/;

export class SpecValidator {
  private readonly spec: Json;
  private readonly ajv: Ajv;

  constructor(file: string) {
    const text = readFileSync(file, 'utf8');
    this.spec = (file.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) as Json;
    this.ajv = new Ajv({ strict: false, allErrors: true });
    // ajv-formats is CommonJS: its default import is the function itself or a namespace holding it.
    const mod = addFormatsImport as unknown as ((ajv: Ajv) => Ajv) | { default: (ajv: Ajv) => Ajv };
    (typeof mod === 'function' ? mod : mod.default)(this.ajv);
    this.ajv.addFormat('date-time', SF_DATETIME);
  }

  hasOperation(path: string, method: string): boolean {
    const paths = this.spec['paths'] as Record<string, Record<string, unknown>>;
    return paths[path]?.[method.toLowerCase()] !== undefined;
  }

  /** The schema of one documented response, with $refs inlined and the options applied. */
  responseValidator(
    path: string,
    method: string,
    status: number,
    options: SchemaOptions = {},
  ): ValidateFunction {
    const op = this.operation(path, method);
    const responses = op['responses'] as Record<string, Json>;
    const response = responses[String(status)];
    if (!response) throw new Error(`${method} ${path} documents no ${status} response`);
    const schema = ((response['content'] as Record<string, Json>)['application/json']!['schema'] ??
      {}) as Json;
    return this.ajv.compile(this.prepare(schema, options));
  }

  requestValidator(path: string, method: string, contentType = 'application/json'): ValidateFunction {
    const body = this.operation(path, method)['requestBody'] as Json;
    const schema = (body['content'] as Record<string, Json>)[contentType]!['schema'] as Json;
    return this.ajv.compile(this.prepare(schema, {}));
  }

  componentValidator(name: string, options: SchemaOptions = {}): ValidateFunction {
    return this.ajv.compile(this.prepare(this.resolve({ $ref: `#/components/schemas/${name}` }), options));
  }

  example(name: string): unknown {
    const examples = (this.spec['components'] as Record<string, Record<string, Json>>)['examples']!;
    return examples[name]!['value'];
  }

  private operation(path: string, method: string): Json {
    const paths = this.spec['paths'] as Record<string, Record<string, Json>>;
    const op = paths[path]?.[method.toLowerCase()];
    if (!op) throw new Error(`spec has no ${method} ${path}`);
    return op;
  }

  private resolve(schema: Json): Json {
    const ref = schema['$ref'];
    if (typeof ref !== 'string') return schema;
    let node: unknown = this.spec;
    for (const part of ref.replace(/^#\//, '').split('/')) node = (node as Json)[part];
    return this.resolve(node as Json);
  }

  private prepare(schema: Json, options: SchemaOptions): Json {
    const walk = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(walk);
      if (typeof node !== 'object' || node === null) return node;
      const resolved = this.resolve(node as Json);
      const out: Json = {};
      for (const [k, v] of Object.entries(resolved))
        out[k] =
          k === 'properties'
            ? Object.fromEntries(Object.entries(v as Json).map(([p, s]) => [p, walk(s)]))
            : walk(v);
      if (options.nullable && typeof out['type'] === 'string') out['type'] = [out['type'], 'null'];
      if (options.nullable && Array.isArray(out['enum'])) out['enum'] = [...(out['enum'] as unknown[]), null];
      if (options.closed && out['properties'] && out['additionalProperties'] === undefined) {
        const allowed = Object.fromEntries(options.closed.allow.map((name) => [name, {}]));
        out['properties'] = { ...allowed, ...(out['properties'] as Json) };
        out['additionalProperties'] = false;
      }
      return out;
    };
    return walk(schema) as Json;
  }
}
