// The part the floor and ImageMagick scripts share: every JPEG of a folder, sorted, through `work`
// with a fixed number in flight (the same pull-one-at-a-time pool as redframe's batch).
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';

export async function eachPhoto(input, output, inFlight, work) {
  const names = (await readdir(input)).filter((n) => /\.jpe?g$/i.test(n)).sort();
  await mkdir(output, { recursive: true });
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const name = names[next++];
      await work(join(input, name), join(output, name));
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
}
