// The banner text as a campaign organiser meets it, through the command itself (in-process): each
// `describe` is one of the failures of issue 10, and each test failed before the fix.
import { copyFile, readdir, readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { renderBatch } from '../../src/batch/batch.js';
import type { CliIo } from '../../src/cli/io.js';
import { runCli } from '../../src/cli/run.js';
import { fixture, photo, ROOT, tempDir } from '../helpers.js';
import { CANNOT, skipWhere } from '../platform.js';

const font = (name: string) => fixture('fonts', name);
const HEBREW = font('NotoSansHebrew-Bold.ttf');
const DEVANAGARI = font('NotoSansDevanagari-Bold-subset.ttf');
const EMOJI = font('NotoColorEmoji-subset.ttf');

function capture() {
  let text = '';
  const stream = new Writable({ write: (chunk, _encoding, done) => { text += chunk.toString(); done(); } });
  return { stream, text: () => text };
}

/** Runs `redframe chelsea.jpg -o out.png ARGS` in a fresh folder; returns the status, stderr and image. */
async function redframe(args: string[]) {
  const cwd = await tempDir();
  await copyFile(photo('chelsea.jpg'), join(cwd, 'chelsea.jpg'));
  const stdout = capture();
  const stderr = capture();
  const io: CliIo = { stdout: stdout.stream, stderr: stderr.stream, stdin: new PassThrough(), env: { NO_COLOR: '1' }, cwd };
  const status = await runCli(['chelsea.jpg', '-o', 'out.png', '--quiet', ...args], io);
  const written = await readdir(cwd);
  const image = written.includes('out.png') ? await sharp(join(cwd, 'out.png')).raw().toBuffer({ resolveWithObject: true }) : undefined;
  return { status, stderr: stderr.text(), image, written };
}

/** A plain red square with white text only: what differs between two renders is the text. */
const TEXT_ONLY = ['--mode', 'solid', '--frame', 'none', '--size', '400'];

/** Mean absolute difference of two renders over the columns [from, to) (fractions of the width). */
function difference(a: Awaited<ReturnType<typeof redframe>>, b: Awaited<ReturnType<typeof redframe>>, from = 0, to = 1): number {
  const { data: x, info } = a.image!;
  const y = b.image!.data;
  let total = 0;
  let count = 0;
  for (let row = 0; row < info.height; row++) {
    for (let col = Math.floor(from * info.width); col < Math.floor(to * info.width); col++) {
      for (let c = 0; c < info.channels; c++) {
        const i = (row * info.width + col) * info.channels + c;
        total += Math.abs(x[i]! - y[i]!);
        count++;
      }
    }
  }
  return total / count;
}

/** Widths of the runs of columns that hold white text pixels, left to right: one per letter. */
function letterWidths(render: Awaited<ReturnType<typeof redframe>>): number[] {
  const { data, info } = render.image!;
  const inked = (x: number) => {
    for (let y = 0; y < info.height; y++) if (data[(y * info.width + x) * info.channels + 1]! > 128) return true; // white on red: green is high only in text
    return false;
  };
  const widths: number[] = [];
  let run = 0;
  for (let x = 0; x <= info.width; x++) {
    if (x < info.width && inked(x)) run++;
    else if (run > 0) { widths.push(run); run = 0; }
  }
  return widths;
}

describe('1. fallback: a chosen font draws what it has, the bundled fonts the rest', () => {
  it('draws a Hebrew hashtag with a Hebrew font that has no "#"', async () => {
    const run = await redframe(['--font', HEBREW, '--text', '#עזה']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('takes --font more than once: Hebrew and Devanagari beside the Arabic', async () => {
    const run = await redframe(['--font', HEBREW, '--font', DEVANAGARI, '--text', '#עזה', '--text', '#भारत', '--text', '#غزة']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('takes a face of a collection with file.ttc#N, and refuses a face that is not there', async () => {
    const run = await redframe(['--font', `${font('collection.ttc')}#1`, '--text', '#עזה']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const missing = await redframe(['--font', `${font('collection.ttc')}#2`, '--text', '#עזה']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/collection\.ttc: Expected a face number from 0 to 1 for font but received 2/);
  });

  it('still names what no font draws, and suggests --font', async () => {
    const run = await redframe(['--font', HEBREW, '--text', '#עזה_東京']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/none of the fonts \(NotoSansHebrew-Bold\.ttf, then the bundled ones\) has a glyph for U\+6771 "東", U\+4EAC "京" in "#עזה_東京"; give a font that covers them with --font/);
    expect(run.written).toEqual(['chelsea.jpg']);
  });
});

describe('2. coverage by shaping: what HarfBuzz draws by decomposition is accepted', () => {
  it.each(['#ThủĐô', '#QuảngNam', '#Ḥalab', '#HàNội'])('draws %s', async (text) => {
    const run = await redframe(['--text', text]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});

describe('3 and 10. control characters and bidi controls are refused; a tab is a space', () => {
  it.each([
    ['#Aleppo\u001bIsBurning', /U\+001B in "#Aleppo\\u001bIsBurning"/],
    ['#Aleppo\u000bIs', /U\+000B/],
    ['#Aleppo\u000cIs', /U\+000C/],
    ['#Aleppo\u0085Is', /U\+0085/],
    ['#Aleppo\u007fIs', /U\+007F/],
  ])('refuses control characters in %j', async (text, named) => {
    const run = await redframe(['--text', text]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Expected text without control characters for text but received/);
    expect(run.stderr).toMatch(named);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it.each(['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'])(
    'refuses the bidi control U+%s',
    async (control) => {
      const run = await redframe(['--text', `#Aleppo${control}IsBurning`]);
      expect(run.status).toBe(2);
      expect(run.stderr).toMatch(/Expected text without bidi controls for text but received U\+20[26][0-9A-E]/);
      expect(run.stderr).not.toContain(control); // the message itself never reorders the terminal line
    },
  );

  it('keeps ZWJ, ZWNJ, LRM and RLM', async () => {
    const run = await redframe(['--text', '#می\u200cخواهم\u200f', '--text', '#Aleppo\u200e']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('draws a tab as a space', async () => {
    const [tab, space] = await Promise.all([redframe([...TEXT_ONLY, '--text', '#Free\tThem']), redframe([...TEXT_ONLY, '--text', '#Free Them'])]);
    expect(tab.status).toBe(0);
    expect(difference(tab, space)).toBe(0);
  });
});

describe('4. reading order on the arc: the first segment sits where its readers start', () => {
  it('puts the first of two right-to-left segments on the right', async () => {
    const [two, same] = await Promise.all([
      redframe([...TEXT_ONLY, '--text', '#سوريا', '--text', '#حلب']),
      redframe([...TEXT_ONLY, '--text', '#سوريا', '--text', '#سوريا']),
    ]);
    expect(difference(two, same, 0.5, 1)).toBe(0); // "#سوريا" is on the right in both
    expect(difference(two, same, 0, 0.5)).toBeGreaterThan(1);
  });

  it('puts the first of two left-to-right segments on the left', async () => {
    const [two, same] = await Promise.all([
      redframe([...TEXT_ONLY, '--text', '#Aleppo', '--text', '#Homs']),
      redframe([...TEXT_ONLY, '--text', '#Aleppo', '--text', '#Aleppo']),
    ]);
    expect(difference(two, same, 0, 0.5)).toBe(0);
    expect(difference(two, same, 0.5, 1)).toBeGreaterThan(1);
  });

  it('puts an Arabic and an English hashtag each at their readers\' edge, in either order', async () => {
    const [arabicFirst, englishFirst] = await Promise.all([
      redframe([...TEXT_ONLY, '--text', '#حلب', '--text', '#Aleppo']),
      redframe([...TEXT_ONLY, '--text', '#Aleppo', '--text', '#حلب']),
    ]);
    expect(difference(arabicFirst, englishFirst)).toBe(0);
  });
});

describe('5. text or a font that draws nothing is refused', () => {
  it.each(['\u200c', '\u200d\u200e'])('refuses a segment of invisible characters only (%j)', async (text) => {
    const run = await redframe(['--text', '#Aleppo', '--text', text]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Expected text that draws something for text segment 2 but received "[^"]*", only invisible characters/);
    expect(run.written).toEqual(['chelsea.jpg']);
  });

  it('refuses a colour-bitmap font, which has no outlines to draw', async () => {
    const run = await redframe(['--font', EMOJI, '--text', '#🔥']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/NotoColorEmoji-subset\.ttf: the font has no glyph outlines \(a bitmap or colour font\)/);
    const face = await redframe(['--font', font('collection.ttc'), '--text', '#עזה']); // face 0: the emoji font
    expect(face.status).toBe(2);
    expect(face.stderr).toMatch(/collection\.ttc: the font has no glyph outlines/);
  });
});

describe('6. a legibility floor in pixels', () => {
  it.each([['arc', '64'], ['arc', '128'], ['strip', '128']])('refuses the %s banner at --size %s, naming the smallest size that works', async (banner, size) => {
    const run = await redframe(['--banner', banner, '--size', size]);
    expect(run.status).toBe(2);
    const message = /would be (\d+\.\d) px tall at size \d+, too small to read \(at least 8 px\); it needs size (\d+) or more; use a larger --size, or --banner none/.exec(run.stderr);
    expect(message, run.stderr).not.toBeNull();
    expect(Number(message![1])).toBeLessThan(8);
    expect(run.written).toEqual(['chelsea.jpg']);
    const smallest = Number(message![2]);
    expect((await redframe(['--banner', banner, '--size', String(smallest)])).status).toBe(0);
    expect((await redframe(['--banner', banner, '--size', String(smallest - 1)])).status).toBe(2);
  });

  it('checks a batch once, before any photo is read', async () => {
    const dir = await tempDir();
    await Promise.all(['a.jpg', 'b.jpg', 'c.jpg'].map((name) => copyFile(photo('coffee.jpg'), join(dir, name))));
    const started: string[] = [];
    await expect(renderBatch([dir], { size: 64 }, { output: join(dir, 'out'), onStart: (file) => started.push(file) }))
      .rejects.toMatchObject({ code: 'TEXT_TOO_SMALL', message: expect.stringMatching(/too small to read/) });
    expect(started).toEqual([]);
  });
});

describe('7. the default look: a capital I that does not read as l', () => {
  it('draws I wider than l (serifs), in the Latin hashtag of the default banner', async () => {
    const run = await redframe([...TEXT_ONLY, '--size', '800', '--banner', 'strip', '--text', 'Il']);
    const [i, l] = letterWidths(run) as [number, number];
    expect(letterWidths(run)).toHaveLength(2);
    expect(i / l).toBeGreaterThan(1.3); // Vazirmatn's I and l were one stroke: 1.03
  });
});

describe('8. messages', () => {
  it('does not advise the strip banner when the strip is already in use', async () => {
    const run = await redframe(['--banner', 'strip', '--text', `#${'VeryLongHashtag'.repeat(6)}`]);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/too long to fit in the strip at a legible size; shorten it, split it into more --text segments\n/);
    expect(run.stderr).not.toMatch(/--banner strip/);
  });

  it('names the empty segment', async () => {
    const run = await redframe(['--text', '#Aleppo', '--text', '']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Expected non-empty text for text segment 2 but received ""/);
    const one = await redframe(['--text', '']);
    expect(one.stderr).toMatch(/Expected non-empty text for text but received ""/);
  });
});

describe('9. each space-separated hashtag is an isolate', () => {
  it('keeps the "#" of "#Aleppo" on its left after an Arabic hashtag', async () => {
    // Right-to-left, "#حلب #Aleppo" reads "#حلب" first, at the right: the line looks exactly like
    // "#Aleppo #حلب" read left to right. By the plain bidi rules it showed "Aleppo#" instead.
    const [rtl, ltr] = await Promise.all([
      redframe([...TEXT_ONLY, '--banner', 'strip', '--text', '#حلب #Aleppo']),
      redframe([...TEXT_ONLY, '--banner', 'strip', '--text', '#Aleppo #حلب']),
    ]);
    expect(rtl.status).toBe(0);
    expect(difference(rtl, ltr)).toBe(0);
  });
});

describe('11. --lang', () => {
  it('gives Urdu its own digit forms with --lang ur, and changes nothing where the language has none', async () => {
    const [none, urdu, persian] = await Promise.all([
      redframe([...TEXT_ONLY, '--text', '#پاکستان_۲۰۴۷']),
      redframe([...TEXT_ONLY, '--text', '#پاکستان_۲۰۴۷', '--lang', 'ur']),
      redframe([...TEXT_ONLY, '--text', '#پاکستان_۲۰۴۷', '--lang', 'fa']),
    ]);
    expect(difference(none, urdu)).toBeGreaterThan(0.01);
    expect(difference(none, persian)).toBe(0);
  });

  it('refuses what is not a language tag', async () => {
    const run = await redframe(['--lang', 'Urdu please']);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/Expected a BCP 47 language tag \(such as ar, ur or fa-IR\) for lang but received "Urdu please"/);
  });
});

describe('the README\'s Other scripts section', () => {
  it('shows examples that run as written from a clone', async (ctx) => {
    skipWhere(ctx, CANNOT.symlink);
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Other scripts'));
    const block = /```sh\n([\s\S]*?)```/.exec(section)![1]!;
    const commands = block.trim().split('\n').map((line) => [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!));
    expect(commands.length).toBeGreaterThanOrEqual(2);
    const cwd = await tempDir();
    await symlink(join(ROOT, 'fixtures'), join(cwd, 'fixtures'));
    for (const [command, ...args] of commands) {
      expect(command).toBe('redframe');
      const stderr = capture();
      const io: CliIo = { stdout: capture().stream, stderr: stderr.stream, stdin: new PassThrough(), env: { NO_COLOR: '1' }, cwd };
      expect(await runCli(args, io), `${args.join(' ')}\n${stderr.text()}`).toBe(0);
    }
    expect((await readdir(cwd)).sort()).toEqual(['bharat.png', 'fixtures', 'gaza.png', 'urdu.png']);
  });
});
