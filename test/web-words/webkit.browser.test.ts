/** The word engine's browser host in WebKitGTK (MiniBrowser through WebKitWebDriver, on its own Xvfb display): see engines.ts. */
import { launchWebKit } from '../page/webkit.mjs';
import { wordsSuite } from './engines.js';

wordsSuite('WebKit', () => launchWebKit({ locale: 'en-GB' }));
