import { expect, test } from 'vitest';
import { describeInBrowser } from '../support/browser.ts';

describeInBrowser('framing by another site', (site) => {
  /** Loads a site path inside an iframe of a page that is not on the site, and returns the frame. */
  async function framed(sitePath: string) {
    const page = await site.browser.newPage();
    await page.setContent(`<iframe src="${site.origin}${sitePath}" width="800" height="600"></iframe>`);
    const frame = page.frames().find((candidate) => candidate.url().startsWith(site.origin))!;
    await frame.waitForLoadState('load');
    return { page, frame };
  }

  test('the letter refuses to work inside a frame and offers to open itself in the whole window', async () => {
    const { page, frame } = await framed('/93/titre-sejour-bobigny/courrier/');
    await frame.locator('[data-framed-notice]').waitFor({ timeout: 10_000 });
    expect(await frame.locator('[data-letter-form]').count()).toBe(0);
    expect(await frame.locator('[data-framed-notice] a').getAttribute('target')).toBe('_top');
    await page.close();
  });

  test('the embeddable page is made to be framed', async () => {
    const { page, frame } = await framed('/93/titre-sejour-bobigny/integrer/');
    expect(await frame.locator('svg.synthesis-svg').isVisible()).toBe(true);
    expect(await frame.locator('[data-framed-notice]').count()).toBe(0);
    await page.close();
  });

  test('the letter opened directly works as usual', async () => {
    const page = await site.open('/93/titre-sejour-bobigny/courrier/');
    await page.locator('[data-letter-form]:not([hidden])').waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-framed-notice]').count()).toBe(0);
  });
});
