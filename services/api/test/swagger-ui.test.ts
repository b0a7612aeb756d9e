import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { expect } from 'chai';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';

import { uniqueName } from '../../../test/support/helpers.js';
import { authOverrides, loginOk } from './auth-support.js';
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

  /** Runs an operation's "Try it out" and answers the live status code and body. */
  async function tryItOut(page: Page, operationId: string) {
    const operation = page.locator(`#${operationId}`);
    await operation.waitFor();
    await operation.locator('.opblock-summary').click();
    await operation.locator('button.try-out__btn').click();
    await operation.locator('button.execute').click();
    const status = operation.locator('.live-responses-table tr.response .response-col_status').first();
    await status.waitFor();
    const body = operation.locator('.live-responses-table tr.response .response-col_description pre').first();
    return {
      operation,
      status: (await status.textContent())?.trim(),
      body: (await body.textContent()) ?? '',
    };
  }

  it('lists the API operations, and "Try it out" runs one against the live API', async () => {
    const name = uniqueName('swagger');
    const created = await running.http.post<{ id: string }>('/api/v1/tenants', { name });
    expect(created.status).to.equal(201);

    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    await page.goto(`${running.http.baseUrl}/swagger/index.html`);
    await page.locator('#operations-tenants-listTenants').waitFor();
    expect(await page.locator('.opblock').count()).to.be.at.least(10);

    const { operation, status, body } = await tryItOut(page, 'operations-tenants-listTenants');
    expect(status).to.equal('200');
    expect(body).to.include(created.body.id);

    mkdirSync(OUTPUT, { recursive: true });
    await operation.screenshot({ path: `${OUTPUT}swagger-ui.png` });
    await page.close();
  });

  it('with auth required, takes an access token through Authorize and then runs an operation', async () => {
    const secured = await startApi({ overrides: authOverrides() });
    const page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
    try {
      await page.goto(`${secured.http.baseUrl}/swagger/index.html`);
      const refused = await tryItOut(page, 'operations-tenants-listTenants');
      expect(refused.status).to.equal('401');

      const { access_token: token } = await loginOk(secured.http, {
        username: 'admin',
        password: 'admin123',
      });
      await page.locator('button.authorize').first().click();
      await page.locator('.modal-ux input').first().fill(token);
      await page.locator('.modal-ux button.authorize').click();
      await page.locator('.modal-ux button.btn-done').click();

      await refused.operation.locator('button.execute').click();
      const status = refused.operation
        .locator('.live-responses-table tr.response .response-col_status')
        .first();
      await expectStatus(status, '200');
    } finally {
      await page.close();
      await secured.stop();
    }
  });
});

/** Waits for Swagger UI to replace the previous answer with the expected status. */
async function expectStatus(locator: Locator, expected: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  let seen: string | undefined;
  while (Date.now() < deadline) {
    seen = (await locator.textContent())?.trim();
    if (seen === expected) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(seen).to.equal(expected);
}
