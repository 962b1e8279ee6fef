import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { colours, formatSummary, progressBar } from '../../src/cli/report.js';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { photo, tempDir } from '../helpers.js';

/** A stream that keeps what is written, and says it is (or is not) a terminal. */
function capture(isTTY: boolean) {
  let text = '';
  const stream = new Writable({
    write(chunk, _encoding, done) {
      text += chunk.toString();
      done();
    },
  }) as Writable & { isTTY?: boolean; columns?: number };
  stream.isTTY = isTTY;
  stream.columns = 120;
  return { stream, text: () => text };
}

async function teamOfTwo() {
  const dir = await tempDir();
  await mkdir(join(dir, 'team'));
  await copyFile(photo('chelsea.jpg'), join(dir, 'team', 'a.jpg'));
  await copyFile(photo('coffee.jpg'), join(dir, 'team', 'b.jpg'));
  return dir;
}

async function run(args: string[], { tty, env }: { tty: boolean; env: NodeJS.ProcessEnv }) {
  const cwd = await teamOfTwo();
  const stdout = capture(false);
  const stderr = capture(tty);
  const io: CliIo = { stdout: stdout.stream, stderr: stderr.stream, stdin: new PassThrough(), env, cwd };
  const status = await runCli(['team', '-o', 'out', '--size', '64', '--banner', 'none', ...args], io);
  return { status, stdout: stdout.text(), stderr: stderr.text() };
}

describe('what the batch prints', () => {
  it('shows a progress bar on a terminal, and a summary', async () => {
    const { status, stderr } = await run([], { tty: true, env: { NO_COLOR: '1' } });
    expect(status).toBe(0);
    expect(stderr).toMatch(/\d+\/2 \| [\d.]+ img\/s/);
    expect(stderr).toMatch(/2 rendered, 0 skipped, 0 failed, 0 ignored/);
  });

  it('shows no bar when standard error is not a terminal, in CI, or with --quiet', async () => {
    for (const [args, tty, env] of [[[], false, {}], [[], true, { CI: 'true' }], [['--quiet'], true, {}]] as const) {
      const { status, stderr } = await run([...args], { tty, env });
      expect(status).toBe(0);
      expect(stderr).not.toMatch(/img\/s/);
      if (args.length) expect(stderr).toBe('');
    }
  });

  it('prints one JSON document and nothing else on standard output with --json', async () => {
    const { stdout, stderr } = await run(['--json'], { tty: true, env: {} });
    expect(JSON.parse(stdout).totals).toMatchObject({ ok: 2, failed: 0 });
    expect(stderr).not.toContain('{');
  });
});

/** The lines a progress bar drew on a terminal: what stands between its cursor moves. */
const drawn = (text: string) => text.split(/\u001b\[[0-9;?]*[A-Za-z]|\u001b[78]/).filter((line) => line.trim() !== '');

describe('the progress bar', () => {
  const name = `team/${'a very long folder name/'.repeat(4)}طالب-في-حلب-صورة-الملف-الشخصي.jpg`;

  it('fits 80 columns and keeps the end of a long file name, its name', async () => {
    const terminal = capture(true);
    terminal.stream.columns = 80;
    const bar = progressBar(terminal.stream, 3);
    bar.startFile(name);
    // The bar redraws on its own clock: wait for the draw that shows the file.
    await new Promise<void>((resolve) => {
      const check = () => (terminal.text().includes('.jpg') ? resolve() : setTimeout(check, 20));
      check();
    });
    bar.stop();
    const lines = drawn(terminal.text());
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect([...line].length, line).toBeLessThanOrEqual(80);
    expect(lines.find((line) => line.includes('.jpg'))).toMatch(/ \| …[^|]*-الشخصي\.jpg$/);
  });
});

describe('colours', () => {
  const tty = { isTTY: true, write() {} };
  const pipe = { isTTY: false, write() {} };
  it('follow NO_COLOR and FORCE_COLOR, else whether the stream is a terminal', () => {
    expect(colours({}, tty).red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(colours({}, pipe).red('x')).toBe('x');
    expect(colours({ NO_COLOR: '1' }, tty).red('x')).toBe('x');
    expect(colours({ FORCE_COLOR: '1' }, pipe).red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(colours({ FORCE_COLOR: '0' }, pipe).red('x')).toBe('x');
  });
});

describe('the summary of a batch with failures', () => {
  it('groups failures by error code, with the flag advice once per group', async () => {
    const cwd = await teamOfTwo();
    await writeFile(join(cwd, 'team', 'c.jpg'), 'not a photo');
    await writeFile(join(cwd, 'team', 'd.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]));
    const stderr = capture(false);
    const io: CliIo = { stdout: capture(false).stream, stderr: stderr.stream, stdin: new PassThrough(), env: {}, cwd };
    const status = await runCli(['team', '-o', 'out', '--size', '64', '--banner', 'none', '--max-pixels', '1000'], io);
    expect(status).toBe(1);
    const text = stderr.text();
    expect(text).toMatch(/^ {2}INPUT_TOO_LARGE \(2 files\): raise --max-pixels if you trust the file/m);
    expect(text).toMatch(/^ {4}team\/a\.jpg: .*more pixels than maxPixels \(1000\) allows$/m);
    expect(text).toMatch(/^ {2}UNSUPPORTED_INPUT \(1 file\)$/m);
    expect(text).toMatch(/^ {2}CORRUPT_INPUT \(1 file\)$/m);
  });
});

describe('the summary of very many failures', () => {
  it('groups 100,000 failures in one pass (each group was copied on every add: 79 s here)', () => {
    const files = Array.from({ length: 100_000 }, (_, i) => ({
      input: `empty/${i}.jpg`, output: `out/${i}.jpg`, status: 'failed' as const, code: i % 2 ? ('UNSUPPORTED_INPUT' as const) : ('CORRUPT_INPUT' as const),
      reason: 'not an image redframe reads (the file is empty)', milliseconds: 0,
    }));
    const result = { outputFolder: 'out', files, totals: { ok: 0, skipped: 0, failed: files.length, ignored: 0, notStarted: 0 }, milliseconds: 1000, interrupted: false, fatal: undefined };
    const text = formatSummary(result, colours({ NO_COLOR: '1' }, { write: () => undefined }), 800);
    expect(text).toMatch(/^ {2}UNSUPPORTED_INPUT \(50000 files\)$/m);
    expect(text).toMatch(/^ {2}CORRUPT_INPUT \(50000 files\)$/m);
    expect(text.split('\n').filter((line) => line.startsWith('    empty/'))).toHaveLength(100_000);
  }, 20_000);
});
