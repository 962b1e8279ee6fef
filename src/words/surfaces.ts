/**
 * The covers and cards redframe writes, as data: each one's size, its safe zone (the part that no
 * crop and no part of the platform's interface covers on the devices the README names), and how
 * large it is shown on a phone, from which the smallest legible text follows. Every figure has its
 * reason and its source here, and the README's table is checked against this one.
 */

/** A rectangle in output pixels: left and top inclusive, right and bottom exclusive. */
export interface Zone {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

export interface Surface {
  /** The file is `${name}.jpg`; `--for` takes the name. */
  readonly name: string;
  readonly kind: 'cover' | 'card';
  /** What it is, for the README and `--help`. */
  readonly title: string;
  readonly width: number;
  readonly height: number;
  /** Where text (and the band behind it) may go. */
  readonly safe: Zone;
  /** Why the safe zone is where it is: what covers or crops the rest. */
  readonly why: string;
  /**
   * How many CSS pixels wide the image's full width is shown on a phone 390 CSS pixels wide:
   * text is at least MIN_TEXT_CSS_PX there.
   */
  readonly phoneWidth: number;
  /** Where the figures come from. */
  readonly sources: readonly string[];
}

/**
 * The smallest text, in CSS pixels on a phone, that redframe draws: 14 px, the size of small
 * body text in phone interfaces. Text that needs less is refused as not legible.
 */
export const MIN_TEXT_CSS_PX = 14;

/** A phone's width in CSS pixels (an iPhone 12 to 15; most Android phones are 360 to 412). */
const PHONE = 390;

/**
 * The covers `redframe cover` writes, with their safe zones and sources.
 *
 * @example COVERS.map((c) => `${c.name}.jpg ${c.width}x${c.height}`) // ['facebook.jpg 1640x624', 'x.jpg 1500x500', ...]
 */
export const COVERS = [
  {
    name: 'facebook', kind: 'cover', title: 'Facebook cover (profile and page)', width: 1640, height: 624,
    // Phones show the middle 16:9 of the cover (x 266 to 1374 of 1640); the profile picture
    // overlaps the lower left on computers and, larger, on phones (below about y 385 there).
    safe: { left: 300, top: 48, right: 1340, bottom: 380 },
    why: 'shown 820x312 on computers and 640x360 (the middle 16:9) on phones; the profile picture covers the lower left',
    phoneWidth: (PHONE * 1640) / 1109,
    sources: [
      'https://socialrails.com/blog/facebook-cover-photo-size-guide (820x312 on computers, 640x360 on phones)',
      'https://whatdimensions.com/photo-image-sizes/dimensions-for-facebook-cover-photo',
    ],
  },
  {
    name: 'x', kind: 'cover', title: 'X (Twitter) header', width: 1500, height: 500,
    // The profile picture covers the lower left on computers (x below about 400); phones crop
    // about 60 px at the top and the bottom.
    safe: { left: 420, top: 72, right: 1380, bottom: 428 },
    why: 'the profile picture covers the lower left on computers; phones crop about 60 px at the top and bottom',
    phoneWidth: PHONE,
    sources: [
      'https://postsyncer.com/tips/x-twitter-header-image-size (1500x500; the profile picture over the lower left on computers; phones crop the top and bottom)',
      'https://www.picovert.com/en/blog/image-size-for-twitter-x',
    ],
  },
  {
    name: 'linkedin', kind: 'cover', title: 'LinkedIn background photo', width: 1584, height: 396,
    // On computers the profile picture covers the left part; on phones it sits at the bottom in
    // the middle: the upper right is what every device shows.
    safe: { left: 500, top: 32, right: 1520, bottom: 250 },
    why: 'the profile picture covers the left part on computers and the bottom middle on phones',
    phoneWidth: PHONE,
    sources: [
      "https://www.careermentor.co.uk/careermentorblog/2019/2/20/linkedin-how-to-changing-your-linkedin-background-photo (LinkedIn's own upload dialog asks for 1584x396)",
      'https://usefulpix.pages.dev/placeholders/social-media/linkedin-banner-1584x396 (the profile picture over the lower left on computers, the bottom middle on phones)',
    ],
  },
  {
    name: 'youtube', kind: 'cover', title: 'YouTube channel banner', width: 2560, height: 1440,
    // Televisions show it all, computers a 2560x423 band, phones only the middle 1546x423.
    safe: { left: 531, top: 532, right: 2029, bottom: 908 },
    why: 'televisions show all of it, computers the middle band, phones only the middle 1546x423',
    phoneWidth: (PHONE * 2560) / 1546,
    sources: [
      'https://developers.google.com/youtube/v3/docs/channelBanners/insert (16:9, at least 2048x1152, 2560x1440 recommended)',
      "https://blog.textureweb.com/2013/07/youtube-channel-art-bigger-than-you-think/ (YouTube's channel art guide: the 1546x423 safe area)",
    ],
  },
] as const satisfies readonly Surface[];

/**
 * The cards `redframe card` writes, with their safe zones and sources.
 *
 * @example CARDS.find((c) => c.name === 'story')!.safe // { left: 64, top: 250, right: 1016, bottom: 1580 }
 */
export const CARDS = [
  {
    name: 'post', kind: 'card', title: 'square post (Instagram, Facebook, X)', width: 1080, height: 1080,
    // Instagram's profile grid shows posts cut to 3:4: the middle 810 px of a square.
    safe: { left: 150, top: 64, right: 930, bottom: 1016 },
    why: "Instagram's profile grid shows the middle 3:4 of a square post",
    phoneWidth: PHONE,
    sources: ['https://inssist.com/knowledge-base/instagram-image-size-cheat-sheet (1080x1080; the profile grid shows posts cut to 3:4)', 'https://pictuary.com/glossary/profile-grid'],
  },
  {
    name: 'portrait', kind: 'card', title: 'portrait post (Instagram 4:5)', width: 1080, height: 1350,
    safe: { left: 64, top: 64, right: 1016, bottom: 1286 },
    why: "a margin of 64 px on every side; Instagram's profile grid keeps the middle 1012 px",
    phoneWidth: PHONE,
    sources: ['https://www.imagefactory.co.kr/en/guides/instagram-story-ad-text-safe-zone (1080x1350 feed images: 64 px on every side)', 'https://pictuary.com/glossary/profile-grid (the grid keeps the middle 1012x1350)'],
  },
  {
    name: 'story', kind: 'card', title: 'story (Instagram, Facebook, WhatsApp status)', width: 1080, height: 1920,
    // The account name and progress bars cover the top 250 px; the reply bar and buttons about
    // the bottom 340 px.
    safe: { left: 64, top: 250, right: 1016, bottom: 1580 },
    why: 'the app covers the top 250 px (name, progress bars) and the bottom 340 px (reply bar, buttons)',
    phoneWidth: PHONE,
    sources: ['https://webbannerexperts.com/instagram-story-dimensions-the-1080x1920-guide (1080x1920; the top and bottom 250 px covered)', 'https://www.imagefactory.co.kr/en/guides/instagram-story-ad-text-safe-zone (the bottom 340 px in story ads, 14% and 20% of the height)'],
  },
] as const satisfies readonly Surface[];

export type CoverName = (typeof COVERS)[number]['name'];
export type CardName = (typeof CARDS)[number]['name'];

/**
 * The smallest legible font size on a surface, in its pixels: MIN_TEXT_CSS_PX on a phone.
 *
 * @example Math.round(minFontSize(CARDS[2])) // 39: 14 CSS px on a 1080 px story shown 390 px wide
 */
export function minFontSize(surface: Surface): number {
  return (MIN_TEXT_CSS_PX * surface.width) / surface.phoneWidth;
}
