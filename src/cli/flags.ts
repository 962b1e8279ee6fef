/**
 * The option table as commander options: one flag, help line, choices and parser per entry, for
 * every command that takes them (the photo command, `page`, `cover`, `card`).
 */
import { Option, type Command } from 'commander';
import { invalid, quote } from '../core/errors.js';
import type { RenderOptions } from '../options/resolve.js';
import { OPTION_TABLE, longFlag, type OptionEntry } from '../options/table.js';
import { usage } from './io.js';

// Flag values stay strings unless they read as numbers, so validation can quote what was given.
const numeric = (value: string): number | string => (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value.trim()) ? Number(value) : value);

/** A flag given again adds to the list (`--message a --message b`, `--for post --for story`). */
export const repeatable = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/**
 * A flag whose words are drawn (`--text`, `--message`): Node decodes the command line as UTF-8 and
 * puts U+FFFD (�) for every byte that is not, so a U+FFFD is the one sign left that the shell, a
 * script or the terminal sent another encoding (Latin-1, Windows-1256). Drawn, it would be a box
 * or a question mark on every avatar; refused, the person fixes their encoding. Someone who means
 * the character itself is refused too: it is never a word of a campaign.
 */
function drawnWords(flag: string) {
  return (value: string, previous: string[] | undefined) => {
    if (value.includes('\uFFFD')) throw usage(`${flag} ${quote(value)} is not UTF-8 text (� stands for bytes that are not); give the words in UTF-8 (check the terminal's or the script's encoding)`);
    return repeatable(value, previous);
  };
}

/**
 * A folder flag's value, refused when empty: '' (an unset shell variable) would be the working
 * folder itself. For `page`, `cover` and `card`, whose -o is always a folder.
 *
 * @example folderFlag('', '--output') // throws: Expected a folder path for --output but received ""
 */
export function folderFlag(value: string | undefined, flag: string): string | undefined {
  if (value === '') throw invalid(flag, 'a folder path', value);
  return value;
}

/** The help line of a table entry: its text, its range, its default. */
export function helpLine(entry: OptionEntry): string {
  const value = entry.value;
  const range = (value.type === 'integer' || value.type === 'number') && value.max !== Number.MAX_SAFE_INTEGER ? `, ${value.min}-${value.max}` : '';
  const fallback = 'defaultText' in entry ? entry.defaultText : 'default' in entry && entry.default !== false ? String(entry.default) : undefined;
  return `${entry.help}${range}${fallback === undefined ? '' : ` (default: ${fallback})`}`;
}

/** A commander option for a table entry: its flag, help line, choices and value parser. */
export function commanderOption(entry: OptionEntry): Option {
  const option = new Option(`${'short' in entry ? `${entry.short}, ` : ''}${entry.flag}`, helpLine(entry)).helpGroup(entry.group);
  const value = entry.value;
  if (value.type === 'choice') option.choices([...value.choices, ...Object.keys('aliases' in value ? value.aliases : {})]);
  if (value.type === 'integer' || value.type === 'number') option.argParser(numeric);
  if (value.type === 'lines' || value.type === 'message') option.argParser(drawnWords(longFlag(entry)));
  if (value.type === 'files') option.argParser(repeatable);
  return option;
}

/** The look options: the flags `redframe page` shares with the photo command. */
export const LOOK = OPTION_TABLE.filter((entry) => entry.scope === 'look');

/** The look options given as flags to a command (the main one or `page`), under their API keys. */
export function lookFlags(command: Command): RenderOptions {
  const o = command.opts<Record<string, unknown>>();
  const flags: Record<string, unknown> = {};
  for (const entry of LOOK) if (o[attribute(entry)] !== undefined) flags[entry.key] = o[attribute(entry)];
  return flags as RenderOptions;
}

/** The look options as commander options, for a command that shares them with the photo command. */
export function lookOptions(): Option[] {
  return LOOK.map(commanderOption);
}

/** The commander attribute of an entry: `--timeout` is `timeout`, whatever the API key is. */
export const attribute = (entry: OptionEntry) => longFlag(entry).slice(2).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
