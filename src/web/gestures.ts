/**
 * Pointer, wheel and keyboard on the stage, turned into three intentions: pan, zoom about a point,
 * and nothing else. Distances are in output pixels (the stage is shown smaller or larger than the
 * output), points are measured from the square's centre.
 */
export interface StageActions {
  pan(dx: number, dy: number): void;
  /** Multiply the zoom by `factor`, keeping the photo point at `around` in place. */
  zoomBy(factor: number, around?: { x: number; y: number }): void;
  /** Whether there is a photo to move. */
  active(): boolean;
}

/** Arrow keys move by this fraction of the side (Shift: five times more); + and - zoom by ZOOM_STEP. */
const KEY_STEP = 0.02;
const ZOOM_STEP = 1.1;

export function attachGestures(stage: HTMLElement, size: number, actions: StageActions): void {
  const toOutput = () => size / stage.getBoundingClientRect().width;
  const fromCentre = (clientX: number, clientY: number) => {
    const r = stage.getBoundingClientRect();
    const k = size / r.width;
    return { x: (clientX - r.left - r.width / 2) * k, y: (clientY - r.top - r.height / 2) * k };
  };

  // Every pointer down on the stage, by id: one pointer pans, two pinch (zoom and pan together).
  const pointers = new Map<number, { x: number; y: number }>();
  const spread = () => {
    const [a, b] = [...pointers.values()];
    return { distance: Math.hypot(a!.x - b!.x, a!.y - b!.y), mid: { x: (a!.x + b!.x) / 2, y: (a!.y + b!.y) / 2 } };
  };
  stage.addEventListener('pointerdown', (e) => {
    if (!actions.active() || pointers.size >= 2) return;
    // Keep receiving this pointer's moves when it leaves the stage (a fast drag). Synthetic
    // pointers (tests, some assistive tools) cannot be captured: they work without it.
    try {
      stage.setPointerCapture(e.pointerId);
    } catch {
      /* not capturable */
    }
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    e.preventDefault();
  });
  stage.addEventListener('pointermove', (e) => {
    const last = pointers.get(e.pointerId);
    if (!last) return;
    const k = toOutput();
    if (pointers.size === 1) {
      actions.pan((e.clientX - last.x) * k, (e.clientY - last.y) * k);
      pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
      return;
    }
    const before = spread();
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    const after = spread();
    actions.pan((after.mid.x - before.mid.x) * k, (after.mid.y - before.mid.y) * k);
    if (before.distance > 0) actions.zoomBy(after.distance / before.distance, fromCentre(after.mid.x, after.mid.y));
  });
  const lift = (e: PointerEvent) => pointers.delete(e.pointerId);
  stage.addEventListener('pointerup', lift);
  stage.addEventListener('pointercancel', lift);

  stage.addEventListener(
    'wheel',
    (e) => {
      if (!actions.active()) return;
      e.preventDefault();
      const pixels = e.deltaY * (e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 400 : 1);
      actions.zoomBy(Math.exp(-pixels * 0.002), fromCentre(e.clientX, e.clientY));
    },
    { passive: false },
  );

  stage.addEventListener('keydown', (e) => {
    if (!actions.active() || e.altKey || e.ctrlKey || e.metaKey) return;
    const step = size * KEY_STEP * (e.shiftKey ? 5 : 1);
    const moves: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const move = moves[e.key];
    if (move) actions.pan(...move);
    else if (e.key === '+' || e.key === '=') actions.zoomBy(ZOOM_STEP);
    else if (e.key === '-' || e.key === '_') actions.zoomBy(1 / ZOOM_STEP);
    else return;
    e.preventDefault();
  });
}
