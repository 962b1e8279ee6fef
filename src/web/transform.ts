/**
 * Where the photo sits in the square: pure arithmetic, no DOM, so it is unit-tested in Node.
 *
 * The photo (already upright, EXIF orientation applied by the decoder) is turned by a number of
 * quarter turns, scaled so that `zoom` 1 just covers the square (as the CLI's cover crop does),
 * and its centre moved by (x, y) output pixels from the square's centre. Every change is clamped
 * so that the photo always covers the whole square: no empty corners in an avatar.
 */
export interface Transform {
  /** 1 = the photo's short side fills the square; larger zooms in. */
  zoom: number;
  /** Quarter turns clockwise, 0 to 3. */
  quarterTurns: number;
  /** The photo centre's offset from the square's centre, in output pixels. */
  x: number;
  y: number;
}

export interface Frame {
  /** The photo's upright width and height, in its own pixels. */
  width: number;
  height: number;
  /** The output square's side, in pixels. */
  size: number;
}

export const MIN_ZOOM = 1;
export const MAX_ZOOM = 5;

/** Centred and covering the square: what the CLI's `--crop centre` gives. */
export const initialTransform = (): Transform => ({ zoom: 1, quarterTurns: 0, x: 0, y: 0 });

/** The photo's width and height after its quarter turns. */
function turnedSize({ width, height }: Frame, quarterTurns: number): { width: number; height: number } {
  return quarterTurns % 2 === 0 ? { width, height } : { width: height, height: width };
}

/** Output pixels per photo pixel. */
export function scaleOf(frame: Frame, t: Transform): number {
  const { width, height } = turnedSize(frame, t.quarterTurns);
  return (t.zoom * frame.size) / Math.min(width, height);
}

/** The same transform moved back inside the limits: zoom in range, no uncovered edge. */
export function clampTransform(frame: Frame, t: Transform): Transform {
  const zoom = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, t.zoom));
  const quarterTurns = ((Math.round(t.quarterTurns) % 4) + 4) % 4;
  const turned = turnedSize(frame, quarterTurns);
  const scale = scaleOf(frame, { ...t, zoom, quarterTurns });
  // How far the centre may move before an edge of the photo comes inside the square.
  const roomX = Math.max(0, (turned.width * scale - frame.size) / 2);
  const roomY = Math.max(0, (turned.height * scale - frame.size) / 2);
  return { zoom, quarterTurns, x: clamp(t.x, roomX), y: clamp(t.y, roomY) };
}

const clamp = (value: number, room: number) => Math.min(room, Math.max(-room, value)) + 0; // + 0: no -0

/** Moved by (dx, dy) output pixels. */
export function panBy(frame: Frame, t: Transform, dx: number, dy: number): Transform {
  return clampTransform(frame, { ...t, x: t.x + dx, y: t.y + dy });
}

/**
 * Zoomed to `zoom`, keeping the photo point under `around` (output pixels from the square's
 * centre; default the centre) where it is, as a pinch or a wheel under the pointer expects.
 */
export function zoomTo(frame: Frame, t: Transform, zoom: number, around = { x: 0, y: 0 }): Transform {
  const next = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
  const ratio = next / t.zoom;
  return clampTransform(frame, {
    ...t,
    zoom: next,
    x: around.x + (t.x - around.x) * ratio,
    y: around.y + (t.y - around.y) * ratio,
  });
}

/** A quarter turn clockwise about the square's centre: the offset turns with the photo. */
export function rotateQuarter(frame: Frame, t: Transform): Transform {
  return clampTransform(frame, { ...t, quarterTurns: t.quarterTurns + 1, x: -t.y, y: t.x });
}

/**
 * The canvas matrix that draws the photo (at its own size, top-left at 0, 0) into the square:
 * `ctx.setTransform(a, b, c, d, e, f)`. Quarter turns keep the matrix exact (cosines of 0 or 1).
 */
export function photoMatrix(frame: Frame, t: Transform): [number, number, number, number, number, number] {
  const s = scaleOf(frame, t);
  const [cos, sin] = ([[1, 0], [0, 1], [-1, 0], [0, -1]] as const)[t.quarterTurns]!;
  const a = cos * s, b = sin * s, c = -sin * s, d = cos * s;
  // Map the photo's centre (width/2, height/2) to the square's centre plus the offset.
  const cx = frame.width / 2, cy = frame.height / 2;
  const e = frame.size / 2 + t.x - (a * cx + c * cy);
  const f = frame.size / 2 + t.y - (b * cx + d * cy);
  return [a, b, c, d, e, f];
}
