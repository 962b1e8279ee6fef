/** The word engine's browser host in Debian's Firefox ESR (puppeteer-core over WebDriver BiDi): see engines.ts. */
import { launchFirefox } from '../page/firefox.mjs';
import { wordsSuite } from './engines.js';

wordsSuite('Firefox', () => launchFirefox({ locale: 'en-GB' }));
