/**
 * WebKitGTK (the engine of every iPhone browser, in its Linux build) for the campaign page's tests:
 * Debian's `webkit2gtk-driver` (WebKitWebDriver) driving MiniBrowser with `--automation`, on a
 * virtual display of our own (Xvfb), through selenium-webdriver. Nothing is downloaded: `.ci/run`
 * installs `webkit2gtk-driver` and `xvfb` when missing. The driver has no BiDi, so the page's
 * errors come from hooks installed in the page (hooks.mjs), and downloads are read from their blobs.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { Builder, By } from 'selenium-webdriver';
import { PAGE_HOOKS } from './hooks.mjs';

export const WEBKIT_DRIVER = process.env.REDFRAME_WEBKIT_DRIVER ?? '/usr/bin/WebKitWebDriver';
export const MINIBROWSER = process.env.REDFRAME_MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';

/**
 * Starts Xvfb on a display it picks itself (`-displayfd`: no guessing, no clash with another run)
 * and resolves with the display's number once the server accepts clients.
 *
 * @returns {Promise<{ display: string, stop(): void }>}
 */
export function startXvfb() {
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  let stderr = '';
  xvfb.stderr?.on('data', (chunk) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    let out = '';
    xvfb.on('error', (error) => reject(new Error(`Xvfb could not start (${error.message}); install the xvfb package`)));
    xvfb.on('exit', (code) => reject(new Error(`Xvfb stopped (${code}): ${stderr.trim()}`)));
    /** @type {import('node:stream').Readable} */ (xvfb.stdio[3]).on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve({ display: `:${out.trim()}`, stop: () => xvfb.kill() });
    });
  });
}

/** A port nobody listens on now, for the driver. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = /** @type {import('node:net').AddressInfo} */ (server.address());
      server.close(() => resolve(port));
    });
  });
}

/** Starts WebKitWebDriver and resolves once its /status says it is ready. */
async function startDriver(display, locale) {
  const port = await freePort();
  const driver = spawn(WEBKIT_DRIVER, [`--port=${port}`], { env: { ...process.env, DISPLAY: display, LANGUAGE: locale.replace('-', '_') }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  driver.stderr?.on('data', (chunk) => (stderr += chunk));
  const stopped = new Promise((_, reject) => {
    driver.on('error', (error) => reject(new Error(`WebKitWebDriver could not start (${error.message}); install the webkit2gtk-driver package`)));
    driver.on('exit', (code) => reject(new Error(`WebKitWebDriver stopped (${code}): ${stderr.trim()}`)));
  });
  const ready = (async () => {
    for (;;) {
      const status = await fetch(`http://127.0.0.1:${port}/status`).then((r) => r.json(), () => undefined);
      if (status?.value?.ready) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  await Promise.race([ready, stopped]);
  return { url: `http://127.0.0.1:${port}`, stop: () => driver.kill() };
}

/**
 * Starts a virtual display, the driver and one MiniBrowser session; returns the engine the shared
 * page tests drive (see engine.d.mts). WebKitGTK takes the interface language from the
 * environment (LANGUAGE), as a desktop user's does.
 *
 * @param {{ locale: string }} options
 */
export async function launchWebKit({ locale }) {
  const xvfb = await startXvfb();
  /** @type {{ url: string, stop(): void } | undefined} */
  let server;
  try {
    server = await startDriver(xvfb.display, locale);
    const driver = await new Builder()
      .usingServer(server.url)
      .withCapabilities({ browserName: 'MiniBrowser', 'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation'] } })
      .build();
    const version = (await driver.getCapabilities()).get('browserVersion');
    const stop = async () => {
      await driver.quit().catch(() => undefined);
      server?.stop();
      xvfb.stop();
    };
    return {
      name: `WebKitGTK ${version}`,
      /** @param {string} file */
      async open(file) {
        await driver.get(new URL(`file://${file}`).href);
        await driver.executeScript(PAGE_HOOKS);
        return {
          evaluate: (/** @type {string} */ script) => driver.executeScript(`return ${script}`),
          // WebDriver sets a file input by typing the file's path into it.
          choose: async (/** @type {string} */ selector, /** @type {string} */ path) => driver.findElement(By.css(selector)).sendKeys(path),
          click: async (/** @type {string} */ selector) => driver.findElement(By.css(selector)).click(),
          savedFile: undefined,
          errors: () => driver.executeScript('return window.__redframe.errors'),
          close: async () => {},
        };
      },
      close: stop,
    };
  } catch (error) {
    server?.stop();
    xvfb.stop();
    throw error;
  }
}
