/** The campaign page in WebKitGTK (MiniBrowser through WebKitWebDriver, on its own Xvfb display): see engines.ts. */
import { missingBrowser } from '../platform.js';
import { engineSuite } from './engines.js';
import { launchWebKit, MINIBROWSER, WEBKIT_DRIVER } from './webkit.mjs';

const missing = missingBrowser("WebKitGTK's WebKitWebDriver", WEBKIT_DRIVER, 'REDFRAME_WEBKIT_DRIVER') ?? missingBrowser("WebKitGTK's MiniBrowser", MINIBROWSER, 'REDFRAME_MINIBROWSER');
engineSuite('WebKit', launchWebKit, missing);
