/**
 * "Download a story": the story card the command made (ground and words, with a circle left
 * free) with the reader's avatar in the circle, the page's own pixels from its avatar canvas.
 */
import type { StoryGround } from '../portable/page-config.js';

/**
 * Draws the story's ground, then the avatar scaled into the slot and cut to its circle, and
 * encodes the result as JPEG at the command's quality.
 *
 * @example const blob = await composeStory(config.story, view.canvas);
 */
export async function composeStory(story: StoryGround, avatar: HTMLCanvasElement): Promise<Blob> {
  const ground = new Image();
  ground.src = story.ground; // a data: URL: the canvas stays readable
  await ground.decode();
  const canvas = document.createElement('canvas');
  canvas.width = story.width;
  canvas.height = story.height;
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(ground, 0, 0, story.width, story.height);
  const { left, top, size } = story.slot;
  ctx.save();
  ctx.beginPath();
  ctx.arc(left + size / 2, top + size / 2, size / 2, 0, 2 * Math.PI);
  ctx.clip();
  ctx.imageSmoothingEnabled = true;
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(avatar, left, top, size, size);
  ctx.restore();
  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('toBlob gave nothing'))), 'image/jpeg', story.quality / 100),
  );
}
