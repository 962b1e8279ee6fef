/** The campaign page in Debian's Firefox ESR (puppeteer-core over WebDriver BiDi): see engines.ts. */
import { missingBrowser } from '../platform.js';
import { engineSuite } from './engines.js';
import { FIREFOX, launchFirefox } from './firefox.mjs';

engineSuite('Firefox', launchFirefox, missingBrowser('Firefox', FIREFOX, 'REDFRAME_FIREFOX'));
