// A batch where every file fails: N empty .jpg files (default 50,000), through the command in
// this process. Wall time and CPU time (user + system) of the whole run, and the time the summary
// itself says; the difference is planning, reporting and printing. Issue 18: the failure groups
// were copied on every add, so the summary alone grew with the square of the failures.
//
//   npm run build && node test/bench/many-failures.mjs [--count 50000]
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { parseArgs } from 'node:util';
import { runCli } from '../../dist/cli/run.js';

const { values } = parseArgs({ options: { count: { type: 'string', default: '50000' } } });
const count = Number(values.count);
const dir = await mkdtemp(join(tmpdir(), 'redframe-failures-'));
try {
  await mkdir(join(dir, 'empty'));
  for (let i = 0; i < count; i += 1000) {
    await Promise.all(Array.from({ length: Math.min(1000, count - i) }, (_, j) => writeFile(join(dir, 'empty', `e${String(i + j).padStart(6, '0')}.jpg`), '')));
  }
  let stderr = '';
  const sink = (keep) => new Writable({ write(chunk, _encoding, done) { keep(chunk.toString()); done(); } });
  const cpu = process.cpuUsage();
  const started = performance.now();
  const status = await runCli(['empty', '-o', 'out'], { stdout: sink(() => {}), stderr: sink((t) => (stderr += t)), stdin: new PassThrough(), env: { NO_COLOR: '1', CI: '1' }, cwd: dir });
  const wall = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const said = /failed, .* in ([\d.]+) s/.exec(stderr)?.[1];
  console.log(JSON.stringify({
    files: count, status, wallSeconds: Number(wall.toFixed(2)), cpuSeconds: Number(((used.user + used.system) / 1e6).toFixed(2)),
    summarySays: said ? Number(said) : null, loadAverage: loadavg().map((l) => Number(l.toFixed(2))),
  }));
} finally {
  await rm(dir, { recursive: true, force: true });
}
