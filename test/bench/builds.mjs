// Two builds of redframe against each other, for a change that must cost nothing (a move of code,
// a refactoring): the same work by each, in alternating pairs, each run a new process, CPU time
// (user + sys) and wall time from GNU time, and the median over the pairs of after / before. The
// floor is left out: both sides are redframe, so the ratio is the change's own cost. Not part of
// `npm test`. After `npm run build` in both checkouts:
//   node test/bench/builds.mjs --before ../old/bin/redframe.js [--after bin/redframe.js] [--what batch] [--pairs 10]
// (a checkout of an earlier commit: `git worktree add ../old <commit>`, then `npm ci && npm run build` there).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { photoFolder, ROOT } from './workload.mjs';

const WHAT = {
  batch: 'the 24-photo batch, default look, overlay cache warm',
  one: 'one photo, overlay cache warm',
  'one-no-cache': 'one photo, overlay cache off (the banner shaped and rasterised in the run)',
  version: 'redframe --version',
};
const { values: args } = parseArgs({
  options: {
    before: { type: 'string' },
    after: { type: 'string', default: join(ROOT, 'bin', 'redframe.js') },
    what: { type: 'string', default: 'batch' },
    pairs: { type: 'string', default: '10' },
  },
});
if (!args.before || !Object.hasOwn(WHAT, args.what) || !(Number(args.pairs) >= 1)) {
  console.error(`Usage: node test/bench/builds.mjs --before FILE [--after FILE] [--what ${Object.keys(WHAT).join('|')}] [--pairs N]`);
  process.exit(2);
}

const { folder: photos } = await photoFolder(24, (line) => console.log(line));
const cache = mkdtempSync(join(tmpdir(), 'redframe-builds-cache-'));

/** One run of one build: seconds of wall and CPU time, as GNU time reports them. */
function run(bin) {
  const out = mkdtempSync(join(tmpdir(), 'redframe-builds-out-'));
  const photo = join(photos, 'photo-0001.jpg');
  const command = {
    batch: [photos, '-o', `${out}/`, '--overwrite'],
    one: [photo, '-o', join(out, 'a.jpg')],
    'one-no-cache': [photo, '-o', join(out, 'a.jpg')],
    version: ['--version'],
  }[args.what];
  const env = { ...process.env, XDG_CACHE_HOME: cache, ...(args.what === 'one-no-cache' ? { REDFRAME_CACHE: 'off' } : {}) };
  const result = spawnSync('/usr/bin/time', ['-f', '%e %U %S', process.execPath, bin, ...command], { env, encoding: 'utf8' });
  rmSync(out, { recursive: true, force: true });
  if (result.status !== 0) throw new Error(`${bin} ${command.join(' ')} failed: ${result.stderr}`);
  const [wall, user, system] = result.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  return { wall, cpu: user + system };
}

const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
// A first run of each fills the overlay cache and the file system's cache.
run(args.before);
run(args.after);
const before = [];
const after = [];
for (let i = 0; i < Number(args.pairs); i++) {
  if (i % 2 === 0) { before.push(run(args.before)); after.push(run(args.after)); }
  else { after.push(run(args.after)); before.push(run(args.before)); }
}
const ratio = (key) => median(before.map((b, i) => after[i][key] / b[key]));
const seconds = (runs, key) => `${(median(runs.map((r) => r[key])) * 1000).toFixed(0)} ms`;
console.log(`${WHAT[args.what]}, ${before.length} alternating pairs (medians):`);
console.log(`  before ${seconds(before, 'wall')} wall, ${seconds(before, 'cpu')} CPU  (${args.before})`);
console.log(`  after  ${seconds(after, 'wall')} wall, ${seconds(after, 'cpu')} CPU  (${args.after})`);
console.log(`  after / before, median of the pairs: wall x${ratio('wall').toFixed(3)}, CPU x${ratio('cpu').toFixed(3)}`);
rmSync(cache, { recursive: true, force: true });
