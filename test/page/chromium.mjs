/**
 * Debian's Chromium driven by playwright-core, for the campaign page's tests and scripts. Never a
 * browser download: `.ci/run` installs the `chromium` package when /usr/bin/chromium is missing.
 */
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.REDFRAME_CHROMIUM ?? '/usr/bin/chromium';

/** Flags that work on these machines (root, no GPU, no display) and keep the browser from calling home. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** @returns {Promise<import('playwright-core').Browser>} */
export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * Opens a page from disk in a fresh context and records the address of every request it makes,
 * and every script error and console error (a refusal by the page's policy is one).
 *
 * @param {import('playwright-core').Browser} browser
 * @param {string} file absolute path of index.html, or an http:// address (the page on a host)
 * @param {import('playwright-core').BrowserContextOptions} [options]
 */
export async function openCampaignPage(browser, file, options = {}) {
  const context = await browser.newContext({ acceptDownloads: true, ...options });
  /** @type {string[]} */
  const requests = [];
  context.on('request', (request) => requests.push(request.url()));
  const page = await context.newPage();
  /** @type {string[]} */
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  // Chromium reports what the Content-Security-Policy refused as console errors.
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.goto(/^https?:\/\//.test(file) ? file : new URL(`file://${file}`).href);
  // The page's script marks its root `data-ready`: "true" once started, "error" with a message if not.
  const root = await page.waitForSelector('[data-ready]');
  if ((await root.getAttribute('data-ready')) !== 'true') throw new Error(`the page did not start: ${await root.textContent()}`);
  return { context, page, requests, errors };
}
