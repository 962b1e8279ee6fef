/**
 * The words of a cover or a card as SVG: the hashtags large, the message under them, both laid
 * out as paragraphs (paragraph.ts) inside the surface's safe zone, with a band of the
 * frame colour behind them when the ground is a photo. Glyph outlines only, never `<text>`.
 */
import { toHex } from '../core/rgba.js';
import { RedframeError } from '../core/errors.js';
import type { FontStack } from './font.js';
import type { WordsLook } from './look.js';
import { layoutParagraphs, type Paragraph, type TextBlock } from './paragraph.js';
import { placeStraight, polygonsToPath, type PixelPoint } from './geometry.js';
import { minFontSize, type Surface, type Zone } from './surfaces.js';

/** The hashtags' share of the safe zone's height when there is a message under them. */
const HASHTAG_SHARE = { cover: 0.42, card: 0.3 } as const;
/** The largest hashtag size, as a share of the image's width. */
const MAX_HASHTAG_SIZE = 0.1;
/** The message is at most this share of the hashtags' size, so the hashtags lead. */
const MESSAGE_TO_HASHTAG = 0.62;
/** Space between the hashtags and the message, in the message's ems. */
const GAP_EM = 0.7;

/**
 * The avatar's slot on a card, as a share of the safe zone's width and of its height (the smaller
 * wins): large enough to recognise a face, leaving the zone's lower part to the words.
 */
const SLOT_SHARE = { width: 0.6, height: 0.45 } as const;

/** A circle kept free of words (and of the band): its bounding square, in output pixels. */
export interface AvatarSlot {
  left: number;
  top: number;
  size: number;
}

/** What was drawn where: for tests and for the page's story slot. */
export interface SurfaceText {
  svg: string;
  /** The box the text was laid out in (inside the safe zone, under the slot if there is one). */
  textBox: Zone;
  /** The circle left empty for an avatar, when asked for one. */
  slot: AvatarSlot | undefined;
  hashtags: TextBlock | undefined;
  message: TextBlock | undefined;
}

/**
 * Lays out the hashtags (the banner text, joined into one paragraph, so an Arabic and an English
 * hashtag read from the Arabic side) and the message, and draws them. Text that cannot be legible
 * in the safe zone is refused (TEXT_TOO_LONG, saying how much to cut). With `slot`, a circle at
 * the top of the safe zone is kept free (centred across it) and the words go under it.
 *
 * @example surfaceTextSvg(COVERS[0], resolveOptions({ message: 'Stop the bombing' }), await loadFontStack(), { band: false, photo: false }).svg
 */
export function surfaceTextSvg(
  surface: Surface, look: WordsLook, fonts: FontStack, { band, photo, slot: wantSlot = false }: { band: boolean; photo: boolean; slot?: boolean },
): SurfaceText {
  const { safe } = surface;
  const zoneWidth = safe.right - safe.left;
  const zoneHeight = safe.bottom - safe.top;
  // The band's padding: text sits this far inside the zone, so band and ink stay in it.
  const padding = Math.round(Math.max(12, 0.06 * Math.min(zoneWidth, zoneHeight)));
  const inner = { left: safe.left + padding, top: safe.top + padding, right: safe.right - padding, bottom: safe.bottom - padding };
  const slotSize = Math.round(Math.min(SLOT_SHARE.width * zoneWidth, SLOT_SHARE.height * zoneHeight));
  const slot = wantSlot ? { left: Math.round((inner.left + inner.right - slotSize) / 2), top: inner.top, size: slotSize } : undefined;
  // Under the slot, one padding apart: the band (drawn one padding around the words) never touches it.
  const box = slot ? { ...inner, top: slot.top + slot.size + 2 * padding } : inner;
  const width = box.right - box.left;
  const height = box.bottom - box.top;
  const min = minFontSize(surface);
  const file = `${surface.name}.jpg`;

  const hashtagText = look.banner === 'none' ? '' : look.text.join(' ');
  const message: Paragraph[] = look.message.map((p) => ({ text: p.text, language: p.language ?? look.lang }));
  const hashtagsIn = (boxHeight: number) => layoutParagraphs([{ text: hashtagText, language: look.lang }], fonts, { width, height: boxHeight }, {
    maxFontSize: MAX_HASHTAG_SIZE * surface.width, minFontSize: min, what: `the hashtags for ${file}`,
  });
  const messageUnder = (above: TextBlock | undefined) => {
    const maxSize = Math.max(min, above ? above.fontSize * MESSAGE_TO_HASHTAG : MAX_HASHTAG_SIZE * surface.width * MESSAGE_TO_HASHTAG);
    const gap = above ? GAP_EM * maxSize : 0;
    return layoutParagraphs(message, fonts, { width, height: height - (above?.height ?? 0) - gap }, {
      maxFontSize: maxSize, minFontSize: min, what: `the message for ${file} (${surface.width}x${surface.height})`,
    });
  };
  let hashtags: TextBlock | undefined;
  let messageBlock: TextBlock | undefined;
  if (message.length === 0) {
    hashtags = hashtagText === '' ? undefined : hashtagsIn(height);
  } else if (hashtagText === '') {
    messageBlock = messageUnder(undefined);
  } else {
    // The hashtags take their share of the height, or less when the message needs the room: the
    // shares are tried from the largest down, and the message's error from the smallest stands.
    const shares = [1, 0.85, 0.7, 0.55, 0.4, 0.25, 0].map((f) => f * HASHTAG_SHARE[surface.kind]);
    const smallest = hashtagsIn(0.01 + (layoutParagraphs([{ text: hashtagText, language: look.lang }], fonts, { width, height }, {
      maxFontSize: min, minFontSize: min, what: `the hashtags for ${file}`,
    }).height));
    for (const [i, share] of shares.entries()) {
      const above = share === 0 ? smallest : hashtagsIn(Math.max(share * height, smallest.height + 0.01));
      try {
        messageBlock = messageUnder(above);
        hashtags = above;
        break;
      } catch (error) {
        if (i === shares.length - 1 || !(error instanceof RedframeError && error.code === 'TEXT_TOO_LONG')) throw error;
      }
    }
  }
  const gap = hashtags && messageBlock ? GAP_EM * messageBlock.fontSize : 0;
  const total = (hashtags?.height ?? 0) + gap + (messageBlock?.height ?? 0);
  // The words as one block, centred in the box; on a card over a photo, at the bottom of it, where
  // they leave the face (high in a portrait, and kept by the attention crop) in view.
  const top = photo && surface.kind === 'card' ? box.bottom - total : box.top + (height - total) / 2;
  const polygons: PixelPoint[][] = [];
  const place = (block: TextBlock, blockTop: number) => {
    for (const { line, left, baseline } of block.lines) {
      polygons.push(...placeStraight(line, { left: box.left + left, baseline: blockTop + baseline, scale: block.scale }));
    }
  };
  if (hashtags) place(hashtags, top);
  if (messageBlock) place(messageBlock, top + (hashtags?.height ?? 0) + gap);

  const parts: string[] = [];
  if (band && polygons.length > 0) {
    const blockWidth = Math.max(hashtags?.width ?? 0, messageBlock?.width ?? 0);
    const x = box.left + (width - blockWidth) / 2 - padding;
    const radius = padding * 0.6;
    parts.push(
      `<rect x="${x}" y="${top - padding}" width="${blockWidth + 2 * padding}" height="${total + 2 * padding}" rx="${radius}" fill="${toHex(look.frameColor)}" fill-opacity="${look.frameColor.alpha}"/>`,
    );
  }
  if (polygons.length > 0) {
    parts.push(`<path d="${polygonsToPath(polygons)}" fill="${toHex(look.textColor)}" fill-opacity="${look.textColor.alpha}"/>`);
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${surface.width}" height="${surface.height}" viewBox="0 0 ${surface.width} ${surface.height}">${parts.join('')}</svg>`;
  return { svg, textBox: box, slot, hashtags, message: messageBlock };
}
