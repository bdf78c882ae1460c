import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { startServer, type ServerOptions, type StoryServer } from './server.js';

export interface Story {
  server: StoryServer;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Saves test-results/screenshots/<story>-<step>.png. */
  shot: (step: string) => Promise<void>;
  /** Browser console errors and failed requests seen so far (a story asserts there are none). */
  problems: string[];
  close: () => Promise<void>;
}

const SHOTS = path.resolve('test-results/screenshots');

/**
 * The browser's zone in stories: Seoul, where most users are, while the server runs in the machine's (UTC in
 * CI), so a date taken in the wrong zone shows. Calendar and export stories run in further zones themselves.
 */
export const STORY_TIME_ZONE = process.env.E2E_TIME_ZONE ?? 'Asia/Seoul';

export interface StoryOptions extends ServerOptions {
  locale?: string;
  timezoneId?: string;
  viewport?: { width: number; height: number };
}

export async function openStory(name: string, options: StoryOptions = {}): Promise<Story> {
  const [server, browser] = await Promise.all([startServer(options), launchBrowser()]);
  const context = await browser.newContext({
    baseURL: server.baseUrl, viewport: options.viewport ?? { width: 1440, height: 900 }, locale: options.locale ?? 'en-US', timezoneId: options.timezoneId ?? STORY_TIME_ZONE,
  });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    // Expected 4xx answers (validation, 409) are logged by the browser as failed loads; responses are checked below.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(`console: ${m.text()}`);
  });
  page.on('response', (r) => {
    if (r.status() >= 500) problems.push(`${r.status()} ${r.request().method()} ${r.url()}`);
    // The app never asks the API for what is not there (issue 10: Save and New asked every entity for its next code).
    if (r.status() === 404 && r.request().method() === 'GET' && new URL(r.url()).pathname.startsWith('/api/')) problems.push(`404 GET ${r.url()}`);
  });
  page.on('pageerror', (e) => problems.push(`page: ${e.message}`));
  fs.mkdirSync(SHOTS, { recursive: true });
  return {
    server,
    browser,
    context,
    page,
    problems,
    shot: async (step) => {
      // Let fonts, transitions and virtualised rows settle so the picture shows what a user sees.
      await page.waitForTimeout(250);
      await page.screenshot({ path: path.join(SHOTS, `${name}-${step}.png`) });
    },
    close: async () => {
      await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await server.close();
    },
  };
}
