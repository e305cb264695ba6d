import { z } from 'zod';
import { MAX_CALL_MS, type CallModel } from '../dataset/calls.ts';
import type { Dataset } from '../dataset/dataset.ts';
import { conversationJson } from './records.ts';

/**
 * Which conversations a details query (or an async job) returns: those that overlap the interval
 * and started on a UTC day the interval touches ("Results will only include conversations that
 * started on a day touched by the interval"), that have ended and whose data has arrived (end +
 * lag <= now), and that pass the segment and conversation filters.
 */
const Predicate = z
  .object({
    type: z.enum(['dimension', 'property', 'metric']).default('dimension'),
    dimension: z.string().optional(),
    operator: z.enum(['matches', 'exists', 'notExists']).default('matches'),
    value: z.string().optional(),
  })
  .loose();
const Clause = z.object({ type: z.enum(['and', 'or']), predicates: z.array(Predicate) }).loose();
const Filter = z
  .object({
    type: z.enum(['and', 'or']),
    clauses: z.array(Clause).optional(),
    predicates: z.array(Predicate).optional(),
  })
  .loose();
export type DetailFilter = z.infer<typeof Filter>;

export const QueryShape = z
  .object({
    interval: z.string(),
    order: z.enum(['asc', 'desc', 'unordered']).default('asc'),
    orderBy: z
      .enum(['conversationStart', 'conversationEnd', 'segmentStart', 'segmentEnd'])
      .default('conversationStart'),
    paging: z
      .object({ pageSize: z.number().int().default(25), pageNumber: z.number().int().default(1) })
      .loose()
      .optional(),
    conversationFilters: z.array(Filter).optional(),
    segmentFilters: z.array(Filter).optional(),
    limit: z.number().int().positive().optional(),
  })
  .loose();
export type QueryShape = z.infer<typeof QueryShape>;

export const SEGMENT_DIMENSIONS = [
  'mediaType',
  'queueId',
  'direction',
  'purpose',
  'userId',
  'ani',
  'dnis',
  'segmentType',
  'disconnectType',
  'wrapUpCode',
];
export const CONVERSATION_DIMENSIONS = [
  'conversationId',
  'originatingDirection',
  'conversationInitiator',
  'divisionId',
];

export class QueryError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** Parses "start/end" (ISO-8601 instants). */
export function parseInterval(interval: string): { start: number; end: number } {
  const [a, b, extra] = interval.split('/');
  const start = a ? Date.parse(a) : NaN;
  const end = b ? Date.parse(b) : NaN;
  if (extra !== undefined || Number.isNaN(start) || Number.isNaN(end))
    throw new QueryError(
      'invalid.date',
      'Dates must be specified as ISO-8601 strings. For example: yyyy-MM-ddTHH:mm:ss.SSSZ',
    );
  if (end <= start)
    throw new QueryError('bad.request', `Invalid interval ${interval}: the end must be after the start`);
  return { start, end };
}

function checkFilters(filters: DetailFilter[] | undefined, dims: string[], kind: string): void {
  for (const f of filters ?? [])
    for (const p of [...(f.predicates ?? []), ...(f.clauses ?? []).flatMap((c) => c.predicates)]) {
      if (p.type !== 'dimension')
        throw new QueryError(
          'invalid.value',
          `Value [${p.type}] is not valid for field type [${kind}PredicateType]. The sandbox filters on dimensions only`,
        );
      if (!p.dimension || !dims.includes(p.dimension))
        throw new QueryError(
          'invalid.value',
          `Value [${p.dimension ?? ''}] is not valid for field type [${kind}Dimension]. Allowable values are: ${dims.join(', ')}`,
        );
    }
}

type Context = Record<string, string | undefined>;
const test = (p: z.infer<typeof Predicate>, c: Context): boolean => {
  const v = c[p.dimension ?? ''];
  if (p.operator === 'exists') return v !== undefined;
  if (p.operator === 'notExists') return v === undefined;
  return v !== undefined && v === p.value;
};
function filterMatches(f: DetailFilter, c: Context): boolean {
  const results = [
    ...(f.predicates ?? []).map((p) => test(p, c)),
    ...(f.clauses ?? []).map((cl) =>
      cl.type === 'and' ? cl.predicates.every((p) => test(p, c)) : cl.predicates.some((p) => test(p, c)),
    ),
  ];
  return f.type === 'and' ? results.every(Boolean) : results.some(Boolean);
}

/** Every segment of a conversation with the dimensions of its session and participant. */
function segmentContexts(conv: Record<string, unknown>): Context[] {
  const out: Context[] = [];
  for (const p of conv['participants'] as Record<string, unknown>[])
    for (const s of p['sessions'] as Record<string, unknown>[])
      for (const seg of s['segments'] as Record<string, unknown>[])
        out.push({
          mediaType: s['mediaType'] as string,
          direction: s['direction'] as string,
          ani: s['ani'] as string,
          dnis: s['dnis'] as string,
          purpose: p['purpose'] as string,
          userId: p['userId'] as string | undefined,
          queueId: seg['queueId'] as string | undefined,
          segmentType: seg['segmentType'] as string,
          disconnectType: seg['disconnectType'] as string | undefined,
          wrapUpCode: seg['wrapUpCode'] as string | undefined,
        });
  return out;
}

export interface Selection {
  /** Call indexes in the requested order. */
  indexes: number[];
}

export function validateFilters(q: QueryShape): void {
  checkFilters(q.segmentFilters, SEGMENT_DIMENSIONS, 'SegmentDetailQuery');
  checkFilters(q.conversationFilters, CONVERSATION_DIMENSIONS, 'ConversationDetailQuery');
}

export function selectConversations(
  ds: Dataset,
  q: QueryShape,
  visibleUntil: number,
  lagMs: number,
): Selection {
  const { start, end } = parseInterval(q.interval);
  const startDay = Math.floor(start / 86_400_000);
  const hits: CallModel[] = [];
  const hasFilters = (q.segmentFilters?.length ?? 0) + (q.conversationFilters?.length ?? 0) > 0;
  for (const e of ds.calls.forward({ time: start - MAX_CALL_MS, index: -1 }, end - 1)) {
    const c = e.model();
    if (c.end <= start || Math.floor(c.start / 86_400_000) < startDay || c.end + lagMs > visibleUntil)
      continue;
    if (hasFilters) {
      const conv = conversationJson(c);
      const convContext: Context = {
        conversationId: c.conversationId,
        originatingDirection: c.direction,
        conversationInitiator: conv['conversationInitiator'] as string,
        divisionId: c.divisionId,
      };
      if (!(q.conversationFilters ?? []).every((f) => filterMatches(f, convContext))) continue;
      const segs = segmentContexts(conv);
      if (!(q.segmentFilters ?? []).every((f) => segs.some((s) => filterMatches(f, s)))) continue;
    }
    hits.push(c);
  }
  if (q.orderBy === 'conversationEnd' || q.orderBy === 'segmentEnd')
    hits.sort((a, b) => a.end - b.end || a.index - b.index);
  if (q.order === 'desc') hits.reverse();
  return { indexes: hits.map((c) => c.index) };
}
