/** The word engine's browser host in WebKitGTK (MiniBrowser through WebKitWebDriver, on its own Xvfb display): see engines.ts. */
import { launchWebKit, MINIBROWSER, WEBKIT_DRIVER } from '../page/webkit.mjs';
import { missingBrowser } from '../platform.js';
import { wordsSuite } from './engines.js';

const missing = missingBrowser("WebKitGTK's WebKitWebDriver", WEBKIT_DRIVER, 'REDFRAME_WEBKIT_DRIVER') ?? missingBrowser("WebKitGTK's MiniBrowser", MINIBROWSER, 'REDFRAME_MINIBROWSER');
wordsSuite('WebKit', () => launchWebKit({ locale: 'en-GB' }), missing);
