// The covers' and cards' safe zones are data: checked here against the figures they come from
// and against the README's table, which must say the same.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CARDS, COVERS, minFontSize, type Surface } from '../../src/words/surfaces.js';
import { ROOT } from '../helpers.js';

const byName = (name: string): Surface => [...COVERS, ...CARDS].find((s) => s.name === name)!;

describe('safe zones', () => {
  it('lie inside their image, each with a reason and at least one source', () => {
    for (const s of [...COVERS, ...CARDS]) {
      expect(s.safe.left, s.name).toBeGreaterThanOrEqual(0);
      expect(s.safe.top, s.name).toBeGreaterThanOrEqual(0);
      expect(s.safe.right, s.name).toBeLessThanOrEqual(s.width);
      expect(s.safe.bottom, s.name).toBeLessThanOrEqual(s.height);
      expect(s.why.length, s.name).toBeGreaterThan(20);
      for (const source of s.sources) expect(source, s.name).toMatch(/^https:\/\/\S+/);
    }
  });

  it('keep out of what each platform crops or covers', () => {
    // Facebook on phones: the middle 16:9 of the cover (640x360 of an 820x312 cover, at 2x).
    const facebook = byName('facebook');
    const phoneWidth = (facebook.height * 16) / 9;
    expect(facebook.safe.left).toBeGreaterThanOrEqual((facebook.width - phoneWidth) / 2);
    expect(facebook.safe.right).toBeLessThanOrEqual((facebook.width + phoneWidth) / 2);
    // YouTube on phones: the middle 1546x423.
    const youtube = byName('youtube');
    expect(youtube.safe.left).toBeGreaterThanOrEqual((2560 - 1546) / 2);
    expect(youtube.safe.right).toBeLessThanOrEqual((2560 + 1546) / 2);
    expect(youtube.safe.top).toBeGreaterThanOrEqual((1440 - 423) / 2);
    expect(youtube.safe.bottom).toBeLessThanOrEqual((1440 + 423) / 2);
    // X on phones: about 60 px cropped at the top and the bottom.
    expect(byName('x').safe.top).toBeGreaterThanOrEqual(60);
    expect(byName('x').height - byName('x').safe.bottom).toBeGreaterThanOrEqual(60);
    // Stories: the top 250 px and the bottom 340 px are the app's.
    expect(byName('story').safe.top).toBeGreaterThanOrEqual(250);
    expect(byName('story').height - byName('story').safe.bottom).toBeGreaterThanOrEqual(340);
    // The profile picture covers the left of X and LinkedIn on computers.
    expect(byName('x').safe.left).toBeGreaterThanOrEqual(400);
    expect(byName('linkedin').safe.left).toBeGreaterThanOrEqual(460);
  });

  it('give a legibility floor of 14 CSS pixels on a phone 390 pixels wide', () => {
    expect(Math.round(minFontSize(byName('story')))).toBe(39);
    expect(Math.round(minFontSize(byName('x')))).toBe(54);
    expect(Math.round(minFontSize(byName('facebook')))).toBe(40);
  });

  it('are the ones the README shows, with their sources', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    for (const s of [...COVERS, ...CARDS]) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${s.name}.jpg\` |`));
      expect(row, s.name).toBeDefined();
      expect(row).toContain(`| ${s.width}x${s.height} |`);
      expect(row).toContain(`| ${s.safe.right - s.safe.left}x${s.safe.bottom - s.safe.top} at (${s.safe.left}, ${s.safe.top}) |`);
      for (const source of s.sources) expect(row).toContain(`(${source.split(' ')[0]})`);
    }
  });
});
