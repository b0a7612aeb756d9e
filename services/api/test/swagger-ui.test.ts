import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { expect } from 'chai';
import { type Browser, chromium } from 'playwright-core';

import { uniqueName } from '../../../test/support/helpers.js';
import { type RunningApi, startApi } from './harness.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OUTPUT = fileURLToPath(new URL('../../../test-output/', import.meta.url));

/**
 * Swagger UI in a real headless browser, against the live API: the page a
 * reader opens must work, not merely be served. Needs Chromium (`.ci/run`
 * installs Debian's package).
 */
describe('Swagger UI in a browser', function () {
  this.timeout(60_000);
  let running: RunningApi;
  let browser: Browser;

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      console.warn(
        `    skipped: no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`,
      );
      this.skip();
    }
    running = await startApi();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
        '--disable-sync',
      ],
    });
  });

  after(async () => {
    await browser?.close();
    await running?.stop();
  });

  it('lists the API operations, and "Try it out" runs one against the live API', async () => {
    const name = uniqueName('swagger');
    const created = await running.http.post<{ id: string }>('/api/v1/tenants', { name });
    expect(created.status).to.equal(201);

    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    await page.goto(`${running.http.baseUrl}/swagger/index.html`);
    const operation = page.locator('#operations-tenants-listTenants');
    await operation.waitFor();
    expect(await page.locator('.opblock').count()).to.be.at.least(10);

    await operation.locator('.opblock-summary').click();
    await operation.locator('button.try-out__btn').click();
    await operation.locator('button.execute').click();

    const status = operation.locator('.live-responses-table tr.response .response-col_status').first();
    await status.waitFor();
    expect((await status.textContent())?.trim()).to.equal('200');
    const body = await operation
      .locator('.live-responses-table tr.response .response-col_description pre')
      .first()
      .textContent();
    expect(body).to.include(created.body.id);

    mkdirSync(OUTPUT, { recursive: true });
    await operation.screenshot({ path: `${OUTPUT}swagger-ui.png` });
    await page.close();
  });
});
