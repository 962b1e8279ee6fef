/**
 * What the page-side hooks record, for engines whose driver reports no script error (WebKit's
 * WebDriver has no BiDi): uncaught errors, unhandled rejections and what the page's
 * Content-Security-Policy refused. Also the files the page hands to `<a download>`, read from
 * their blobs, so a test can compare a download in an engine that cannot save one to disk.
 * Installed as a function's source, so it runs in the page, in any engine.
 */
export function pageHooks() {
  if (window.__redframe) return;
  const state = { errors: [], downloads: [] };
  window.__redframe = state;
  addEventListener('error', (e) => state.errors.push(`error: ${e.message}`));
  addEventListener('unhandledrejection', (e) => state.errors.push(`unhandled rejection: ${e.reason}`));
  addEventListener('securitypolicyviolation', (e) => state.errors.push(`refused by the policy: ${e.violatedDirective} ${e.blockedURI}`));
  const blobs = new Map();
  const create = URL.createObjectURL;
  URL.createObjectURL = function (blob) {
    const url = create.call(URL, blob);
    blobs.set(url, blob);
    return url;
  };
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    const blob = this.download ? blobs.get(this.href) : undefined;
    if (blob) {
      const name = this.download;
      // Base64 in chunks: a WebDriver result is JSON, and an array of numbers is four times larger.
      blob.arrayBuffer().then((buffer) => {
        const bytes = new Uint8Array(buffer);
        let binary = '';
        for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        state.downloads.push({ name, type: blob.type, base64: btoa(binary) });
      });
    }
    return click.call(this);
  };
}

/** The hooks as a script to evaluate. */
export const PAGE_HOOKS = `(${pageHooks.toString()})();`;
