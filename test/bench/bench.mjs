// redframe's benchmark: the built command against the floor (a bare sharp pipeline) and against
// ImageMagick, on 12-megapixel phone-like photos. Run with `npm run bench` (builds first), or
// `node test/bench/bench.mjs --help` after `npm run build`. Not part of `npm test`: timings
// depend on the machine and its load, so targets are checked here and reported, never asserted.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { delimiter, join } from 'node:path';
import { parseArgs } from 'node:util';
import { emptyFolder, photoFolder, ROOT } from './workload.mjs';

const HELP = `Usage: npm run bench -- [options]     (or: node test/bench/bench.mjs [options] after npm run build)

  --count N          photos in the batch (default 24)
  --rounds N         rounds of batch runs, alternating the tools (default 3)
  --cold-rounds N    rounds of the one-photo cold start (default 7)
  --memory-count N   photos in the memory run, compared with the batch's peak (default 500, 0 skips)
  --memory-rounds N  runs of the memory batch; the median peak is compared (default 1)
  --plan-count N     empty files in the planning run (default 100000, 0 skips)
  --skip LIST        comma list of parts to skip: magick, cold, memory, plan
  --bin FILE         redframe command to test (default bin/redframe.js)
  --redframe-args=S  extra arguments for redframe's batch, e.g. --redframe-args="--concurrency 3"
  --in-flight N      images in flight for the floor (default: redframe's default concurrency)
  --json [FILE]      write the results as JSON to FILE (or to standard output when no FILE)
  --help`;

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '24' },
    rounds: { type: 'string', default: '3' },
    'cold-rounds': { type: 'string', default: '7' },
    'memory-count': { type: 'string', default: '500' },
    'memory-rounds': { type: 'string', default: '1' },
    'plan-count': { type: 'string', default: '100000' },
    skip: { type: 'string', default: '' },
    bin: { type: 'string', default: join(ROOT, 'bin', 'redframe.js') },
    'redframe-args': { type: 'string', default: '' },
    'in-flight': { type: 'string' },
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
const COLD_ROUNDS = integer('cold-rounds', 1);
const MEMORY_COUNT = integer('memory-count', 0);
const MEMORY_ROUNDS = integer('memory-rounds', 1);
const PLAN_COUNT = integer('plan-count', 0);
const SKIP = new Set(args.skip.split(',').filter(Boolean));
// The floor gets as many images in flight as redframe's batch has by default.
if (args['in-flight'] === undefined) {
  const library = join(ROOT, 'dist', 'index.js');
  args['in-flight'] = String(existsSync(library) ? (await import(library)).defaultConcurrency() : availableParallelism());
}
const IN_FLIGHT = integer('in-flight', 1);
const REDFRAME_ARGS = args['redframe-args'].split(/\s+/).filter(Boolean);
const JSON_TO_STDOUT = args.json === '-';
const CORES = availableParallelism();
const NODE = process.execPath;
const FLOOR = join(ROOT, 'test', 'bench', 'floor.mjs');
const MAGICK = join(ROOT, 'test', 'bench', 'magick.mjs');
const TIME = ['/usr/bin/time', '/bin/time'].find((t) => existsSync(t));

// Text goes to stderr when the JSON goes to stdout, so `--json | jq` works.
const say = (line = '') => (JSON_TO_STDOUT ? process.stderr : process.stdout).write(`${line}\n`);
const note = (line) => process.stderr.write(`${line}\n`);

if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js')) && args.bin === join(ROOT, 'bin', 'redframe.js')) {
  note('bench: dist/ is missing; run `npm run build` first (npm run bench does it for you)');
  process.exit(2);
}

/** A tool on the PATH, as a shell would find it. */
function which(name) {
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    const file = join(folder, name);
    if (folder && existsSync(file)) return file;
  }
  return undefined;
}

/**
 * Runs a command as a new process and measures its wall time and peak memory (max RSS): with GNU
 * time when present (it reports the largest of the process and the children it waited for),
 * else by sampling /proc while it runs.
 */
async function measure(command, commandArgs, { env } = {}) {
  const timeFile = TIME ? join(WORK, `time-${Math.random().toString(36).slice(2)}.txt`) : undefined;
  const [file, fileArgs] = TIME ? [TIME, ['-f', '%M', '-o', timeFile, command, ...commandArgs]] : [command, commandArgs];
  const started = performance.now();
  const child = spawn(file, fileArgs, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
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
  if (code !== 0) throw new Error(`${command} ${commandArgs.join(' ')} exited with ${code}\n${stderr}`);
  let peakKb = sampled;
  if (timeFile) {
    peakKb = Number(readFileSync(timeFile, 'utf8').trim().split('\n').at(-1));
    await rm(timeFile, { force: true });
  }
  return { seconds, peakMb: peakKb / 1024 };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const summary = (runs, count) => {
  const wall = runs.map((r) => r.seconds);
  const peak = runs.map((r) => r.peakMb);
  return {
    wallSeconds: { median: median(wall), min: Math.min(...wall), max: Math.max(...wall), runs: wall },
    imagesPerSecond: count / median(wall),
    peakMb: { median: median(peak), min: Math.min(...peak), max: Math.max(...peak) },
  };
};
const load = () => loadavg().map((l) => Number(l.toFixed(2)));
const fixed = (n, digits = 2) => n.toFixed(digits);
const spread = (s) => `${fixed(s.min)}-${fixed(s.max)}`;

const WORK = await mkdtemp(join(tmpdir(), 'redframe-bench-run-'));
const magick = SKIP.has('magick') ? undefined : (which('magick') ?? which('convert'));
const results = {
  date: new Date().toISOString(),
  machine: { cores: CORES, cpu: cpus()[0]?.model, memoryGb: Number((totalmem() / 2 ** 30).toFixed(1)), node: process.version },
  loadAverage: { start: load(), end: undefined },
  settings: { count: COUNT, rounds: ROUNDS, coldRounds: COLD_ROUNDS, floorInFlight: IN_FLIGHT, redframeArgs: REDFRAME_ARGS, peakMemory: TIME ? 'GNU time %M (max RSS of the process, or of its largest child)' : 'VmHWM sampled from /proc' },
  commands: {},
  batch: {},
  ratios: {},
  cold: undefined,
  memory: undefined,
  plan: undefined,
  targets: [],
};

try {
  say(`redframe benchmark: ${CORES} cores, ${results.machine.cpu}, Node ${process.version}, load average ${results.loadAverage.start.join(' ')}`);
  const log = (m) => note(`  ${m}`);
  const { folder, files } = await photoFolder(COUNT, log);
  const sizes = await Promise.all(files.slice(0, 24).map(async (f) => (await stat(f)).size / 1e6));
  say(`workload: ${COUNT} JPEGs 4032x3024 (12 MP), ${fixed(Math.min(...sizes), 1)}-${fixed(Math.max(...sizes), 1)} MB each, in ${folder}`);

  // 1. The batch, three ways, alternating so that drifting load hits all of them alike.
  const out = (name) => join(WORK, name);
  const tools = [
    { name: 'redframe', command: NODE, args: [args.bin, folder, '-o', out('redframe'), '--overwrite', '--quiet', ...REDFRAME_ARGS], display: `node bin/redframe.js <folder> -o <out> --overwrite --quiet${REDFRAME_ARGS.length ? ` ${REDFRAME_ARGS.join(' ')}` : ''}` },
    { name: 'floor', command: NODE, args: [FLOOR, folder, out('floor'), String(IN_FLIGHT)], display: `node test/bench/floor.mjs <folder> <out> ${IN_FLIGHT}` },
  ];
  if (magick) {
    tools.push({ name: 'magick', command: NODE, args: [MAGICK, magick, folder, out('magick'), String(CORES)], display: `node test/bench/magick.mjs ${magick} <folder> <out> ${CORES}` });
  } else if (!SKIP.has('magick')) {
    say('ImageMagick: not installed (no magick or convert on the PATH), skipped; apt-get install -y imagemagick to include it');
  }
  for (const tool of tools) results.commands[tool.name] = tool.display;
  const runs = Object.fromEntries(tools.map((t) => [t.name, []]));
  // Warm-up: the page cache holds the photos and the code, as it does for every later run.
  for (const tool of tools.filter((t) => t.name !== 'magick')) await measure(tool.command, tool.args);
  for (let round = 0; round < ROUNDS; round++) {
    const order = tools.map((_, i) => tools[(i + round) % tools.length]);
    for (const tool of order) {
      await rm(out(tool.name), { recursive: true, force: true });
      const run = await measure(tool.command, tool.args);
      runs[tool.name].push(run);
      note(`  round ${round + 1}/${ROUNDS} ${tool.name.padEnd(8)} ${fixed(run.seconds)} s, ${fixed(run.peakMb, 0)} MB`);
    }
  }
  for (const tool of tools) results.batch[tool.name] = summary(runs[tool.name], COUNT);
  const rf = results.batch.redframe;
  const floor = results.batch.floor;
  results.ratios.redframeOverFloor = rf.wallSeconds.median / floor.wallSeconds.median;
  if (results.batch.magick) results.ratios.magickOverRedframe = results.batch.magick.wallSeconds.median / rf.wallSeconds.median;

  say('');
  say(`batch of ${COUNT} photos -> 800x800 JPEG q90, ${ROUNDS} rounds (median, min-max):`);
  say(`  ${'tool'.padEnd(10)} ${'images/s'.padStart(9)} ${'wall s'.padStart(8)} ${'spread s'.padStart(11)} ${'peak MB'.padStart(8)}`);
  for (const tool of tools) {
    const s = results.batch[tool.name];
    say(`  ${tool.name.padEnd(10)} ${fixed(s.imagesPerSecond, 1).padStart(9)} ${fixed(s.wallSeconds.median).padStart(8)} ${spread(s.wallSeconds).padStart(11)} ${fixed(s.peakMb.median, 0).padStart(8)}`);
  }
  if (results.batch.magick) say(`  (ImageMagick: ${CORES} processes at once, 1 thread each; its peak is the largest single process, so about ${CORES}x that in total)`);
  say(`  redframe/floor wall time: ${fixed(results.ratios.redframeOverFloor, 3)}`);
  if (results.ratios.magickOverRedframe) say(`  ImageMagick/redframe wall time: ${fixed(results.ratios.magickOverRedframe, 1)}`);

  // 2. One photo from a cold start (a new process each time), redframe against the floor.
  if (!SKIP.has('cold')) {
    const photo = files[0];
    const cold = { redframe: [], floor: [] };
    const coldTools = [
      ['redframe', [args.bin, photo, '-o', out('cold-redframe.jpg'), '--overwrite', '--quiet']],
      ['floor', [FLOOR, photo, out('cold-floor.jpg')]],
    ];
    for (const [, a] of coldTools) await measure(NODE, a); // warm the page cache
    for (let round = 0; round < COLD_ROUNDS; round++) {
      for (const [name, a] of round % 2 ? [...coldTools].reverse() : coldTools) cold[name].push(await measure(NODE, a));
    }
    const r = median(cold.redframe.map((x) => x.seconds)) * 1000;
    const f = median(cold.floor.map((x) => x.seconds)) * 1000;
    results.cold = {
      redframeMs: { median: r, min: Math.min(...cold.redframe.map((x) => x.seconds * 1000)), max: Math.max(...cold.redframe.map((x) => x.seconds * 1000)) },
      floorMs: { median: f, min: Math.min(...cold.floor.map((x) => x.seconds * 1000)), max: Math.max(...cold.floor.map((x) => x.seconds * 1000)) },
      differenceMs: r - f,
      peakMb: { redframe: median(cold.redframe.map((x) => x.peakMb)), floor: median(cold.floor.map((x) => x.peakMb)) },
    };
    say('');
    say(`one photo, cold start (new process, 12 MP JPEG -> 800px), ${COLD_ROUNDS} rounds (median, min-max):`);
    say(`  redframe ${fixed(r, 0)} ms (${fixed(results.cold.redframeMs.min, 0)}-${fixed(results.cold.redframeMs.max, 0)}), floor ${fixed(f, 0)} ms (${fixed(results.cold.floorMs.min, 0)}-${fixed(results.cold.floorMs.max, 0)}): redframe is ${fixed(r - f, 0)} ms slower`);
  }

  // 3. Memory: a much longer batch must not need more memory than the short one.
  if (!SKIP.has('memory') && MEMORY_COUNT > 0) {
    const big = await photoFolder(MEMORY_COUNT, log);
    const memoryRuns = [];
    for (let round = 0; round < MEMORY_ROUNDS; round++) {
      await rm(out('memory'), { recursive: true, force: true });
      const run = await measure(NODE, [args.bin, big.folder, '-o', out('memory'), '--overwrite', '--quiet', ...REDFRAME_ARGS]);
      note(`  memory run ${round + 1}/${MEMORY_ROUNDS}: ${fixed(run.seconds, 1)} s, ${fixed(run.peakMb, 0)} MB`);
      memoryRuns.push(run);
    }
    await rm(out('memory'), { recursive: true, force: true });
    const peak = median(memoryRuns.map((r) => r.peakMb));
    const seconds = median(memoryRuns.map((r) => r.seconds));
    results.memory = {
      count: MEMORY_COUNT,
      rounds: MEMORY_ROUNDS,
      peakMb: peak,
      peakMbRuns: memoryRuns.map((r) => r.peakMb),
      batchPeakMb: rf.peakMb.median,
      ratio: peak / rf.peakMb.median,
      seconds,
      imagesPerSecond: MEMORY_COUNT / seconds,
    };
    say('');
    say(`memory: ${MEMORY_COUNT} photos peak ${fixed(peak, 0)} MB${MEMORY_ROUNDS > 1 ? ` (median of ${MEMORY_ROUNDS})` : ''} vs ${COUNT} photos ${fixed(rf.peakMb.median, 0)} MB (median of ${ROUNDS}): x${fixed(results.memory.ratio, 3)} (${fixed(seconds, 1)} s, ${fixed(results.memory.imagesPerSecond, 1)} images/s)`);
  }

  // 4. Planning a folder of empty files: names only, nothing may be opened or decoded.
  if (!SKIP.has('plan') && PLAN_COUNT > 0) {
    const empty = await emptyFolder(PLAN_COUNT, log);
    await measure(NODE, [args.bin, empty, '-o', out('plan'), '--dry-run', '--json']); // warm the dentry cache
    const cli = [];
    for (let round = 0; round < 3; round++) cli.push(await measure(NODE, [args.bin, empty, '-o', out('plan'), '--dry-run', '--json']));
    // The library's planBatch in a process of its own, timed around the call alone.
    const library = spawnSync(NODE, ['--input-type=module', '-e', `
      const { planBatch } = await import(${JSON.stringify(join(ROOT, 'dist', 'index.js'))});
      const started = performance.now();
      const plan = await planBatch([${JSON.stringify(empty)}], { output: ${JSON.stringify(out('plan'))} }, 'jpeg');
      process.stdout.write(JSON.stringify({ ms: performance.now() - started, files: plan.files.length }));
    `], { encoding: 'utf8' });
    const lib = JSON.parse(library.stdout);
    results.plan = {
      count: PLAN_COUNT,
      cliSeconds: { median: median(cli.map((r) => r.seconds)), min: Math.min(...cli.map((r) => r.seconds)), max: Math.max(...cli.map((r) => r.seconds)) },
      cliPeakMb: median(cli.map((r) => r.peakMb)),
      planBatchSeconds: lib.ms / 1000,
      planned: lib.files,
    };
    say('');
    say(`planning ${PLAN_COUNT} empty files: redframe --dry-run --json ${fixed(results.plan.cliSeconds.median)} s (${spread(results.plan.cliSeconds)}, whole process, JSON to /dev/null, ${fixed(results.plan.cliPeakMb, 0)} MB); planBatch() alone ${fixed(results.plan.planBatchSeconds)} s for ${lib.files} files`);
  }

  // Targets of issue 5.
  const target = (name, met, detail) => results.targets.push({ name, met, detail });
  target('redframe/floor wall time <= 1.10', rf && results.ratios.redframeOverFloor <= 1.1, `${fixed(results.ratios.redframeOverFloor, 3)}`);
  if (results.ratios.magickOverRedframe) target('ImageMagick/redframe wall time >= 6', results.ratios.magickOverRedframe >= 6, `${fixed(results.ratios.magickOverRedframe, 1)}`);
  if (results.memory) target(`peak memory for ${MEMORY_COUNT} <= ${COUNT} + 10%`, results.memory.ratio <= 1.1, `x${fixed(results.memory.ratio, 3)}`);
  if (results.cold) target('cold single photo <= floor + 120 ms', results.cold.differenceMs <= 120, `+${fixed(results.cold.differenceMs, 0)} ms`);
  if (results.plan) target(`planning ${PLAN_COUNT} files < 3 s`, results.plan.cliSeconds.median < 3, `${fixed(results.plan.cliSeconds.median)} s`);
  results.loadAverage.end = load();
  say('');
  say('targets:');
  for (const t of results.targets) say(`  ${t.met ? 'met    ' : 'NOT met'}  ${t.name}: ${t.detail}`);
  say(`load average at the end: ${results.loadAverage.end.join(' ')}`);

  if (args.json !== undefined) {
    const text = `${JSON.stringify(results, null, 2)}\n`;
    if (JSON_TO_STDOUT) process.stdout.write(text);
    else await writeFile(args.json, text);
  }
} finally {
  await rm(WORK, { recursive: true, force: true });
}
