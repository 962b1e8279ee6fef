/** The word engine's browser host in Debian's Firefox ESR (puppeteer-core over WebDriver BiDi): see engines.ts. */
import { FIREFOX, launchFirefox } from '../page/firefox.mjs';
import { missingBrowser } from '../platform.js';
import { wordsSuite } from './engines.js';

wordsSuite('Firefox', () => launchFirefox({ locale: 'en-GB' }), missingBrowser('Firefox', FIREFOX, 'REDFRAME_FIREFOX'));
