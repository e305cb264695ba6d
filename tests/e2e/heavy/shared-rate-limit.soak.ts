import { afterAll, beforeAll, expect, it } from 'vitest';
import { allOutputLines } from '../support/cli.ts';
import { cleanOutcome, expectSameOutcome, outcomeOf, type Outcome } from '../support/converge.ts';
import { leakyLines } from '../support/secrets.ts';
import {
  describeRun,
  rateLimitedSync,
  SHARED_LIMIT_FAULTS,
  SHARED_LIMIT_WORLD,
} from '../support/shared-limit.ts';
import { withWorld } from '../support/world.ts';

/**
 * `npm run soak:429` (issue 15 §4): the shared-rate-limit scenario of tests/e2e/shared-rate-limit.test.ts,
 * SOAK_RUNS times (default 20), SOAK_PARALLEL at once (default 2; the runs mostly wait, so more fit a
 * small machine). Whether a run passes depended on how the concurrent requests interleaved, so one
 * pass proves little: every run must succeed and converge on the clean outcome. Prints each run and
 * the pass counts.
 */
const RUNS = Number(process.env['SOAK_RUNS'] ?? 20);
const PARALLEL = Math.max(1, Number(process.env['SOAK_PARALLEL'] ?? 2));
const secrets = new Set<string>();
let reference: Outcome;

beforeAll(async () => {
  reference = await withWorld(SHARED_LIMIT_WORLD, secrets, cleanOutcome);
});

afterAll(() => {
  expect(leakyLines(allOutputLines, [...secrets])).toEqual([]);
});

interface Result {
  succeeded: boolean;
  converged: boolean;
  line: string;
}

async function once(i: number): Promise<Result> {
  return withWorld({ ...SHARED_LIMIT_WORLD, faults: SHARED_LIMIT_FAULTS }, secrets, async (w) => {
    const { run, code, sims } = await rateLimitedSync(w);
    const succeeded = code === 0 && run.status === 'succeeded';
    let converged = false;
    let why = '';
    try {
      expectSameOutcome(await outcomeOf(w), reference, `run ${i}`);
      converged = true;
    } catch (err) {
      why = ` — differs from the clean run: ${String(err).slice(0, 300)}`;
    }
    const errors = run.stats.errors.map(
      (e) => `${e.code}[${e.source ?? e.stage}] ${e.message.slice(0, 200)}`,
    );
    return {
      succeeded,
      converged,
      line: `run ${i}: ${describeRun(run, sims)}${errors.length ? ` — errors: ${errors.join(' | ')}` : ''}${why}`,
    };
  });
}

it(`every third request refused with 429, ${RUNS} runs: each succeeds and converges`, async () => {
  const results: Result[] = [];
  let next = 1;
  const worker = async (): Promise<void> => {
    for (let i = next++; i <= RUNS; i = next++) {
      const r = await once(i);
      console.log(r.line);
      results.push(r);
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  const succeeded = results.filter((r) => r.succeeded).length;
  const converged = results.filter((r) => r.converged).length;
  console.log(`soak:429 — ${RUNS} runs: ${succeeded} succeeded, ${converged} converged on the clean outcome`);
  expect({ succeeded, converged }).toEqual({ succeeded: RUNS, converged: RUNS });
});
