/**
 * What the reader does: choose a photo (picker, drop, paste), move and zoom it, change language,
 * download or share. Each action changes the state, then shows it and redraws.
 */
import type { PageConfig } from '../portable/page-config.js';
import type { AvatarCanvas } from './avatar-canvas.js';
import { DecodeError, decodePhoto } from './decode-photo.js';
import { h } from './dom.js';
import { downloadName } from './download-name.js';
import { attachGestures } from './gestures.js';
import type { State } from './state.js';
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
  view.download.addEventListener('click', async () => {
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
  view.share.addEventListener('click', async () => {
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
  drawNow();
}
