/**
 * The package as users get it: `npm pack`, a global install into a temporary prefix, the command
 * run from a folder that has nothing of the repository around it, and the library imported (and
 * type-checked) from a fresh project. Nothing here reads dist/ or src/ of the checkout directly.
 *
 * `npm test` builds first; run `npm run build` before running this file alone.
 */
import { execFile, spawnSync } from 'node:child_process';
import { copyFile, mkdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ROOT, fixture, photo, tempDir } from './helpers.js';
import { CANNOT, skipWhere } from './platform.js';

const run = promisify(execFile);
const version: string = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')).version;

// A user's shell: no npm_* variables from the `npm test` around us, node and the prefix on PATH.
const cleanEnv = (bin: string): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key))),
  PATH: [bin, dirname(process.execPath), process.env.PATH].join(delimiter),
  NO_COLOR: '1',
  CI: '1',
});

interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string }[];
}

let work: string;
let tarball: string;
let packed: PackResult;
let prefix: string;
let installed: string;
let env: NodeJS.ProcessEnv;

beforeEach((ctx) => skipWhere(ctx, CANNOT.posixInstall));
beforeAll(async () => {
  if (CANNOT.posixInstall) return;
  work = await tempDir('redframe-package-');
  // Scripts are skipped: `npm test` has just built dist/, and a second tsc run only costs time.
  const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT, env: cleanEnv('') });
  [packed] = JSON.parse(stdout) as [PackResult];
  tarball = join(work, packed.filename);
  prefix = join(work, 'prefix');
  env = cleanEnv(join(prefix, 'bin'));
  // The way a user installs it (deps come from the npm cache that `npm ci` filled).
  await run('npm', ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: work, env });
  installed = join(prefix, 'lib', 'node_modules', 'redframe');
}, 240_000);

describe('npm pack', () => {
  it('ships the built code, the launcher, the font with its licence, the schema and the docs', () => {
    const paths = packed.files.map((f) => f.path);
    for (const needed of [
      'package.json', 'README.md', 'LICENSE', 'preset.schema.json', 'bin/redframe.js', 'dist/api/index.js', 'dist/api/index.d.ts', 'dist/api/options.js',
      'dist/cli/main.js', 'assets/fonts/Vazirmatn-Bold.ttf', 'assets/fonts/Vazirmatn-OFL.txt',
    ]) {
      expect(paths).toContain(needed);
    }
  });

  it('leaves out sources, tests, fixtures, scripts, pictures and source maps', () => {
    const stray = packed.files.map((f) => f.path).filter((p) => /^(src|test|fixtures|scripts|docs|out)\/|\.map$|\.ts$|\.(png|jpe?g|webp|gif|avif|heic)$/i.test(p) && !p.endsWith('.d.ts'));
    expect(stray).toEqual([]); // the README pictures stay in the repository
    // The code, fonts and docs: a budget with room for growth, far below what one stray picture or
    // folder of fixtures adds. Measured: 400 kB before the page's eight interface languages (each
    // shipped three times: the page bundle, the library, the command's bundle) and the cover and
    // card commands; 470 kB with them; 497 kB with the word engine's move; 530 kB with the third
    // hardening round (the photo's shape and the deadline, the set writes, the batch's record, two
    // new page sentences in eight languages, each shipped three times, and their docs).
    expect(packed.size).toBeLessThan(570_000);
  });
});

describe('a global install from the tarball', () => {
  it('runs no script of redframe on install: the tarball carries dist/, built by prepack', async () => {
    // npm 11 warns "install-scripts" for every package with one (prepare, install, ...).
    const { scripts = {} } = JSON.parse(await readFile(join(installed, 'package.json'), 'utf8'));
    expect(Object.keys(scripts).filter((name) => /^(pre|post)?(install|prepare)$/.test(name))).toEqual([]);
    expect((await stat(join(installed, 'dist', 'api', 'index.js'))).isFile()).toBe(true);
  });

  it('puts redframe on the PATH and prints the version from any folder', async () => {
    const elsewhere = await tempDir('redframe-cwd-');
    const started = performance.now();
    const { stdout } = await run('redframe', ['--version'], { cwd: elsewhere, env });
    const milliseconds = Math.round(performance.now() - started);
    expect(stdout.trim()).toBe(version);
    console.log(`redframe --version after a global install: ${milliseconds} ms; tarball ${packed.size} B, unpacked ${packed.unpackedSize} B`);
  });

  it('renders a photo with the bundled font from a folder outside the repository', async () => {
    const elsewhere = await tempDir('redframe-cwd-');
    await copyFile(photo('chelsea.jpg'), join(elsewhere, 'cat.jpg'));
    const { stderr } = await run('redframe', ['cat.jpg', '--size', '240', '--text', '#حلب_تحترق', '--text', '#AleppoIsBurning'], { cwd: elsewhere, env });
    expect(stderr).toContain('cat.jpg -> cat.redframe.jpg');
    const meta = await sharp(join(elsewhere, 'cat.redframe.jpg')).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 240, height: 240 });
  });

  it('decodes an iPhone HEIC photo with the libheif-js it installed', async () => {
    const elsewhere = await tempDir('redframe-cwd-');
    await copyFile(fixture('formats', 'cat.heic'), join(elsewhere, 'IMG_0001.HEIC'));
    await run('redframe', ['IMG_0001.HEIC', '-o', 'me.png', '--shape', 'circle', '--size', '200'], { cwd: elsewhere, env });
    expect(await sharp(join(elsewhere, 'me.png')).metadata()).toMatchObject({ format: 'png', width: 200, hasAlpha: true });
  });

  it('loads a shared preset with its own font, and a folder batch, from another folder', async () => {
    const elsewhere = await tempDir('redframe-cwd-');
    await mkdir(join(elsewhere, 'team', 'photos'), { recursive: true });
    await copyFile(join(installed, 'assets', 'fonts', 'Vazirmatn-Bold.ttf'), join(elsewhere, 'team', 'Campaign.ttf'));
    await writeFile(join(elsewhere, 'team', 'preset.json'), JSON.stringify({
      $schema: `https://cdn.jsdelivr.net/npm/redframe@${version}/preset.schema.json`,
      mode: 'duotone', color: '#0a7d32', text: ['#آزادی', '#Freedom'], font: 'Campaign.ttf', size: 200, shape: 'circle',
    }));
    await copyFile(photo('astronaut.jpg'), join(elsewhere, 'team', 'photos', 'a.jpg'));
    await copyFile(photo('coffee.jpg'), join(elsewhere, 'team', 'photos', 'b.jpg'));
    const { stdout } = await run('redframe', ['team/photos', '-o', 'avatars', '--preset', 'team/preset.json', '--json'], { cwd: elsewhere, env });
    expect(JSON.parse(stdout).totals).toMatchObject({ ok: 2, failed: 0 });
    const meta = await sharp(join(elsewhere, 'avatars', 'a.png')).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 200, hasAlpha: true });
  });
});

describe('the library from a fresh project', () => {
  let project: string;

  beforeEach((ctx) => skipWhere(ctx, CANNOT.symlink));
  beforeAll(async () => {
    if (CANNOT.posixInstall ?? CANNOT.symlink) return;
    project = await tempDir('redframe-project-');
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'uses-redframe', private: true, type: 'module' }));
    await mkdir(join(project, 'node_modules', '@types'), { recursive: true });
    // The installed package, as `npm install redframe` would place it (its own deps inside it).
    await symlink(installed, join(project, 'node_modules', 'redframe'), 'dir');
    await symlink(join(ROOT, 'node_modules', '@types', 'node'), join(project, 'node_modules', '@types', 'node'), 'dir');
    await copyFile(photo('rocket.jpg'), join(project, 'rocket.jpg'));
  });

  it('renders, batches and loads presets through the package entry point, without the CLI', async () => {
    await writeFile(join(project, 'use.mjs'), `
import { renderAvatar, renderBatch, loadPreset, createRenderer, BUILT_IN_PRESETS } from 'redframe';
const png = await renderAvatar('rocket.jpg', { size: 200, shape: 'circle', text: ['#آزادی'] });
const solid = await loadPreset('solid');
const batch = await renderBatch(['rocket.jpg'], { ...solid, size: 96, banner: 'none' }, { output: 'out' });
const renderer = createRenderer({ size: 64, banner: 'none' });
const rendered = await renderer.render('rocket.jpg');
console.log(JSON.stringify({ png: png.subarray(1, 4).toString(), presets: BUILT_IN_PRESETS.map((p) => p.name), totals: batch.totals, format: renderer.format, w: rendered.width }));
`);
    const { stdout } = await run(process.execPath, ['use.mjs'], { cwd: project, env });
    expect(JSON.parse(stdout)).toEqual({
      png: 'PNG', presets: ['aleppo', 'solid', 'plain'], totals: expect.objectContaining({ ok: 1, failed: 0 }), format: 'jpeg', w: 64,
    });
    expect(await sharp(join(project, 'out', 'rocket.jpg')).metadata()).toMatchObject({ width: 96, format: 'jpeg' });
  });

  it('ships types that catch wrong options', async () => {
    await writeFile(join(project, 'use.ts'), `
import { renderAvatar, renderBatch, loadPreset, type RenderOptions, type BatchResult, type RenderedAvatar, type Preset } from 'redframe';
const options: RenderOptions = { ...(await loadPreset('team.json')), mode: 'wash', text: ['#FreeThemAll'] };
const data: Buffer = await renderAvatar('photo.jpg', options);
const result: BatchResult = await renderBatch(['photos/'], options, { output: 'avatars', concurrency: 2 });
const failed: number = result.totals.failed;
// @ts-expect-error: not a mode
const wrong: RenderOptions = { mode: 'sepia' };
// @ts-expect-error: size is a number
const wrongSize: RenderOptions = { size: '800' };
export type Used = [typeof data, typeof failed, typeof wrong, typeof wrongSize, RenderedAvatar, Preset];
`);
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    // Without skipLibCheck: every declaration the package ships must type-check in a strict project.
    const args = ['--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--types', 'node', 'use.ts'];
    const result = await run(process.execPath, [tsc, ...args], { cwd: project, env }).then(
      ({ stdout }) => ({ code: 0, stdout }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout + error.stderr }),
    );
    expect(result).toEqual({ code: 0, stdout: '' });
  });
});

describe('a checkout on Windows', () => {
  // Git for Windows installs with core.autocrlf=true: without .gitattributes its checkout turns LF
  // into CRLF in every file git takes for text, and a package packed from it ships a launcher whose
  // shebang asks Linux and macOS for "node\r", and test fixtures named .jpg but holding text change.
  const git = (args: string[]) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });

  it('is byte for byte the checkout made on Linux (.gitattributes: LF everywhere, binaries untouched)', async (ctx) => {
    if (git(['rev-parse', '--is-inside-work-tree']).stdout?.trim() !== 'true') return ctx.skip('needs git and a git checkout of redframe');
    expect(git(['check-attr', 'eol', '--', 'bin/redframe.js']).stdout).toBe('bin/redframe.js: eol: lf\n');
    // Every tracked file checked out twice from the index, as on Linux and as Git for Windows does.
    const linux = await tempDir('redframe-checkout-linux-');
    const windows = await tempDir('redframe-checkout-windows-');
    for (const [folder, autocrlf] of [[linux, 'false'], [windows, 'true']]) {
      const done = git(['-c', `core.autocrlf=${autocrlf}`, 'checkout-index', '--all', `--prefix=${folder}/`]);
      expect(done.status, done.stderr).toBe(0);
    }
    const files = git(['ls-files', '-z']).stdout.split('\0').filter((path) => path !== '');
    const changed: string[] = [];
    for (const path of files) {
      const [a, b] = await Promise.all([readFile(join(linux, path)), readFile(join(windows, path))]).catch(() => [Buffer.alloc(0), Buffer.from('missing')]);
      if (!a.equals(b)) changed.push(path);
    }
    expect(changed).toEqual([]);
    expect(files).toContain('bin/redframe.js');
  });

  it('ships a launcher without a carriage return', async () => {
    expect((await readFile(join(installed, 'bin', 'redframe.js'), 'utf8')).includes('\r')).toBe(false);
  });
});
