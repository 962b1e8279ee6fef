/**
 * What the reader does: choose a photo (picker, drop, paste), move and zoom it, change language,
 * download or share. Each action changes the state, then shows it and redraws.
 */
import { reminderCalendar } from '../portable/calendar.js';
import type { PageConfig } from '../portable/page-config.js';
import { isAppleMobile } from './apple.js';
import type { AvatarCanvas } from './avatar-canvas.js';
import { DecodeError, decodePhoto } from './decode-photo.js';
import { h } from './dom.js';
import { downloadName, storyName } from './download-name.js';
import { composeStory } from './story.js';
import { attachGestures } from './gestures.js';
import { strings, type State } from './state.js';
import { clampTransform, initialTransform, panBy, rotateQuarter, zoomTo, type Transform } from './transform.js';
import { showZoom, type View } from './view.js';

export interface Page {
  doc: Document;
  config: PageConfig;
  state: State;
  view: View;
  avatar: AvatarCanvas;
  /** Writes the state into the interface. */
  show: () => void;
}

/** Wires every control of the view to its action. */
export function attachActions(page: Page): void {
  const { doc, config, state, view, avatar, show } = page;
  const { size } = config;

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
    showZoom(view, state);
    redraw();
    outdated();
  };

  // The avatar's file is made ahead, once the photo rests: iOS shares a file only from the tap's
  // own gesture, and a file made after an await in the tap may lose it.
  let version = 0;
  let prepared: { version: number; file: File } | undefined;
  let preparing: ReturnType<typeof setTimeout> | undefined;
  function outdated(): void {
    version++;
    prepared = undefined;
    delete view.share.dataset.fileReady;
    clearTimeout(preparing);
    if (state.photo) preparing = setTimeout(prepare, 300);
  }
  function prepare(): void {
    const made = version;
    save().then(
      (file) => {
        if (made !== version) return;
        prepared = { version: made, file };
        // For tests and the curious: a tap now shares at once, inside the tap's own gesture.
        view.share.dataset.fileReady = '';
      },
      () => undefined, // the tap will try again and say so
    );
  }
  /** The avatar's file: the one made ahead when it is current, else made now. */
  const currentFile = () => (prepared?.version === version ? prepared.file : undefined);
  const frame = () => ({ width: state.photo!.width, height: state.photo!.height, size });

  // Each choice gets a ticket: a slow decode that finishes after a newer choice is dropped.
  let latest = 0;
  async function choose(file: File): Promise<void> {
    const ticket = ++latest;
    // The previous photo goes first: after a failure nothing of it can be downloaded.
    state.photo?.image.close();
    Object.assign(state, { photo: undefined, photoName: '', transform: initialTransform(), problem: undefined, notice: undefined, busy: true });
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
      outdated();
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

  view.fileInput.addEventListener('change', () => {
    const file = view.fileInput.files?.[0];
    if (file) void choose(file);
    view.fileInput.value = ''; // choosing the same file again still fires `change`
  });
  // Drop anywhere on the page (a missed drop would otherwise open the photo in the tab).
  doc.addEventListener('dragover', (e) => {
    e.preventDefault();
    view.stage.classList.add('rf-dropping');
  });
  doc.addEventListener('dragleave', () => view.stage.classList.remove('rf-dropping'));
  doc.addEventListener('drop', (e) => {
    e.preventDefault();
    view.stage.classList.remove('rf-dropping');
    const file = e.dataTransfer?.files[0];
    if (file) void choose(file);
  });
  doc.addEventListener('paste', (e) => {
    const file = [...(e.clipboardData?.files ?? [])][0];
    if (!file) return;
    e.preventDefault();
    void choose(file);
  });
  view.languageSelect.addEventListener('change', () => {
    state.language = view.languageSelect.value;
    show();
  });
  view.zoom.addEventListener('input', () => state.photo && change(zoomTo(frame(), state.transform, Number(view.zoom.value))));
  view.rotate.addEventListener('click', () => state.photo && change(rotateQuarter(frame(), state.transform)));
  attachGestures(view.stage, size, {
    active: () => state.photo !== undefined,
    pan: (dx, dy) => change(panBy(frame(), state.transform, dx, dy)),
    zoomBy: (factor, around) => change(zoomTo(frame(), state.transform, state.transform.zoom * factor, around)),
  });
  /** Hands a file to the browser's download, through a link (works from file:// as from a host). */
  function saveAs(file: File): void {
    const url = URL.createObjectURL(file);
    const link = h('a', { href: url, download: file.name, hidden: true });
    doc.body.append(link);
    link.click();
    link.remove();
    // Revoked later, not at once: some browsers read the blob after the click returns.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  /** Makes a file, downloads it and says where it went (on an iPhone it is in Files, and Photos is one more step). */
  async function download(make: () => Promise<File>): Promise<void> {
    try {
      const file = await make();
      saveAs(file);
      state.problem = undefined;
      state.notice = { key: isAppleMobile() ? 'savedIos' : 'saved', file: file.name };
    } catch {
      state.problem = 'cannotSave';
    }
    show();
  }

  view.download.addEventListener('click', () => download(async () => currentFile() ?? (await save())));
  view.downloadStory.addEventListener('click', () => {
    const story = config.story;
    if (!story || !state.photo) return;
    void download(async () => {
      drawNow(); // the avatar as the preview shows it now
      const blob = await composeStory(story, view.canvas);
      return new File([blob], storyName(state.photoName), { type: 'image/jpeg' });
    });
  });
  view.share.addEventListener('click', () => {
    const ready = currentFile();
    if (ready) void share(ready);
    // Tapped before the file was made (right after a move): make it and try; where the browser
    // refuses without the tap's gesture (iOS), the status asks for one more tap, which will work.
    else save().then(share, () => ((state.problem = 'cannotSave'), show()));
  });
  /** Shares the file, and only the file: iOS shares files only when `files` is the sole property. */
  async function share(file: File): Promise<void> {
    try {
      await navigator.share({ files: [file] });
    } catch (error) {
      const name = (error as Error).name;
      // Closing the share sheet is a choice, not a failure.
      if (name === 'AbortError') return;
      if (name === 'NotAllowedError') {
        prepared = { version, file };
        state.notice = { key: 'shareAgain', file: file.name };
      } else state.problem = 'cannotShare';
      show();
    }
  }
  view.remind.addEventListener('click', () => {
    if (!config.until) return;
    const s = strings(state.language, config);
    const id = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
    const text = reminderCalendar({ date: config.until, title: s.reminderTitle, text: s.reminderText, uid: `${id}@redframe`, now: new Date() });
    const file = new File([text], 'change-back-reminder.ics', { type: 'text/calendar' });
    saveAs(file);
    state.notice = { key: 'reminderSaved', file: file.name };
    show();
  });
  drawNow();
}
