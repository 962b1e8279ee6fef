/** The campaign page in WebKitGTK (MiniBrowser through WebKitWebDriver, on its own Xvfb display): see engines.ts. */
import { engineSuite } from './engines.js';
import { launchWebKit } from './webkit.mjs';

engineSuite('WebKit', launchWebKit);
