// Moves a figure the server drew. Every pose is in the SVG's `data-poses`: five numbers per node
// (x, y, rotation, scale x, scale y) for each keyframe, computed by Limber's core. This file only
// interpolates between two of them and sets transforms, so nothing here knows anatomy and a frame
// never changes layout.

export class FigureAnimator {
  constructor(svg) {
    this.svg = svg;
    this.poses = JSON.parse(svg.querySelector('.fig-body').dataset.poses);
    this.scene = svg.querySelector('.fig-scene');
    this.mirror = this.scene.dataset.mirror;
    this.nodes = [...svg.querySelectorAll('[data-n]')].map((node) => ({
      node, index: Number(node.dataset.n), scale: node.querySelector(`:scope > [data-s]`),
    }));
    this.shown = '';
    this.reducedMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
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
      node.setAttribute('transform', `translate(${mix(i).toFixed(2)} ${mix(i + 1).toFixed(2)}) rotate(${mix(i + 2).toFixed(2)})`);
      if (scale) scale.setAttribute('transform', `scale(${mix(i + 3).toFixed(3)} ${mix(i + 4).toFixed(3)})`);
    }
    this.scene.setAttribute('transform', mirrored ? this.mirror : 'matrix(1 0 0 1 0 0)');
  }
}

/** The move under way at `seconds`: the last that has started, or the first. */
export function currentMove(moves, seconds) {
  if (!moves || moves.length === 0) return null;
  let found = moves[0];
  for (const move of moves) if (move.start <= seconds) found = move;
  return found;
}
