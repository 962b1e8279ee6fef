import { describe, expect, it } from 'vitest';
import { fitName, nameFromBytes, printable, windowsNameProblem } from '../../src/files/file-names.js';

describe('nameFromBytes', () => {
  it('reads UTF-8 names as they are', () => {
    expect(nameFromBytes(Buffer.from('حلب.jpg'))).toEqual({ text: 'حلب.jpg', exact: true });
  });

  it('shows each byte that is not UTF-8 as \\xHH, keeping the valid characters around it', () => {
    expect(nameFromBytes(Buffer.from([0x62, 0x61, 0x64, 0xff, 0x2e, 0x6a]))).toEqual({ text: 'bad\\xff.j', exact: false });
    expect(nameFromBytes(Buffer.concat([Buffer.from('é'), Buffer.from([0xc3]), Buffer.from('ب')]))).toEqual({ text: 'é\\xc3ب', exact: false });
    // An overlong encoding of "/" is not UTF-8 either.
    expect(nameFromBytes(Buffer.from([0xc0, 0xaf])).text).toBe('\\xc0\\xaf');
  });
});

describe('printable', () => {
  it('escapes control characters, escape sequences and direction overrides', () => {
    expect(printable('a\x1b[2Jb\x07\n\t\x7f\u009b')).toBe('a\\x1b[2Jb\\x07\\n\\t\\x7f\\x9b');
    expect(printable('photo\u202egpj.exe')).toBe('photo\\u202egpj.exe');
  });

  it('leaves every other character alone', () => {
    expect(printable('صور/حلب – 東京 😀.jpg')).toBe('صور/حلب – 東京 😀.jpg');
  });
});

describe('fitName', () => {
  it('keeps a name that fits', () => {
    expect(fitName('ali', '-2.jpg')).toBe('ali');
  });

  it('cuts between whole characters to fit 255 bytes with the suffix', () => {
    expect(fitName('ح'.repeat(130), '.jpg')).toBe('ح'.repeat(125)); // 250 + 4 bytes
    // A flag is two code points and 8 bytes: it stays whole or goes.
    const flags = '🇸🇾'.repeat(40); // 320 bytes
    const fitted = fitName(flags, '.jpg');
    expect(fitted).toBe('🇸🇾'.repeat(31));
    expect(Buffer.byteLength(`${fitted}.jpg`)).toBeLessThanOrEqual(255);
  });
});

describe('windowsNameProblem', () => {
  it('names what Windows refuses in a file name', () => {
    for (const name of ['what?.jpg', 'a<b>.jpg', 'a:b.jpg', 'say "hi".jpg', 'a|b.jpg', 'star*.jpg']) expect(windowsNameProblem(name)).toBe('the characters <>:"|?* in a file name');
    expect(windowsNameProblem('tab\there.jpg')).toBe('control characters in a file name');
    expect(windowsNameProblem('con.jpg')).toBe('the name CON in a file name');
    expect(windowsNameProblem('LPT1')).toBe('the name LPT1 in a file name');
    expect(windowsNameProblem('ali.')).toBe('a file name that ends with a dot or a space');
    expect(windowsNameProblem('ali ')).toBe('a file name that ends with a dot or a space');
  });

  it('takes every other name, whatever its script', () => {
    for (const name of ['ali.jpg', 'حلب.jpg', 'console.jpg', 'com10.jpg', 'a.b c.jpg', '😀.png']) expect(windowsNameProblem(name)).toBeUndefined();
  });
});
