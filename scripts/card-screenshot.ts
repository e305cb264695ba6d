/**
 * A picture of the Account Health card (connectors/salesforce/org/card.png) for the connector's
 * README. The component is compiled by LWC's own compiler (@lwc/rollup-plugin) and rendered by its
 * engine (@lwc/engine-dom, synthetic shadow as on a record page) in headless Chromium, styled by
 * SLDS (@salesforce-ux/design-system) and its own CSS. Only the platform modules are stand-ins:
 * lightning/uiRecordApi, lightning/uiRelatedListApi and the toast event feed sample Accounts from
 * connectors/salesforce/org/screenshot/samples.js; the clock is pinned to 2026-12-03.
 *
 *   node scripts/card-screenshot.ts [out.png]
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import lwcModule from '@lwc/rollup-plugin';
import nodeResolveModule from '@rollup/plugin-node-resolve';
import replaceModule from '@rollup/plugin-replace';
import { chromium } from 'playwright-core';
import { rollup, type Plugin } from 'rollup';

// These plugins declare CommonJS types with `export default`: TypeScript (nodenext) sees the module
// object, Node hands over the function itself. Either way, the function.
const callable = <T>(m: { default: T }): T => (typeof m === 'function' ? m : m.default);
const lwc = callable(lwcModule);
const nodeResolve = callable(nodeResolveModule);
const replace = callable(replaceModule);

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ORG = join(ROOT, 'connectors/salesforce/org');
const LWC_DIR = join(ORG, 'force-app/main/default/lwc');
const PAGE_DIR = join(ORG, 'screenshot');
const SLDS = join(
  ROOT,
  'node_modules/@salesforce-ux/design-system/assets/styles/salesforce-lightning-design-system.min.css',
);
const CHROMIUM = '/usr/bin/chromium';
const NOW = new Date('2026-12-03T09:00:00Z');
const out = resolve(process.argv[2] ?? join(ORG, 'card.png'));

if (!existsSync(CHROMIUM)) {
  process.stderr.write(`No Chromium at ${CHROMIUM}: install it with "apt-get install -y chromium".\n`);
  process.exit(1);
}

/**
 * What the platform supplies at compile time: field references (@salesforce/schema) and the
 * user's locale and time zone (@salesforce/i18n).
 */
const platformModules: Plugin = {
  name: 'salesforce-platform-modules',
  resolveId: (id) => (id.startsWith('@salesforce/') ? `\0${id}` : null),
  load(id) {
    if (!id.startsWith('\0@salesforce/')) return null;
    const name = id.slice('\0@salesforce/'.length);
    if (name.startsWith('schema/')) {
      const [objectApiName, fieldApiName] = name.slice('schema/'.length).split('.');
      return `export default ${JSON.stringify({ objectApiName, fieldApiName })};`;
    }
    if (name === 'i18n/locale') return `export default 'en-US';`;
    if (name === 'i18n/timeZone') return `export default 'UTC';`;
    throw new Error(
      `The screenshot page has no stand-in for @salesforce/${name}: add one in ${import.meta.filename}`,
    );
  },
};

const stub = (name: string, file: string) => ({ name, path: join(PAGE_DIR, 'stubs', file) });

async function bundle(dir: string): Promise<string> {
  const build = await rollup({
    input: join(PAGE_DIR, 'main.js'),
    plugins: [
      platformModules,
      lwc({
        rootDir: PAGE_DIR,
        modules: [
          { name: 'c/accountHealth', path: join(LWC_DIR, 'accountHealth/accountHealth.js') },
          stub('lightning/uiRecordApi', 'uiRecordApi.js'),
          stub('lightning/uiRelatedListApi', 'uiRelatedListApi.js'),
          stub('lightning/platformShowToastEvent', 'platformShowToastEvent.js'),
        ],
      }),
      nodeResolve(),
      replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
    ],
  });
  const file = join(dir, 'card.js');
  await build.write({ file, format: 'iife' });
  await build.close();
  return file;
}

function page(dir: string, script: string): string {
  const cell = (id: string, caption: string) =>
    `<figure class="cell"><figcaption class="slds-text-title slds-m-bottom_x-small">${caption}</figcaption><div data-record-id="${id}"></div></figure>`;
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Account Health card</title>
<link rel="stylesheet" href="${pathToFileURL(SLDS).href}">
<style>
  body { background: #f3f3f3; margin: 0; }
  #cards { display: grid; grid-template-columns: repeat(4, 360px); gap: 16px; padding: 16px; align-items: start; width: max-content; }
  .cell { margin: 0; }
</style></head>
<body><main id="cards">
${cell('001000000000001AAA', 'Scored, sliding: drivers and 14 weeks of history')}
${cell('001000000000002AAA', "A CSM's override in force")}
${cell('001000000000003AAA', 'Not enough data, no history yet')}
${cell('001000000000004AAA', 'Setting an override')}
</main><script src="${pathToFileURL(script).href}"></script></body></html>`;
  const file = join(dir, 'index.html');
  writeFileSync(file, html);
  return file;
}

const dir = mkdtempSync(join(tmpdir(), 'account-health-card-'));
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const html = page(dir, await bundle(dir));
  const tab = await browser.newPage({ viewport: { width: 1560, height: 900 }, deviceScaleFactor: 1 });
  await tab.clock.setFixedTime(NOW);
  const errors: string[] = [];
  tab.on('pageerror', (e) => errors.push(e.message));
  await tab.goto(pathToFileURL(html).href);
  await tab.locator('[data-id="override-open"]').nth(3).waitFor({ timeout: 10_000 });
  // The fourth card with its override form filled in, the focus ring on the reason.
  const fourth = tab.locator('[data-record-id="001000000000004AAA"]');
  await fourth.locator('[data-id="override-open"]').click();
  await fourth.locator('[data-id="override-status"]').selectOption('red');
  await fourth.locator('[data-id="override-reason"]').fill('Champion left; renewal in January at risk');
  await fourth.locator('[data-id="override-until"]').fill('2026-12-31');
  await fourth.locator('[data-id="override-reason"]').focus();
  if (errors.length) throw new Error(`The card failed in the browser: ${errors.join('; ')}`);
  await tab.locator('#cards').screenshot({ path: out });
  process.stdout.write(`${out}\n`);
} finally {
  await browser.close();
  rmSync(dir, { recursive: true, force: true });
}
