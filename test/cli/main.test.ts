/**
 * The process around the command (src/cli/main.ts), as a process of its own: what a second Ctrl-C
 * leaves on disk. The signals are sent on events (the first output on disk, the first signal
 * handed over), never after a guessed time.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BIN, photo, tempDir } from '../helpers.js';
import { CANNOT, skipWhere } from '../platform.js';

/** Resolves once no SIGINT is pending for the process: two sent while the first is pending arrive as one. */
async function signalDelivered(pid: number): Promise<void> {
  const pending = () => readFileSync(`/proc/${pid}/status`, 'utf8').split('\n')
    .filter((line) => /^(ShdPnd|SigPnd):/.test(line))
    .some((line) => (BigInt(`0x${line.split(/\s+/)[1]}`) & 2n) !== 0n); // SIGINT is signal 2: bit 1
  while (pending()) await new Promise((later) => setTimeout(later, 5));
}

describe('a second Ctrl-C', () => {
  it('leaves no temporary file of the writes it abandoned, and says so only when that is true', async (ctx) => {
    skipWhere(ctx, CANNOT.signal ?? CANNOT.proc);
    const root = await tempDir();
    await mkdir(join(root, 'in'));
    // Many small photos and many in flight: writes start all the time, so the second Ctrl-C comes
    // while some are opening their temporary files.
    await Promise.all(Array.from({ length: 120 }, (_, i) => copyFile(photo('chelsea.jpg'), join(root, 'in', `p${String(i).padStart(3, '0')}.jpg`))));
    const child = spawn(process.execPath, [BIN, 'in', '-o', 'out', '--size', '64', '--banner', 'none', '--concurrency', '16'], {
      cwd: root, env: { ...process.env, NO_COLOR: '1', CI: '1', UV_THREADPOOL_SIZE: '16' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<NodeJS.Signals | number | null>((done) => child.on('close', (status, signal) => done(signal ?? status)));
    let running = true;
    void exited.then(() => (running = false));
    // The first finished avatar: writes are under way.
    while (running && !(await readdir(join(root, 'out')).catch(() => [] as string[])).some((name) => name.endsWith('.jpg'))) {
      await new Promise((later) => setTimeout(later, 5));
    }
    child.kill('SIGINT');
    await signalDelivered(child.pid!);
    child.kill('SIGINT');
    expect(await exited, stderr).toBe('SIGINT');
    const temporary = async () => (await readdir(join(root, 'out'))).filter((name) => name.startsWith('.redframe-tmp-'));
    // The removal has half a second before the process ends anyway: on a quiet machine it is
    // done by then and said so; on a loaded one it may not be, and then the command says that
    // instead, and the next run in the folder removes what is left. Either way what it says is true.
    if (stderr.includes('its temporary files removed')) {
      expect(stderr).toContain('redframe: stopped by SIGINT; work in flight was abandoned and its temporary files removed\n');
      expect(await temporary()).toEqual([]);
    } else {
      expect(stderr).toContain('could not all be removed in time, and the next run in that folder removes them\n');
      const rerun = spawn(process.execPath, [BIN, 'in', '-o', 'out', '--size', '64', '--banner', 'none', '-q'], { cwd: root, env: { ...process.env, NO_COLOR: '1', CI: '1' } });
      expect(await new Promise((done) => rerun.on('close', done))).toBe(0);
      expect(await temporary()).toEqual([]);
    }
  });
});

describe('an interrupted run on Windows (emulated: see as-platform.mjs)', () => {
  it('exits with status 130, not the 1 that killing itself gives there', async () => {
    // Standard input held open, and a timer standing for work that keeps the process alive: after
    // Ctrl-C the run returns, and the process is ended a second later by main.ts's own timer.
    const child = spawn(process.execPath, [BIN, '-', '-o', '-'], {
      env: {
        ...process.env, NO_COLOR: '1', CI: '1', AS_PLATFORM: 'win32', AS_PLATFORM_BUSY: '1',
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${fileURLToPath(new URL('as-platform.mjs', import.meta.url))}`.trim(),
      },
    });
    let stderr = '';
    const listening = new Promise<void>((ready) => child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('as-platform: SIGINT listened\n')) ready();
    }));
    const exited = new Promise<NodeJS.Signals | number | null>((done) => child.on('close', (status, signal) => done(signal ?? status)));
    await Promise.race([listening, exited]);
    child.kill('SIGINT');
    expect(await exited, stderr).toBe(130);
    expect(stderr).toContain('Interrupted: nothing was written\n');
  });
});
