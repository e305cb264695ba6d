/**
 * Names every API request by what it does (`query`, `collections.update`, `bulk.upload`…), from its
 * method and the path after `/services/data/vXX.X`. Faults target these names and stats count by them.
 */
export interface Endpoint {
  name: string;
  params: Record<string, string>;
}

const ROUTES: [method: string, pattern: RegExp, name: string, params: string[]][] = [
  ['GET', /^\/?$/, 'resources', []],
  ['GET', /^\/query\/?$/, 'query', []],
  ['GET', /^\/queryAll\/?$/, 'queryAll', []],
  ['GET', /^\/query(?:All)?\/([^/]+)\/?$/, 'queryMore', ['locator']],
  ['GET', /^\/limits\/?$/, 'limits', []],
  ['GET', /^\/sobjects\/?$/, 'describeGlobal', []],
  ['GET', /^\/sobjects\/([^/]+)\/describe\/?$/, 'describe', ['sobject']],
  ['GET', /^\/sobjects\/([^/]+)\/deleted\/?$/, 'getDeleted', ['sobject']],
  ['GET', /^\/sobjects\/([^/]+)\/([^/]+)\/?$/, 'sobject.get', ['sobject', 'id']],
  ['PATCH', /^\/sobjects\/([^/]+)\/([^/]+)\/?$/, 'sobject.update', ['sobject', 'id']],
  ['DELETE', /^\/sobjects\/([^/]+)\/([^/]+)\/?$/, 'sobject.delete', ['sobject', 'id']],
  ['POST', /^\/sobjects\/([^/]+)\/?$/, 'sobject.create', ['sobject']],
  ['PATCH', /^\/composite\/sobjects\/?$/, 'collections.update', []],
  ['POST', /^\/composite\/sobjects\/?$/, 'collections.create', []],
  ['POST', /^\/composite\/?$/, 'composite', []],
  ['POST', /^\/jobs\/ingest\/?$/, 'bulk.create', []],
  ['PUT', /^\/jobs\/ingest\/([^/]+)\/batches\/?$/, 'bulk.upload', ['jobId']],
  ['PATCH', /^\/jobs\/ingest\/([^/]+)\/?$/, 'bulk.state', ['jobId']],
  ['GET', /^\/jobs\/ingest\/([^/]+)\/?$/, 'bulk.info', ['jobId']],
  [
    'GET',
    /^\/jobs\/ingest\/([^/]+)\/(successfulResults|failedResults|unprocessedrecords)\/?$/,
    'bulk.results',
    ['jobId', 'kind'],
  ],
  ['DELETE', /^\/jobs\/ingest\/([^/]+)\/?$/, 'bulk.delete', ['jobId']],
];

export function classifyEndpoint(method: string, path: string): Endpoint {
  for (const [m, pattern, name, params] of ROUTES) {
    if (m !== method.toUpperCase()) continue;
    const match = pattern.exec(path);
    if (!match) continue;
    const values: Record<string, string> = {};
    params.forEach((p, i) => (values[p] = decodeURIComponent(match[i + 1] ?? '')));
    return { name, params: values };
  }
  return { name: 'unknown', params: {} };
}

/** Endpoints that change data: what tests and the benchmark count as write requests. */
export const WRITE_ENDPOINTS = new Set([
  'sobject.update',
  'sobject.delete',
  'sobject.create',
  'collections.update',
  'collections.create',
  'composite',
  'bulk.create',
  'bulk.upload',
  'bulk.state',
]);
