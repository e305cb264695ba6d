import express, { type Router } from 'express';
import { z } from 'zod';
import { MutationOptions } from '../dataset/mutate.ts';
import { FaultConfig } from './faults.ts';
import type { SimContext } from './sim-context.ts';

/**
 * The sandbox's own endpoints, outside every vendor path: stats, faults at run time, mutations of
 * the dataset (shared by all simulators of a sandbox) and the clock.
 */
const ClockBody = z.union([
  z.object({ advanceMs: z.number().int() }).strict(),
  z.object({ set: z.number().int().positive() }).strict(),
]);

export function controlRoutes(ctx: SimContext): Router {
  const r = express.Router();
  r.use(express.json());
  r.get('/__sandbox/health', (_req, res) => void res.json({ ok: true, now: ctx.clock.now() }));
  r.get(
    '/__sandbox/stats',
    (_req, res) =>
      void res.json({
        ...ctx.stats.snapshot(),
        faults: ctx.faults.counts(),
        mutations: ctx.dataset.mutations().length,
      }),
  );
  r.delete('/__sandbox/stats', (_req, res) => {
    ctx.stats.reset();
    res.status(204).end();
  });
  r.get('/__sandbox/faults', (_req, res) => void res.json(ctx.faults.config()));
  r.post('/__sandbox/faults', (req, res) => {
    const parsed = FaultConfig.safeParse(req.body ?? {});
    if (!parsed.success)
      return void res.status(400).json({ error: 'invalid fault config', issues: parsed.error.issues });
    res.json(ctx.faults.set(parsed.data));
  });
  r.post('/__sandbox/mutate', (req, res) => {
    const parsed = MutationOptions.safeParse(req.body ?? {});
    if (!parsed.success)
      return void res.status(400).json({ error: 'invalid mutation', issues: parsed.error.issues });
    res.json(ctx.dataset.mutate({ ...parsed.data, at: parsed.data.at ?? ctx.clock.now() }));
  });
  r.post('/__sandbox/clock', (req, res) => {
    const parsed = ClockBody.safeParse(req.body ?? {});
    if (!parsed.success) return void res.status(400).json({ error: 'send {advanceMs} or {set}' });
    const now =
      'advanceMs' in parsed.data ? ctx.clock.advance(parsed.data.advanceMs) : ctx.clock.set(parsed.data.set);
    res.json({ now });
  });
  return r;
}
