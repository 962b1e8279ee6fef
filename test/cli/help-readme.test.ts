import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, readFile, readdir, stat, symlink, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { Ajv } from 'ajv';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/io.js';
import { MODES } from '../../src/portable/treatment.js';
import { OPTION_TABLE, longFlag } from '../../src/options/table.js';
import { BUILT_IN_PRESETS, parsePreset } from '../../src/preset/load.js';
import { BIN, ROOT, fixture, runCommand, tempDir } from '../helpers.js';
import { CANNOT, skipWhere } from '../platform.js';

const readme = await readFile(join(ROOT, 'README.md'), 'utf8');

/** The README table row that documents a flag (its first cell names it). */
function row(flag: string): string {
  const line = readme.split('\n').find((l) => new RegExp(`^\\| \`(-\\w, )?${flag}[ \`]`).test(l));
  if (!line) throw new Error(`no row for ${flag} in the README's option table`);
  return line.replaceAll('`', '');
}

describe('redframe --help and the README agree', () => {
  let help: string;
  beforeAll(async () => {
    const run = await runCommand(['--help']);
    expect(run.status).toBe(0);
    help = run.stdout.toString();
  });

  it('documents every long option of --help in the option table', () => {
    const options = [...help.matchAll(/^ {2}(?:-\w, )?(--[a-z][a-z-]*)/gm)].map((m) => m[1]!);
    expect(options.length).toBeGreaterThan(25);
    const undocumented = options.filter((option) => {
      try {
        return !row(option);
      } catch {
        return true;
      }
    });
    expect(undocumented).toEqual([]);
  });

  it('has a row for every option of the option table, and none for an option that is gone', () => {
    const rows = [...readme.matchAll(/^\| `(?:-\w, )?(--[a-z][a-z-]*)/gm)].map((m) => m[1]!);
    const flags = OPTION_TABLE.map((entry) => longFlag(entry));
    expect(rows.filter((flag) => !['--version', '--help'].includes(flag)).sort()).toEqual([...flags].sort());
  });

  it('gives each option the default, the range and the choices of the option table', () => {
    for (const entry of OPTION_TABLE) {
      const text = row(longFlag(entry));
      const defaults = 'defaultText' in entry ? [entry.defaultText] : 'default' in entry && entry.default !== false ? [entry.default].flat().map(String) : [];
      for (const part of defaults) expect(text, entry.key).toContain(part);
      const value = entry.value;
      if ((value.type === 'integer' || value.type === 'number') && value.max !== Number.MAX_SAFE_INTEGER) {
        expect(text, entry.key).toContain(`${value.min}-${value.max}`);
      }
      if (value.type === 'choice') for (const choice of value.choices) expect(text, `${entry.key} ${choice}`).toContain(choice);
    }
    for (const preset of BUILT_IN_PRESETS) expect(row('--preset')).toContain(preset.name);
  });

  it('lists every exit status the command uses', () => {
    for (const status of Object.values(EXIT)) expect(readme).toMatch(new RegExp(`^\\| ${status} \\| \\w`, 'm'));
  });

  it('has one heading per anchor, and every link within it leads to a heading', () => {
    // GitHub's anchors: lower case, punctuation dropped, spaces to hyphens; a repeated one gets -1.
    const anchors = [...readme.matchAll(/^#{1,6} (.+)$/gm)].map((m) => m[1]!.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-'));
    expect(anchors.filter((anchor, i) => anchors.indexOf(anchor) !== i)).toEqual([]);
    const links = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(3);
    expect(links.filter((link) => !anchors.includes(link))).toEqual([]);
  });

  it('keeps the set-up commands for a fresh clone and the performance section', () => {
    expect(readme).toMatch(/^npm ci && npm start\b/m);
    expect(readme).toMatch(/^npm ci && npm test\b/m);
    expect(readme).toMatch(/^## Performance$/m);
  });
});

/** The README's code blocks, each with the heading it sits under and its language. */
function codeBlocks(): { heading: string; language: string; code: string }[] {
  const blocks: { heading: string; language: string; code: string }[] = [];
  let heading = '';
  for (const part of readme.split(/^(```\w*\n[\s\S]*?\n```)$/m)) {
    const fence = /^```(\w*)\n([\s\S]*)\n```$/.exec(part);
    if (fence) blocks.push({ heading, language: fence[1]!, code: fence[2]! });
    else heading = [...part.matchAll(/^#{2,3} (.+)$/gm)].pop()?.[1] ?? heading;
  }
  return blocks;
}

/** Shell commands of a block, one per line, with `\` continuations joined. */
const commandsOf = (code: string) => code.replace(/\\\n\s*/g, ' ').split('\n').filter((line) => line.trim() !== '');

// Blocks that run in a clone of the repository, not in the Quick start's folder: tested where they
// run (the install by test/package.test.ts, `npm start` by test/cli/cli.test.ts, the other
// scripts' fonts from fixtures/ by test/text/banner-text.test.ts).
const IN_A_CLONE = ['Install', 'Other scripts', 'Set up from a clone'];

describe('the help', () => {
  it('fits 80 columns, examples and footer included, for the command, page, cover and card', async () => {
    for (const args of [['--help'], ['page', '--help'], ['cover', '--help'], ['card', '--help']]) {
      const run = await runCommand(args);
      expect(run.status).toBe(0);
      const lines = run.stdout.toString().split('\n');
      expect(lines.some((line) => line.startsWith('Examples:')), args.join(' ')).toBe(true);
      expect(lines.filter((line) => [...line].length > 80), args.join(' ')).toEqual([]);
    }
  });
});

describe('the README examples', () => {
  it('run as written and in order, from the Quick start on, in an empty folder with one photo.jpg', async (ctx) => {
    skipWhere(ctx, CANNOT.shell ?? CANNOT.symlink);
    const blocks = codeBlocks();
    const run = blocks.filter((b) => !IN_A_CLONE.includes(b.heading) && (b.language === 'sh' || b.language === 'js'));
    // Every block is run here or in a clone, or is a preset shown as JSON (checked below).
    expect(blocks.filter((b) => !run.includes(b) && !IN_A_CLONE.includes(b.heading) && b.language !== 'json')).toEqual([]);
    expect(run[0]!.heading).toBe('Quick start');
    expect(run.map((b) => b.heading)).toEqual(expect.arrayContaining(['Avatars for a whole team', 'One photo for X (Twitter) at 400x400', 'A campaign preset for any cause, in any language', 'A campaign page for everyone else', 'Library']));

    const dir = await tempDir('redframe-readme-');
    // The sample a first run renders: larger than the avatar, so no line says it will look soft.
    await copyFile(fixture('samples', 'cups.jpg'), join(dir, 'photo.jpg'));
    // `redframe` on the PATH is the built command of this checkout, run by this Node; the library
    // example imports 'redframe' as an installed package would be found.
    const bin = join(dir, '.bin');
    await mkdir(bin);
    await writeFile(join(bin, 'redframe'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`, { mode: 0o755 });
    await mkdir(join(dir, 'node_modules'));
    await symlink(ROOT, join(dir, 'node_modules', 'redframe'));
    const env = { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH}`, NO_COLOR: '1', CI: '1' };
    for (const block of run) {
      if (block.language === 'js') {
        // Saved under the name its first line gives, as a reader would: a .mjs file, since in a
        // new project (no "type": "module") a .js file's import is refused (Node 20) or warned
        // about (Node 22).
        const name = /^\/\/ ([\w-]+\.mjs)\b/.exec(block.code)?.[1];
        expect(name, `the ${block.heading} example's first line names its .mjs file`).toBeDefined();
        await writeFile(join(dir, name!), block.code);
        const { status, stderr } = spawnSync(process.execPath, [name!], { cwd: dir, env, encoding: 'utf8' });
        expect({ block: block.heading, status, stderr }).toMatchObject({ status: 0 });
        continue;
      }
      for (const line of commandsOf(block.code)) {
        const { status, stderr } = spawnSync('sh', ['-c', line], { cwd: dir, env, encoding: 'utf8' });
        expect({ line, status, stderr }).toMatchObject({ line, status: 0 });
        expect(stderr, line).not.toMatch(/soft/);
      }
    }
    const made = ['photo.redframe.jpg', 'me.png', 'solid.jpg', 'green.jpg', 'avatars/photo.jpg', 'avatar.jpg', 'avatars/sheet.png', 'avatars/later.jpg',
      'photo-x.jpg', 'freedom.jpg', 'freedom-400.jpg', 'site/index.html', 'site/preview.jpg', 'freedom/index.html', 'avatar.png',
      'kit/facebook.jpg', 'kit/youtube.jpg', 'kit-photo/x.jpg', 'kit/story.jpg', 'freedom-kit/story.jpg'];
    for (const file of made) expect((await stat(join(dir, file))).size, file).toBeGreaterThan(1000);
    // The page's folder is what gets published: the preset recipe's campaign/ (the preset, its
    // font) is not in it.
    expect((await readdir(join(dir, 'site'))).filter((name) => !/\.(html|jpg|png)$/.test(name))).toEqual([]);
    expect(await sharp(join(dir, 'photo-x.jpg')).metadata()).toMatchObject({ width: 400, height: 400 });
    expect(await sharp(join(dir, 'freedom-400.jpg')).metadata()).toMatchObject({ width: 400, height: 400 });
    // About 40 commands one after the other, each a new process: 25-32 s on a quiet 2-core machine,
    // over 60 s (the suite's default) with browser tests running beside it. The limit only stops a
    // hang; each command still has to succeed.
  }, 300_000);

  it('name a source for every font file they use that is not in the package', () => {
    const fonts = [...readme.matchAll(/"font": "([^"]+)"/g)].map((m) => m[1]!);
    expect(fonts).toContain('Amiri-Bold.ttf');
    for (const font of fonts) expect(readme, font).toMatch(new RegExp(`${font.replace('.', '\\.')}[\\s\\S]{0,200}Licence[\\s\\S]{0,200}https://`));
  });
});

describe('the README preset example', () => {
  it('is a complete preset that the schema and the validator accept', async () => {
    const example = /A complete preset file[^\n]*\n\n```json\n([\s\S]*?)\n```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    const preset = JSON.parse(example!);
    const schema = JSON.parse(await readFile(join(ROOT, 'preset.schema.json'), 'utf8'));
    // Every key shown but the campaign page's section, which its own section of the README shows.
    expect(Object.keys(preset).sort()).toEqual(Object.keys(schema.properties).filter((key) => key !== 'page').sort());
    expect(preset.$schema).toBe('./preset.schema.json'); // what --init-preset writes
    const validate = new Ajv({ strict: true }).compile(schema);
    expect(validate(preset), JSON.stringify(validate.errors)).toBe(true);
    expect(() => parsePreset(preset, '/presets/freedom.json')).not.toThrow();
  });
});

describe('the README gallery', () => {
  it('shows pictures that exist, all of them, small enough for a repository', async () => {
    const shown = new Set([...readme.matchAll(/<img src="(docs\/gallery\/[^"]+)"/g)].map((m) => m[1]!));
    const files = (await readdir(join(ROOT, 'docs', 'gallery'))).map((name) => `docs/gallery/${name}`);
    expect([...shown].sort()).toEqual(files.sort());
    let total = 0;
    for (const file of files) total += (await stat(join(ROOT, file))).size;
    expect(total).toBeLessThan(1_000_000);
  });

  it('shows each mode, both banners, a circle and a right-to-left text, each with its command', () => {
    const commands = [...readme.matchAll(/<code>(redframe [^<]+)<\/code>/g)].map((m) => m[1]!);
    for (const mode of MODES.filter((m) => m !== 'tint' && m !== 'solid')) expect(commands.some((c) => c.includes(`--mode ${mode}`)), mode).toBe(true);
    expect(commands.some((c) => c.includes('--preset solid'))).toBe(true);
    expect(commands.some((c) => c.includes('--banner strip'))).toBe(true);
    expect(commands.some((c) => c.includes('--shape circle'))).toBe(true);
    expect(commands.some((c) => /--text "#[\u0600-\u06ff_]+"/.test(c))).toBe(true);
    expect(commands.some((c) => !/--(mode|preset|banner|frame|shape|text)\b/.test(c))).toBe(true); // the default look
  });
});
