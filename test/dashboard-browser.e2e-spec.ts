import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Browser, chromium } from 'playwright-core';
import { projectRoot } from '../src/common/project-root.js';
import { createDashboardFixture, DashboardFixture } from './helpers/dashboard-fixture.js';
import { startTestApp, TestApp, TestUser } from './helpers/test-app.js';

/** Debian's Chromium: .ci/run installs it; playwright-core never downloads a browser of its own. */
const CHROMIUM = '/usr/bin/chromium';
const SCREENSHOTS = join(projectRoot(), '.data', 'screenshots');
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

/** Every chart's text as shown: its font size scaled as its SVG is (a string: no DOM types here). */
const CHART_TEXT_PX = `[...document.querySelectorAll('figure.chart svg')].flatMap((svg) => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale);
})`;

const available = existsSync(CHROMIUM);
if (!available && !process.env.CI) {
  console.warn(`Skipping the dashboard's browser test: ${CHROMIUM} is missing (apt-get install chromium).`);
}

/** The dashboard as a commune treasurer sees it on a phone: a real browser, signing in with the form. */
(available ? describe : describe.skip)('dashboard in a browser, at a phone’s size', () => {
  let t: TestApp;
  let fx: DashboardFixture;
  let viewer: TestUser;
  let base: string;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp({ queue: 'in-process', env: { RATE_LIMIT_WRITES_PER_MINUTE: '100000' } });
    fx = await createDashboardFixture(t, await t.rootAdmin());
    viewer = await t.createUser(fx.tree.province, [{ unitId: fx.tree.province, role: 'viewer' }]);
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('signs in through the form, shows the chart and the table, and never scrolls sideways', async () => {
    const context = await browser.newContext({
      viewport: PHONE,
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'vi-VN',
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(`${base}/dashboard?unitId=${fx.tree.district}&year=2026`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.fill('#username', viewer.username);
    await page.fill('#password', viewer.password);
    await Promise.all([page.waitForURL(/\/dashboard\?/), page.click('button[type=submit]')]);
    expect(page.url()).toBe(`${base}/dashboard?unitId=${fx.tree.district}&year=2026`);

    // The per-capita chart: drawn, visible, within the screen's width.
    const chart = page.locator('figure.chart svg').first();
    await expect(chart.isVisible()).resolves.toBe(true);
    const box = (await chart.boundingBox())!;
    expect(box.width).toBeGreaterThan(300);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    await expect(chart.textContent()).resolves.toContain('Chỉ tiêu 80.000');
    // Sized to its data: two communes with a figure take two rows, not a screenful.
    expect(box.height).toBeLessThan(120);
    // Every label of every chart readable on the phone: 12 px or more as shown.
    const sizes = await page.evaluate<number[]>(CHART_TEXT_PX);
    expect(sizes.length).toBeGreaterThan(10);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11.9);

    // The numbers in the table: commune C at 83,333 đ/person on its 2025 population.
    const table = page.locator('[data-table-scroll] table');
    const text = (await table.textContent())!;
    expect(text).toContain('83.333 đ');
    expect(text).toContain('25.000.000 đ');
    expect(text).toContain('104,1%');

    // The page itself never scrolls sideways; only the table scrolls, inside its own box.
    // (A string: the test's TypeScript has no DOM types.)
    const widths = await page.evaluate<{ inner: number; document: number; body: number; overflow: string }>(
      `({
        inner: window.innerWidth,
        document: document.documentElement.scrollWidth,
        body: document.body.scrollWidth,
        overflow: getComputedStyle(document.querySelector('[data-table-scroll]')).overflowX,
      })`,
    );
    expect(widths.document).toBeLessThanOrEqual(widths.inner);
    expect(widths.body).toBeLessThanOrEqual(widths.inner);
    expect(widths.overflow).toBe('auto');

    // Tap targets a thumb can hit.
    for (const selector of [
      'select[name=year]',
      'select[name=basis]',
      '.filters button',
      '.top a[href="/logout"]',
    ]) {
      const target = (await page.locator(selector).boundingBox())!;
      expect([selector, target.height >= 44]).toEqual([selector, true]);
    }

    // Drill down through the picker, and back up by the breadcrumbs.
    await page.click('.picker summary');
    await Promise.all([page.waitForURL(/unitId=/), page.click(`.picker a[href*="${fx.tree.commune}"]`)]);
    expect(page.url()).toContain(`unitId=${fx.tree.commune}`);
    await Promise.all([
      page.waitForURL(new RegExp(`unitId=${fx.tree.district}`)),
      page.click(`.crumbs a[href*="${fx.tree.district}"]`),
    ]);

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-phone.png'), fullPage: true });
    expect(existsSync(join(SCREENSHOTS, 'dashboard-phone.png'))).toBe(true);

    // A year without money: the sentence saying so, no charts of noughts.
    await page.goto(`${base}/dashboard?unitId=${fx.tree.province}&year=2024`);
    await expect(page.locator('[data-empty-state]').isVisible()).resolves.toBe(true);
    await expect(page.locator('figure.chart').count()).resolves.toBe(0);
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-empty-phone.png'), fullPage: true });
    expect(errors).toEqual([]); // no CSP violation, nothing broken
    await context.close();
  });

  it('lays the page out on a wide screen without scrolling sideways, charts no wider than they read well', async () => {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN' });
    const page = await context.newPage();
    await page.goto(`${base}/login`);
    await page.fill('#username', viewer.username);
    await page.fill('#password', viewer.password);
    await Promise.all([page.waitForURL(`${base}/`), page.click('button[type=submit]')]);
    await page.goto(`${base}/dashboard?unitId=${fx.tree.district}&year=2026`);
    const widths = await page.evaluate<{ inner: number; document: number }>(
      `({ inner: window.innerWidth, document: document.documentElement.scrollWidth })`,
    );
    expect(widths.document).toBeLessThanOrEqual(widths.inner);
    for (const box of await Promise.all(
      (await page.locator('figure.chart svg').all()).map((c) => c.boundingBox()),
    ))
      expect(box!.width).toBeLessThanOrEqual(400);
    const sizes = await page.evaluate<number[]>(CHART_TEXT_PX);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'dashboard-desktop.png'), fullPage: true });
    await context.close();
  });

  it('styles the admin sign-in button as the dashboard’s: a filled button a thumb can hit', async () => {
    const context = await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    const look = async (url: string) => {
      await page.goto(`${base}${url}`);
      const button = page.locator('button[type=submit]');
      return {
        height: (await button.boundingBox())!.height,
        // A string: the test's TypeScript has no DOM types.
        style: await page.evaluate<{ background: string; color: string; radius: string }>(
          `(() => { const s = getComputedStyle(document.querySelector('button[type=submit]'));
            return { background: s.backgroundColor, color: s.color, radius: s.borderRadius }; })()`,
        ),
      };
    };
    const admin = await look('/admin/login');
    const dashboard = await look('/login');
    expect(admin.style).toEqual(dashboard.style);
    expect(admin.style.background).toBe('rgb(29, 95, 168)');
    expect(admin.height).toBeGreaterThanOrEqual(44);
    await page.screenshot({ path: join(SCREENSHOTS, 'admin-login-phone.png'), fullPage: true });
    await context.close();
  });
});

// In CI the browser test must run: a missing Chromium is a failure there, not a skip.
if (!available && process.env.CI) {
  test('Chromium is installed for the browser test', () => {
    throw new Error(`${CHROMIUM} is missing: .ci/run installs it with apt-get before npm test`);
  });
}
