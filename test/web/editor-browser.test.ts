/**
 * End to end: Debian's Chromium (driven by playwright-core) opens /editor on a real server, logs in, sees a
 * validation error marked at its line, fixes it, deploys, finds the app in the list and sends an event.
 */
import { test, describe, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { buildEditorBundle } from '../../scripts/build-web.js';
import { ADMIN, startHarness, storeQuery, tempDir, type Harness } from '../server/server-harness.js';

const CHROMIUM = '/usr/bin/chromium';
const GOOD_APP =
  "@app:name('EditorE2E')\n" +
  'define stream S (name string, amount double);\n' +
  'define table T (name string, amount double);\n' +
  'from S[amount > 10]\n' +
  'select name, amount\n' +
  'insert into T;\n';
const BAD_APP = GOOD_APP.replace('select name,', 'select nam,');

/** The line (1-based) and text of every lint error range in the editor. */
function lintRanges(page: Page): Promise<{ line: number; text: string }[]> {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll('.cm-lintRange-error')).map((r) => {
      const line = r.closest('.cm-line');
      const lines = Array.from(document.querySelectorAll('.cm-content > .cm-line'));
      return { line: line ? lines.indexOf(line) + 1 : -1, text: r.textContent ?? '' };
    }),
  );
}

async function setText(page: Page, text: string): Promise<void> {
  await page.click('.cm-content');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  // insertText types the text as one input, without auto-indent, bracket closing or completion
  await page.keyboard.insertText(text);
}

describe('browser editor', { skip: existsSync(CHROMIUM) ? false : `${CHROMIUM} is not installed` }, () => {
  let h: Harness;
  let browser: BrowserContext;
  let page: Page;
  before(async () => {
    await buildEditorBundle();
    h = await startHarness();
    browser = await chromium.launchPersistentContext(tempDir('chromium'), {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    browser.setDefaultTimeout(10_000);
    page = browser.pages()[0] ?? (await browser.newPage());
  });
  after(async () => {
    await browser?.close();
    await h?.close();
  });

  test('log in, see an error at its line, fix it, deploy, open it from the list, send an event', async () => {
    await page.goto(`${h.url}/editor`);
    await page.fill('#user', ADMIN.user);
    await page.fill('#password', ADMIN.password);
    await page.click('#login-button');
    await page.waitForSelector('#workspace:not([hidden]) .cm-content');

    await setText(page, BAD_APP);
    await page.waitForSelector('#problems li.problem');
    assert.deepEqual(await page.$$eval('#problems li.problem', (li) => li.map((l) => l.textContent)), [
      "5:8 unknown attribute 'nam' in 'S': expected one of name, amount; check the spelling or add it to the definition",
      "6:1 the query outputs (nam ?, amount double) but table 'T' is defined as (name string, amount double); select the same attributes (names, order and types) or insert into another table",
    ]);
    await page.waitForSelector('.cm-lintRange-error');
    assert.deepEqual(await lintRanges(page), [
      { line: 5, text: 'nam' },
      { line: 6, text: 'insert' },
    ]);
    // the marker's message shows on hover
    await page.hover('.cm-lintRange-error >> nth=0');
    const tip = await page.waitForSelector('.cm-tooltip-lint .cm-diagnostic-error');
    assert.match((await tip.textContent()) ?? '', /^unknown attribute 'nam' in 'S'/);
    await page.waitForSelector('.cm-gutter-lint .cm-lint-marker-error');

    await setText(page, GOOD_APP);
    await page.waitForSelector('#problems-title:text("No problems")');
    await page.waitForSelector('.cm-lintRange-error', { state: 'detached' });

    await page.click('#deploy');
    await page.waitForSelector('#status.ok:text("deployed")');
    assert.equal(await page.textContent('#status'), "Siddhi app 'EditorE2E' deployed");
    await page.waitForSelector('#apps button.app[data-name="EditorE2E"]');

    await setText(page, '');
    await page.click('#apps button.app[data-name="EditorE2E"]');
    await page.waitForSelector('#status:text("Opened \'EditorE2E\'")');
    assert.equal(
      await page.evaluate(() => document.querySelector('.cm-content')?.textContent),
      GOOD_APP.replaceAll('\n', ''),
    );

    await page.fill('#event-stream', 'S');
    await page.fill('#event-data', '["toffee", 12.5]');
    await page.click('#send-event');
    await page.waitForSelector('#status.ok:text("Event sent")');
    assert.equal(
      await page.textContent('#status'),
      'Event sent to EditorE2E/S: Single Event simulation started successfully',
    );
    assert.deepEqual(await storeQuery(h, 'EditorE2E', 'from T select *'), [['toffee', 12.5]]);
  });
});
