/**
 * The page's start: reads the config the Node side baked in, rebuilds the look's pixels (the
 * treatment and the CLI's own overlay), builds the interface and wires the actions.
 */
import { PAGE_ROOT_ID } from '../portable/page-config.js';
import type { PixelOverlay } from '../portable/composite.js';
import { silhouetteSvg } from '../portable/silhouette.js';
import { buildTreatment } from '../portable/treatment.js';
import { attachActions } from './actions.js';
import { AvatarCanvas } from './avatar-canvas.js';
import { unpackLayer } from './pixels.js';
import { initialState, offeredLanguages, readConfig } from './state.js';
import { buildView, showState } from './view.js';

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
  const offered = offeredLanguages(config);
  const state = initialState(offered, navigator.languages ?? [navigator.language]);
  const view = buildView(root, config, offered);

  const avatar = new AvatarCanvas(view.canvas, size, treatment, overlay);
  // Without the figure the page still works: it shows the look on its flat colour.
  await avatar.setPlaceholder(silhouetteSvg(size)).catch(() => undefined);
  const sharing = canShareFiles();
  const show = () => showState(doc, view, state, config, offered, sharing);

  show();
  attachActions({ doc, config, state, view, avatar, show });
  root.setAttribute('data-ready', 'true');
}

/** Whether this browser can share an image file (mobile browsers mostly). */
function canShareFiles(): boolean {
  try {
    return typeof navigator.canShare === 'function' && navigator.canShare({ files: [new File([new Uint8Array(1)], 'a.jpg', { type: 'image/jpeg' })] });
  } catch {
    return false;
  }
}
