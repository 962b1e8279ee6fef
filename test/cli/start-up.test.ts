/**
 * `redframe --help`, `--version` and usage errors answer without the image engine: proven from the
 * real entry (bin/redframe.js), with a module hook that records every package the process loads.
 */
import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, photo, ROOT, tempDir } from '../helpers.js';

/**
 * Runs the command (or another entry) and returns the packages it loaded from node_modules
 * (`sharp`, ...), the command's own files it loaded (the bundle in dist/cli/ and its chunks) and
 * its status.
 */
async function packagesLoaded(args: string[], entry: string[] = [BIN]): Promise<{ status: number | null; packages: Set<string>; ownFiles: string[] }> {
  const dir = await tempDir();
  const log = join(dir, 'loaded.txt');
  const hooks = join(dir, 'hooks.mjs');
  await writeFile(hooks, `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  const match = /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(resolved.url);
  appendFileSync(${JSON.stringify(log)}, (match ? match[1] : resolved.url) + '\\n');
  return resolved;
}`);
  const register = `import { register } from 'node:module'; register(${JSON.stringify(pathToFileURL(hooks).href)});`;
  await writeFile(log, '');
  const child = spawn(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, ...entry, ...args], { cwd: dir, stdio: 'ignore' });
  const status = await new Promise<number | null>((done) => child.on('close', done));
  const lines = (await readFile(log, 'utf8')).split('\n').filter(Boolean);
  return { status, packages: new Set(lines.filter((l) => !l.includes(':'))), ownFiles: lines.filter((l) => l.includes('/dist/cli/')) };
}

describe('start-up', () => {
  it('--help, --version, page --help and usage errors load no image engine', async () => {
    for (const args of [['--help'], ['--version'], ['page', '--help'], ['--mode', 'soild', 'a.jpg'], [], ['--concurrency', '0', 'a.jpg', 'b.jpg']]) {
      const { status, packages, ownFiles } = await packagesLoaded(args);
      expect([0, 2], args.join(' ')).toContain(status);
      expect(ownFiles.length, args.join(' ')).toBeGreaterThan(0); // the hook saw the command load
      expect(packages.has('sharp'), args.join(' ')).toBe(false);
    }
  });

  it('redframe/options loads no image engine; redframe does', async () => {
    const load = (entry: string) => packagesLoaded([], ['--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(join(ROOT, entry)).href)});`]);
    const options = await load('dist/api/options.js');
    expect(options.status).toBe(0);
    expect(options.packages.has('@img/colour')).toBe(true);
    expect(options.packages.has('sharp')).toBe(false);
    expect((await load('dist/api/index.js')).packages.has('sharp')).toBe(true);
  });

  it('starts from one bundled file: the command and the packages it needs to parse arguments are in dist/cli/main.js', async () => {
    const { packages, ownFiles } = await packagesLoaded(['--version']);
    expect(ownFiles.filter((f) => !/\/dist\/cli\/(main|chunk-[A-Z0-9]+)\.js$/.test(f))).toEqual([]);
    // commander and picocolors are inside the bundle; @img/colour is require()d from node_modules
    // (below), which this hook of ES module resolution does not see.
    expect([...packages]).toEqual([]);
  });

  it('carries no copy of @img/colour: the command requires the one sharp loads, so it is set up once', async () => {
    const bundle = join(ROOT, 'dist', 'cli');
    const files = (await readdir(bundle)).filter((name) => /^(main|chunk-[A-Z0-9]+)\.js$/.test(name));
    const code = (await Promise.all(files.map((name) => readFile(join(bundle, name), 'utf8')))).join('\n');
    expect(code).toMatch(/\w\("@img\/colour"\)/); // esbuild's require shim, minified
    expect(code).not.toContain('aliceblue'); // the first of the CSS colour names in its table
  });

  it('loads sharp once there is a photo to render', async () => {
    const dir = await tempDir();
    const { status, packages } = await packagesLoaded([photo('coffee.jpg'), '-o', join(dir, 'a.jpg'), '--size', '64', '--banner', 'none']);
    expect(status).toBe(0);
    expect(packages.has('sharp')).toBe(true);
  });
});
