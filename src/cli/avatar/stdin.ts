/** `redframe -` (and `redframe cover -`, `card -`): the photo read from standard input, within the byte limit. */
import { DEFAULT_MAX_BYTES } from '../../options/table.js';
import { usage, type CliIo } from '../io.js';

export async function readStdin(io: Pick<CliIo, 'stdin'>, maxBytes: number | undefined, command = 'redframe -'): Promise<Buffer> {
  if (io.stdin.isTTY) throw usage(`- reads a photo from standard input, but it is a terminal; pipe a file in (cat photo.jpg | ${command})`);
  const { readPhotoStream } = await import('../../render/input.js');
  return readPhotoStream(io.stdin, 'standard input', maxBytes ?? DEFAULT_MAX_BYTES);
}
