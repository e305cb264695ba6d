import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../src/server/start.ts';
import { HAVE_CHROMIUM, launchChromium, seriousViolations } from '../console/support/browser.ts';
import { captureLogger } from '../server/helpers.ts';
import { removeTenantDirs, twoTenants } from './two-tenants.ts';

/**
 * The console on a service with two client companies: a token bound to both switches between them,
 * and each page shows only the chosen tenant's rows (its calls go to /tenants/<id>/...).
 */
describe.skipIf(!HAVE_CHROMIUM)('the console of several tenants, in Chromium', () => {
  let browser: Browser;
  let service: RunningService | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    if (service) expect(await service.shutdown('test')).toBe(0);
    service = undefined;
    removeTenantDirs();
  });

  it(
    "switches client company, and every page then shows that tenant's rows only",
    { timeout: 60_000 },
    async () => {
      const { tenants } = await twoTenants();
      const { logger, scrubber } = captureLogger();
      service = await startService(tenants[0]!.env, logger, scrubber, {
        port: 0,
        host: '127.0.0.1',
        schedule: false,
        shutdownTimeoutMs: 5000,
        tenants,
      });
      const [acme, globex] = service.tenants;
      for (const [t, trigger] of [
        [acme!, 'acme-nightly'],
        [globex!, 'globex-nightly'],
      ] as const) {
        const run = await t.store.runs.start(trigger, {});
        await t.store.runs.finish(run.id, 'succeeded', {});
      }

      const page = await (await browser.newContext({ viewport: { width: 1360, height: 900 } })).newPage();
      await page.goto(`http://127.0.0.1:${service.port}/#/runs`);
      await page.getByLabel('Token').fill('root-token-0123456789');
      await page.getByRole('button', { name: 'Sign in' }).click();
      const client = page.getByLabel('Client');
      await client.waitFor();
      expect(await client.locator('option').allTextContents()).toEqual(['acme', 'globex']);
      expect(await client.inputValue()).toBe('acme');
      await page.getByRole('link', { name: 'Runs' }).click();
      const history = page.getByRole('table').first();
      await history.getByText('acme-nightly').waitFor();
      expect(await history.getByText('globex-nightly').count()).toBe(0);

      await client.selectOption('globex');
      await history.getByText('globex-nightly').waitFor();
      expect(await history.getByText('acme-nightly').count()).toBe(0);
      expect(await seriousViolations(page)).toEqual([]);

      // The choice outlives a reload of the tab (sessionStorage), as the token does.
      await page.reload();
      await page.getByRole('table').first().getByText('globex-nightly').waitFor();
      expect(await page.getByLabel('Client').inputValue()).toBe('globex');

      // A token bound to one tenant gets no switch, and its calls reach only its tenant.
      const alice = await (await browser.newContext()).newPage();
      await alice.goto(`http://127.0.0.1:${service.port}/#/runs`);
      await alice.getByLabel('Token').fill('alice-token-0123456789');
      await alice.getByRole('button', { name: 'Sign in' }).click();
      await alice.getByRole('table').first().getByText('acme-nightly').waitFor();
      expect(await alice.getByLabel('Client').count()).toBe(0);
    },
  );
});
