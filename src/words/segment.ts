import { invalid, quote, received } from '../core/errors.js';

/** `U+0645 "م"`: how a character is named in messages (invisible ones by their code alone). */
export function describeCharacter(char: string): string {
  const hex = char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
  return /[\p{Cc}\p{Cf}\p{Z}]/u.test(char) ? `U+${hex}` : `U+${hex} "${char}"`;
}

const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\p{Cc}\s]/u;

/**
 * Whether a character shows nothing of its own (a space, a control, a default-ignorable such as
 * U+200B ZERO WIDTH SPACE): never reported as missing from a font, and a text of these alone
 * shows nothing, on the banner as on the page.
 *
 * @example isInvisible('\u200b') // true
 */
export function isInvisible(char: string): boolean {
  return INVISIBLE.test(char);
}

// C0 and C1 control characters and DEL: drawn as glyph 0 (a gap or a box), never meant for a banner.
const CONTROL = /[\p{Cc}]/u;
// Embeddings, overrides and isolates (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI) reorder the
// text silently: "#Aleppo" + RLO + "IsBurning" draws "#AleppogninruBsI". The marks LRM, RLM and
// ALM, and the joiners ZWJ and ZWNJ, stay allowed: they change no order beyond their neighbours.
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/u;

/**
 * Checks one banner segment, or one of the campaign page's texts (one rule for all text redframe
 * shows), and returns it ready to shape: a tab becomes a space; other control characters and bidi
 * embedding, override and isolate controls are refused with one line naming them. `name` says
 * which option the text came from, for the message. *
 * @example checkSegment('#Aleppo\tIsBurning', 'text') // '#Aleppo IsBurning'
 * @example checkSegment('#Aleppo\u202eIsBurning', 'text') // throws INVALID_OPTION naming U+202E
 */
export function checkSegment(segment: string, name = 'text'): string {
  const text = segment.replace(/\t/g, ' ');
  const refused = [...new Set([...text].filter((c) => CONTROL.test(c) || BIDI_CONTROL.test(c)))];
  if (refused.length === 0) return text;
  const controls = refused.some((c) => CONTROL.test(c));
  const bidi = refused.some((c) => BIDI_CONTROL.test(c));
  const kind = controls && bidi ? 'control characters or bidi controls' : controls ? 'control characters' : 'bidi controls';
  const hint = bidi ? 'each word is already laid out in its own direction' : 'control characters draw nothing';
  throw invalid(name, `text without ${kind}`, received(`${refused.map(describeCharacter).join(', ')} in ${quote(segment)}`), {
    hint: `remove ${refused.length === 1 ? 'it' : 'them'} (${hint})`,
  });
}
