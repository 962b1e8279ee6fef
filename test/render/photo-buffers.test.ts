import { describe, expect, it } from 'vitest';
import { createRenderer } from '../../src/render/render.js';
import { keptPhotoBuffers, leasePhotoBuffer } from '../../src/render/photo-buffers.js';
import { photo } from '../helpers.js';

describe('leasePhotoBuffer', () => {
  it('lends a buffer of the size asked, and lends the same memory again once it is given back', () => {
    const first = leasePhotoBuffer();
    const a = first.allocate(3_000_001);
    expect(a.length).toBe(3_000_001);
    first.release();
    const second = leasePhotoBuffer();
    const b = second.allocate(2_500_000);
    expect(b.length).toBe(2_500_000);
    expect(b.buffer).toBe(a.buffer);
    second.release();
  });

  it('never lends one buffer twice at once', () => {
    const leases = [leasePhotoBuffer(), leasePhotoBuffer(), leasePhotoBuffer()];
    const buffers = leases.map((lease) => lease.allocate(1000).buffer);
    expect(new Set(buffers).size).toBe(3);
    for (const lease of leases) lease.release();
  });

  it('keeps no huge buffer and at most a few', () => {
    const before = keptPhotoBuffers();
    const huge = leasePhotoBuffer();
    huge.allocate(40 * 1024 * 1024);
    huge.release();
    expect(keptPhotoBuffers()).toBe(before);
    const many = Array.from({ length: 20 }, () => leasePhotoBuffer());
    for (const lease of many) lease.allocate(1000);
    for (const lease of many) lease.release();
    expect(keptPhotoBuffers()).toBeLessThanOrEqual(8);
  });
});

describe('renders from lent buffers', () => {
  it('gives each photo its own pixels: photos read one after another into the same memory render as they do alone', async () => {
    const renderer = createRenderer({ size: 160, format: 'png' });
    const names = ['astronaut.jpg', 'coffee.jpg', 'rocket.jpg', 'chelsea.jpg'];
    const alone: Buffer[] = [];
    for (const name of names) alone.push((await renderer.render(photo(name))).data);
    // Four at once, twice over: every buffer is lent, given back and lent to another photo.
    const together = await Promise.all([...names, ...names].map(async (name) => (await renderer.render(photo(name))).data));
    together.forEach((data, i) => expect(Buffer.compare(data, alone[i % names.length]!), names[i % names.length]).toBe(0));
  });
});
