/**
 * The campaign page's script (bundled by scripts/build-web.mjs into dist/web/page.js and inlined
 * by the page writer). Everything runs here, in the browser: the photo never leaves the device.
 */
import { PAGE_ROOT_ID } from '../portable/page-config.js';
import { startPage } from './app.js';

function run(): void {
  startPage(document).catch((error: unknown) => {
    // A page that cannot start says so, instead of sitting empty.
    const root = document.getElementById(PAGE_ROOT_ID) ?? document.body;
    const p = document.createElement('p');
    p.setAttribute('role', 'alert');
    p.textContent = `This page could not start: ${(error as Error).message}`;
    root.replaceChildren(p);
    root.setAttribute('data-ready', 'error');
  });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run);
else run();
