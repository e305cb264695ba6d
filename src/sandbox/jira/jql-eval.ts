import { PROJECTS, STATUSES, type IssueModel } from '../dataset/issues.ts';
import { localToEpoch } from './datetime.ts';
import { JqlError, type Condition, type JqlValue } from './jql.ts';

/**
 * Turns a parsed JQL condition into a predicate over issues. Datetimes without a zone are read in
 * the searching user's time zone, as Jira does ("2025-01-01 10:00" at a Los Angeles user is 18:00
 * UTC); epoch milliseconds are absolute. Also finds the lower bound on `updated` so a search can
 * start from the right place in the stream instead of scanning it all.
 */
export interface EvalContext {
  timeZone: string;
  now: number;
}

const ISSUE_TYPES = ['bug', 'story', 'task'];
const PRIORITIES = ['highest', 'high', 'medium', 'low', 'lowest'];
const CATEGORY_NAMES: Record<string, string> = {
  'to do': 'new',
  'in progress': 'indeterminate',
  done: 'done',
};
const STATUS_NAMES = Object.values(STATUSES).map((s) => s.name.toLowerCase());

const DATE_FORMATS =
  "Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.";

export function dateValue(v: JqlValue, field: string, ctx: EvalContext): number {
  if (v.kind === 'now') return ctx.now;
  if (v.kind === 'empty') throw new JqlError(`The operator is not supported for EMPTY on field '${field}'.`);
  const text = v.text.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const rel = /^([-+]?)(\d+)([mhdw])$/.exec(text);
  if (rel) {
    const unit = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[rel[3] as 'm' | 'h' | 'd' | 'w'];
    return ctx.now + (rel[1] === '-' ? -1 : 1) * Number(rel[2]) * unit;
  }
  const m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/.exec(text);
  if (m) {
    const [, y, mo, d, h = '0', mi = '0'] = m;
    return localToEpoch(Number(y), Number(mo), Number(d), Number(h), Number(mi), ctx.timeZone);
  }
  throw new JqlError(`Date value '${text}' for field '${field}' is invalid. ${DATE_FORMATS}`);
}

function textOf(v: JqlValue, field: string): string {
  if (v.kind !== 'text') throw new JqlError(`The operator is not supported by field '${field}'.`);
  return v.text;
}

function checkValue(field: string, text: string): void {
  const lower = text.toLowerCase();
  const known =
    field === 'project'
      ? Object.keys(PROJECTS).some((k) => k.toLowerCase() === lower) ||
        Object.values(PROJECTS).some((p) => p.id === text)
      : field === 'issuetype'
        ? ISSUE_TYPES.includes(lower)
        : field === 'priority'
          ? PRIORITIES.includes(lower)
          : field === 'status'
            ? STATUS_NAMES.includes(lower)
            : field === 'statuscategory'
              ? lower in CATEGORY_NAMES || ['new', 'indeterminate', 'done'].includes(lower)
              : true;
  if (!known) throw new JqlError(`The value '${text}' does not exist for the field '${field}'.`);
}

function textField(issue: IssueModel, field: string): string | null {
  switch (field) {
    case 'project':
      return issue.project.toLowerCase();
    case 'issuetype':
      return issue.type.toLowerCase();
    case 'priority':
      return issue.priority.toLowerCase();
    case 'status':
      return issue.status.name.toLowerCase();
    case 'statuscategory':
      return issue.status.category;
    case 'key':
      return issue.key.toLowerCase();
    default:
      return issue.id;
  }
}

const normalize = (field: string, text: string): string => {
  const lower = text.toLowerCase();
  if (field === 'project')
    return (
      Object.entries(PROJECTS)
        .find(([, p]) => p.id === text)?.[0]
        .toLowerCase() ?? lower
    );
  if (field === 'statuscategory') return CATEGORY_NAMES[lower] ?? lower;
  return lower;
};

const dateField = (issue: IssueModel, field: string): number | null =>
  field === 'created' ? issue.created : field === 'updated' ? issue.updated : issue.resolved;

export type IssuePredicate = (issue: IssueModel) => boolean;

export function compileCondition(c: Condition | null, ctx: EvalContext): IssuePredicate {
  if (!c) return () => true;
  if (c.kind === 'and' || c.kind === 'or') {
    const items = c.items.map((i) => compileCondition(i, ctx));
    return c.kind === 'and'
      ? (issue) => items.every((f) => f(issue))
      : (issue) => items.some((f) => f(issue));
  }
  if (c.kind === 'not') {
    const inner = compileCondition(c.item, ctx);
    return (issue) => !inner(issue);
  }
  const { field, op, values } = c;
  if (op === 'is' || op === 'is not') {
    const isEmpty = (issue: IssueModel): boolean =>
      ['created', 'updated', 'resolved'].includes(field)
        ? dateField(issue, field) === null
        : textField(issue, field) === null;
    return op === 'is' ? isEmpty : (issue) => !isEmpty(issue);
  }
  if (field === 'created' || field === 'updated' || field === 'resolved') {
    const bounds = values.map((v) => dateValue(v, field, ctx));
    const t = bounds[0]!;
    const cmp: Record<string, (x: number) => boolean> = {
      '=': (x) => x === t,
      '!=': (x) => x !== t,
      '>': (x) => x > t,
      '>=': (x) => x >= t,
      '<': (x) => x < t,
      '<=': (x) => x <= t,
      in: (x) => bounds.includes(x),
      'not in': (x) => !bounds.includes(x),
    };
    const test = cmp[op]!;
    return (issue) => {
      const x = dateField(issue, field);
      return x !== null && test(x);
    };
  }
  if (!['=', '!=', 'in', 'not in'].includes(op))
    throw new JqlError(`The operator '${op}' is not supported by the '${field}' field.`);
  const texts = values.map((v) => textOf(v, field));
  for (const t of texts) checkValue(field, t);
  const wanted = new Set(texts.map((t) => normalize(field, t)));
  const positive = op === '=' || op === 'in';
  return (issue) => wanted.has(textField(issue, field) ?? '') === positive;
}

/** The tightest `updated >= x` / `updated > x` that every match satisfies (top-level AND only). */
export function updatedLowerBound(c: Condition | null, ctx: EvalContext): number | null {
  if (!c) return null;
  const clauses = c.kind === 'and' ? c.items : [c];
  let bound: number | null = null;
  for (const cl of clauses) {
    if (cl.kind !== 'clause' || cl.field !== 'updated' || (cl.op !== '>=' && cl.op !== '>')) continue;
    const t = dateValue(cl.values[0]!, 'updated', ctx);
    bound = bound === null ? t : Math.max(bound, t);
  }
  return bound;
}
