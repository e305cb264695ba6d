import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import { jobInfo } from '../bulk/job.ts';
import { SalesforceFaults } from '../faults.ts';
import { seedRecord } from '../seed.ts';
import type { SalesforceState } from '../state.ts';
import { WRITE_ENDPOINTS } from './classify.ts';

/**
 * `/__sandbox/*`: not Salesforce. Lets tests, the demo and the benchmark read the org's end state,
 * count requests, change faults and usage at run time, and edit records as a user would.
 */
const Usage = z
  .object({ used: z.number().int().min(0).optional(), max: z.number().int().min(1).optional() })
  .strict();

export function adminRouter(state: SalesforceState): Router {
  const router = express.Router();
  router.use(express.json({ limit: '50mb' }));
  const badRequest = (res: Response, issues: unknown): void =>
    void res.status(400).json({ error: 'invalid request', issues });
  const accountOr404 = (req: Request, res: Response) => {
    const found = state.findRecord(String(req.params['id']));
    if (!found || found.object !== 'Account') {
      res.status(404).json({ error: 'no such account' });
      return undefined;
    }
    return found.record;
  };

  router.get('/state', (_req, res) => {
    res.json({
      orgId: state.orgId,
      accounts: [...state.accounts.values()],
      tasks: [...state.tasks.values()],
      users: [...state.users.values()],
      snapshots: [...state.snapshots.values()],
      deleted: [...state.deleted.values()],
      jobs: [...state.jobs.values()].map((j) => jobInfo(j, true)),
      usage: state.usage,
    });
  });
  router.get('/accounts/:id', (req, res) => {
    const record = accountOr404(req, res);
    if (record) res.json(record);
  });
  /** Adds accounts, as if someone created them in Salesforce. */
  router.post('/accounts', (req, res) => {
    const list: unknown[] = Array.isArray(req.body) ? (req.body as unknown[]) : [req.body];
    try {
      const added = list.map((input) => {
        const record = seedRecord(state.defs.Account, input as Record<string, unknown>, {
          now: state.now(),
          ownerId: state.integrationUserId,
          newId: () => state.ids.next('001'),
        });
        state.insert('Account', record);
        return record['Id'];
      });
      res.status(201).json({ ids: added });
    } catch (err) {
      badRequest(res, (err as Error).message);
    }
  });
  /** Edits an account as a user would: fields change and SystemModstamp moves (unless given). */
  router.patch('/accounts/:id', (req, res) => {
    const record = accountOr404(req, res);
    if (!record) return;
    const changes = req.body as Record<string, unknown>;
    const unknown = Object.keys(changes).filter((k) => !(k in record));
    if (unknown.length > 0) return badRequest(res, `unknown fields: ${unknown.join(', ')}`);
    Object.assign(record, changes);
    if (!('SystemModstamp' in changes)) state.touch(record, state.integrationUserId);
    res.json(record);
  });
  router.delete('/accounts/:id', (req, res) => {
    const record = accountOr404(req, res);
    if (!record) return;
    if (record['IsDeleted'] !== true) state.softDelete('Account', record, state.integrationUserId);
    res.status(204).end();
  });

  router.get('/stats', (_req, res) => {
    const writeRequests = Object.entries(state.stats.requests)
      .filter(([name]) => WRITE_ENDPOINTS.has(name))
      .reduce((n, [, count]) => n + count, 0);
    res.json({ ...state.stats, writeRequests, apiUsage: state.usage });
  });
  router.post('/stats/reset', (_req, res) => {
    state.resetStats();
    res.status(204).end();
  });

  router.get('/faults', (_req, res) => res.json(state.faults.settings));
  router.post('/faults', (req, res) => {
    const parsed = SalesforceFaults.safeParse(req.body ?? {});
    if (!parsed.success) return badRequest(res, parsed.error.issues);
    state.faults.set(parsed.data);
    res.json(state.faults.settings);
  });
  router.delete('/faults', (_req, res) => {
    state.faults.set({});
    res.status(204).end();
  });

  router.post('/api-usage', (req, res) => {
    const parsed = Usage.safeParse(req.body ?? {});
    if (!parsed.success) return badRequest(res, parsed.error.issues);
    if (parsed.data.max !== undefined) state.usage.max = parsed.data.max;
    if (parsed.data.used !== undefined) state.usage.used = parsed.data.used;
    res.json(state.usage);
  });
  router.post('/expire-tokens', (_req, res) => {
    const expired = state.tokens.size;
    state.tokens.clear();
    res.json({ expired });
  });
  return router;
}
