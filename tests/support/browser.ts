/**
 * Browser tests run the built fixture site in Debian's Chromium through
 * playwright-core (no browser download). Without a Chromium that starts, each
 * test is skipped with the reason and how to install it (the summary reporter
 * prints it once, at the end); CI sets REQUIRE_BROWSER=1 so a missing or
 * broken browser fails every browser test instead.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject } from 'vitest';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const browserAvailable = existsSync(CHROMIUM_PATH);

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.gz': 'application/gzip',
  '.ics': 'text/calendar; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.ods': 'application/vnd.oasis.opendocument.spreadsheet',
  '.txt': 'text/plain; charset=utf-8',
};

/** Serves a built site on 127.0.0.1 the way a static host would. */
export async function serveSite(root: string): Promise<{ origin: string; close: () => Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    let file = path.join(root, pathname);
    if (!file.startsWith(root)) {
      response.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!existsSync(file)) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' });
    response.end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Runs axe-core on the page and returns its violations (WCAG 2.1 A and AA rules). */
export async function accessibilityViolations(page: Page): Promise<{ id: string; help: string; targets: string[] }[]> {
  await page.addScriptTag({ content: axe.source });
  const results = await page.evaluate(() =>
    (window as unknown as { axe: typeof axe }).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    }),
  );
  return results.violations.map((violation) => ({
    id: violation.id,
    help: violation.help,
    targets: violation.nodes.map((node) => node.target.join(' ')),
  }));
}

/** A browser and the built fixture site, shared by the tests of one file. */
export interface BrowserContext {
  browser: Browser;
  origin: string;
  siteDir: string;
  /** Opens a site path in a new page, failing on any request that leaves 127.0.0.1 and on console errors. */
  open: (
    sitePath: string,
    options?: {
      javaScript?: boolean;
      viewport?: { width: number; height: number };
      /** The page's clock starts at this instant (it then runs), so what depends on "now" does not depend on when the test runs. */
      clock?: string;
    },
  ) => Promise<Page>;
}

const INSTALL_HINT = 'install it with apt-get update && apt-get install -y chromium, or set CHROMIUM_PATH';

/** Why browser tests cannot run without Chromium at CHROMIUM_PATH. */
export function missingBrowserReason(): string {
  return `Chromium not found at ${CHROMIUM_PATH}; ${INSTALL_HINT}`;
}

/**
 * Declares a describe block of browser tests. Every test is declared, so a
 * skip counts each of them; when Chromium is missing or fails to start they
 * are skipped with the reason, or fail with it under REQUIRE_BROWSER=1.
 */
export function describeInBrowser(name: string, body: (context: BrowserContext) => void): void {
  describe(name, () => {
    const context = { siteDir: inject('fixtureSiteDir') } as BrowserContext;
    let close: (() => Promise<void>) | undefined;
    let skipReason: string | undefined;
    beforeAll(async () => {
      try {
        if (!browserAvailable) throw new Error(missingBrowserReason());
        context.browser = await launchBrowser().catch((error: unknown) => {
          throw new Error(
            `Chromium at ${CHROMIUM_PATH} failed to start (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); ${INSTALL_HINT}`,
            { cause: error },
          );
        });
      } catch (error) {
        if (process.env.REQUIRE_BROWSER)
          throw new Error(`REQUIRE_BROWSER is set: ${(error as Error).message}`, { cause: error });
        skipReason = (error as Error).message;
        return;
      }
      const site = await serveSite(context.siteDir);
      context.origin = site.origin;
      close = site.close;
      context.open = async (sitePath, options = {}) => {
        const browserContext = await context.browser.newContext({
          javaScriptEnabled: options.javaScript ?? true,
          locale: 'fr-FR',
          timezoneId: 'Europe/Paris',
          ...(options.viewport ? { viewport: options.viewport } : {}),
        });
        const page = await browserContext.newPage();
        const problems: string[] = [];
        page.on('request', (request) => {
          if (
            !request.url().startsWith(context.origin) &&
            !request.url().startsWith('data:') &&
            !request.url().startsWith('blob:')
          )
            problems.push(`third-party request: ${request.url()}`);
        });
        page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
        page.on('console', (message) => {
          if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
        });
        (page as Page & { problems: string[] }).problems = problems;
        if (options.clock) await page.clock.install({ time: options.clock });
        const response = await page.goto(`${context.origin}${sitePath}`);
        expect(response?.status(), `status of ${sitePath}`).toBe(200);
        return page;
      };
    });
    beforeEach((test) => {
      if (skipReason) test.skip(skipReason);
    });
    afterAll(async () => {
      await context.browser?.close();
      await close?.();
    });
    body(context);
  });
}

/** Problems seen on a page opened with `open`: third-party requests, script errors. */
export function pageProblems(page: Page): string[] {
  return (page as Page & { problems?: string[] }).problems ?? [];
}
