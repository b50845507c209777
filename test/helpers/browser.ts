import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { projectRoot } from '../../src/common/project-root.js';

/** Debian's Chromium: .ci/run installs it; playwright-core never downloads a browser of its own. */
export const CHROMIUM = '/usr/bin/chromium';
export const SCREENSHOTS = join(projectRoot(), '.data', 'screenshots');
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Whether the browser tests can run here; under CI=true they must (a missing browser fails). */
export function browserAvailable(name: string): boolean {
  const available = existsSync(CHROMIUM);
  if (!available && !process.env.CI)
    console.warn(`Skipping ${name}: ${CHROMIUM} is missing (apt-get install chromium).`);
  return available || Boolean(process.env.CI);
}

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** A phone and a desktop window, each collecting the page's errors. */
export async function openWindows(
  browser: Browser,
): Promise<{ phone: Window; desktop: Window; close(): Promise<void> }> {
  const phone = await windowOf(
    await browser.newContext({ viewport: PHONE, isMobile: true, hasTouch: true, locale: 'vi-VN' }),
  );
  const desktop = await windowOf(await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN' }));
  return {
    phone,
    desktop,
    close: async () => {
      await phone.context.close();
      await desktop.context.close();
    },
  };
}

export interface Window {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

async function windowOf(context: BrowserContext): Promise<Window> {
  const page = await context.newPage();
  const errors: string[] = [];
  // A form answered 4xx (its errors beside the fields) is the page working, not an error.
  page.on(
    'console',
    (m) => m.type() === 'error' && !/status of 4\d\d/.test(m.text()) && errors.push(m.text()),
  );
  page.on('response', (r) => r.status() >= 500 && errors.push(`${r.status()} ${r.url()}`));
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

/**
 * What every page must pass: no serious or critical axe-core violation, nothing wider than the
 * window, no script error; and a screenshot under .data/screenshots/<name>-phone|desktop.png.
 */
export async function checkPage(window: Window, name: string, size: 'phone' | 'desktop'): Promise<void> {
  const { page } = window;
  // Through the DevTools protocol, so the page keeps its own CSP (no inline scripts).
  await page.evaluate(AXE);
  const violations = await page.evaluate<{ id: string; impact: string; nodes: { target: string[] }[] }[]>(
    `axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => ({ target: n.target })) })))`,
  );
  const widths = await page.evaluate<{ inner: number; document: number }>(
    `({ inner: window.innerWidth, document: document.documentElement.scrollWidth })`,
  );
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-${size}.png`), fullPage: true });
  expect({ page: name, size, violations, errors: window.errors }).toEqual({
    page: name,
    size,
    violations: [],
    errors: [],
  });
  expect(widths.document).toBeLessThanOrEqual(widths.inner);
}
