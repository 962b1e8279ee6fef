/** The campaign page in Debian's Firefox ESR (puppeteer-core over WebDriver BiDi): see engines.ts. */
import { engineSuite } from './engines.js';
import { launchFirefox } from './firefox.mjs';

engineSuite('Firefox', launchFirefox);
