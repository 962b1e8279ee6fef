import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll } from 'vitest';
import { Readable, Writable } from 'node:stream';
import { runCli } from '../src/cli/run.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BIN = join(ROOT, 'bin', 'redframe.js');

export const photo = (name: string) => join(ROOT, 'fixtures', 'photos', name);
export const fixture = (...parts: string[]) => join(ROOT, 'fixtures', ...parts);

const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A fresh temporary folder, removed after the test file. */
export async function tempDir(prefix = 'redframe-test-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export interface CommandResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  stderr: string;
}

/** Runs the built command in a new process, as a user would from a shell. */
export function runCommand(args: string[], options: { cwd?: string; input?: Buffer; env?: NodeJS.ProcessEnv } = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, NO_COLOR: '1', CI: '1', ...options.env },
    });
    const stdout: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status, signal) => resolve({ status, signal, stdout: Buffer.concat(stdout), stderr }));
    if (options.input) child.stdin.end(options.input);
    else child.stdin.end();
  });
}

/**
 * Runs the command in this process through `runCli`, as a user would from a shell but without
 * starting Node again: for usage errors and everything else that needs no real process (signals,
 * exit codes of the process itself and pipes keep `runCommand`).
 */
export async function runInProcess(args: string[], options: { cwd?: string; input?: Buffer; env?: NodeJS.ProcessEnv; stdoutIsTTY?: boolean } = {}): Promise<CommandResult> {
  const stdout: Buffer[] = [];
  let stderr = '';
  const sink = (keep: (chunk: Buffer) => void, isTTY: boolean) => Object.assign(new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      keep(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      done();
    },
  }), { isTTY });
  const stdin = Readable.from(options.input ? [options.input] : []);
  const status = await runCli(args, {
    stdout: sink((chunk) => stdout.push(chunk), options.stdoutIsTTY ?? false),
    stderr: sink((chunk) => (stderr += chunk.toString()), false),
    stdin,
    env: { NO_COLOR: '1', CI: '1', ...options.env },
    cwd: options.cwd ?? ROOT,
  });
  return { status, signal: null, stdout: Buffer.concat(stdout), stderr };
}

/** Decoded RGBA pixels of an image, for checks a person would make. */
export async function pixels(image: Buffer | string) {
  const { data, info } = await sharp(image).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number) => {
    const i = (Math.round(y) * info.width + Math.round(x)) * 4;
    return { r: data[i]!, g: data[i + 1]!, b: data[i + 2]!, a: data[i + 3]! };
  };
  return { data, width: info.width, height: info.height, at };
}

/** CIE76 colour difference between two sRGB colours (about 2.3 is a just-noticeable difference). */
export function deltaE(a: { r: number; g: number; b: number }, b: { r: number; g: number; b: number }): number {
  const [l1, a1, b1] = toLab(a);
  const [l2, a2, b2] = toLab(b);
  return Math.hypot(l1 - l2, a1 - a2, b1 - b2);
}

function toLab({ r, g, b }: { r: number; g: number; b: number }): [number, number, number] {
  const lin = (c: number) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  const [R, G, B] = [lin(r), lin(g), lin(b)];
  const x = (R * 0.4124 + G * 0.3576 + B * 0.1805) / 0.95047;
  const y = R * 0.2126 + G * 0.7152 + B * 0.0722;
  const z = (R * 0.0193 + G * 0.1192 + B * 0.9505) / 1.08883;
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))];
}

/** Mean colour difference over two images of the same size (golden comparisons with tolerance). */
export async function meanDeltaE(a: Buffer | string, b: Buffer | string, size = 128): Promise<number> {
  const read = (img: Buffer | string) => sharp(img).resize(size, size).flatten({ background: '#fff' }).removeAlpha().raw().toBuffer();
  const [pa, pb] = await Promise.all([read(a), read(b)]);
  let total = 0;
  for (let i = 0; i < pa.length; i += 3) {
    total += deltaE({ r: pa[i]!, g: pa[i + 1]!, b: pa[i + 2]! }, { r: pb[i]!, g: pb[i + 1]!, b: pb[i + 2]! });
  }
  return total / (pa.length / 3);
}

/**
 * Number of separate dark-on-light or light-on-dark parts (8-connected) in a mask: the test of
 * whether letters are joined. `inside` says which pixels belong to the shapes.
 */
export function countParts(width: number, height: number, inside: (x: number, y: number) => boolean, minArea = 4): number {
  const seen = new Uint8Array(width * height);
  let parts = 0;
  const stack: number[] = [];
  for (let start = 0; start < width * height; start++) {
    if (seen[start] || !inside(start % width, Math.floor(start / width))) continue;
    let area = 0;
    stack.push(start);
    seen[start] = 1;
    while (stack.length) {
      const p = stack.pop()!;
      area++;
      const x = p % width;
      const y = Math.floor(p / width);
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
          const q = ny * width + nx;
          if (!seen[q] && inside(nx, ny)) {
            seen[q] = 1;
            stack.push(q);
          }
        }
      }
    }
    if (area >= minArea) parts++;
  }
  return parts;
}
