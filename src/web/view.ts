/**
 * The interface: its elements, built once, and `showState`, which writes the state into them
 * (text and attributes). The pixels are drawn by the avatar canvas, not here.
 */
import { directionOf, localised } from '../portable/language.js';
import { fillSlots, type Strings } from '../portable/strings/index.js';
import { KIT_LABELS, PAGE_IDS, type KitEntry, type PageConfig } from '../portable/page-config.js';
import { h } from './dom.js';
import { strings, type State } from './state.js';
import { MAX_ZOOM, MIN_ZOOM } from './transform.js';

export type View = ReturnType<typeof buildView>;

/** Builds the interface into `root`. Focus follows the order of use: language, choose, the photo, adjust, save. */
export function buildView(root: HTMLElement, config: PageConfig, offered: readonly string[]) {
  const ids = PAGE_IDS;
  const view = {
    title: h('h1', { class: 'rf-title' }),
    description: h('p', { class: 'rf-description' }),
    languageLabel: h('label', { for: ids.language }),
    languageSelect: h('select', { id: ids.language }, ...offered.map((l) => h('option', { value: l, lang: l, dir: directionOf(l) }, strings(l, config).languageName))),
    fileInput: h('input', { id: ids.fileInput, type: 'file', accept: 'image/*', class: 'rf-file' }),
    chooseLabel: h('label', { for: ids.fileInput, class: 'rf-button rf-primary' }),
    chooseHint: h('p', { class: 'rf-hint' }),
    canvas: h('canvas', { id: ids.preview, role: 'img' }),
    stage: h('div', { id: ids.stage, class: 'rf-stage', tabindex: 0, role: 'group' }),
    adjustHint: h('p', { class: 'rf-hint rf-adjust-hint' }),
    zoomLabel: h('label', { for: ids.zoom }),
    zoom: h('input', { id: ids.zoom, type: 'range', min: MIN_ZOOM, max: MAX_ZOOM, step: 0.01, value: 1 }),
    rotate: h('button', { id: ids.rotate, type: 'button', class: 'rf-button' }),
    download: h('button', { id: ids.download, type: 'button', class: 'rf-button rf-primary' }),
    share: h('button', { id: ids.share, type: 'button', class: 'rf-button' }),
    remind: h('button', { id: ids.remind, type: 'button', class: 'rf-button' }),
    downloadStory: h('button', { id: ids.downloadStory, type: 'button', class: 'rf-button' }),
    storyHint: h('p', { class: 'rf-hint rf-story-hint' }),
    kit: h('section', { id: ids.kit, class: 'rf-kit', 'aria-labelledby': 'rf-kit-heading' }),
    kitHeading: h('h2', { id: 'rf-kit-heading' }),
    kitHint: h('p', { class: 'rf-hint' }),
    /** Each cover and card: its link (to the file beside the page) and its label. */
    kitItems: [] as { entry: KitEntry; label: HTMLElement }[],
    message: h('p', { id: ids.message, role: 'alert', class: 'rf-message' }),
    status: h('p', { role: 'status', class: 'rf-status' }),
    callToAction: h('p', { class: 'rf-cta' }),
    privacy: h('p', { class: 'rf-privacy' }),
    credits: h('p', { class: 'rf-credits' }),
  };
  view.stage.append(view.canvas);
  buildKit(view, config.kit ?? []);
  if (config.shape === 'circle') view.stage.classList.add('rf-circle');
  root.classList.add('rf-root');
  root.replaceChildren(
    h('header', { class: 'rf-header' }, h('div', { class: 'rf-heading' }, view.title, view.description), h('div', { class: 'rf-language' }, view.languageLabel, view.languageSelect)),
    h(
      // One main landmark: the layout is it, unless the shell's root already is a <main>.
      root.tagName === 'MAIN' ? 'div' : 'main',
      { class: 'rf-layout' },
      h('div', { class: 'rf-choose' }, view.fileInput, view.chooseLabel, view.chooseHint, view.message, view.status),
      view.stage,
      h('div', { class: 'rf-adjust' }, view.adjustHint, h('div', { class: 'rf-zoom' }, view.zoomLabel, view.zoom), view.rotate),
      h('div', { class: 'rf-actions' }, view.download, view.share, view.downloadStory, view.remind, view.storyHint),
      h('div', { class: 'rf-notes' }, view.callToAction, view.privacy),
      view.kit,
    ),
    h('footer', { class: 'rf-footer' }, view.credits),
  );
  return view;
}

/**
 * The covers and cards beside the page: thumbnails (inline data, never a request) each in a link
 * that downloads its file from the page's own folder. Covers in one list, cards in another, each
 * laid out for its shape. None written, no section.
 */
function buildKit(view: { kit: HTMLElement; kitHeading: HTMLElement; kitHint: HTMLElement; kitItems: { entry: KitEntry; label: HTMLElement }[] }, kit: readonly KitEntry[]): void {
  view.kit.hidden = kit.length === 0;
  const list = (entries: KitEntry[], kind: string) =>
    h('ul', { class: `rf-kit-list rf-kit-${kind}` }, ...entries.map((entry) => {
      const label = h('span', { class: 'rf-kit-label' });
      view.kitItems.push({ entry, label });
      return h('li', {}, h('a', { href: entry.file, download: entry.file, class: 'rf-kit-item', 'data-kit': entry.name },
        h('img', { src: entry.thumbnail, alt: '', width: entry.width, height: entry.height, decoding: 'async' }),
        label,
        // Width × height reads left to right on a right-to-left page too.
        h('span', { class: 'rf-kit-size' }, h('bdi', { dir: 'ltr' }, `${entry.width} × ${entry.height}`))));
    }));
  const covers = kit.filter((e) => e.width > e.height);
  const cards = kit.filter((e) => e.width <= e.height);
  view.kit.append(view.kitHeading, view.kitHint, ...(covers.length ? [list(covers, 'covers')] : []), ...(cards.length ? [list(cards, 'cards')] : []));
}

/** Writes the state into the interface. */
export function showState(doc: Document, view: View, state: State, config: PageConfig, offered: readonly string[], sharing: boolean): void {
  const s = strings(state.language, config);
  const html = doc.documentElement;
  html.lang = state.language;
  html.dir = directionOf(state.language);
  const organiser = (text: Record<string, string> | undefined) => localised(text, state.language, offered);
  const organiserTitle = organiser(config.organiser.title);
  // The heading: the organiser's title, else the campaign's hashtags (its name in every language
  // at once), else the interface's own words.
  const titleText = organiserTitle?.text ?? (config.hashtags.length > 0 ? config.hashtags.join(' ') : s.fallbackTitle);
  doc.title = titleText;
  if (organiserTitle || config.hashtags.length === 0) setOptional(view.title, organiserTitle ?? { text: s.fallbackTitle, language: state.language });
  else showHashtags(view.title, config.hashtags);
  setOptional(view.description, organiser(config.organiser.description));
  setOptional(view.callToAction, organiser(config.organiser.callToAction));
  setOptional(view.credits, organiser(config.organiser.credits));
  view.languageLabel.textContent = s.language;
  view.languageSelect.value = state.language;
  view.chooseLabel.textContent = s.choosePhoto;
  view.chooseHint.textContent = s.chooseHint;
  const ready = state.photo !== undefined;
  view.stage.setAttribute('aria-label', ready ? s.stageReady : s.stageEmpty);
  view.stage.setAttribute('aria-busy', String(state.busy));
  // The decoded size, for tests and curious readers: a huge photo is decoded smaller.
  if (state.photo) view.stage.dataset.photoSize = `${state.photo.width}x${state.photo.height}`;
  else delete view.stage.dataset.photoSize;
  view.canvas.setAttribute('aria-label', titleText);
  view.adjustHint.textContent = s.adjustHint;
  view.adjustHint.hidden = !ready;
  view.zoomLabel.textContent = s.zoom;
  view.zoom.disabled = !ready;
  showZoom(view, state);
  view.rotate.textContent = s.rotate;
  view.rotate.disabled = !ready;
  view.download.textContent = s.download;
  view.download.hidden = !ready;
  view.share.textContent = s.share;
  view.share.hidden = !ready || !sharing;
  // The story with the avatar in it: once there is an avatar, and when the command baked its ground.
  view.downloadStory.textContent = s.downloadStory;
  view.downloadStory.hidden = !ready || !config.story;
  view.storyHint.textContent = s.storyHint;
  view.storyHint.hidden = view.downloadStory.hidden;
  view.kitHeading.textContent = s.kitHeading;
  view.kitHint.textContent = s.kitHint;
  for (const { entry, label } of view.kitItems) label.textContent = KIT_LABELS[entry.name] ? s[KIT_LABELS[entry.name]!] : entry.file;
  view.remind.textContent = s.remind;
  view.remind.hidden = !ready || !reminderDue(config.until);
  view.message.textContent = state.problem ? s[state.problem] : '';
  view.status.textContent = statusText(state, s);
  view.privacy.textContent = s.privacy;
}

/**
 * The status line: "opening", or what just happened with the file's name in its sentence. The
 * name is the person's own (a photo named with U+202E RIGHT-TO-LEFT OVERRIDE keeps it), so it is
 * isolated (U+2068 FIRST STRONG ISOLATE ... U+2069 POP DIRECTIONAL ISOLATE): an override in it
 * ends at the isolate's end and cannot reverse the sentence around it. Isolate controls of the
 * name's own, which could close that isolate early, are left out of what is shown (they show nothing).
 *
 * @example statusText({ busy: false, notice: { key: 'saved', file: 'me.redframe.jpg' } }, en) // 'Saved as ⁨me.redframe.jpg⁩.'
 */
export function statusText(state: Pick<State, 'busy' | 'notice'>, s: Strings): string {
  if (state.busy) return s.opening;
  if (!state.notice) return '';
  return fillSlots(s[state.notice.key], { file: `\u2068${state.notice.file.replace(/[\u2066-\u2069]/g, '')}\u2069` });
}

/** Whether the campaign has an end and it has not passed (by the reader's own calendar). */
function reminderDue(until: string | undefined): boolean {
  if (!until) return false;
  const now = new Date();
  const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  return today <= until;
}

/** The slider's position and its spoken value, kept up with every move and zoom. */
export function showZoom(view: View, state: State): void {
  view.zoom.value = String(state.transform.zoom);
  view.zoom.setAttribute('aria-valuetext', `${Math.round(state.transform.zoom * 100)}%`);
}

/** Each hashtag isolated in its own direction (`<bdi>`), so `#حلب_تحترق #AleppoIsBurning` keeps its order on either page. */
function showHashtags(element: HTMLElement, hashtags: readonly string[]): void {
  element.replaceChildren(...hashtags.flatMap((tag, i) => (i === 0 ? [h('bdi', {}, tag)] : [' ', h('bdi', {}, tag)])));
  element.hidden = false;
  element.removeAttribute('lang');
  element.removeAttribute('dir');
}

/** An organiser's text, marked with its own language (it may not be the page's: a fallback). */
function setOptional(element: HTMLElement, text: { text: string; language: string } | undefined): void {
  element.textContent = text?.text ?? '';
  element.hidden = text === undefined;
  if (text) {
    element.lang = text.language;
    element.dir = 'auto';
  } else {
    element.removeAttribute('lang');
    element.removeAttribute('dir');
  }
}
