/**
 * The option table as commander options: one flag, help line, choices and parser per entry, for
 * every command that takes them (the photo command, `page`, `cover`, `card`).
 */
import { Option, type Command } from 'commander';
import type { RenderOptions } from '../options/resolve.js';
import { OPTION_TABLE, longFlag, type OptionEntry } from '../options/table.js';

// Flag values stay strings unless they read as numbers, so validation can quote what was given.
const numeric = (value: string): number | string => (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value.trim()) ? Number(value) : value);
const repeatable = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

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
  if (value.type === 'lines' || value.type === 'files' || value.type === 'message') option.argParser(repeatable);
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
