/**
 * The whole command line: the photo command with its subcommands beside it. Options after a
 * subcommand's name are its own (positional options), and its look flags come from the same table
 * as the photo command's, so a flag means the same in every command.
 */
import type { Command } from 'commander';
import { buildAvatarCommand } from './avatar/definition.js';
import { lookOptions } from './flags.js';
import { buildPageCommand } from './page/definition.js';
import { buildSurfaceCommand, SURFACE_COMMANDS } from './surfaces/definition.js';

/** The command definition. Parsing is separate from running so the CLI can be tested in-process. */
export function buildProgram(version: string): Command {
  const program = buildAvatarCommand(version).enablePositionalOptions().addCommand(buildPageCommand(lookOptions()));
  for (const kind of SURFACE_COMMANDS) program.addCommand(buildSurfaceCommand(kind, lookOptions()));
  return program;
}
