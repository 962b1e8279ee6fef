import { createRequire } from 'node:module';
import pc from 'picocolors';
import type { BatchPlan, BatchResult, FileResult } from '../batch/batch.js';
import { MADE_WITH_ANOTHER_LOOK } from '../batch/plan.js';
import type { MissingInput } from '../batch/collect.js';
import { RedframeError, type ErrorCode } from '../core/errors.js';
import { printable } from '../files/file-names.js';
import { OPTION_TABLE } from '../options/table.js';
import { adviceFor, errorLine } from './advice.js';

// cli-progress is loaded only when a bar is shown: one photo, CI and pipes never need it.
const require = createRequire(import.meta.url);

export interface Terminal {
  write(text: string): void;
  isTTY?: boolean;
  columns?: number;
}

/** Colours on stderr follow NO_COLOR and FORCE_COLOR, else whether stderr is a terminal. */
export function colours(env: NodeJS.ProcessEnv, stream: Terminal) {
  const forced = env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  const enabled = forced || (!('NO_COLOR' in env && env.NO_COLOR !== '') && Boolean(stream.isTTY));
  return pc.createColors(enabled);
}

export type Colours = ReturnType<typeof colours>;

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

/**
 * The plan of a dry run: one line per input with where it would go. File names are printed
 * escaped (see `printable`): a name can hold escape sequences that would rewrite the terminal.
 */
export function formatPlan(plan: BatchPlan, c: Colours, overwrite: boolean): string {
  const skipped = (f: BatchPlan['files'][number]) => f.kind !== 'other-name' && f.exists && !overwrite;
  const lines = plan.files.map((f) => {
    if (f.kind === 'other-name') return `${c.dim('ignore')}  ${printable(f.input)}`;
    const note = f.renamed ? c.yellow(`  (renamed: ${printable(f.renamed)})`) : '';
    if (skipped(f)) return `${c.dim('skip')}    ${printable(f.input)} -> ${printable(f.output)} (${f.madeWithAnotherLook ? `exists, ${MADE_WITH_ANOTHER_LOOK}; add --overwrite to render it again` : 'exists'})${note}`;
    return `${c.green('render')}  ${printable(f.input)} -> ${printable(f.output)}${f.exists ? ' (replaces it)' : ''}${note}`;
  });
  for (const m of plan.ignored ?? []) lines.push(`${c.dim('ignore')}  ${printable(m.path)}: ${printable(m.reason)}`);
  for (const m of plan.leftOut ?? []) lines.push(`${c.dim('leave')}   ${printable(m.path)}: ${printable(m.reason)}`);
  for (const m of plan.missing) lines.push(`${c.red('fail')}    ${printable(m.path)}: ${printable(m.reason)}`);
  const photos = plan.files.filter((f) => f.kind !== 'other-name');
  const existing = photos.filter((f) => f.exists).length;
  const toRender = overwrite ? photos.length : photos.length - existing;
  const ignored = plan.files.length - photos.length + (plan.ignored?.length ?? 0);
  const existingText = `${existing} existing (${overwrite ? 'replaced' : 'skipped'})`;
  // "failing": the entries listed as fail above (cannot be read, a pattern that matches nothing),
  // which a real run reports as failed.
  const leftOut = plan.leftOut?.length ? `, ${plan.leftOut.length} left out (redframe's own outputs)` : '';
  lines.push(`${toRender} to render into ${printable(plan.outputFolder)}, ${existingText}, ${ignored} ignored${leftOut}, ${plan.missing.length} failing; nothing written (dry run)`);
  return `${lines.join('\n')}\n`;
}

/**
 * A note about photos smaller than the output, which were enlarged and will look soft, or
 * nothing. Said once, with the smallest first.
 */
const sizeValue = OPTION_TABLE.find((entry) => entry.key === 'size')!.value;
const SMALLEST_SIZE = sizeValue.type === 'integer' ? sizeValue.min : 1;

export function softPhotos(files: Pick<FileResult, 'input' | 'photoSide'>[], size: number): string {
  const soft = files.filter((f) => f.photoSide !== undefined && f.photoSide < size).sort((a, b) => a.photoSide! - b.photoSide!);
  if (soft.length === 0) return '';
  const names = soft.slice(0, 3).map((f) => `${printable(f.input)} (${f.photoSide} px)`).join(', ');
  const more = soft.length > 3 ? ` and ${soft.length - 3} more` : '';
  const what = soft.length === 1 ? 'is smaller than' : 'are smaller than';
  // --size has a minimum: a photo smaller than that is not advised a --size it cannot have.
  const smallest = soft[0]!.photoSide!;
  const sizeAdvice = smallest >= SMALLEST_SIZE ? `, or --size ${smallest} for its own sharpness` : '';
  return `Note: ${names}${more} ${what} ${size} px and will look soft; give a larger photo${sizeAdvice}\n`;
}

/** The end-of-batch summary for people: totals, then every failure with its reason. */
export function formatSummary(result: BatchResult, c: Colours, size: number): string {
  const t = result.totals;
  const parts = [
    c.green(`${t.ok} rendered`),
    `${t.skipped} skipped`,
    t.failed ? c.red(`${t.failed} failed`) : '0 failed',
    `${t.ignored} ignored`,
  ];
  if (t.leftOut) parts.push(`${t.leftOut} left out`);
  if (t.notStarted) parts.push(c.yellow(`${t.notStarted} not started`));
  const lines: string[] = [];
  // Files that failed only because the output side broke are told once, in the Stopped line.
  const failures = result.files.filter((f) => f.status === 'failed' && !(result.fatal && f.code === result.fatal.code));
  if (failures.length) {
    lines.push(c.red('Failed:'));
    // Grouped by error code, each group with its advice once: fifty damaged photos read as one kind of problem.
    const groups = new Map<ErrorCode | undefined, FileResult[]>();
    // Pushed into, never copied: a copy per add made 100,000 failures take minutes (quadratic).
    for (const f of failures) {
      const group = groups.get(f.code);
      if (group) group.push(f);
      else groups.set(f.code, [f]);
    }
    for (const [code, files] of groups) {
      const advice = adviceFor(code);
      lines.push(`  ${code ?? 'UNEXPECTED'} (${files.length}${files.length === 1 ? ' file' : ' files'})${advice ? `: ${advice}` : ''}`);
      for (const f of files) lines.push(`    ${printable(f.input)}: ${printable(f.reason ?? '')}`);
    }
  }
  const renamed = result.files.filter((f) => f.status === 'ok' && f.reason);
  for (const f of renamed) lines.push(c.yellow(`Renamed: ${printable(f.reason!)}`));
  const otherLook = result.files.filter((f) => f.status === 'skipped' && f.reason === MADE_WITH_ANOTHER_LOOK);
  if (otherLook.length) {
    const them = otherLook.length === 1 ? 'it' : 'them';
    lines.push(c.yellow(`${otherLook.length} skipped: ${MADE_WITH_ANOTHER_LOOK} (${someNames(otherLook.map((f) => f.output ?? f.input))}); add --overwrite to render ${them} again`));
  }
  if (result.leftOut?.length) lines.push(leftOutLine(result.leftOut));
  if (result.fatal) lines.push(c.red(`Stopped: ${printable(errorLine(result.fatal))}`));
  if (result.interrupted) lines.push(c.yellow('Interrupted: images in flight were finished, nothing partial was left; run the same command again to resume.'));
  const soft = softPhotos(result.files.filter((f) => f.status === 'ok'), size);
  if (soft) lines.push(c.yellow(soft.trimEnd()));
  const rate = t.ok > 0 ? `, ${(t.ok / (result.milliseconds / 1000)).toFixed(1)} images/s` : '';
  lines.push(`${parts.join(', ')} in ${seconds(result.milliseconds)}${rate} -> ${printable(result.outputFolder)}`);
  return `${lines.join('\n')}\n`;
}

/** The first three names, then how many more. */
function someNames(names: string[]): string {
  const more = names.length > 3 ? ` and ${names.length - 3} more` : '';
  return `${names.slice(0, 3).map(printable).join(', ')}${more}`;
}

/**
 * "3 left out: redframe's own outputs (photo.redframe.jpg, avatars/photo.jpg, batch/); ...":
 * what a folder run did not turn red again, said rather than silent, with how to have one anyway.
 */
function leftOutLine(leftOut: MissingInput[]): string {
  const what = leftOut.length === 1 ? 'output' : 'outputs';
  return `${leftOut.length} left out: redframe's own ${what} (${someNames(leftOut.map((m) => m.path))}); name a file on the command line to render it anyway`;
}

/** What stopped a run, as `error` and `errorCode` of the JSON report say it. */
type Stop = Pick<RedframeError, 'message' | 'file'> & { code?: ErrorCode | undefined };

/**
 * The machine-readable report: every file and the totals, and nothing else on stdout. `stop` is
 * what else made the run fail (no photo found, a contact sheet that could not be written), given
 * in `error` and `errorCode` as an error that stopped the batch is.
 */
export function formatJson(result: Omit<BatchResult, 'outputFolder'> & { outputFolder: string | null }, stop?: Stop): string {
  const error: Stop | undefined = stop ?? result.fatal;
  const files = result.files.map((f: FileResult) => ({
    input: f.input,
    output: f.output ?? null,
    status: f.status,
    code: f.code ?? null,
    reason: f.reason ?? null,
    milliseconds: f.milliseconds,
  }));
  return `${JSON.stringify({
    outputFolder: result.outputFolder,
    totals: result.totals,
    milliseconds: Math.round(result.milliseconds),
    interrupted: result.interrupted,
    error: error ? `${error.file ? `${error.file}: ` : ''}${error.message}` : null,
    errorCode: error?.code ?? null,
    files,
    leftOut: (result.leftOut ?? []).map((m) => ({ path: m.path, reason: m.reason })),
  }, null, 2)}\n`;
}

/**
 * The JSON report of a run that stopped before it had files to report (wrong usage, an input
 * that cannot be read, a preset that cannot be loaded): no files, and what stopped it.
 */
export function formatJsonFailure(error: unknown, outputFolder: string | undefined): string {
  const totals = { ok: 0, skipped: 0, failed: 0, ignored: 0, notStarted: 0, leftOut: 0 };
  const stop: Stop = error instanceof RedframeError ? error : { message: error instanceof Error ? error.message : String(error), file: undefined };
  return formatJson({ outputFolder: outputFolder ?? null, files: [], leftOut: [], totals, milliseconds: 0, interrupted: false, fatal: undefined }, stop);
}

/**
 * A progress bar on stderr (done/total, rate, time left, current file), from cli-progress. The
 * line fits the terminal's width: the file name gives way first, keeping its end (the name itself),
 * since cli-progress would otherwise cut the line's end at the last column.
 */
export function progressBar(stream: NodeJS.WritableStream & Terminal, total: number) {
  const cliProgress = require('cli-progress') as typeof import('cli-progress');
  const counters = ' {bar} {value}/{total} | {rate} img/s | {eta_formatted} left | ';
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: (options, params, payload: { file?: string }) => {
        const start = cliProgress.Format.Formatter({ ...options, format: counters }, params, payload);
        const room = params.maxWidth - columnsOf(start) - 1;
        return `${start}${room > 1 ? fitEnd(payload.file ?? '', room) : ''}`.trimEnd();
      },
      barsize: 24,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
      fps: 8,
      noTTYOutput: false,
    },
    cliProgress.Presets.shades_classic,
  );
  const started = performance.now();
  bar.start(total, 0, { rate: '0.0', file: '' });
  return {
    startFile(file: string) {
      bar.update({ file: printable(file) });
    },
    fileDone(done: number) {
      const rate = done / Math.max(0.001, (performance.now() - started) / 1000);
      bar.update(done, { rate: rate.toFixed(1) });
    },
    stop() {
      bar.stop();
    },
  };
}

// East Asian wide and fullwidth characters and emoji take two columns of a terminal.
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3041-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{1f300}-\u{1f64f}\u{1f900}-\u{1f9ff}\u{20000}-\u{3fffd}]/u;
const ZERO_WIDTH = /[\p{Mn}\p{Me}\u200b-\u200f]/u;
const columnsOf = (text: string) => [...text].reduce((n, c) => n + (ZERO_WIDTH.test(c) ? 0 : WIDE.test(c) ? 2 : 1), 0);

/** The end of `text` in at most `columns` columns, with `…` where its start was cut. */
function fitEnd(text: string, columns: number): string {
  if (columnsOf(text) <= columns) return text;
  const chars = [...text];
  let kept = '';
  let width = 1; // the ellipsis
  for (let i = chars.length - 1; i >= 0; i--) {
    const w = columnsOf(chars[i]!);
    if (width + w > columns) break;
    kept = chars[i]! + kept;
    width += w;
  }
  return `…${kept}`;
}
