import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settleInstallation } from '../src/server/core/installation.js';
import { seedDemo } from '../src/server/seed/demo.js';
import { seedDemoRelations } from '../src/server/seed/demo-relations.js';
import { seedDemoSales } from '../src/server/seed/demo-sales.js';
import { seedDemoService } from '../src/server/seed/demo-service.js';
import { openStory, type Story } from './support/story.js';

const LANGUAGES = [
  { code: 'ko', locale: 'ko-KR' },
  { code: 'zh-CN', locale: 'zh-CN' },
  { code: 'en', locale: 'en-US' },
] as const;
const SIZES = [
  { width: 1440, height: 900 },
  { width: 1366, height: 768 },
] as const;

/** Every page a student visits, with its dialogs: what is opened, and what to wait for before the picture. */
const newRecord = (page: Page) => page.getByRole('button').filter({ hasText: /^(New record|새 기록|新建记录)$/ }).click();

const PAGES: { name: string; path: string; open?: (page: Page) => Promise<void> }[] = [
  { name: 'home', path: '/' },
  { name: 'customers', path: '/customers' },
  { name: 'customer-new', path: '/customers', open: newRecord },
  { name: 'customer-information', path: '/customers/1' },
  { name: 'customer-groups', path: '/customer-groups' },
  { name: 'contacts', path: '/contacts' },
  { name: 'contact-new', path: '/contacts', open: newRecord },
  { name: 'activities', path: '/activities' },
  { name: 'calendar', path: '/calendar' },
  { name: 'history', path: '/history' },
  { name: 'products', path: '/products' },
  { name: 'product-new', path: '/products', open: newRecord },
  { name: 'opportunities', path: '/opportunities' },
  { name: 'opportunity-new', path: '/opportunities', open: newRecord },
  { name: 'opportunity', path: '/opportunities/1' },
  { name: 'sales', path: '/sales' },
  { name: 'sale', path: '/sales/1' },
  { name: 'service-feedback', path: '/service-feedback' },
  { name: 'service-feedback-new', path: '/service-feedback', open: newRecord },
  { name: 'expenses', path: '/expenses' },
  { name: 'expense-new', path: '/expenses', open: newRecord },
  { name: 'analysis-trend', path: '/analysis/trend?period=lastMonths&series=productCategory&compare=lastYear' },
  { name: 'analysis-funnel', path: '/analysis/funnel?period=lastMonths&months=24' },
  { name: 'analysis-composition', path: '/analysis/composition?period=lastMonths&months=24&by=customerType' },
  { name: 'trash', path: '/trash/customers' },
  { name: 'settings', path: '/settings' },
];

/**
 * Issue 10: every page in ko, zh and en at 1440×900 and 1366×768, on a demo company's data, saved to
 * test-results/screenshots/screens-<size>-<lang>-<page>.png to be looked at. Each page loads without a
 * console error (a missing translation is one), and none is wider than the window.
 */
describe('every page in three languages and two sizes', () => {
  let s: Story;
  beforeAll(async () => {
    s = await openStory('screens');
    const db = s.server.app.database;
    await settleInstallation(db.kysely, { currency: 'KRW', timeZone: 'Asia/Seoul' });
    const seeded = await seedDemo(db, { customers: 40 });
    expect(seeded.customers).toBe(40);
    const ids = Array.from({ length: 40 }, (_, i) => i + 1);
    await seedDemoRelations(db, ids);
    await seedDemoSales(db, ids);
    await seedDemoService(db, ids);
  });
  afterAll(async () => {
    await s?.close();
  });

  // Every language at the smaller size (where layouts break first) and Korean at the larger; SCREENS=all for all six.
  const runs = SIZES.flatMap((size) => LANGUAGES.filter((lang) => process.env.SCREENS === 'all' || size.width === 1366 || lang.code === 'ko').map((lang) => ({ size, lang })));
  for (const { size, lang } of runs) {
    it(`${lang.code} at ${size.width}×${size.height}`, async () => {
      const context = await s.browser.newContext({ baseURL: s.server.baseUrl, viewport: size, locale: lang.locale, timezoneId: 'Asia/Seoul' });
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`${m.text()}`); });
      page.on('pageerror', (e) => problems.push(e.message));
      try {
        await page.addInitScript((code) => localStorage.setItem('rapport.language', code), lang.code);
        await page.goto('/');
        for (const p of PAGES) {
          // Within the app, as its links do (a full load per page would only time the bundle again).
          await page.keyboard.press('Escape');
          await page.evaluate((path) => { history.pushState(null, '', path); dispatchEvent(new PopStateEvent('popstate')); }, p.path);
          await page.waitForURL((u) => `${u.pathname}${u.search}` === p.path);
          await page.locator('main').getByRole('heading').first().waitFor();
          // Lists and pages have loaded when no loader spins.
          await page.locator('.mantine-Loader-root').first().waitFor({ state: 'detached', timeout: 5000 }).catch(() => undefined);
          if (p.open) {
            await p.open(page);
            const dialog = page.getByRole('dialog').first();
            await dialog.waitFor();
            // The dialog's submit button is in view without scrolling (issue 10: 기록 저장 was below the fold).
            const submit = await dialog.locator('button[type=submit]').boundingBox();
            expect(submit && submit.y + submit.height, `${p.name}: the submit button is below the window`).toBeLessThanOrEqual(size.height);
          }
          // Dates and times in lists are whole (issue 10: the activity list cut the time off).
          const cut = await page.locator('[data-kind="date"], [data-kind="datetime"]').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent));
          expect(cut, `${p.name}: dates cut off`).toEqual([]);
          await page.waitForTimeout(150);
          // The picture first, so a failure below can be looked at.
          await page.screenshot({ path: `test-results/screenshots/screens-${size.width}-${lang.code}-${p.name}.png` });
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          expect(overflow, `${p.name} is wider than the window`).toBeLessThanOrEqual(0);
        }
      } finally {
        await context.close();
      }
      expect(problems).toEqual([]);
    });
  }
});
