import { randomUUID } from 'node:crypto';
import express, { type Router } from 'express';
import type { SimContext } from '../common/sim-context.ts';
import { genesysError } from './errors.ts';
import { conversationJson } from './records.ts';
import { parseInterval, QueryError, QueryShape, selectConversations, validateFilters } from './select.ts';

/**
 * Asynchronous conversation detail jobs, for backfills:
 * https://developer.genesys.cloud/analyticsdatamanagement/analytics/jobs/conversation-details-job
 * POST …/jobs → {jobId}; GET …/jobs/{id} moves QUEUED → PENDING → FULFILLED over successive polls
 * (or FAILED); GET …/jobs/{id}/results?cursor= pages the result; GET …/jobs/availability says up to
 * when the data lake holds data (jobs see nothing after it).
 */
export interface JobOptions {
  /** Polls before a job is FULFILLED (the first poll sees QUEUED, the next PENDING). */
  pollsUntilFulfilled: number;
  /** How far behind now the data lake is. */
  availabilityLagMs: number;
  /** Share of jobs that end FAILED. */
  failureRate: number;
}

interface Job {
  id: string;
  query: QueryShape;
  submittedAt: number;
  polls: number;
  state: 'QUEUED' | 'PENDING' | 'FULFILLED' | 'FAILED';
  completedAt: number | null;
  indexes: number[] | null;
  failed: boolean;
}

const iso = (ms: number): string => new Date(ms).toISOString();
const availability = (ctx: SimContext, o: JobOptions): number =>
  Math.floor((ctx.clock.now() - o.availabilityLagMs) / 60_000) * 60_000;

export function jobRoutes(ctx: SimContext, o: JobOptions): Router {
  const r = express.Router();
  const jobs = new Map<string, Job>();
  let submitted = 0;
  const base = '/api/v2/analytics/conversations/details/jobs';

  r.get(
    `${base}/availability`,
    (_req, res) => void res.json({ dataAvailabilityDate: iso(availability(ctx, o)) }),
  );

  r.post(base, (req, res) => {
    const parsed = QueryShape.safeParse(req.body ?? {});
    if (!parsed.success) return genesysError(res, 400, 'bad.request', parsed.error.issues[0]!.message);
    try {
      // Validated when submitted, not when the job runs.
      validateFilters(parsed.data);
      parseInterval(parsed.data.interval);
    } catch (err) {
      if (err instanceof QueryError) return genesysError(res, 400, err.code, err.message);
      throw err;
    }
    const id = randomUUID();
    submitted++;
    const failed = o.failureRate > 0 && (submitted * 0.6180339887) % 1 < o.failureRate;
    jobs.set(id, {
      id,
      query: parsed.data,
      submittedAt: ctx.clock.now(),
      polls: 0,
      state: 'QUEUED',
      completedAt: null,
      indexes: null,
      failed,
    });
    res.status(202).json({ jobId: id });
  });

  r.get(`${base}/:jobId`, (req, res) => {
    const job = jobs.get(req.params['jobId']);
    if (!job) return genesysError(res, 404, 'not.found', 'The requested job was not found.');
    job.polls++;
    if (job.state === 'QUEUED' && job.polls >= 2) job.state = 'PENDING';
    if (job.state === 'PENDING' && job.polls >= o.pollsUntilFulfilled) {
      job.completedAt = ctx.clock.now();
      if (job.failed) job.state = 'FAILED';
      else {
        try {
          job.indexes = selectConversations(ctx.dataset, job.query, availability(ctx, o), 0).indexes;
          job.state = 'FULFILLED';
        } catch (err) {
          if (!(err instanceof QueryError)) throw err;
          job.state = 'FAILED';
        }
      }
    }
    res.json({
      state: job.state,
      submissionDate: iso(job.submittedAt),
      ...(job.completedAt
        ? { completionDate: iso(job.completedAt), expirationDate: iso(job.completedAt + 2 * 86_400_000) }
        : {}),
      ...(job.state === 'FAILED' ? { errorMessage: 'The job failed. Please try again.' } : {}),
    });
  });

  r.delete(`${base}/:jobId`, (req, res) => {
    jobs.delete(req.params['jobId']);
    res.status(204).end();
  });

  r.get(`${base}/:jobId/results`, (req, res) => {
    const job = jobs.get(req.params['jobId']);
    if (!job) return genesysError(res, 404, 'not.found', 'The requested job was not found.');
    if (job.state !== 'FULFILLED' || !job.indexes)
      return genesysError(
        res,
        400,
        'bad.request',
        `Job ${job.id} is ${job.state}; results are available once it is FULFILLED.`,
      );
    const size = Math.min(1000, Math.max(1, Number(req.query['pageSize'] ?? 1000) || 1000));
    const raw = typeof req.query['cursor'] === 'string' ? req.query['cursor'] : null;
    const offset = raw === null ? 0 : Number(Buffer.from(raw, 'base64url').toString('utf8'));
    if (!Number.isInteger(offset) || offset < 0)
      return genesysError(res, 400, 'bad.request', 'Invalid cursor');
    const page = job.indexes.slice(offset, offset + size);
    const body: Record<string, unknown> = {
      conversations: page.map((i) => conversationJson(ctx.dataset.calls.latest(i)!)),
      dataAvailabilityDate: iso(availability(ctx, o)),
    };
    if (offset + size < job.indexes.length)
      body['cursor'] = Buffer.from(String(offset + size)).toString('base64url');
    res.json(body);
  });
  return r;
}
