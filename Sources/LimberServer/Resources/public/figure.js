// Moves a figure the server drew (FigureRenderer.liveHTML). Every pose is in `data-poses`: five
// numbers per node (x, y, rotation, scale x, scale y) for each keyframe, computed by Limber's core.
// This file only interpolates between two of them and sets CSS transforms on the nodes, which are
// HTML elements, so nothing here knows anatomy and a frame changes transforms, never layout.

export class FigureAnimator {
  constructor(root) {
    this.root = root;
    this.poses = JSON.parse(root.dataset.poses);
    const [x, y, width] = root.dataset.box.split(' ').map(Number);
    this.box = { x, y, width };
    this.mirrorX = Number(root.dataset.mirrorX);
    this.rig = root.querySelector('.fig-rig');
    this.mirror = root.querySelector('.fig-mirror');
    this.stage = root.querySelector('.fig-stage .fig-scene');
    this.nodes = [...root.querySelectorAll('.fig-n[data-n]')].map((node) => ({
      node, index: Number(node.dataset.n), scale: node.querySelector(':scope > [data-s]'),
    }));
    this.shown = '';
    this.reducedMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    // One unit of the figure is one pixel inside the rig; the rig is scaled to the box once, and
    // again only when the box changes size.
    this.fit();
    new ResizeObserver(() => this.fit()).observe(root);
    const start = root.dataset.start;
    this.show(start, start, 1, root.dataset.mirrored === 'true');
    root.dataset.ready = '';
  }

  fit() {
    const k = this.root.clientWidth / this.box.width;
    this.rig.style.transform = `scale(${k}) translate(${-this.box.x}px, ${-this.box.y}px)`;
  }

  /** Shows `move` (a FigureMove from the timeline) as it stands at `seconds`. */
  showMove(move, seconds) {
    if (!move) return;
    const span = move.end - move.start;
    let t = span > 0 ? Math.min(1, Math.max(0, (seconds - move.start) / span)) : (seconds >= move.start ? 1 : 0);
    // Reduced motion: still keyframes only, the new one from halfway through the move.
    if (this.reducedMotion) t = t < 0.5 ? 0 : 1;
    this.show(move.from, move.to, t, move.mirrored);
  }

  /** Draws the pose `t` of the way from keyframe `from` to keyframe `to`. */
  show(from, to, t, mirrored) {
    const a = this.poses[from];
    const b = this.poses[to] ?? a;
    if (!a) return;
    const key = `${from}|${to}|${t.toFixed(3)}|${mirrored}`;
    if (key === this.shown) return; // a hold costs nothing per frame
    this.shown = key;
    const mix = (i) => a[i] + (b[i] - a[i]) * t;
    for (const { node, index, scale } of this.nodes) {
      const i = index * 5;
      node.style.transform = `translate(${mix(i).toFixed(2)}px, ${mix(i + 1).toFixed(2)}px) rotate(${mix(i + 2).toFixed(2)}deg)`;
      if (scale) scale.style.transform = `scale(${mix(i + 3).toFixed(3)}, ${mix(i + 4).toFixed(3)})`;
    }
    const flip = mirrored ? `matrix(-1, 0, 0, 1, ${this.mirrorX}, 0)` : 'none';
    if (this.mirror.style.transform !== flip) {
      this.mirror.style.transform = flip;
      this.stage?.setAttribute('transform', mirrored ? `matrix(-1 0 0 1 ${this.mirrorX} 0)` : 'matrix(1 0 0 1 0 0)');
    }
  }
}

/** The move under way at `seconds`: the last that has started, or the first. */
export function currentMove(moves, seconds) {
  if (!moves || moves.length === 0) return null;
  let found = moves[0];
  for (const move of moves) if (move.start <= seconds) found = move;
  return found;
}
