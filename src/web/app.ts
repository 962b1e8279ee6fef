import { PAGE_IDS, PAGE_ROOT_ID, type PageConfig } from '../page/config.js';
import { silhouetteSvg } from '../page/silhouette.js';
import type { PixelOverlay } from '../render/composite.js';
import { buildTreatment } from '../render/treatment.js';
import { DecodeError, decodePhoto, type DecodedPhoto } from './decode.js';
import { h } from './dom.js';
import { attachGestures } from './gestures.js';
import { chooseLanguage, localised, primaryTag } from './language.js';
import { downloadName } from './names.js';
import { unpackLayer } from './pixels.js';
import { AvatarCanvas } from './preview.js';
import { STRINGS, type StringKey, type Strings } from './strings/index.js';
import { clampTransform, initialTransform, MAX_ZOOM, MIN_ZOOM, panBy, rotateQuarter, zoomTo, type Transform } from './transform.js';

/** The page's state: everything the interface shows is drawn from it. */
interface State {
  language: string;
  photo: DecodedPhoto | undefined;
  /** The chosen file's name, for the download's name. */
  photoName: string;
  transform: Transform;
  /** A problem to show (a key of the string tables), or none. */
  problem: StringKey | undefined;
  busy: boolean;
}

/** Reads the config the Node side baked in, builds the interface into the root, and runs it. */
export async function startPage(doc: Document): Promise<void> {
  const root = doc.getElementById(PAGE_ROOT_ID) ?? doc.body;
  const config = readConfig(doc);
  const { size } = config;
  const overlay: PixelOverlay = {
    size,
    rgba: await unpackLayer(config.overlay, size * size * 4, 'the overlay'),
    mask: await unpackLayer(config.mask, size * size, 'the mask'),
  };
  const treatment = buildTreatment(config.treatment.mode, config.treatment.color, config.treatment.strength);
  // Only languages with an interface table; the organiser's texts fall back on their own.
  const offered = config.languages.filter((l) => STRINGS[primaryTag(l)]);
  if (offered.length === 0) offered.push('en');
  const state: State = {
    language: chooseLanguage(navigator.languages ?? [navigator.language], offered),
    photo: undefined,
    photoName: '',
    transform: initialTransform(),
    problem: undefined,
    busy: false,
  };

  // The interface. Focus follows the order of use: language, choose, the photo, adjust, save.
  const ids = PAGE_IDS;
  const title = h('h1', { class: 'rf-title' });
  const description = h('p', { class: 'rf-description' });
  const languageLabel = h('label', { for: ids.language });
  const languageSelect = h(
    'select',
    { id: ids.language },
    ...offered.map((l) => h('option', { value: l, lang: l }, strings(l).languageName)),
  );
  const fileInput = h('input', { id: ids.fileInput, type: 'file', accept: 'image/*', class: 'rf-file' });
  const chooseLabel = h('label', { for: ids.fileInput, class: 'rf-button rf-primary' });
  const chooseHint = h('p', { class: 'rf-hint' });
  const canvas = h('canvas', { id: ids.preview, role: 'img' });
  const stage = h('div', { id: ids.stage, class: 'rf-stage', tabindex: 0, role: 'group' }, canvas);
  if (config.shape === 'circle') stage.classList.add('rf-circle');
  const zoomLabel = h('label', { for: ids.zoom });
  const zoom = h('input', { id: ids.zoom, type: 'range', min: MIN_ZOOM, max: MAX_ZOOM, step: 0.01, value: 1 });
  const rotate = h('button', { id: ids.rotate, type: 'button', class: 'rf-button' });
  const download = h('button', { id: ids.download, type: 'button', class: 'rf-button rf-primary' });
  const share = h('button', { id: ids.share, type: 'button', class: 'rf-button' });
  const message = h('p', { id: ids.message, role: 'alert', class: 'rf-message' });
  const status = h('p', { role: 'status', class: 'rf-status' });
  const callToAction = h('p', { class: 'rf-cta' });
  const privacy = h('p', { class: 'rf-privacy' });
  const credits = h('p', { class: 'rf-credits' });

  root.classList.add('rf-root');
  root.replaceChildren(
    h('header', { class: 'rf-header' }, h('div', { class: 'rf-heading' }, title, description), h('div', { class: 'rf-language' }, languageLabel, languageSelect)),
    h(
      // One main landmark: the layout is it, unless the shell's root already is a <main>.
      root.tagName === 'MAIN' ? 'div' : 'main',
      { class: 'rf-layout' },
      h('div', { class: 'rf-choose' }, fileInput, chooseLabel, chooseHint, message, status),
      stage,
      h('div', { class: 'rf-adjust' }, h('div', { class: 'rf-zoom' }, zoomLabel, zoom), rotate),
      h('div', { class: 'rf-actions' }, download, share),
      h('div', { class: 'rf-notes' }, callToAction, privacy),
    ),
    h('footer', { class: 'rf-footer' }, credits),
  );

  const avatar = new AvatarCanvas(canvas, size, treatment, overlay);
  // Without the figure the page still works: it shows the look on its flat colour.
  await avatar.setPlaceholder(silhouetteSvg(size)).catch(() => undefined);
  const canShareFiles = () => {
    try {
      return typeof navigator.canShare === 'function' && navigator.canShare({ files: [new File([new Uint8Array(1)], 'a.jpg', { type: 'image/jpeg' })] });
    } catch {
      return false;
    }
  };
  const sharing = canShareFiles();

  /** Writes the state into the interface (text, attributes); the pixels are drawn by `redraw`. */
  function show(): void {
    const s = strings(state.language);
    const html = doc.documentElement;
    html.lang = state.language;
    html.dir = s.direction;
    const order = offered;
    const organiser = (text: Record<string, string> | undefined) => localised(text, state.language, order);
    const organiserTitle = organiser(config.organiser.title);
    const titleText = organiserTitle?.text ?? s.fallbackTitle;
    doc.title = titleText;
    setOptional(title, organiserTitle ?? { text: s.fallbackTitle, language: state.language });
    setOptional(description, organiser(config.organiser.description));
    setOptional(callToAction, organiser(config.organiser.callToAction));
    setOptional(credits, organiser(config.organiser.credits));
    languageLabel.textContent = s.language;
    languageSelect.value = state.language;
    chooseLabel.textContent = s.choosePhoto;
    chooseHint.textContent = s.chooseHint;
    const ready = state.photo !== undefined;
    stage.setAttribute('aria-label', ready ? s.stageReady : s.stageEmpty);
    stage.setAttribute('aria-busy', String(state.busy));
    // The decoded size, for tests and curious readers: a huge photo is decoded smaller.
    if (state.photo) stage.dataset.photoSize = `${state.photo.width}x${state.photo.height}`;
    else delete stage.dataset.photoSize;
    canvas.setAttribute('aria-label', titleText);
    zoomLabel.textContent = s.zoom;
    zoom.disabled = !ready;
    zoom.value = String(state.transform.zoom);
    zoom.setAttribute('aria-valuetext', `${Math.round(state.transform.zoom * 100)}%`);
    rotate.textContent = s.rotate;
    rotate.disabled = !ready;
    download.textContent = s.download;
    download.hidden = !ready;
    share.textContent = s.share;
    share.hidden = !ready || !sharing;
    message.textContent = state.problem ? s[state.problem] : '';
    status.textContent = state.busy ? s.opening : '';
    privacy.textContent = s.privacy;
  }

  // Redrawing is throttled to the display's frames: a drag fires many events per frame.
  let pending = 0;
  const redraw = () => {
    if (!pending) pending = requestAnimationFrame(drawNow);
  };
  function drawNow(): void {
    if (pending) cancelAnimationFrame(pending);
    pending = 0;
    avatar.draw(state.photo ? state.transform : undefined);
  }
  const change = (transform: Transform) => {
    if (!state.photo) return;
    state.transform = transform;
    zoom.value = String(transform.zoom);
    zoom.setAttribute('aria-valuetext', `${Math.round(transform.zoom * 100)}%`);
    redraw();
  };
  const frame = () => ({ width: state.photo!.width, height: state.photo!.height, size });

  // Each choice gets a ticket: a slow decode that finishes after a newer choice is dropped.
  let latest = 0;
  async function choose(file: File): Promise<void> {
    const ticket = ++latest;
    // The previous photo goes first: after a failure nothing of it can be downloaded.
    state.photo?.image.close();
    Object.assign(state, { photo: undefined, photoName: '', transform: initialTransform(), problem: undefined, busy: true });
    avatar.setPhoto(undefined);
    show();
    drawNow();
    try {
      const photo = await decodePhoto(file);
      if (ticket !== latest) {
        photo.image.close();
        return;
      }
      state.photo = photo;
      state.photoName = file.name || 'photo';
      state.transform = clampTransform(frame(), initialTransform());
      avatar.setPhoto(photo);
    } catch (error) {
      if (ticket !== latest) return;
      state.problem = error instanceof DecodeError ? error.problem : 'cannotOpen';
    }
    state.busy = false;
    show();
    drawNow();
  }

  async function save(): Promise<File> {
    drawNow(); // whatever is pending, so the file is what the preview shows
    const { format, quality } = config.download;
    const type = format === 'png' ? 'image/png' : 'image/jpeg';
    const blob = await avatar.toBlob(type, quality > 1 ? quality / 100 : quality);
    return new File([blob], downloadName(state.photoName, format), { type });
  }

  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    if (file) void choose(file);
    fileInput.value = ''; // choosing the same file again still fires `change`
  });
  // Drop anywhere on the page (a missed drop would otherwise open the photo in the tab).
  doc.addEventListener('dragover', (e) => {
    e.preventDefault();
    stage.classList.add('rf-dropping');
  });
  doc.addEventListener('dragleave', () => stage.classList.remove('rf-dropping'));
  doc.addEventListener('drop', (e) => {
    e.preventDefault();
    stage.classList.remove('rf-dropping');
    const file = e.dataTransfer?.files[0];
    if (file) void choose(file);
  });
  doc.addEventListener('paste', (e) => {
    const file = [...(e.clipboardData?.files ?? [])][0];
    if (!file) return;
    e.preventDefault();
    void choose(file);
  });
  languageSelect.addEventListener('change', () => {
    state.language = languageSelect.value;
    show();
  });
  zoom.addEventListener('input', () => state.photo && change(zoomTo(frame(), state.transform, Number(zoom.value))));
  rotate.addEventListener('click', () => state.photo && change(rotateQuarter(frame(), state.transform)));
  attachGestures(stage, size, {
    active: () => state.photo !== undefined,
    pan: (dx, dy) => change(panBy(frame(), state.transform, dx, dy)),
    zoomBy: (factor, around) => change(zoomTo(frame(), state.transform, state.transform.zoom * factor, around)),
  });
  download.addEventListener('click', async () => {
    try {
      const file = await save();
      const url = URL.createObjectURL(file);
      const link = h('a', { href: url, download: file.name, hidden: true });
      doc.body.append(link);
      link.click();
      link.remove();
      // Revoked later, not at once: some browsers read the blob after the click returns.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch {
      state.problem = 'cannotSave';
      show();
    }
  });
  share.addEventListener('click', async () => {
    try {
      const file = await save();
      await navigator.share({ files: [file], title: doc.title });
    } catch (error) {
      // Closing the share sheet is a choice, not a failure.
      if ((error as Error).name === 'AbortError') return;
      state.problem = 'cannotShare';
      show();
    }
  });

  show();
  drawNow();
  root.setAttribute('data-ready', 'true');
}

const strings = (language: string): Strings => STRINGS[primaryTag(language)] ?? STRINGS.en!;

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

function readConfig(doc: Document): PageConfig {
  const text = doc.getElementById(PAGE_IDS.config)?.textContent;
  if (!text) throw new Error(`Expected the page config in #${PAGE_IDS.config} but received nothing`);
  const config = JSON.parse(text) as PageConfig;
  if (!Number.isInteger(config.size) || config.size < 1) throw new Error(`Expected an integer size in the page config but received ${config.size}`);
  return config;
}
