import { spawn } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import fc from 'fast-check';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { BIN, fixture, tempDir } from './helpers.js';

/**
 * Property: whatever a damaged photo looks like, the real command (a child process, as a user
 * runs it) ends in exactly one of two ways: a valid avatar and exit 0, or one clean line on
 * stderr and exit 1 with nothing written. Never a crash (signal), a hang, a stack trace, another
 * exit status, or a file left behind.
 */

const SOURCES = ['patches.jpg', 'patches.png', 'patches.webp', 'patches.gif', 'patches.avif', 'patches.tiff', 'patches.heic', 'animated.gif', 'animated.webp'];
const OUTPUTS = ['jpg', 'png', 'webp', 'avif'];
const SIZE = 128;
const HANG_MS = 30_000;
// A fixed budget: the same 12 damaged photos on every run (each is a process, about 0.6 s of CPU).
// FUZZ_RUNS=500 FUZZ_SEED=$RANDOM npx vitest run test/fuzz.test.ts for a longer, new hunt.
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const SEED = Number(process.env.FUZZ_SEED ?? 20161130);

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; changes: [number, number][] }
  | { kind: 'header'; offset: number; bytes: Uint8Array }
  | { kind: 'insert'; at: number; bytes: Uint8Array };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ kind: fc.constant('flip' as const), changes: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 24 }) }),
  fc.record({ kind: fc.constant('header' as const), offset: fc.nat({ max: 63 }), bytes: fc.uint8Array({ minLength: 1, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
);

function mutate(original: Buffer, m: Mutation): Buffer {
  const bytes = Buffer.from(original);
  switch (m.kind) {
    case 'truncate':
      return bytes.subarray(0, Math.floor(m.at * bytes.length));
    case 'flip':
      for (const [position, mask] of m.changes) bytes[position % bytes.length]! ^= mask;
      return bytes;
    case 'header':
      bytes.set(m.bytes.subarray(0, Math.max(0, bytes.length - m.offset)), m.offset);
      return bytes;
    case 'insert': {
      const at = Math.floor(m.at * bytes.length);
      return Buffer.concat([bytes.subarray(0, at), m.bytes, bytes.subarray(at)]);
    }
  }
}

/** Runs the built command; a run past HANG_MS is killed and reported as a hang. */
function run(args: string[], cwd: string): Promise<{ status: number | null; signal: NodeJS.Signals | null; stderr: string; hung: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1', CI: '1' }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, HANG_MS);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stderr, hung });
    });
  });
}

describe('fuzzing the command with damaged photos', () => {
  it('always ends in a valid avatar or one clean error, nothing left behind', async () => {
    const originals = new Map<string, Buffer>();
    for (const name of SOURCES) originals.set(name, await readFile(fixture('formats', name)));
    const root = await tempDir('redframe-fuzz-');
    let runs = 0;
    const outcomes = { rendered: 0, refused: 0 };

    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...SOURCES), mutation, fc.constantFrom(...OUTPUTS), async (source, m, extension) => {
        const dir = join(root, String(runs++));
        await mkdir(join(dir, 'in'), { recursive: true });
        const input = join('in', `photo${extname(source)}`);
        await writeFile(join(dir, input), mutate(originals.get(source)!, m));
        const output = join('out', `avatar.${extension}`);

        const result = await run([input, '-o', output, '--size', String(SIZE), '--banner', 'none', '--timeout', '20'], dir);

        expect(result.hung, 'hang').toBe(false);
        expect(result.signal, 'crash').toBeNull();
        expect(result.stderr).not.toMatch(/^\s+at |node:internal|Error: |unexpected error/m);
        const inputs = await readdir(join(dir, 'in'));
        expect(inputs).toEqual([`photo${extname(source)}`]);
        const outputs = await readdir(join(dir, 'out')).catch(() => [] as string[]);
        if (result.status === 0) {
          outcomes.rendered++;
          expect(outputs).toEqual([`avatar.${extension}`]);
          const { info } = await sharp(join(dir, output)).raw().toBuffer({ resolveWithObject: true });
          expect([info.width, info.height]).toEqual([SIZE, SIZE]);
        } else {
          outcomes.refused++;
          expect(result.status).toBe(1);
          const lines = result.stderr.trimEnd().split('\n');
          expect(lines).toHaveLength(1);
          expect(lines[0]).toMatch(new RegExp(`^redframe: ${input.replace('.', '\\.')}: \\S`));
          expect(outputs).toEqual([]); // no output, no temporary file
        }
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    // Both outcomes happen: the mutations are neither all harmless nor all fatal.
    expect(outcomes.rendered).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  }, RUNS * 8_000);
});
