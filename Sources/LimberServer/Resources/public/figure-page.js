// The exercise page's "Play the movement": loops the short demo the server compiled
// (FigureMotion.demo) until paused. It starts paused, so nothing moves unless asked (WCAG 2.2.2).
import { FigureAnimator, currentMove } from './figure.js';

for (const box of document.querySelectorAll('.figure-moving')) {
  const live = box.querySelector('.fig-live');
  const button = box.querySelector('.figure-play');
  if (!live || !button) continue;
  const figure = new FigureAnimator(live);
  const demo = JSON.parse(box.dataset.demo);
  let frame = 0;
  let startedAt = 0;
  const draw = (now) => {
    const seconds = ((now - startedAt) / 1000) % demo.seconds;
    figure.showMove(currentMove(demo.moves, seconds), seconds);
    frame = requestAnimationFrame(draw);
  };
  button.addEventListener('click', () => {
    const playing = button.getAttribute('aria-pressed') === 'true';
    if (playing) {
      cancelAnimationFrame(frame);
      // Back to the working pose the page shows when still.
      figure.show(demo.moves[0].to, demo.moves[0].to, 1, false);
    } else {
      startedAt = performance.now();
      frame = requestAnimationFrame(draw);
    }
    button.setAttribute('aria-pressed', String(!playing));
    button.textContent = playing ? 'Play the movement' : 'Pause the movement';
  });
}
