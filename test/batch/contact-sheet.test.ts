import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { contactSheetPages, isContactSheet, makeContactSheet } from '../../src/batch/contact-sheet.js';
import { photo, tempDir } from '../helpers.js';

describe('makeContactSheet', () => {
  it('names pages after the first: sheet.png, sheet-2.png, ...', () => {
    expect(contactSheetPages('out/sheet.png', 1)).toEqual(['out/sheet.png']);
    expect(contactSheetPages('out/sheet.png', 64)).toEqual(['out/sheet.png']);
    expect(contactSheetPages('out/sheet.png', 130)).toEqual(['out/sheet.png', 'out/sheet-2.png', 'out/sheet-3.png']);
    expect(contactSheetPages('sheet', 65)).toEqual(['sheet', 'sheet-2']);
  });

  it('draws 450 avatars with their names (one drawing of all names failed from about 400)', async () => {
    const dir = await tempDir();
    const avatar = join(dir, 'avatar.png');
    await sharp(photo('rocket.jpg')).resize(48, 48).png().toFile(avatar);
    const entries = Array.from({ length: 450 }, (_, i) => ({ file: avatar, label: `team/member-${i}.jpg` }));
    const pages = await makeContactSheet(entries, join(dir, 'sheet.jpg'), { overwrite: false });
    expect(pages).toHaveLength(8);
    expect(await sharp(pages[7]!).metadata()).toMatchObject({ format: 'jpeg', width: 2 * 208 + 8 });
  });

  it('refuses a page that is one of the inputs, before drawing any', async () => {
    const dir = await tempDir();
    const avatar = join(dir, 'avatar.png');
    await sharp(photo('rocket.jpg')).resize(48, 48).png().toFile(avatar);
    await writeFile(join(dir, 'sheet-2.png'), 'a photo of the batch');
    const entries = Array.from({ length: 65 }, () => ({ file: avatar, label: 'a' }));
    await expect(makeContactSheet(entries, join(dir, 'sheet.png'), { overwrite: true, inputs: [join(dir, 'sheet-2.png')] }))
      .rejects.toMatchObject({ code: 'OUTPUT_IS_INPUT' });
    await expect(sharp(join(dir, 'sheet.png')).metadata()).rejects.toThrow();
  });

  it('makes its own sheet again without overwrite, in every format, and keeps any other file', async () => {
    const dir = await tempDir();
    const avatar = join(dir, 'avatar.png');
    await sharp(photo('rocket.jpg')).resize(48, 48).png().toFile(avatar);
    for (const name of ['sheet.png', 'sheet.jpg', 'sheet.webp']) {
      const path = join(dir, name);
      await makeContactSheet([{ file: avatar, label: 'a' }], path, { overwrite: false });
      expect(await isContactSheet(path)).toBe(true);
      await makeContactSheet([{ file: avatar, label: 'a' }, { file: avatar, label: 'b' }], path, { overwrite: false });
      expect((await sharp(path).metadata()).width).toBe(2 * 208 + 8);
    }
    await sharp(photo('rocket.jpg')).resize(48, 48).png().toFile(join(dir, 'mine.png'));
    expect(await isContactSheet(join(dir, 'mine.png'))).toBe(false);
    await expect(makeContactSheet([{ file: avatar, label: 'a' }], join(dir, 'mine.png'), { overwrite: false })).rejects.toMatchObject({ code: 'OUTPUT_EXISTS' });
  });
});
