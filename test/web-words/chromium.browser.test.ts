/** The word engine's browser host in Debian's Chromium (playwright-core): see engines.ts. */
import { CHROMIUM, launchChromium } from '../page/chromium.mjs';
import { missingBrowser } from '../platform.js';
import { wordsSuite } from './engines.js';

wordsSuite('Chromium', async () => {
  const browser = await launchChromium();
  return {
    name: `Chromium ${browser.version()}`,
    async open(file) {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
      await page.goto(new URL(`file://${file}`).href);
      return { evaluate: (expression) => page.evaluate(expression), errors: async () => errors, close: () => page.close() };
    },
    close: () => browser.close(),
  };
}, missingBrowser('Chromium', CHROMIUM, 'REDFRAME_CHROMIUM'));
