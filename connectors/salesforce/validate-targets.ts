import type { AccountsMapping } from '../../src/config/mappings/accounts.ts';
import type { SalesforceEnv } from './env.ts';
import type { Mappings } from '../../src/config/mappings/index.ts';
import type { SalesforceMapping } from '../../src/config/mappings/salesforce.ts';
import type { ScorecardMapping } from '../../src/config/mappings/scorecard.ts';
import type { ConfigProblem } from '../../src/errors.ts';
import type { FieldIndex } from '../../src/writeback/types.ts';
import { type ConnectDeps, type SalesforceSession, connectSalesforce } from './auth.ts';
import { type DescribeOptions, describeFields } from './describe.ts';
import { sfErrorCode } from './errors.ts';
import { explainWhere } from './explain-where.ts';
import { SNAPSHOT_COLUMNS } from './snapshots-api.ts';

export const STATUS_VALUES = ['green', 'yellow', 'red', 'insufficient_data'] as const;
const NUMBER_TYPES = ['double', 'percent', 'int'];

/** The Salesforce field types each kind of written value fits. */
export function expectedTypes(value: string): string[] {
  if (value.startsWith('metric:') || value === 'score' || value === 'trend_7d' || value === 'trend_30d')
    return NUMBER_TYPES;
  if (value === 'status') return ['picklist', 'string'];
  if (value === 'drivers') return ['textarea', 'string'];
  if (value === 'computed_at') return ['datetime'];
  return ['string']; // scorecard_version
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length]!;
}

function missing(fields: FieldIndex, name: string, object: string): string {
  const near = [...fields.values()]
    .map((f) => ({ f, d: distance(f.name.toLowerCase(), name.toLowerCase()) }))
    .filter(({ d }) => d <= 2)
    .sort((x, y) => x.d - y.d)[0];
  return `no field "${name}" on ${object}${near ? ` (did you mean ${near.f.name}?)` : ''}; or the integration user cannot see it (field-level security)`;
}

/** Pure: the problems of salesforce.yaml's write targets against the org's describe. */
export function targetProblems(fields: FieldIndex, mapping: SalesforceMapping): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  mapping.fields.forEach(({ target, value }, i) => {
    const at = { file: 'salesforce.yaml', path: ['fields', i, 'target'] };
    const f = fields.get(target.toLowerCase());
    if (!f) return void out.push({ ...at, message: missing(fields, target, mapping.object) });
    if (!f.updateable)
      out.push({
        ...at,
        message: `"${f.name}" is not updateable by the integration user (a formula or roll-up field, or read-only field-level security)`,
      });
    const types = expectedTypes(value);
    if (!types.includes(f.type)) {
      out.push({ ...at, message: `"${f.name}" is a ${f.type} field; ${value} needs ${types.join(' or ')}` });
      return;
    }
    if (value === 'status' && f.type === 'picklist') {
      const lacking = STATUS_VALUES.filter((s) => !f.picklistValues.includes(s));
      if (lacking.length)
        out.push({
          ...at,
          message: `picklist "${f.name}" lacks the active value${lacking.length > 1 ? 's' : ''} ${lacking.join(', ')} (health-sync writes ${STATUS_VALUES.join(', ')})`,
        });
    }
    if (value === 'status' && f.type === 'string' && f.length < 'insufficient_data'.length)
      out.push({
        ...at,
        message: `"${f.name}" holds ${f.length} characters; status values need ${'insufficient_data'.length}`,
      });
  });
  return out;
}

/** Pure: the Account fields accounts.yaml reads must exist (they need not be updateable). */
export function readFieldProblems(fields: FieldIndex, accounts: AccountsMapping): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const check = (path: (string | number)[], name: string | null): void => {
    if (name !== null && !fields.has(name.toLowerCase()))
      out.push({ file: 'accounts.yaml', path, message: missing(fields, name, 'Account') });
  };
  for (const [key, name] of Object.entries(accounts.salesforce.fields))
    check(['salesforce', 'fields', key], name);
  for (const [key, name] of Object.entries(accounts.salesforce.extra))
    check(['salesforce', 'extra', key], name);
  return out;
}

const OVERRIDE_TYPES: Readonly<Record<'status' | 'reason' | 'until', string[]>> = {
  status: ['picklist', 'string'],
  reason: ['string', 'textarea'],
  until: ['date'],
};

/** Pure: salesforce.yaml's override fields exist on Account with types health-sync can read. */
export function overrideFieldProblems(fields: FieldIndex, mapping: SalesforceMapping): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  const o = mapping.overrides;
  if (!o) return out;
  for (const key of ['status', 'reason', 'until'] as const) {
    const at = { file: 'salesforce.yaml', path: ['overrides', key] };
    const f = fields.get(o[key].toLowerCase());
    if (!f) {
      out.push({ ...at, message: missing(fields, o[key], mapping.object) });
      continue;
    }
    const types = OVERRIDE_TYPES[key];
    if (!types.includes(f.type))
      out.push({
        ...at,
        message: `"${f.name}" is a ${f.type} field; the override's ${key} needs ${types.join(' or ')}`,
      });
    if (key === 'status' && f.type === 'picklist') {
      const lacking = STATUS_VALUES.slice(0, 3).filter((s) => !f.picklistValues.includes(s));
      if (lacking.length)
        out.push({
          ...at,
          message: `picklist "${f.name}" lacks ${lacking.join(', ')} (an override is green, yellow or red)`,
        });
    }
  }
  return out;
}

/** The Account field types a salesforce_field measure can score: numbers, and dates as days until them. */
export const MEASURABLE_TYPES = ['double', 'percent', 'currency', 'int', 'date', 'datetime'];

/** Pure: each Account field a scorecard measure reads exists and holds a number or a date. */
export function measureFieldProblems(
  fields: FieldIndex,
  scorecard: Pick<ScorecardMapping, 'measures'>,
): ConfigProblem[] {
  const out: ConfigProblem[] = [];
  scorecard.measures.forEach((m, i) => {
    if (m.kind !== 'salesforce_field') return;
    const at = { file: 'scorecard.yaml', path: ['measures', i, 'field'] };
    const f = fields.get(m.field.toLowerCase());
    if (!f) return void out.push({ ...at, message: missing(fields, m.field, 'Account') });
    if (!MEASURABLE_TYPES.includes(f.type))
      out.push({
        ...at,
        message: `"${f.name}" is a ${f.type} field; a salesforce_field measure needs a number or a date (${MEASURABLE_TYPES.join(', ')})`,
      });
  });
  return out;
}

/**
 * Pure: with `snapshots` on, the org has the snapshot object (`fields` null when it has not) and every
 * field the snapshot writer sets on it.
 */
export function snapshotProblems(fields: FieldIndex | null, mapping: SalesforceMapping): ConfigProblem[] {
  if (mapping.snapshots === false) return [];
  const { object } = mapping.snapshots;
  const at = { file: 'salesforce.yaml', path: ['snapshots', 'object'] };
  if (fields === null)
    return [
      {
        ...at,
        message: `the org has no object "${object}", or the integration user cannot read it: deploy the package in connectors/salesforce/org and assign the Health_Sync_Integration permission set (health-sync salesforce check says what is missing), or set snapshots: false`,
      },
    ];
  return SNAPSHOT_COLUMNS.filter((name) => !fields.has(name.toLowerCase())).map((name) => ({
    ...at,
    message: missing(fields, name, object),
  }));
}

/** Describe answers these for an object that is absent or that the user may not see. */
const NO_OBJECT = new Set(['NOT_FOUND', 'INVALID_TYPE', 'ERROR_HTTP_404']);

/** The snapshot object's fields, or null when the org has no such object for this user. */
async function describeSnapshotObject(
  session: SalesforceSession,
  mapping: SalesforceMapping,
  options: DescribeOptions,
): Promise<FieldIndex | null> {
  if (mapping.snapshots === false) return null;
  try {
    return await describeFields(session, { ...options, object: mapping.snapshots.object });
  } catch (err) {
    if (NO_OBJECT.has(sfErrorCode(err) ?? '')) return null;
    throw err;
  }
}

/**
 * Checks the mapping against the org (a cached describe of Account): each write target exists, is
 * updateable and has a type that fits its value; with `accounts`, the fields read exist too; with
 * `scorecard`, the fields its measures read exist and hold numbers or dates.
 */
export async function validateSalesforceTargets(
  session: SalesforceSession,
  mapping: SalesforceMapping,
  options: DescribeOptions & {
    accounts?: AccountsMapping;
    scorecard?: Pick<ScorecardMapping, 'measures'>;
  } = {},
): Promise<ConfigProblem[]> {
  const fields = await describeFields(session, { ...options, object: mapping.object });
  return [
    ...targetProblems(fields, mapping),
    ...overrideFieldProblems(fields, mapping),
    ...(options.accounts ? readFieldProblems(fields, options.accounts) : []),
    ...(options.scorecard ? measureFieldProblems(fields, options.scorecard) : []),
  ];
}

/**
 * For `health-sync validate` with Salesforce credentials: connects, then checks salesforce.yaml's
 * targets, accounts.yaml's read fields, scorecard.yaml's Account field measures and the snapshot object
 * (when `snapshots` is on) against the org, and asks the org whether accounts.yaml's
 * `where` is a condition it accepts (`GET /query?explain=`, which runs nothing). A failed
 * connection throws (SOURCE_AUTH).
 */
export async function validateAgainstOrg(
  env: SalesforceEnv,
  mappings: Pick<Mappings, 'salesforce' | 'accounts'> & Partial<Pick<Mappings, 'scorecard'>>,
  options: DescribeOptions & { connect?: ConnectDeps } = {},
): Promise<ConfigProblem[]> {
  const session = await connectSalesforce(env, options.connect ?? {});
  return [
    ...(await validateSalesforceTargets(session, mappings.salesforce, {
      ...options,
      accounts: mappings.accounts,
      ...(mappings.scorecard ? { scorecard: mappings.scorecard } : {}),
    })),
    ...snapshotProblems(
      await describeSnapshotObject(session, mappings.salesforce, options),
      mappings.salesforce,
    ),
    ...(await explainWhere(session, mappings.accounts.salesforce.where)),
  ];
}
