// redframe's benchmark: the built command against the floor (a bare sharp pipeline) and against
// ImageMagick, on 12-megapixel phone-like photos. Run with `npm run bench` (builds first), or
// `node test/bench/bench.mjs --help` after `npm run build`. Not part of `npm test`: timings
// depend on the machine and its load, so targets are checked here and reported, never asserted.
//
// Every comparison is made of pairs: the two commands run one after the other, in alternating
// order, each a whole new process, and the figure judged is the median over the pairs of the
// ratio (or difference) within each pair, so load that drifts during the run hits both sides of a
// pair alike. Wall time and CPU time (user + system, from GNU time, children included) are both
// reported: on a shared machine CPU time is the steadier of the two.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { delimiter, join } from 'node:path';
import { parseArgs } from 'node:util';
import { emptyFolder, photoFolder, ROOT } from './workload.mjs';

const HELP = `Usage: npm run bench -- [options]     (or: node test/bench/bench.mjs [options] after npm run build)

  --count N           photos in the batch (default 24)
  --rounds N          pairs of batch runs, redframe and the floor alternating (default 5)
  --centre-rounds N   pairs of batch runs with --crop centre (default 3)
  --attention-rounds N
                      pairs of batch runs of the floor cutting with sharp's attention crop (the
                      default look's crop), against the floor and against redframe (default 3)
  --magick-rounds N   pairs of ImageMagick and redframe batch runs (default 3)
  --cold-rounds N     pairs of one-photo runs from a cold start (default 7)
  --startup-rounds N  runs of --version, of a usage error and of bare node (default 9)
  --memory-count N    photos in the memory run, compared with the batch's peak (default 500, 0 skips)
  --memory-rounds N   runs of the memory batch; the median peak is compared (default 1);
                      the floor makes the same batch as often, alternating, for comparison
  --plan-count N      empty files in the planning run (default 100000, 0 skips)
  --skip LIST         comma list of parts to skip: centre, attention, magick, cold, startup, memory,
                      memory-floor (the floor's own memory runs), plan
  --bin FILE          redframe command to test (default bin/redframe.js)
  --redframe-args=S   extra arguments for redframe's batch, e.g. --redframe-args="--concurrency 3"
  --in-flight N       images in flight for the floor (default: redframe's default concurrency)
  --magick FILE       ImageMagick's magick or convert (default: the first real one on the PATH)
  --json [FILE]       write the results as JSON to FILE (or to standard output when no FILE)
  --help

redframe keeps its overlay cache in a temporary XDG_CACHE_HOME for the run: the warm-up fills it,
as a user's first run does; "one photo, overlay cache off" shows the cost without it.`;

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '24' },
    rounds: { type: 'string', default: '5' },
    'centre-rounds': { type: 'string', default: '3' },
    'attention-rounds': { type: 'string', default: '3' },
    'magick-rounds': { type: 'string', default: '3' },
    'cold-rounds': { type: 'string', default: '7' },
    'startup-rounds': { type: 'string', default: '9' },
    'memory-count': { type: 'string', default: '500' },
    'memory-rounds': { type: 'string', default: '1' },
    'plan-count': { type: 'string', default: '100000' },
    skip: { type: 'string', default: '' },
    bin: { type: 'string', default: join(ROOT, 'bin', 'redframe.js') },
    'redframe-args': { type: 'string', default: '' },
    'in-flight': { type: 'string' },
    magick: { type: 'string' },
    json: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
  // `--json` alone (no file) is allowed: parse it by hand below.
  args: process.argv.slice(2).flatMap((a, i, all) => (a === '--json' && (i === all.length - 1 || all[i + 1].startsWith('--')) ? ['--json', '-'] : [a])),
});
if (args.help) {
  process.stdout.write(`${HELP}\n`);
  process.exit(0);
}
const integer = (name, min) => {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n < min) {
    process.stderr.write(`bench: Expected an integer from ${min} up for --${name} but received ${JSON.stringify(args[name])}\n`);
    process.exit(2);
  }
  return n;
};
const COUNT = integer('count', 1);
const ROUNDS = integer('rounds', 1);
const CENTRE_ROUNDS = integer('centre-rounds', 0);
const ATTENTION_ROUNDS = integer('attention-rounds', 0);
const MAGICK_ROUNDS = integer('magick-rounds', 0);
const COLD_ROUNDS = integer('cold-rounds', 1);
const STARTUP_ROUNDS = integer('startup-rounds', 1);
const MEMORY_COUNT = integer('memory-count', 0);
const MEMORY_ROUNDS = integer('memory-rounds', 1);
const PLAN_COUNT = integer('plan-count', 0);
const SKIP = new Set(args.skip.split(',').filter(Boolean));
// The floor gets as many images in flight as redframe's batch has by default.
if (args['in-flight'] === undefined) {
  const batch = join(ROOT, 'dist', 'batch', 'batch.js'); // internal: the public API does not export it
  args['in-flight'] = String(existsSync(batch) ? (await import(batch)).defaultConcurrency() : availableParallelism() + 1);
}
const IN_FLIGHT = integer('in-flight', 1);
const REDFRAME_ARGS = args['redframe-args'].split(/\s+/).filter(Boolean);
const JSON_TO_STDOUT = args.json === '-';
const CORES = availableParallelism();
const NODE = process.execPath;
const FLOOR = join(ROOT, 'test', 'bench', 'floor.mjs');
const MAGICK = join(ROOT, 'test', 'bench', 'magick.mjs');
const TIME = ['/usr/bin/time', '/bin/time'].find((t) => existsSync(t) && spawnSync(t, ['-f', '%U', 'true'], { encoding: 'utf8' }).status === 0);

// Text goes to stderr when the JSON goes to stdout, so `--json | jq` works.
const say = (line = '') => (JSON_TO_STDOUT ? process.stderr : process.stdout).write(`${line}\n`);
const note = (line) => process.stderr.write(`${line}\n`);

if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js')) && args.bin === join(ROOT, 'bin', 'redframe.js')) {
  note('bench: dist/ is missing; run `npm run build` first (npm run bench does it for you)');
  process.exit(2);
}

/** ImageMagick as given, else the first `magick` or `convert` on the PATH that says it is ImageMagick. */
function findMagick() {
  const real = (file) => /ImageMagick/.test(spawnSync(file, ['-version'], { encoding: 'utf8' }).stdout ?? '');
  if (args.magick) return real(args.magick) ? args.magick : undefined;
  for (const name of ['magick', 'convert']) {
    for (const folder of (process.env.PATH ?? '').split(delimiter)) {
      const file = join(folder, name);
      if (folder && existsSync(file) && real(file)) return file;
    }
  }
  return undefined;
}

/**
 * Runs a command as a new process and measures its wall time, CPU time (user + system, children
 * included) and peak memory (max RSS): with GNU time when present (it reports the largest of the
 * process and the children it waited for), else wall time only and memory by sampling /proc.
 */
async function measure(command, commandArgs, { env, expectCode = 0 } = {}) {
  const timeFile = TIME ? join(WORK, `time-${Math.random().toString(36).slice(2)}.txt`) : undefined;
  const [file, fileArgs] = TIME ? [TIME, ['-f', '%M %U %S', '-o', timeFile, command, ...commandArgs]] : [command, commandArgs];
  const started = performance.now();
  const child = spawn(file, fileArgs, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, XDG_CACHE_HOME: CACHE_HOME, ...env } });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  let sampled = 0;
  const sampler = TIME
    ? undefined
    : setInterval(() => {
        try {
          const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          if (hwm) sampled = Math.max(sampled, Number(hwm[1]));
        } catch {
          // The process ended between two samples: its last sample stands.
        }
      }, 20);
  const code = await new Promise((done) => child.on('exit', (c) => done(c)));
  const seconds = (performance.now() - started) / 1000;
  if (sampler) clearInterval(sampler);
  if (code !== expectCode) throw new Error(`${command} ${commandArgs.join(' ')} exited with ${code}, expected ${expectCode}\n${stderr}`);
  let peakKb = sampled;
  let cpuSeconds = Number.NaN;
  if (timeFile) {
    const [kb, user, system] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
    peakKb = kb;
    cpuSeconds = user + system;
    await rm(timeFile, { force: true });
  }
  return { seconds, cpuSeconds, peakMb: peakKb / 1024 };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const range = (xs) => ({ median: median(xs), min: Math.min(...xs), max: Math.max(...xs), runs: xs });
const summary = (runs, count) => ({
  wallSeconds: range(runs.map((r) => r.seconds)),
  cpuSeconds: range(runs.map((r) => r.cpuSeconds)),
  imagesPerSecond: count / median(runs.map((r) => r.seconds)),
  peakMb: range(runs.map((r) => r.peakMb)),
});
const load = () => loadavg().map((l) => Number(l.toFixed(2)));
const fixed = (n, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const spread = (s) => `${fixed(s.min)}-${fixed(s.max)}`;
const ms = (seconds) => `${fixed(seconds * 1000, 0)} ms`;

/**
 * Runs `a` and `b` in pairs, alternating which goes first, and returns every run of each and the
 * per-pair ratios (a / b) of wall and CPU time and differences (a - b) of wall time.
 */
async function pairs(rounds, a, b, label) {
  const runs = { a: [], b: [] };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 ? [['b', b], ['a', a]] : [['a', a], ['b', b]];
    for (const [side, tool] of order) {
      await tool.before?.();
      const run = await measure(tool.command, tool.args, tool.options);
      runs[side].push(run);
      note(`  ${label} ${round + 1}/${rounds} ${tool.name.padEnd(18)} ${fixed(run.seconds)} s wall, ${fixed(run.cpuSeconds)} s CPU, ${fixed(run.peakMb, 0)} MB`);
    }
  }
  const each = (f) => runs.a.map((r, i) => f(r, runs.b[i]));
  return {
    a: runs.a,
    b: runs.b,
    wallRatio: range(each((x, y) => x.seconds / y.seconds)),
    cpuRatio: range(each((x, y) => x.cpuSeconds / y.cpuSeconds)),
    wallDifference: range(each((x, y) => x.seconds - y.seconds)),
    cpuDifference: range(each((x, y) => x.cpuSeconds - y.cpuSeconds)),
  };
}

const WORK = await mkdtemp(join(tmpdir(), 'redframe-bench-run-'));
// redframe's overlay cache lives here for the run: never the user's own cache folder.
const CACHE_HOME = join(WORK, 'cache');
const magick = SKIP.has('magick') ? undefined : findMagick();
const results = {
  date: new Date().toISOString(),
  machine: { cores: CORES, cpu: cpus()[0]?.model, memoryGb: Number((totalmem() / 2 ** 30).toFixed(1)), node: process.version },
  loadAverage: { start: load(), end: undefined },
  settings: {
    count: COUNT, rounds: ROUNDS, centreRounds: CENTRE_ROUNDS, attentionRounds: ATTENTION_ROUNDS, magickRounds: MAGICK_ROUNDS, coldRounds: COLD_ROUNDS, startupRounds: STARTUP_ROUNDS,
    floorInFlight: IN_FLIGHT, redframeArgs: REDFRAME_ARGS,
    measured: TIME ? 'GNU time: wall, CPU = %U + %S (children included), peak = %M (max RSS of the process or of its largest child)' : 'wall only; peak = VmHWM sampled from /proc',
  },
  commands: {},
  batch: undefined,
  centre: undefined,
  attention: undefined,
  magick: undefined,
  cold: undefined,
  startup: undefined,
  memory: undefined,
  plan: undefined,
  targets: [],
};

try {
  say(`redframe benchmark: ${CORES} cores, ${results.machine.cpu}, Node ${process.version}, load average ${results.loadAverage.start.join(' ')}`);
  if (!TIME) say('GNU time is missing (apt-get install time): CPU times are not measured, peak memory is sampled');
  const log = (m) => note(`  ${m}`);
  const { folder, files } = await photoFolder(COUNT, log);
  const sizes = await Promise.all(files.slice(0, 24).map(async (f) => (await stat(f)).size / 1e6));
  say(`workload: ${COUNT} JPEGs 4032x3024 (12 MP), ${fixed(Math.min(...sizes), 1)}-${fixed(Math.max(...sizes), 1)} MB each, in ${folder}`);

  const out = (name) => join(WORK, name);
  const fresh = (name) => () => rm(out(name), { recursive: true, force: true });
  const redframeBatch = (name, extra = []) => ({
    name, command: NODE, args: [args.bin, folder, '-o', out(name), '--overwrite', '--quiet', ...REDFRAME_ARGS, ...extra], before: fresh(name),
  });
  const floorBatch = { name: 'floor', command: NODE, args: [FLOOR, folder, out('floor'), String(IN_FLIGHT)], before: fresh('floor') };
  results.commands.redframe = `node bin/redframe.js <folder> -o <out> --overwrite --quiet${REDFRAME_ARGS.length ? ` ${REDFRAME_ARGS.join(' ')}` : ''}`;
  results.commands.floor = `node test/bench/floor.mjs <folder> <out> ${IN_FLIGHT}`;
  const attentionFloor = { name: 'floor, attention', command: NODE, args: [FLOOR, folder, out('floor-attention'), String(IN_FLIGHT), 'attention'], before: fresh('floor-attention') };

  // Warm-up: the page cache holds the photos and the code, and redframe's overlay cache is filled,
  // as they are for every later run.
  for (const tool of [redframeBatch('redframe'), floorBatch]) await measure(tool.command, tool.args);

  // 1. The batch, default look, against the floor.
  const batch = await pairs(ROUNDS, redframeBatch('redframe'), floorBatch, 'batch');
  results.batch = { redframe: summary(batch.a, COUNT), floor: summary(batch.b, COUNT), wallRatio: batch.wallRatio, cpuRatio: batch.cpuRatio };
  say('');
  say(`batch of ${COUNT} photos -> 800x800 JPEG q90, ${ROUNDS} alternating pairs (median, min-max):`);
  say(`  ${'tool'.padEnd(22)} ${'images/s'.padStart(9)} ${'wall s'.padStart(7)} ${'spread'.padStart(10)} ${'CPU s'.padStart(7)} ${'spread'.padStart(10)} ${'peak MB'.padStart(8)}`);
  const row = (name, s) => say(`  ${name.padEnd(22)} ${fixed(s.imagesPerSecond, 1).padStart(9)} ${fixed(s.wallSeconds.median).padStart(7)} ${spread(s.wallSeconds).padStart(10)} ${fixed(s.cpuSeconds.median).padStart(7)} ${spread(s.cpuSeconds).padStart(10)} ${fixed(s.peakMb.median, 0).padStart(8)}`);
  row('redframe (default look)', results.batch.redframe);
  row('floor (sharp only)', results.batch.floor);
  say(`  redframe/floor, median of the pairs' ratios: wall ${fixed(batch.wallRatio.median, 3)} (${spread(batch.wallRatio)}), CPU ${fixed(batch.cpuRatio.median, 3)} (${spread(batch.cpuRatio)})`);

  // 2. The same with --crop centre: how much of the gap is the attention crop.
  if (!SKIP.has('centre') && CENTRE_ROUNDS > 0) {
    const centre = await pairs(CENTRE_ROUNDS, redframeBatch('centre', ['--crop', 'centre']), floorBatch, 'centre');
    results.centre = { redframe: summary(centre.a, COUNT), floor: summary(centre.b, COUNT), wallRatio: centre.wallRatio, cpuRatio: centre.cpuRatio };
    say(`  with --crop centre (${CENTRE_ROUNDS} pairs): wall ${fixed(centre.wallRatio.median, 3)} (${spread(centre.wallRatio)}), CPU ${fixed(centre.cpuRatio.median, 3)} (${spread(centre.cpuRatio)})`);
  }

  // 2b. The floor with sharp's own attention crop, the crop of redframe's default look: what bare
  // sharp pays for that crop alone, beside the floor (centre crop) and beside redframe.
  if (!SKIP.has('attention') && ATTENTION_ROUNDS > 0) {
    results.commands.floorAttention = `node test/bench/floor.mjs <folder> <out> ${IN_FLIGHT} attention`;
    const crop = await pairs(ATTENTION_ROUNDS, attentionFloor, floorBatch, 'attention');
    const versus = await pairs(ATTENTION_ROUNDS, redframeBatch('redframe'), attentionFloor, 'attention');
    results.attention = {
      floorAttention: summary([...crop.a, ...versus.b], COUNT),
      overFloor: { wallRatio: crop.wallRatio, cpuRatio: crop.cpuRatio },
      redframeOverIt: { wallRatio: versus.wallRatio, cpuRatio: versus.cpuRatio },
    };
    row('floor, attention crop', results.attention.floorAttention);
    say(`  floor with sharp's attention crop/floor (${ATTENTION_ROUNDS} pairs): wall ${fixed(crop.wallRatio.median, 3)} (${spread(crop.wallRatio)}), CPU ${fixed(crop.cpuRatio.median, 3)} (${spread(crop.cpuRatio)})`);
    say(`  redframe/floor with sharp's attention crop (${ATTENTION_ROUNDS} pairs): wall ${fixed(versus.wallRatio.median, 3)} (${spread(versus.wallRatio)}), CPU ${fixed(versus.cpuRatio.median, 3)} (${spread(versus.cpuRatio)})`);
  }

  // 3. ImageMagick doing less (no text), against redframe.
  if (magick && MAGICK_ROUNDS > 0) {
    const tool = { name: 'magick', command: NODE, args: [MAGICK, magick, folder, out('magick'), String(CORES)], before: fresh('magick') };
    results.commands.magick = `node test/bench/magick.mjs ${magick} <folder> <out> ${CORES}`;
    const versus = await pairs(MAGICK_ROUNDS, tool, redframeBatch('redframe'), 'magick');
    results.magick = { magick: summary(versus.a, COUNT), redframe: summary(versus.b, COUNT), wallRatio: versus.wallRatio, cpuRatio: versus.cpuRatio };
    row('ImageMagick', results.magick.magick);
    say(`  ImageMagick/redframe (${MAGICK_ROUNDS} pairs): wall ${fixed(versus.wallRatio.median, 1)} (${fixed(versus.wallRatio.min, 1)}-${fixed(versus.wallRatio.max, 1)}), CPU ${fixed(versus.cpuRatio.median, 1)}; ${CORES} processes at once, 1 thread each; its peak is one process's`);
  } else if (!SKIP.has('magick')) {
    say('  ImageMagick: not installed (no real magick or convert on the PATH), skipped; apt-get install -y imagemagick to include it');
  }

  // 4. One photo from a cold start (a new process each time), redframe against the floor.
  if (!SKIP.has('cold')) {
    const photo = files[0];
    const one = (name, env) => ({ name, command: NODE, args: [args.bin, photo, '-o', out(`${name}.jpg`), '--overwrite', '--quiet'], options: { env } });
    const floorOne = { name: 'floor', command: NODE, args: [FLOOR, photo, out('cold-floor.jpg')] };
    for (const tool of [one('cold'), floorOne]) await measure(tool.command, tool.args); // warm the page cache
    const cold = await pairs(COLD_ROUNDS, one('one photo'), floorOne, 'cold');
    const uncached = await pairs(Math.max(3, Math.ceil(COLD_ROUNDS / 2)), one('one photo, no cache', { REDFRAME_CACHE: 'off' }), floorOne, 'cold');
    results.cold = {
      redframe: summary(cold.a, 1), floor: summary(cold.b, 1), wallDifference: cold.wallDifference, cpuDifference: cold.cpuDifference,
      overlayCacheOff: { redframe: summary(uncached.a, 1), wallDifference: uncached.wallDifference, cpuDifference: uncached.cpuDifference },
    };
    say('');
    say(`one photo, cold start (new process, 12 MP JPEG -> 800 px), ${COLD_ROUNDS} alternating pairs (median, min-max):`);
    say(`  redframe ${ms(median(cold.a.map((r) => r.seconds)))} wall, ${ms(median(cold.a.map((r) => r.cpuSeconds)))} CPU; floor ${ms(median(cold.b.map((r) => r.seconds)))} wall, ${ms(median(cold.b.map((r) => r.cpuSeconds)))} CPU`);
    say(`  redframe - floor, median of the pairs: wall +${ms(cold.wallDifference.median)} (${fixed(cold.wallDifference.min * 1000, 0)} to ${fixed(cold.wallDifference.max * 1000, 0)}), CPU +${ms(cold.cpuDifference.median)}`);
    say(`  with the overlay cache off (REDFRAME_CACHE=off): wall +${ms(uncached.wallDifference.median)}, CPU +${ms(uncached.cpuDifference.median)}`);
  }

  // 5. Start-up: --version and a usage error, beside bare node.
  if (!SKIP.has('startup')) {
    const kinds = [
      { name: 'redframe --version', args: [args.bin, '--version'], expectCode: 0 },
      { name: 'redframe --unknown-flag', args: [args.bin, '--unknown-flag'], expectCode: 2 },
      { name: 'node -e 0', args: ['-e', '0'], expectCode: 0 },
    ];
    const runs = Object.fromEntries(kinds.map((k) => [k.name, []]));
    for (const kind of kinds) await measure(NODE, kind.args, { expectCode: kind.expectCode });
    for (let round = 0; round < STARTUP_ROUNDS; round++) {
      for (let i = 0; i < kinds.length; i++) {
        const kind = kinds[(i + round) % kinds.length];
        runs[kind.name].push(await measure(NODE, kind.args, { expectCode: kind.expectCode }));
      }
    }
    results.startup = Object.fromEntries(kinds.map((k) => [k.name, summary(runs[k.name], 1)]));
    say('');
    say(`start-up, ${STARTUP_ROUNDS} runs each, rotating (median wall, min-max; CPU):`);
    for (const kind of kinds) {
      const s = results.startup[kind.name];
      say(`  ${kind.name.padEnd(26)} ${ms(s.wallSeconds.median).padStart(7)} (${fixed(s.wallSeconds.min * 1000, 0)}-${fixed(s.wallSeconds.max * 1000, 0)}), CPU ${ms(s.cpuSeconds.median)}`);
    }
  }

  // 6. Memory: a much longer batch must not need more memory than the short one. The floor makes
  // the same long batch, alternating with redframe, and is compared with its own short batch's
  // peak: how much a long batch grows in a bare sharp process (libvips, the C library's memory
  // allocator) beside how much it grows in redframe's.
  if (!SKIP.has('memory') && MEMORY_COUNT > 0) {
    const big = await photoFolder(MEMORY_COUNT, log);
    const redframeMemory = { name: 'redframe', command: NODE, args: [args.bin, big.folder, '-o', out('memory'), '--overwrite', '--quiet', ...REDFRAME_ARGS], before: fresh('memory') };
    const floorMemory = { name: 'floor', command: NODE, args: [FLOOR, big.folder, out('memory-floor'), String(IN_FLIGHT)], before: fresh('memory-floor') };
    const memoryRuns = [];
    const floorRuns = [];
    for (let round = 0; round < MEMORY_ROUNDS; round++) {
      const order = round % 2 && !SKIP.has('memory-floor') ? [floorMemory, redframeMemory] : [redframeMemory, floorMemory];
      for (const tool of order) {
        if (tool === floorMemory && SKIP.has('memory-floor')) continue;
        await tool.before();
        const run = await measure(tool.command, tool.args);
        note(`  memory run ${round + 1}/${MEMORY_ROUNDS} ${tool.name.padEnd(8)} ${fixed(run.seconds, 1)} s, ${fixed(run.peakMb, 0)} MB`);
        (tool === floorMemory ? floorRuns : memoryRuns).push(run);
      }
    }
    await fresh('memory')();
    await fresh('memory-floor')();
    const peak = median(memoryRuns.map((r) => r.peakMb));
    const seconds = median(memoryRuns.map((r) => r.seconds));
    const batchPeak = results.batch.redframe.peakMb.median;
    results.memory = { count: MEMORY_COUNT, rounds: MEMORY_ROUNDS, peakMb: peak, peakMbRuns: memoryRuns.map((r) => r.peakMb), batchPeakMb: batchPeak, ratio: peak / batchPeak, seconds, imagesPerSecond: MEMORY_COUNT / seconds, floor: undefined };
    say('');
    say(`memory: ${MEMORY_COUNT} photos peak ${fixed(peak, 0)} MB${MEMORY_ROUNDS > 1 ? ` (median of ${MEMORY_ROUNDS})` : ''} vs ${COUNT} photos ${fixed(batchPeak, 0)} MB (median of ${ROUNDS}): x${fixed(results.memory.ratio, 3)} (${fixed(seconds, 1)} s, ${fixed(results.memory.imagesPerSecond, 1)} images/s)`);
    if (floorRuns.length > 0) {
      const floorPeak = median(floorRuns.map((r) => r.peakMb));
      const floorBatchPeak = results.batch.floor.peakMb.median;
      results.memory.floor = { peakMb: floorPeak, peakMbRuns: floorRuns.map((r) => r.peakMb), batchPeakMb: floorBatchPeak, ratio: floorPeak / floorBatchPeak };
      say(`  the floor (sharp alone): ${fixed(floorPeak, 0)} MB vs ${fixed(floorBatchPeak, 0)} MB: x${fixed(results.memory.floor.ratio, 3)}; redframe above the floor: +${fixed(peak - floorPeak, 0)} MB at ${MEMORY_COUNT} photos, +${fixed(batchPeak - floorBatchPeak, 0)} MB at ${COUNT}`);
    }
  }

  // 7. Planning a folder of empty files: names only, nothing may be opened or decoded.
  if (!SKIP.has('plan') && PLAN_COUNT > 0) {
    const empty = await emptyFolder(PLAN_COUNT, log);
    await measure(NODE, [args.bin, empty, '-o', out('plan'), '--dry-run', '--json']); // warm the dentry cache
    const cli = [];
    for (let round = 0; round < 3; round++) cli.push(await measure(NODE, [args.bin, empty, '-o', out('plan'), '--dry-run', '--json']));
    // The library's planBatch in a process of its own, timed around the call alone.
    const library = spawnSync(NODE, ['--input-type=module', '-e', `
      const { planBatch } = await import(${JSON.stringify(join(ROOT, 'dist', 'api', 'index.js'))});
      const started = performance.now();
      const plan = await planBatch([${JSON.stringify(empty)}], { output: ${JSON.stringify(out('plan'))} }, 'jpeg');
      process.stdout.write(JSON.stringify({ ms: performance.now() - started, files: plan.files.length }));
    `], { encoding: 'utf8' });
    const lib = JSON.parse(library.stdout);
    results.plan = {
      count: PLAN_COUNT,
      cliSeconds: range(cli.map((r) => r.seconds)),
      cliPeakMb: median(cli.map((r) => r.peakMb)),
      planBatchSeconds: lib.ms / 1000,
      planned: lib.files,
    };
    say('');
    say(`planning ${PLAN_COUNT} empty files: redframe --dry-run --json ${fixed(results.plan.cliSeconds.median)} s (${spread(results.plan.cliSeconds)}, whole process, JSON to /dev/null, ${fixed(results.plan.cliPeakMb, 0)} MB); planBatch() alone ${fixed(results.plan.planBatchSeconds)} s for ${lib.files} files`);
  }

  // The targets (issue 19; planning from issue 5).
  const target = (name, met, detail) => results.targets.push({ name, met, detail });
  const b = results.batch;
  target(`${COUNT} photos, default look, wall <= 1.15x the floor`, b.wallRatio.median <= 1.15, `x${fixed(b.wallRatio.median, 3)}`);
  if (TIME) target(`${COUNT} photos, default look, CPU <= 1.15x the floor`, b.cpuRatio.median <= 1.15, `x${fixed(b.cpuRatio.median, 3)}`);
  if (results.cold) target('one photo, cold, wall <= the floor + 150 ms', results.cold.wallDifference.median <= 0.15, `+${ms(results.cold.wallDifference.median)}`);
  if (results.startup) {
    for (const name of ['redframe --version', 'redframe --unknown-flag']) {
      const wall = results.startup[name].wallSeconds.median;
      target(`${name} wall <= 120 ms`, wall <= 0.12, `${ms(wall)} (bare node ${ms(results.startup['node -e 0'].wallSeconds.median)})`);
    }
  }
  if (results.memory) target(`peak memory for ${MEMORY_COUNT} photos <= ${COUNT} photos' + 10%`, results.memory.ratio <= 1.1, `x${fixed(results.memory.ratio, 3)}`);
  if (results.magick) target('ImageMagick (doing less) >= 5x slower than redframe, wall', results.magick.wallRatio.median >= 5, `x${fixed(results.magick.wallRatio.median, 1)}`);
  if (results.plan) target(`planning ${PLAN_COUNT} files < 3 s`, results.plan.cliSeconds.median < 3, `${fixed(results.plan.cliSeconds.median)} s`);
  results.loadAverage.end = load();
  say('');
  say('targets:');
  for (const t of results.targets) say(`  ${t.met ? 'met    ' : 'NOT met'}  ${t.name}: ${t.detail}`);
  say(`load average at the start: ${results.loadAverage.start.join(' ')}, at the end: ${results.loadAverage.end.join(' ')}`);

  if (args.json !== undefined) {
    const text = `${JSON.stringify(results, null, 2)}\n`;
    if (JSON_TO_STDOUT) process.stdout.write(text);
    else await writeFile(args.json, text);
  }
} finally {
  await rm(WORK, { recursive: true, force: true });
}
