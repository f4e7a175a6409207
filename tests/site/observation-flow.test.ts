/**
 * The volunteer observation end to end: a person passes the simulator's own
 * captcha by reading and typing it, runs the bookmarklet on the slot page, and
 * sends the block as a prefilled issue or copies it; the issue is ingested
 * into a row; the built procedure page shows the observation and the announced
 * release schedule. Never a real prefecture site: the simulator on 127.0.0.1.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { load } from 'cheerio';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { frenchSpacing } from '../../src/lib/french-typography.ts';
import { readBlocks } from '../../src/lib/observation-block.ts';
import { parseRegistry } from '../../src/lib/registry.ts';
import { readSlotState } from '../../src/lib/rdv-slot-state.ts';
import { recordIssueObservation } from '../../src/pipeline/issue-observation.ts';
import { runObserve } from '../../src/pipeline/observe-cli.ts';
import { bookmarkletConfig, bookmarkletHref } from '../../src/site/bookmarklet.ts';
import { Simulator } from '../../src/robot/simulator/server.ts';
import { browserAvailable, launchBrowser, missingBrowserReason } from '../support/browser.ts';

const DEMARCHE = '3771';
const REPOSITORY = 'https://github.com/example/guichets-fermes';
const REGISTRY = `department,slug,prefecture,procedure,system,url
54,demarche-3771,Préfecture de Meurthe-et-Moselle,Titre de séjour (démarche 3771),rdv-prefecture,https://www.rdv-prefecture.interieur.gouv.fr/rdvpref/reservation/demarche/3771/
`;
const procedures = parseRegistry(REGISTRY, 'procedures.csv');
/** What the person types on the page: none of it may ever be sent. */
const TYPED = ['Jeanne Dupont', 'jeanne.dupont@example.org'];

const skip = !browserAvailable && !process.env.REQUIRE_BROWSER;

/** The bookmark's address run as the browser runs it: percent-decoded, then evaluated in the page. */
async function runBookmarklet(page: Page, href: string): Promise<void> {
  await page.evaluate(decodeURIComponent(href.slice('javascript:'.length)));
}

/** Landing → « Prendre un rendez-vous » → the person reads the code shown and types it → « Suivant ». */
async function passCaptchaAsAPerson(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/rdvpref/reservation/demarche/${DEMARCHE}/`);
  await page.getByText('Prendre un rendez-vous').click();
  const shown = (await page.locator('.BDC_CaptchaImage').innerText()).trim();
  await page.locator('#captchaFormulaireExtInput').fill(shown);
  await page.getByRole('button', { name: 'Suivant' }).click();
  await page.waitForURL(/\/creneau\/$/);
}

describe.skipIf(skip)('a volunteer observation, from the slot page to the procedure page', () => {
  let simulator: Simulator;
  let origin: string;
  let browser: Browser;
  let page: Page;
  let dataDir: string;
  const withRepository = bookmarkletConfig(procedures, REPOSITORY, null);

  beforeAll(async () => {
    if (!browserAvailable) throw new Error(`REQUIRE_BROWSER is set: ${missingBrowserReason()}`);
    simulator = new Simulator().addRdv(DEMARCHE, {
      system: 'rdv-prefecture',
      slots: [
        { in: 3, at: '09:30' },
        { in: 3, at: '10:15' },
        { in: 4, at: '14:00' },
      ],
    });
    [origin] = (await simulator.listen(1)) as [string];
    browser = await launchBrowser();
    const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    page = await context.newPage();
    dataDir = mkdtempSync(path.join(tmpdir(), 'observation-flow-'));
    writeFileSync(path.join(dataDir, 'procedures.csv'), REGISTRY);
  });

  afterAll(async () => {
    await browser?.close();
    await simulator?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('on a page other than the slot page the bookmarklet says it does not apply and changes nothing', async () => {
    await page.goto(`${origin}/rdvpref/reservation/demarche/${DEMARCHE}/`);
    const before = await page.content();
    const dialog = page.waitForEvent('dialog');
    const running = runBookmarklet(page, bookmarkletHref(withRepository));
    const message = await dialog;
    expect(message.message()).toContain('ne s’applique pas ici');
    expect(message.message()).toContain('Guichets fermés)\u00a0: ce marque-page');
    await message.dismiss();
    await running;
    expect(await page.content()).toBe(before);
  });

  let issueUrl = '';
  let copied = '';

  test('on the slot page it shows and sends the block, and nothing typed in the page', async () => {
    await passCaptchaAsAPerson(page, origin);
    await expect.poll(() => page.getByText('Choisissez votre créneau').count()).toBe(1);
    // The person has typed in fields and picked a slot; a page script set a cookie.
    await page.evaluate(() => {
      for (const name of ['nom', 'courriel']) {
        const input = document.createElement('input');
        input.name = name;
        document.body.append(input);
      }
      document.cookie = 'preference=secret-cookie-value; path=/';
    });
    await page.locator('input[name=nom]').fill(TYPED[0]!);
    await page.locator('input[name=courriel]').fill(TYPED[1]!);
    // Slots of the current week come as radios (none when the first slot is in a later week).
    if ((await page.locator('input[name=trhId]').count()) > 0) await page.locator('input[name=trhId]').first().check();
    await page.evaluate(() => {
      (window as unknown as { copied: string[] }).copied = [];
      navigator.clipboard.writeText = async (text: string) => {
        (window as unknown as { copied: string[] }).copied.push(text);
      };
    });

    await runBookmarklet(page, bookmarkletHref(withRepository));
    const shown = await page.locator('[data-observation-block]').innerText();
    issueUrl = (await page.locator('[data-send-issue]').getAttribute('href'))!;
    await page.locator('[data-copy]').click();
    await expect.poll(() => page.locator('[role=status]').innerText()).toContain('Observation copiée');
    copied = (await page.evaluate(() => (window as unknown as { copied: string[] }).copied)).join('\n---\n');

    const prefix = `${REPOSITORY}/issues/new?template=observation.yml&title=Observation%20RDV-Pr%C3%A9fecture&observation=`;
    expect(issueUrl.startsWith(prefix)).toBe(true);
    const sentInIssue = decodeURIComponent(issueUrl.slice(prefix.length));
    expect(sentInIssue).toBe(shown);
    expect(copied).toBe(shown);
    const [reading] = readBlocks(shown);
    expect(reading).toMatchObject({ ok: true, block: { demarche: DEMARCHE, outcome: 'slots' } });
    const block = reading!.ok ? reading!.block : null;
    // What the page's own state says, read by the project's reader: the block says the same.
    const state = readSlotState(await page.locator('script#vui-init-data').textContent());
    expect(state.kind).toBe('slots');
    if (state.kind === 'slots')
      expect([block!.first_date, block!.second_date]).toEqual([state.first.date, state.second?.date ?? '']);
    expect(block!.first_date).toBe(
      new Date(Date.now() + 3 * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Paris' }),
    );
    expect(block!.next_publication).toMatch(/T11:58:00\+0[12]:00$/);
    expect(block!.last_publication).toMatch(/T11:58:00\+0[12]:00$/);
    for (const secret of [...TYPED, 'secret-cookie-value', 'JSESSIONID', '998877']) {
      expect(issueUrl).not.toContain(encodeURIComponent(secret));
      expect(decodeURIComponent(issueUrl)).not.toContain(secret);
      expect(copied).not.toContain(secret);
    }
    expect(
      await page
        .getByText(
          frenchSpacing('Démarche n° 3771 : Titre de séjour (démarche 3771) — Préfecture de Meurthe-et-Moselle.'),
        )
        .count(),
    ).toBe(1);
    // The dialog's prose is French: no line may break before « : », « ; », « ? », « ! » or inside « ».
    const prose = await page
      .locator('#guichets-fermes-observation .box')
      .evaluate((box) => [...box.querySelectorAll('li, p')].map((node) => node.textContent).join('\n'));
    expect(prose.match(/.{0,20}[ \t][;:?!»]|«[ \t]/g) ?? []).toEqual([]);
  });

  test('without a configured repository it offers only the copy and says so', async () => {
    await runBookmarklet(page, bookmarkletHref(bookmarkletConfig(procedures, null, null)));
    expect(await page.locator('[data-send-issue]').count()).toBe(0);
    expect(await page.getByText('n’a pas été configuré avec l’adresse de son dépôt').count()).toBe(1);
    expect(await page.locator('[data-copy]').count()).toBe(1);
  });

  test(
    'the issue is ingested into one row, the e-mailed copy is a duplicate, and the procedure page shows it',
    { timeout: 300_000 },
    async () => {
      const body = `### Observation\n\n\`\`\`text\n${decodeURIComponent(issueUrl.split('&observation=')[1]!)}\n\`\`\``;
      const decision = await recordIssueObservation(
        {
          issue: {
            number: 7,
            body,
            created_at: new Date().toISOString(),
            user: { login: 'benevole' },
            labels: [{ name: 'observation' }],
          },
          repository: { homepage: null },
        },
        dataDir,
        new Date(),
        0,
      );
      expect(decision).toMatchObject({ accepted: true });
      const mail = path.join(dataDir, 'courriel.txt');
      writeFileSync(mail, `Bonjour,\n\n${copied}\n\nMerci`);
      const errors: string[] = [];
      expect(await runObserve([mail], { DATA_DIR: dataDir }, { out: () => {}, err: (line) => errors.push(line) })).toBe(
        1,
      );
      expect(errors.join('\n')).toContain('duplicate');
      const [block] = readBlocks(copied);
      const seen = block!.ok ? block!.block : null;
      const month = seen!.observed_at.slice(0, 7);
      const rows = readFileSync(path.join(dataDir, 'observations', '54', 'demarche-3771', `${month}.csv`), 'utf8')
        .trim()
        .split('\n');
      expect(rows).toHaveLength(2);
      expect(rows[1]).toBe(
        `${seen!.observed_at},slots,${seen!.first_date},${seen!.second_date},${seen!.last_publication},${seen!.next_publication},volunteer,issue:7`,
      );

      const siteDir = path.join(dataDir, 'site');
      const environment: NodeJS.ProcessEnv = {
        ...process.env,
        DATA_DIR: dataDir,
        OUT_DIR: siteDir,
        REPOSITORY_URL: REPOSITORY,
      };
      delete environment.GITHUB_REPOSITORY;
      execFileSync(path.resolve('node_modules/.bin/tsx'), ['scripts/build.ts'], {
        env: environment,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      const $ = load(readFileSync(path.join(siteDir, '54', 'demarche-3771', 'index.html'), 'utf8'));
      const section = $('#observations');
      const text = section.text().replace(/\s+/g, ' ');
      expect(text).toContain('Le robot ne résout ni ne contourne jamais un captcha');
      const day = (iso: string) => iso.slice(0, 10).split('-').reverse().join('/');
      const figures = section
        .find('.observation-figures dd')
        .toArray()
        .map((cell) => $(cell).text().replace(/\s+/g, ' '));
      expect(figures).toEqual(['1', '1 (100 %)', `le ${day(seen!.first_date)}`]);
      expect(text).toMatch(/prochaine mise en ligne annoncée le \d+ \S+ \d{4} à 11 h 58/);
      expect(section.find(`a[href="${REPOSITORY}/issues/7"]`).text()).toMatch(/issue n°\s7/);

      const overview = load(readFileSync(path.join(siteDir, 'index.html'), 'utf8'));
      expect(overview('.observation-coverage').text().replace(/\s+/g, ' ')).toContain(
        'une démarche n’est connue que par les observations',
      );
      const method = load(readFileSync(path.join(siteDir, 'methode', 'index.html'), 'utf8'));
      expect(method('#observations').text()).toContain('Pas un échantillon au hasard');
      const contribute = load(readFileSync(path.join(siteDir, 'contribuer', 'index.html'), 'utf8'));
      expect(contribute('a[data-bookmarklet]').attr('href')).toBe(bookmarkletHref(withRepository));
      expect(contribute('[data-no-repository]').length).toBe(0);
    },
  );
});
