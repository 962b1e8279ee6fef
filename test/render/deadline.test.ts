/**
 * The time limit holds for every stage of every render: the decode, the encode, and all of a
 * cover's or card's work. Each test waits on the deadline's own event (a stage that has not
 * finished when the timer fires), never on a guess of how long a stage takes on this machine.
 */
import { describe, expect, it } from 'vitest';
import { renderAvatar, renderCard, renderCover, RedframeError } from '../../src/api/index.js';
import { readFile } from 'node:fs/promises';
import { startDeadline, type Deadline } from '../../src/render/deadline.js';
import { decodeHeic } from '../../src/render/heic.js';
import { fixture, photo } from '../helpers.js';

describe('a deadline', () => {
  it('gives up on a stage that never settles (an AVIF encoder libvips cannot interrupt) with TIMEOUT naming the file', async () => {
    const error = await startDeadline(0.05, 'coffee.jpg').race(new Promise<Buffer>(() => undefined), 'encoding took too long').then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(RedframeError);
    expect(error).toMatchObject({ code: 'TIMEOUT', file: 'coffee.jpg', message: 'encoding took too long' });
  });

  it('waits for a stage that settles in time, and leaves its failure its own', async () => {
    const deadline = startDeadline(60, 'a.jpg');
    await expect(deadline.race(Promise.resolve(Buffer.from('ok')), 'late')).resolves.toEqual(Buffer.from('ok'));
    await expect(deadline.race(Promise.reject(new Error('encoder')), 'late')).rejects.toThrow('encoder');
  });

  it('tells when the work given up at the deadline has ended, so its bytes and thread are not lent again before', async () => {
    const deadline = startDeadline(0.01, 'a.jpg');
    let finish!: () => void;
    const decoder = new Promise<void>((resolve) => (finish = resolve));
    await expect(deadline.race(decoder, 'too slow')).rejects.toMatchObject({ code: 'TIMEOUT' });
    let settled = false;
    const done = deadline.settled().then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    finish();
    await done;
    expect(settled).toBe(true);
  });

  it('gives sharp whole seconds, at least one, of what is left', () => {
    expect(startDeadline(2.5, undefined).sharpSeconds()).toBe(3);
    expect(startDeadline(0.001, undefined).sharpSeconds()).toBe(1);
  });
});

describe('timeoutSeconds', () => {
  it('stops an avatar in its decode, not only in its encode', async () => {
    // Before, the decode ran under libvips' own timeout alone (whole seconds, and only between
    // tiles), so a 1 ms limit was first noticed after the decode, and blamed on the encoder.
    await expect(renderAvatar(photo('astronaut.jpg'), {}, { timeoutSeconds: 0.001 })).rejects.toMatchObject({
      code: 'TIMEOUT', file: photo('astronaut.jpg'), message: 'decoding took longer than timeoutSeconds (0.001 s) allows; the file may be hostile or damaged',
    });
  });

  it('holds for covers on the campaign colour, which decode no photo', async () => {
    // Before, renderCover checked timeoutSeconds and resolved all four covers whatever it was.
    await expect(renderCover({}, { timeoutSeconds: 0.001 })).rejects.toMatchObject({
      code: 'TIMEOUT', message: 'making the covers took longer than timeoutSeconds (0.001 s) allows',
    });
  });

  it('holds for cards with a photo, and names the photo', async () => {
    await expect(renderCard({ photo: photo('astronaut.jpg'), for: 'story' }, { timeoutSeconds: 0.001 })).rejects.toMatchObject({
      code: 'TIMEOUT', file: photo('astronaut.jpg'), message: expect.stringMatching(/^(making the cards|decoding) took longer than timeoutSeconds \(0\.001 s\) allows; the (photo|file) may be hostile or damaged$/),
    });
  });

  it('lets covers and cards be made within a generous limit', async () => {
    await expect(renderCard({ photo: photo('astronaut.jpg'), for: 'post' }, { timeoutSeconds: 600 })).resolves.toHaveLength(1);
  });
});

describe('the HEIC decoder as a stage of a render', () => {
  it('is stopped when the render\'s deadline passes, not a whole timeoutSeconds after it began', async () => {
    // A render that has used up its time: 60 s allowed, nothing left. Starting the decoder's
    // thread alone takes longer than a timer of 0 ms.
    const spent: Deadline = { seconds: 60, left: () => 0, sharpSeconds: () => 1, race: (work) => work, settled: async () => undefined };
    const bytes = await readFile(fixture('formats', 'cat.heic'));
    await expect(decodeHeic(bytes, 'cat.heic', { maxPixels: 1e8, timeoutSeconds: 60, deadline: spent })).rejects.toMatchObject({
      code: 'TIMEOUT',
      file: 'cat.heic',
      message: 'decoding took longer than timeoutSeconds (60 s) allows; the file may be hostile or damaged',
    });
  });
});
