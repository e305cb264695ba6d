import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataset } from '../../src/sandbox/dataset/dataset.ts';
import { TOKENS } from '../server/helpers.ts';
import { TEST_DAY } from '../support/test-clock.ts';
import { HAVE_CHROMIUM, launchChromium, seriousViolations } from './support/browser.ts';
import { startDemoServer, type DemoServer } from './support/demo-server.ts';

const SHOTS = join(import.meta.dirname, '..', '..', 'docs', 'console');
const ACCOUNTS = 50;
const SEED = 3;

/**
 * The console in Debian's Chromium against `health-sync demo --serve`: one demo and one browser for
 * the file, a fresh browser context (an empty sessionStorage) per role.
 */
describe.skipIf(!HAVE_CHROMIUM)('the console in Chromium', () => {
  let demo: DemoServer;
  let browser: Browser;
  const cspErrors: string[] = [];
  const trouble = (() => {
    // The demo's sandbox starts its dataset on the pinned day: the same seed builds the same book.
    const ds = createDataset({ seed: SEED, accounts: ACCOUNTS, now: TEST_DAY });
    const account = ds.accounts().find((a) => a.id === ds.scenarios.trouble);
    if (!account) throw new Error('the dataset has no trouble account');
    return account;
  })();

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    [demo, browser] = await Promise.all([
      startDemoServer({ accounts: ACCOUNTS, seed: SEED }),
      launchChromium(),
    ]);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    expect(await demo?.stop()).toBe(0);
  });

  async function signedIn(token: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
    });
    await page.goto(`${demo.url}/`);
    await page.getByLabel('Token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Accounts', level: 1 }).waitFor();
    return page;
  }

  it('serves the sign-in page under a strict CSP, and it is accessible', async () => {
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
    const page = await context.newPage();
    const res = await page.goto(`${demo.url}/`);
    const csp = res?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(res?.headers()['cache-control']).toBe('no-cache');
    await page.getByLabel('Token').waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'sign-in.png') });
    // A wrong token is refused with the API's message, and not kept.
    await page.getByLabel('Token').fill('not-a-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not valid');
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await page.context().close();
  });

  it('signs in an admin and lists the accounts with counts, histogram and paging by the server', async () => {
    const page = await signedIn(demo.demoToken);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(ACCOUNTS);
    const red = Number((await page.locator('.chip-red .chip-count').textContent())?.replace(/\D/g, ''));
    expect(red).toBeGreaterThan(0);
    expect(page.url()).not.toContain(demo.demoToken);
    expect(await page.locator('.chart canvas').count()).toBeGreaterThan(0);
    // Filtering by red asks the server for the red accounts only.
    await page.locator('.chip-red').click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(red);
    await page.locator('.chip-red').click();
    await expect.poll(() => page.locator('tbody tr').count()).toBe(ACCOUNTS);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'accounts.png'), fullPage: false });
    await page.context().close();
  });

  it('finds the trouble account and reads why it is red', async () => {
    const page = await signedIn(TOKENS.admin);
    await page.getByLabel('Search accounts by name').fill(trouble.name);
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    await page.getByRole('link', { name: trouble.name }).click();
    await page.getByRole('heading', { name: trouble.name, level: 1 }).waitFor();
    await expect.poll(() => page.locator('.score-card .badge').textContent()).toBe('Red');
    const drivers = await page.locator('.drivers li').allTextContents();
    expect(drivers.length).toBeGreaterThan(0);
    expect(drivers[0]).toMatch(/target/);
    // Each measure's value, target, sub-score, weight and points lost; the history chart.
    expect(await page.locator('table.table tbody tr').count()).toBeGreaterThan(3);
    expect(await page.locator('.chart canvas').count()).toBeGreaterThan(0);
    // Each measure's band, from the scorecard.
    await expect.poll(() => page.locator('td.band').first().textContent()).toMatch(/→|≥|≤/);
    // The Tasks health-sync opened for it, and the facts behind the score by source and window.
    const tasks = page.getByRole('table', { name: 'Tasks health-sync opened' });
    await tasks.waitFor();
    expect(await tasks.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await tasks.locator('tbody').textContent()).toMatch(/status_drop|signal:/);
    const zendesk = page.locator('.fact-counts tr[data-source="zendesk"]');
    const counts = (await zendesk.locator('td.num').allTextContents()).map((c) =>
      Number(c.replace(/\D/g, '')),
    );
    expect(counts).toHaveLength(3);
    expect(counts[2]).toBeGreaterThan(0);
    expect(counts[0]).toBeLessThanOrEqual(counts[1] ?? 0);
    expect(await zendesk.locator('.id-list li').count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'account.png'), fullPage: true });
    await page.context().close();
  });

  it('an operator triggers a run from the Runs page and sees it go to completion without reloading', async () => {
    const page = await signedIn(TOKENS.operator);
    await page.getByRole('link', { name: 'Runs' }).click();
    await page.getByRole('heading', { name: 'Runs', level: 1 }).waitFor();
    // The demo's full sync and its re-score.
    await expect.poll(() => page.locator('tbody tr').count()).toBe(2);
    await page.getByRole('button', { name: 'Run now' }).click();
    await expect
      .poll(() => page.locator('.grid-runs > section:first-child tbody tr').count(), { timeout: 10_000 })
      .toBe(3);
    await page.getByRole('heading', { name: `Run #3` }).waitFor();
    await expect
      .poll(() => page.locator('.grid-runs section:nth-child(2) .panel-head .badge').textContent(), {
        timeout: 30_000,
      })
      .toBe('succeeded');
    // Its per-source counters came with it.
    expect(await page.locator('.grid-runs section:nth-child(2) tbody tr').count()).toBeGreaterThan(0);
    // The page showed the run's streams as they were read: a run record keeps no per-stream
    // progress, so these rows came from the run's server-sent events, which the page opened before it
    // started the run (the demo's run is over in about a second: opened after, it would find no run).
    expect(
      await page.getByRole('table', { name: 'Progress per stream' }).locator('tbody tr').count(),
    ).toBeGreaterThan(3);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'runs.png') });
    await page.context().close();
  }, 60_000);

  it('a viewer sees no edit control, and the API refuses the call anyway', async () => {
    const page = await signedIn(TOKENS.viewer);
    await expect.poll(() => page.locator('.whoami .role').textContent()).toBe('viewer');
    await page.getByRole('link', { name: 'Runs' }).click();
    await page.getByRole('heading', { name: 'Runs', level: 1 }).waitFor();
    await page.locator('tbody tr').first().waitFor();
    expect(await page.getByRole('button', { name: 'Run now' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Dry run' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Scorecard' }).count()).toBe(0);
    const status = await page.evaluate(async (token) => {
      const res = await fetch('/runs', {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: '{}',
      });
      return res.status;
    }, TOKENS.viewer);
    expect(status).toBe(403);
    await page.getByRole('link', { name: 'Unmatched' }).click();
    await page.getByRole('heading', { name: 'Unmatched', level: 1 }).waitFor();
    await expect.poll(() => page.locator('tbody tr').count()).toBeGreaterThan(0);
    // For the top keys, the fix: an accounts.yaml rule as text to copy, or the source's data to correct.
    await expect.poll(() => page.locator('.suggestions li').count()).toBeGreaterThan(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'unmatched.png'), fullPage: true });
    await page.getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('heading', { name: 'Audit', level: 1 }).waitFor();
    await expect.poll(() => page.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('tbody').textContent()).toContain('vera');
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'audit.png') });
    await page.context().close();
  });

  it('an admin changes a weight, sees the what-if and submits it; a second admin approves it', async () => {
    const alice = await signedIn(TOKENS.admin);
    await alice.getByRole('link', { name: 'Scorecard' }).click();
    const csat = alice.getByLabel('Weight of csat');
    await csat.waitFor();
    expect(await csat.inputValue()).toBe('20');
    // An invalid weight: the API's validation answers while typing, on that field.
    await csat.fill('-5');
    await expect.poll(() => csat.getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true');
    const csatError = alice.locator(`#${await csat.getAttribute('aria-describedby')}`);
    expect(await csatError.textContent()).toMatch(/>=\s*0|at least 0|too small/i);
    expect(await alice.getByLabel('Weight of sla').getAttribute('aria-invalid')).toBe('false');
    expect(await seriousViolations(alice)).toEqual([]);
    await csat.fill('60');
    await expect.poll(() => csat.getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('false');
    expect(await alice.getByLabel('Text of scorecard.yaml').inputValue()).toMatch(
      /id: csat[\s\S]*?weight: 60/,
    );
    await alice.getByRole('button', { name: 'Show what-if' }).click();
    const summary = alice.locator('.whatif-summary');
    await expect
      .poll(() => summary.textContent(), { timeout: 20_000 })
      .toMatch(/of 50 accounts change status|No account of 50/);
    // The counts by status the change would make (the what-if's right column).
    const byStatus = alice.getByRole('table', { name: 'Accounts by status, now and with the change' });
    expect(await byStatus.locator('tbody tr').count()).toBe(4);
    // The histogram before and after, and the Salesforce writes the change causes.
    expect(await alice.locator('.whatif-histograms canvas').count()).toBe(2);
    expect(await alice.locator('.writes-summary').textContent()).toMatch(/The change rewrites \d+ Account/);
    expect(await alice.getByRole('table', { name: 'Fields the change rewrites' }).textContent()).toContain(
      'Health_Scorecard_Version__c',
    );
    const proposedCounts = (await byStatus.locator('tbody tr td:nth-child(3)').allTextContents()).map((c) =>
      Number(c.replace(/\D/g, '')),
    );
    expect(await seriousViolations(alice)).toEqual([]);
    await alice.screenshot({ path: join(SHOTS, 'editor.png'), fullPage: true });
    await alice.getByLabel('Comment for the approver').fill('CSAT matters more this quarter');
    await alice.getByRole('button', { name: 'Submit as proposal' }).click();
    await alice.getByRole('heading', { name: 'Proposals', level: 1 }).waitFor();
    await expect.poll(() => alice.locator('.decide').textContent()).toContain('another admin approves');
    expect(await alice.getByRole('button', { name: 'Approve and apply' }).count()).toBe(0);
    await alice.context().close();

    const bob = await signedIn(TOKENS.admin2);
    await bob.getByRole('link', { name: 'Proposals' }).click();
    await bob.getByRole('table', { name: 'Changes to scorecard.yaml' }).waitFor();
    expect(await bob.locator('.diff-changed').first().textContent()).toMatch(/weight: 20.*weight: 60/);
    // The proposal's what-if (the same counts alice saw) and its audit trail.
    await expect
      .poll(() => bob.locator('.whatif-summary').textContent(), { timeout: 20_000 })
      .toMatch(/of 50 accounts change status|No account of 50/);
    const trail = bob.getByRole('table', { name: /^Audit trail of proposal/ });
    await expect.poll(() => trail.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await trail.locator('tbody tr').first().textContent()).toMatch(/alice.*mappings\.propose.*ok/);
    expect(await seriousViolations(bob)).toEqual([]);
    await bob.screenshot({ path: join(SHOTS, 'proposal.png'), fullPage: true });
    await bob.getByRole('button', { name: 'Approve and apply' }).click();
    await expect
      .poll(() => bob.locator('.panel-head .badge').last().textContent(), { timeout: 20_000 })
      .toBe('applied');
    await expect
      .poll(() => trail.locator('tbody tr').last().textContent())
      .toMatch(/bob.*mappings\.approve.*ok/);
    // The next run writes what the what-if showed: the same counts by status.
    await bob.getByRole('link', { name: 'Runs' }).click();
    const runs = bob.locator('.grid-runs > section:first-child tbody tr');
    await runs.first().waitFor();
    const before = await runs.count();
    await bob.getByRole('button', { name: 'Run now' }).click();
    await bob.getByRole('heading', { name: `Run #${before + 1}` }).waitFor();
    await expect
      .poll(() => bob.locator('.grid-runs section:nth-child(2) .panel-head .badge').textContent(), {
        timeout: 30_000,
      })
      .toBe('succeeded');
    await bob.getByRole('link', { name: 'Accounts' }).click();
    await bob.locator('tbody tr').first().waitFor();
    const counts = await Promise.all(
      ['green', 'yellow', 'red', 'insufficient_data'].map(async (s) =>
        Number((await bob.locator(`.chip-${s} .chip-count`).textContent())?.replace(/\D/g, '')),
      ),
    );
    expect(counts).toEqual(proposedCounts);
    await bob.context().close();
  }, 90_000);

  it('the page broke no CSP rule and the demo printed no test token', () => {
    expect(cspErrors).toEqual([]);
    for (const token of Object.values(TOKENS)) expect(demo.output()).not.toContain(token);
  });
});
