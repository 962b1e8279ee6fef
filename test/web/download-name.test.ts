import { describe, expect, it } from 'vitest';
import { downloadName } from '../../src/web/download-name.js';

describe('downloadName', () => {
  it('is the photo name without its extension, then .redframe and the format', () => {
    expect(downloadName('IMG_2041.HEIC.jpg', 'jpeg')).toBe('IMG_2041.HEIC.redframe.jpg');
    expect(downloadName('me.png', 'png')).toBe('me.redframe.png');
  });

  it('keeps letters of every script and makes spaces and forbidden characters dashes', () => {
    expect(downloadName('صورتي في حلب.jpg', 'jpeg')).toBe('صورتي-في-حلب.redframe.jpg');
    expect(downloadName('a:b*c?"d<e>|f.jpg', 'jpeg')).toBe('a-b-c-d-e-f.redframe.jpg');
  });

  it('cannot make a hidden file, a path or an empty name', () => {
    expect(downloadName('.jpg', 'jpeg')).toBe('jpg.redframe.jpg');
    expect(downloadName('../../etc/passwd', 'jpeg')).toBe('passwd.redframe.jpg');
    expect(downloadName('C:\\Users\\x\\photo.jpeg', 'png')).toBe('photo.redframe.png');
    expect(downloadName('...', 'jpeg')).toBe('avatar.redframe.jpg');
    expect(downloadName('', 'jpeg')).toBe('avatar.redframe.jpg');
    expect(downloadName('\u0000\u0007.png', 'png')).toBe('avatar.redframe.png');
  });

  it('drops the bidi controls a name can hide its real ending with, keeping its letters', () => {
    // Shown by a file manager, "me\u202Egpj.exe" reads "meexe.jpg".
    expect(downloadName('me\u202Egpj.exe.jpg', 'jpeg')).toBe('megpj.exe.redframe.jpg');
    expect(downloadName('\u2067صورتي\u2069\u200F.jpg', 'jpeg')).toBe('صورتي.redframe.jpg');
  });

  it('shortens very long names to 80 characters, never splitting a character', () => {
    const name = downloadName(`${'😀'.repeat(100)}.jpg`, 'jpeg');
    expect([...name.replace('.redframe.jpg', '')]).toHaveLength(80);
  });
});
