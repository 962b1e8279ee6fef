import { compositePixels, type PixelOverlay } from '../portable/composite.js';
import type { Treatment } from '../portable/treatment.js';
import type { DecodedPhoto } from './decode-photo.js';
import { rgbaToRgb, toRgba } from './pixels.js';
import { photoMatrix, scaleOf, type Transform } from './transform.js';

/**
 * The avatar at its output size, made the way the CLI makes it: the photo drawn into the square
 * (the crop and resize), its pixels read back, then the SAME `compositePixels` pass as the CLI
 * (treatment, overlay, mask), written into the visible canvas. Display size is left to CSS.
 */
export class AvatarCanvas {
  private readonly work: CanvasRenderingContext2D;
  private readonly shown: CanvasRenderingContext2D;
  private readonly rgb: Uint8Array;
  private readonly image: ImageData;
  private levels: CanvasImageSource[] = [];
  private levelSizes: { width: number; height: number }[] = [];
  /** What stands in for the photo before one is chosen: the drawn figure, at the output size. */
  private placeholder: Uint8Array | undefined;

  constructor(
    readonly canvas: HTMLCanvasElement,
    readonly size: number,
    private readonly treatment: Treatment,
    private readonly overlay: PixelOverlay,
  ) {
    canvas.width = size;
    canvas.height = size;
    const work = document.createElement('canvas');
    work.width = size;
    work.height = size;
    // Read back every frame: a CPU-side canvas avoids a GPU readback each time.
    this.work = work.getContext('2d', { willReadFrequently: true, alpha: false })!;
    this.shown = canvas.getContext('2d')!;
    this.rgb = new Uint8Array(size * size * 3);
    this.image = this.shown.createImageData(size, size);
  }

  /** A new photo (or none): its pyramid of halvings is built as zooming needs it. */
  setPhoto(photo: DecodedPhoto | undefined): void {
    this.levels = photo ? [photo.image] : [];
    this.levelSizes = photo ? [{ width: photo.width, height: photo.height }] : [];
  }

  /**
   * The figure shown before a photo is chosen, so the page opens on an avatar with the campaign's
   * look (a flat colour would hide a ring of the same colour). It is drawn on a canvas of its own:
   * a browser that taints a canvas for an SVG image then spoils only that one, and the page falls
   * back on the treatment's colour alone.
   */
  async setPlaceholder(svg: string): Promise<void> {
    const image = new Image(this.size, this.size);
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = this.size;
    canvas.height = this.size;
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(image, 0, 0, this.size, this.size);
    this.placeholder = rgbaToRgb(ctx.getImageData(0, 0, this.size, this.size).data, new Uint8Array(this.size * this.size * 3));
  }

  /**
   * Draws the avatar. Without a photo, the look on the placeholder figure, or where there is none
   * the look alone: the treatment's colour under the overlay (for `tint`, the flat red square).
   */
  draw(transform: Transform | undefined): void {
    const channels = this.overlay.mask ? 4 : 3;
    let rgb: Uint8Array | undefined;
    if (this.levels.length > 0 && transform) {
      this.drawPhoto(transform);
      rgb = rgbaToRgb(this.work.getImageData(0, 0, this.size, this.size).data, this.rgb);
    } else if (this.placeholder) {
      // The composite may write into its input: the figure is copied, never drawn over.
      rgb = this.rgb;
      rgb.set(this.placeholder);
    }
    const out = compositePixels(rgb, this.treatment, this.overlay, channels === 3 && rgb ? rgb : undefined);
    toRgba(out, channels, this.image.data);
    this.shown.putImageData(this.image, 0, 0);
  }

  /**
   * The crop and resize. A canvas shrinking a photo many times in one step skips pixels (aliasing);
   * libvips shrinks on load then resizes with Lanczos. Halving step by step first (a box filter,
   * each level kept) and then drawing with a scale between 1/2 and 1 comes close to it.
   */
  private drawPhoto(transform: Transform): void {
    const base = this.levelSizes[0]!;
    const scale = scaleOf({ ...base, size: this.size }, transform);
    const wanted = Math.max(0, Math.floor(Math.log2(1 / scale)));
    const level = this.level(wanted);
    const { width, height } = this.levelSizes[level]!;
    const ctx = this.work;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = '#000';
    ctx.fillRect(0, 0, this.size, this.size);
    ctx.imageSmoothingEnabled = true;
    ctx.imageSmoothingQuality = 'high';
    ctx.setTransform(...photoMatrix({ width, height, size: this.size }, transform));
    ctx.drawImage(this.levels[level]!, 0, 0, width, height);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
  }

  /** Level `wanted` of the pyramid (the photo halved that many times), or the deepest one possible. */
  private level(wanted: number): number {
    while (this.levels.length <= wanted) {
      const prev = this.levelSizes[this.levels.length - 1]!;
      const width = Math.round(prev.width / 2), height = Math.round(prev.height / 2);
      if (Math.min(width, height) < this.size) break;
      const canvas = document.createElement('canvas');
      canvas.width = width;
      canvas.height = height;
      const ctx = canvas.getContext('2d')!;
      ctx.imageSmoothingEnabled = true;
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(this.levels[this.levels.length - 1]!, 0, 0, width, height);
      this.levels.push(canvas);
      this.levelSizes.push({ width, height });
    }
    return Math.min(wanted, this.levels.length - 1);
  }

  /** The avatar as a file, encoded by the browser: a re-encode writes no EXIF, GPS or other metadata. */
  toBlob(type: string, quality: number): Promise<Blob> {
    return new Promise((resolve, reject) =>
      this.canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('toBlob gave nothing'))), type, quality),
    );
  }
}
