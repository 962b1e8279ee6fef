import { execFileSync } from 'node:child_process';
import { truncate, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { RedframeError } from '../../src/core/errors.js';
import { readBounded, readStreamBounded, type ReadLimit } from '../../src/files/read-bounded.js';
import { tempDir } from '../helpers.js';
import { CANNOT, skipWhere } from '../platform.js';

const limit: ReadLimit = { maxBytes: 1000, code: 'IO_ERROR', tooLargeCode: 'FILE_TOO_LARGE', limitName: 'maxBytes' };
const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (error: unknown) => error as RedframeError);

describe('readBounded: a whole regular file, within a byte limit', () => {
  it('reads a file under the limit', async () => {
    const file = join(await tempDir(), 'a.bin');
    await writeFile(file, Buffer.alloc(1000, 7));
    expect(await readBounded(file, limit)).toEqual(Buffer.alloc(1000, 7));
  });

  it('refuses a file over the limit from its size, before reading it (a sparse 1 TB file costs nothing)', async () => {
    const file = join(await tempDir(), 'huge.jpg');
    await writeFile(file, '');
    await truncate(file, 2 ** 40);
    const error = await refusal(readBounded(file, limit));
    expect(error).toMatchObject({ code: 'FILE_TOO_LARGE', file, message: `is ${2 ** 40} bytes, more than maxBytes (1000 bytes) allows` });
  });

  it('checks the first bytes before reading the rest', async () => {
    const file = join(await tempDir(), 'video.jpg');
    await writeFile(file, Buffer.alloc(900, 1));
    let seen = -1;
    const error = await refusal(readBounded(file, { ...limit, headBytes: 16, checkHead: (head) => {
      seen = head.length;
      throw new RedframeError('UNSUPPORTED_INPUT', 'not an image', file);
    } }));
    expect(seen).toBe(16);
    expect(error).toMatchObject({ code: 'UNSUPPORTED_INPUT' });
  });

  it('refuses a FIFO before opening it (opening one for reading waits for a writer, for ever)', async (ctx) => {
    skipWhere(ctx, CANNOT.fifo);
    const fifo = join(await tempDir(), 'photo.jpg');
    execFileSync('mkfifo', [fifo]);
    const error = await refusal(readBounded(fifo, limit));
    expect(error).toMatchObject({ code: 'IO_ERROR', message: 'is a named pipe (FIFO), not a regular file; give a file' });
  });

  it('refuses devices and sockets, which never end or cannot be read', async (ctx) => {
    skipWhere(ctx, CANNOT.devices);
    expect(await refusal(readBounded('/dev/zero', limit))).toMatchObject({ message: expect.stringMatching(/^is a character device, not a regular file/) });
    const socket = join(await tempDir(), 'photo.sock');
    const server = createServer().listen(socket);
    await new Promise((listening) => server.once('listening', listening));
    try {
      expect(await refusal(readBounded(socket, limit))).toMatchObject({ message: expect.stringMatching(/^is a socket/) });
    } finally {
      server.close();
    }
  });

  it('says why a file cannot be read, with the words of the errno helper', async () => {
    const missing = join(await tempDir(), 'missing.jpg');
    expect(await refusal(readBounded(missing, limit))).toMatchObject({ code: 'IO_ERROR', message: 'no such file; check the path', file: missing });
    expect(await refusal(readBounded(missing, { ...limit, unreadable: (why) => `cannot read the font (${why})`, wording: { ENOENT: 'no such file' } })))
      .toMatchObject({ message: 'cannot read the font (no such file)' });
  });
});

describe('readStreamBounded: standard input, within a byte limit', () => {
  /** A stream that never ends, as `cat /dev/urandom` is. */
  const endless = (byte: number) => {
    let pushed = 0;
    const stream = new Readable({ read() { pushed++; this.push(Buffer.alloc(64 * 1024, byte)); } });
    return { stream, chunks: () => pushed };
  };

  it('stops reading an endless stream once past the limit', async () => {
    const { stream, chunks } = endless(0);
    const error = await refusal(readStreamBounded(stream, { ...limit, maxBytes: 1_000_000 }, 'standard input'));
    expect(error).toMatchObject({ code: 'FILE_TOO_LARGE', file: 'standard input', message: 'is longer than maxBytes (1000000 bytes) allows' });
    expect(chunks()).toBeLessThan(40);
    expect(stream.destroyed).toBe(true);
  });

  it('refuses an endless stream at its first bytes when they are wrong', async () => {
    const { stream, chunks } = endless(1);
    const error = await refusal(readStreamBounded(stream, { ...limit, maxBytes: 2 ** 30, checkHead: () => {
      throw new RedframeError('UNSUPPORTED_INPUT', 'not an image', 'standard input');
    } }, 'standard input'));
    expect(error).toMatchObject({ code: 'UNSUPPORTED_INPUT' });
    expect(chunks()).toBeLessThan(4);
  });

  it('checks the head of a stream shorter than the head', async () => {
    const heads: number[] = [];
    const bytes = await readStreamBounded(Readable.from([Buffer.from('abc')]), { ...limit, checkHead: (head) => heads.push(head.length) }, 'standard input');
    expect(bytes.toString()).toBe('abc');
    expect(heads).toEqual([3]);
  });
});
