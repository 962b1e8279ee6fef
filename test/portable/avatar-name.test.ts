import { copyFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { avatarName, avatarNameBeside, isAvatarName } from '../../src/portable/avatar-name.js';
import { downloadName } from '../../src/web/download-name.js';
import { photo, runInProcess, tempDir } from '../helpers.js';

describe('one name for an avatar, from the command and from the page', () => {
  it('is the photo name without its extension, .redframe, then the output extension', () => {
    expect(avatarName('photo', '.jpg')).toBe('photo.redframe.jpg');
    expect(avatarName('IMG_2041.HEIC', '.png')).toBe('IMG_2041.HEIC.redframe.png');
  });

  it('is what the command writes beside the photo and what the page downloads, square and circle', async () => {
    const dir = await tempDir();
    await copyFile(photo('coffee.jpg'), join(dir, 'coffee.jpg'));
    for (const [args, format] of [[[], 'jpeg'], [['--shape', 'circle'], 'png']] as const) {
      const run = await runInProcess(['coffee.jpg', '--size', '64', '--banner', 'none', ...args], { cwd: dir });
      expect(run.status, run.stderr).toBe(0);
      expect(await readdir(dir)).toContain(downloadName('coffee.jpg', format));
    }
    expect((await readdir(dir)).sort()).toEqual(['coffee.jpg', 'coffee.redframe.jpg', 'coffee.redframe.png']);
  });
});

describe('avatar names that cannot clash, and that a folder run knows', () => {
  it('keeps the photo extension when another photo beside it shares its name', () => {
    expect(avatarNameBeside('photo.jpg', '.jpg', ['photo.jpg', 'notes.txt'])).toBe('photo.redframe.jpg');
    expect(avatarNameBeside('photo.jpg', '.jpg', ['photo.jpg', 'photo.PNG'])).toBe('photo.jpg.redframe.jpg');
    expect(avatarNameBeside('photo.PNG', '.jpg', ['photo.jpg', 'photo.PNG'])).toBe('photo.PNG.redframe.jpg');
    expect(avatarNameBeside('photo.jpg', '.jpg', ['photo.jpg', 'photo.txt'])).toBe('photo.redframe.jpg'); // not a photo
  });

  it('knows the names the command and the page give avatars', () => {
    for (const name of ['photo.redframe.jpg', 'IMG_2041.HEIC.redframe.png', 'me.redframe-story.jpg', 'a.redframe.WEBP']) expect(isAvatarName(name)).toBe(true);
    for (const name of ['redframe.jpg', 'photo.jpg', 'photo.redframe.txt', 'my.redframe.json']) expect(isAvatarName(name)).toBe(false);
  });
});
