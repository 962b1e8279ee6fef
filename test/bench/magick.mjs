// ImageMagick doing less than redframe: a cover resize, a red wash and a ring, one process per
// photo, with as many processes at once as there are cores (each limited to one thread, so the
// processes do not fight over the cores).
// Usage: node test/bench/magick.mjs <magick|convert path> <photo folder> <output folder> [processes]
import { spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { eachPhoto } from './each-photo.mjs';

const [tool, input, output, processesArg] = process.argv.slice(2);
const SIZE = 800;
const RED = '#d10a0a';
const RING = Math.round(0.04 * SIZE);

export const magickArgs = (from, to) => [
  from,
  '-auto-orient',
  '-resize', `${SIZE}x${SIZE}^`,
  '-gravity', 'center',
  '-extent', `${SIZE}x${SIZE}`,
  '-fill', RED, '-colorize', '50%',
  '-fill', 'none', '-stroke', RED, '-strokewidth', String(RING),
  '-draw', `circle ${SIZE / 2},${SIZE / 2} ${SIZE / 2},${RING / 2}`,
  '-strip', '-quality', '90',
  to,
];

const run = (from, to) =>
  new Promise((done, fail) => {
    const child = spawn(tool, magickArgs(from, to), { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, MAGICK_THREAD_LIMIT: '1' } });
    child.on('error', fail);
    child.on('exit', (code) => (code === 0 ? done() : fail(new Error(`${tool} exited with ${code} on ${from}`))));
  });

await eachPhoto(input, output, Number(processesArg ?? availableParallelism()), run);
