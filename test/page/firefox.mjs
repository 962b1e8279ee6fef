/**
 * Debian's Firefox ESR driven by puppeteer-core over WebDriver BiDi (`browser: 'firefox'`), for the
 * campaign page's tests. Never a browser download: `.ci/run` installs `firefox-esr` when missing.
 * Downloads land in a folder of the test's own, through Firefox's preferences.
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { PAGE_HOOKS } from './hooks.mjs';

export const FIREFOX = process.env.REDFRAME_FIREFOX ?? '/usr/bin/firefox-esr';

/**
 * Starts Firefox with the reader's language and a download folder; returns the engine the shared
 * page tests drive (see engine.d.mts).
 *
 * @param {{ locale: string }} options
 */
export async function launchFirefox({ locale }) {
  const downloads = await mkdtemp(join(tmpdir(), 'redframe-firefox-downloads-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: {
      'intl.accept_languages': locale,
      'browser.download.dir': downloads,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.start_downloads_in_tmp_dir': false,
      'browser.download.alwaysOpenPanel': false,
    },
  });
  return {
    name: `Firefox ${(await browser.version()).replace(/^firefox\//, '')}`,
    /** @param {string} file */
    async open(file) {
      const page = await browser.newPage();
      /** @type {string[]} */
      const errors = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
      await page.evaluateOnNewDocument(PAGE_HOOKS);
      await page.goto(new URL(`file://${file}`).href);
      return {
        evaluate: (/** @type {string} */ script) => page.evaluate(script),
        async choose(/** @type {string} */ selector, /** @type {string} */ path) {
          const input = await page.$(selector);
          await /** @type {import('puppeteer-core').ElementHandle<HTMLInputElement>} */ (input).uploadFile(path);
        },
        click: (/** @type {string} */ selector) => page.click(selector),
        /** The file Firefox saved: it is complete when it has the size of the blob the page handed over. */
        async savedFile(/** @type {string} */ name, /** @type {number} */ size) {
          const path = join(downloads, name);
          for (;;) {
            const found = await stat(path).catch(() => undefined);
            if (found && found.size === size && !(await readdir(downloads)).some((f) => f.endsWith('.part'))) return readFile(path);
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        },
        errors: async () => [...errors, ...(await page.evaluate('window.__redframe.errors'))],
        close: () => page.close(),
      };
    },
    async close() {
      await browser.close();
      await rm(downloads, { recursive: true, force: true });
    },
  };
}
