// Limber guided player. It plays the timeline the server compiled and never re-plans it: every
// step, cue, offset, block bound, "next up" text and the restart window come from the JSON, so the
// web, the terminal and any later app agree. What is left here is the mechanics of playing.

import { FigureAnimator, currentMove } from './figure.js';

const $ = (id) => document.getElementById(id);
const root = $('player');
if (root) setUp(root);

/** Seconds as m:ss. */
function clock(seconds) {
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * Milliseconds on a steady clock. The browser test installs `window.limberTestClock` before the
 * page loads, to replay the Swift engine's traces at exact moments; nothing else sets it.
 */
function millisecondsNow() {
  return window.limberTestClock ? window.limberTestClock.now() : performance.now();
}

/** The `detail` of an RFC 9457 problem+json answer, or the fallback. */
async function problemDetail(response, fallback) {
  const body = await response.json().catch(() => ({}));
  return body.detail || body.title || fallback;
}

/** A v4 UUID; `crypto.randomUUID` exists only on https or localhost, a phone on the LAN has neither. */
function uuid() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

async function setUp(root) {
  const status = $('load-status');
  let timeline;
  try {
    const response = await fetch(root.dataset.timelineUrl, { headers: { Accept: 'application/json' } });
    if (!response.ok) throw new Error(await problemDetail(response, `The routine could not be loaded (${response.status}).`));
    timeline = await response.json();
    if (!Array.isArray(timeline.steps) || timeline.steps.length === 0) throw new Error('This routine has no steps.');
  } catch (error) {
    status.textContent = error.message || 'The routine could not be loaded.';
    status.className = 'error';
    return;
  }
  status.textContent = 'Ready.';
  const player = new Player(timeline);
  $('start').disabled = false;
  $('start').addEventListener('click', () => player.start());
  const check = $('check-form');
  if (check) check.addEventListener('submit', (event) => answerNone(event, check, player));
}

/**
 * "None of these apply: start" on the player page: the server's check answers over the API, and a
 * pass starts the session inside the same tap, so the first cue is spoken with no further tap.
 * Ticked boxes, a condition to save, something to read first or a refusal post the form instead,
 * and the server page decides; a network failure says so and starts nothing. The server decides
 * the verdict either way; nothing here judges an answer.
 */
async function answerNone(event, form, player) {
  if (form.dataset.post || form.dataset.mustRead || event.submitter?.value !== 'none') return;
  if (form.querySelector('input[type="checkbox"]:checked')) return;
  event.preventDefault();
  // Post the form as the person pressed it, this time without answering here.
  const post = () => { form.dataset.post = '1'; form.requestSubmit(event.submitter); };
  const problem = $('check-status');
  try {
    const json = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (form.querySelector('input[name="askedConditions"]')) {
      // Asked once: nothing ticked is the answer "none of these", saved so it is not asked again.
      const saved = await fetch('/api/v1/profile', { method: 'PUT', headers: json, body: JSON.stringify({ conditions: [] }) });
      if (!saved.ok) throw new Error(await problemDetail(saved, 'Your answer could not be saved.'));
    }
    const regions = form.dataset.regions ? form.dataset.regions.split(',') : [];
    const response = await fetch('/api/v1/safety/check', {
      method: 'POST', headers: json, body: JSON.stringify({ answers: {}, regions, noneApply: true }),
    });
    if (!response.ok) throw new Error(await problemDetail(response, 'The check could not be made.'));
    const verdict = await response.json();
    if (!verdict.canStartSession) return post();
    $('check-panel').hidden = true;
    $('start-panel').hidden = false;
    player.start();
  } catch (error) {
    problem.textContent = error instanceof TypeError ? 'Limber could not be reached; try again.' : error.message;
    problem.hidden = false;
  }
}

class Player {
  constructor(timeline) {
    this.timeline = timeline;
    this.steps = timeline.steps;
    this.total = timeline.totalSeconds;
    // All cues in time order, each knowing its step, exactly as the Swift engine orders them.
    this.cues = this.steps
      .flatMap((step, i) => step.cues.map((cue) => ({ ...cue, step: i })))
      .sort((a, b) => a.at - b.at);
    Object.assign(this, { status: 'ready', anchorOffset: 0, anchorTime: 0, stepIndex: 0, nextStep: 0, nextCue: 0 });
    this.completed = new Set();
    this.reducedMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;
    this.audio = this.wakeLock = null;
    this.timer = 0;
    // One figure per exercise, drawn by the server; the timeline's moves say how each one moves.
    this.figures = new Map([...document.querySelectorAll('.player-figure')].map((box) => [
      box.dataset.exerciseId, { box, animator: new FigureAnimator(box.querySelector('.fig-live')) },
    ]));
    this.figurePaused = false;
    this.frame = 0;
    this.bind();
    // For browser tests only, to read where the session stands; nothing else is global.
    const player = this;
    window.limberPlayer = {
      get offset() { return player.offset(); },
      get stepIndex() { return player.stepIndex; },
      get status() { return player.status; },
      get completed() { return [...player.completed].sort((a, b) => a - b); },
      get skipped() { return player.skipped(); },
      // What the 100 ms timer does, at once, so a test need not wait for it.
      tick: () => player.tick(),
    };
  }

  bind() {
    $('toggle').addEventListener('click', () => this.toggle());
    $('figure-toggle')?.addEventListener('click', () => this.toggleFigure());
    $('skip').addEventListener('click', () => this.skip());
    $('back').addEventListener('click', () => this.back());
    $('stop').addEventListener('click', () => this.stop());
    $('keep-going').addEventListener('click', () => this.keepGoing());
    $('finish-form').addEventListener('submit', (event) => { event.preventDefault(); this.save(); });
    document.addEventListener('keydown', (event) => this.key(event));
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState !== 'visible') return;
      // Timers are throttled while hidden; catch up at once (tick drops the stale backlog).
      this.tick();
      if (this.status === 'running') this.lockScreen();
    });
  }

  /** Where the session is, in seconds: one anchor plus the time since, so nothing drifts. */
  offset() {
    if (this.status !== 'running') return this.anchorOffset;
    return Math.min(this.anchorOffset + (millisecondsNow() - this.anchorTime) / 1000, this.total);
  }

  start() {
    if (this.status !== 'ready') return;
    // The audio context must be made inside the click, or the browser keeps it silent.
    const Audio = window.AudioContext || window.webkitAudioContext;
    try { this.audio = Audio ? new Audio() : null; } catch { this.audio = null; }
    const pain = document.querySelector('input[name="painBefore"]:checked')?.value;
    this.painBefore = pain ? Number(pain) : undefined;
    this.startedAt = new Date();
    [$('start-panel').hidden, $('stage').hidden] = [true, false];
    // The one list of cautions moves into the session, shown while getting into position.
    if ($('cautions-list')) $('stage').insertBefore($('cautions-list'), $('how-to'));
    root.classList.add('is-playing');
    this.anchorOffset = 0;
    this.run();
    // Bring the countdown to the top of a small screen; keyboard focus goes to Pause.
    $('stage').scrollIntoView({ block: 'start' });
    $('toggle').focus({ preventScroll: true });
  }

  /** Runs from the anchor offset. The timer only redraws and checks what is due; it keeps no time. */
  run() {
    this.status = 'running';
    this.anchorTime = millisecondsNow();
    $('toggle').textContent = 'Pause';
    if (!this.timer) this.timer = setInterval(() => this.tick(), 100);
    this.lockScreen();
    this.tick();
    if (!this.frame) this.frame = requestAnimationFrame(() => this.animate());
  }

  /** Moves the figure every frame while the session runs, from the same clock as the countdown. */
  animate() {
    if (this.status !== 'running') { this.frame = 0; return; }
    this.drawFigure(this.offset());
    this.frame = requestAnimationFrame(() => this.animate());
  }

  /** The current step's figure at `now`; still when the person paused the figure. */
  drawFigure(now) {
    const step = this.steps[this.stepIndex];
    const figure = this.figures.get(step.exerciseId ?? '');
    const move = currentMove(step.figure, now);
    if (!figure || !move) return;
    if (this.figurePaused) figure.animator.show(move.to, move.to, 1, move.mirrored);
    else figure.animator.showMove(move, now);
  }

  /** Stops or restarts the figure's movement; the session's timer is not touched (WCAG 2.2.2). */
  toggleFigure() {
    this.figurePaused = !this.figurePaused;
    $('figure-toggle').setAttribute('aria-pressed', String(this.figurePaused));
    $('figure-toggle').textContent = this.figurePaused ? 'Play figure' : 'Pause figure';
    this.drawFigure(this.offset());
  }

  /** Delivers every step start and cue now due, in timeline order, then redraws. */
  tick() {
    if (this.status !== 'running') return;
    const now = this.offset();
    let stepChanged = false;
    const due = [];
    for (;;) {
      const stepDue = this.nextStep < this.steps.length && this.steps[this.nextStep].start <= now;
      const cueDue = this.nextCue < this.cues.length && this.cues[this.nextCue].at <= now;
      // A step is announced before its own cues.
      if (stepDue && (!cueDue || this.cues[this.nextCue].step >= this.nextStep)) {
        // A counted step is done only when its whole time ran, not when it was skipped.
        if (this.nextStep > 0 && this.stepIndex === this.nextStep - 1 && this.steps[this.stepIndex].countsTowardDone) {
          this.completed.add(this.stepIndex);
        }
        this.stepIndex = this.nextStep++;
        stepChanged = true;
      } else if (cueDue) due.push(this.cues[this.nextCue++]);
      else break;
    }
    if (stepChanged) this.showStep(true);
    this.deliver(due.filter((c) => c.step === this.stepIndex), now, stepChanged);
    if (now >= this.total && this.nextStep >= this.steps.length) this.finish(true);
    else this.draw(now);
  }

  /**
   * Says and shows the cues that fell due. Normally that is one at a time; after the tab was
   * hidden or the phone slept there may be a backlog, and only the latest of the current step
   * still makes sense, so the older ones are dropped rather than read out in a rush.
   */
  deliver(cues, now, stepChanged) {
    if (cues.length === 0) {
      if (stepChanged) this.announce(this.steps[this.stepIndex].label);
      return;
    }
    const last = cues[cues.length - 1];
    const together = cues.filter((c) => c.at === last.at);
    const words = together.filter((c) => c.kind !== 'countdown').map((c) => c.text).join(' ');
    if (words) $('cue-text').textContent = words;
    if (stepChanged || words) this.announce([stepChanged ? this.steps[this.stepIndex].label : '', words].filter(Boolean).join('. '));
    if (last.kind === 'countdown') {
      if (now - last.at > 1) return; // a late 3-2-1 would count down to nothing
      if ($('beeps').checked) return this.beep(660, 0.12);
    }
    this.say(together.map((c) => c.text).join(' '));
  }

  /** Shows the current step; `live` plays the step tone (not when merely previewing while paused). */
  showStep(live) {
    const step = this.steps[this.stepIndex];
    $('exercise-name').textContent = step.exerciseName || this.timeline.routineName;
    $('step-label').textContent = step.label;
    const first = step.cues.find((c) => c.at === step.start && c.kind !== 'countdown');
    $('cue-text').textContent = live ? '' : (first?.text ?? '');
    $('next-up').textContent = step.nextUp ? `Next: ${step.nextUp}` : '';
    // While getting into position, the cautions are on screen again: the one-tap start skips
    // the panel that lists them.
    if ($('cautions-list')) $('cautions-list').hidden = step.kind !== 'setup';
    // The steps of the exercise being done, and only those, under "How to do it".
    for (const box of document.querySelectorAll('.how-to-exercise')) {
      box.hidden = box.dataset.exerciseId !== (step.exerciseId ?? '');
    }
    for (const [id, figure] of this.figures) figure.box.hidden = id !== (step.exerciseId ?? '');
    if ($('figure-stage')) $('figure-stage').hidden = !this.figures.has(step.exerciseId ?? '');
    if (live && $('beeps').checked) this.beep(880, 0.25);
    if (!live) this.announce(step.label);
  }

  draw(now) {
    const step = this.steps[this.stepIndex];
    const left = Math.max(0, step.start + step.duration - now);
    const count = step.duration > 0 ? String(Math.ceil(left - 1e-6)) : '✓';
    if ($('count').textContent !== count) $('count').textContent = count;
    // With reduced motion the ring moves in whole seconds, never in a sweep.
    const shown = this.reducedMotion ? Math.ceil(left - 1e-6) : left;
    const fraction = step.duration > 0 ? 1 - shown / step.duration : 1;
    $('ring-arc').style.strokeDashoffset = String(Math.min(100, Math.max(0, fraction * 100)));
    Object.assign($('session-progress'), { max: this.total, value: now });
    // Text is set only when it changes: setting it, even to the same words, lays the page out again.
    const elapsed = `${clock(now)} done`;
    const remaining = `${clock(this.total - now)} left`;
    if ($('elapsed').textContent !== elapsed) $('elapsed').textContent = elapsed;
    if ($('remaining').textContent !== remaining) $('remaining').textContent = remaining;
    root.classList.toggle('player-paused', this.status === 'paused');
    $('paused-label').hidden = this.status !== 'paused';
    this.drawFigure(now);
  }

  toggle() {
    if (this.status === 'running') {
      this.tick();
      if (this.status !== 'running') return;
      this.anchorOffset = this.offset();
      this.status = 'paused';
      window.speechSynthesis?.cancel();
      this.unlockScreen();
      $('toggle').textContent = 'Resume';
      this.announce('Paused.');
      this.draw(this.anchorOffset);
    } else if (this.status === 'paused') {
      this.run();
    }
  }

  /** To where the compiler says the step's block ends: the next step, or past a set of repetitions. */
  skip() {
    if (!this.isActive()) return;
    this.tick();
    if (!this.isActive()) return;
    this.jump(this.steps[this.stepIndex].blockEnd);
  }

  /** Restarts the block, or goes to the previous one within the timeline's restart window. */
  back() {
    if (!this.isActive()) return;
    this.tick();
    if (!this.isActive()) return;
    const current = this.steps[this.stepIndex].blockStart;
    const into = this.offset() - this.steps[current].start;
    const isJustBegun = into < this.timeline.restartWindowSeconds;
    this.jump(isJustBegun && current > 0 ? this.steps[current - 1].blockStart : current);
  }

  isActive() { return this.status === 'running' || this.status === 'paused'; }

  jump(index) {
    const target = Math.min(index, this.steps.length - 1);
    this.anchorOffset = this.steps[target].start;
    this.anchorTime = millisecondsNow();
    this.stepIndex = target;
    this.nextStep = target;
    const cue = this.cues.findIndex((c) => c.step >= target);
    this.nextCue = cue === -1 ? this.cues.length : cue;
    window.speechSynthesis?.cancel();
    if (this.status === 'running') return this.tick();
    // While paused, show where the session now stands; its cues play on resume.
    this.nextStep = target + 1;
    this.showStep(false);
    this.draw(this.anchorOffset);
  }

  /** "Stop and save": pause, then offer the finish form with the session marked incomplete. */
  stop() {
    if (!this.isActive()) return;
    if (this.status === 'running') this.toggle();
    this.finish(false);
  }

  keepGoing() {
    [$('finish').hidden, $('stage').hidden] = [true, false];
    this.run();
    $('toggle').focus();
  }

  finish(isComplete) {
    clearInterval(this.timer);
    this.timer = 0;
    this.isComplete = isComplete;
    this.endedAt = new Date();
    this.status = isComplete ? 'finished' : 'stopped';
    if (isComplete) this.anchorOffset = this.total;
    this.unlockScreen();
    if (isComplete) this.draw(this.total);
    this.buildRatings();
    $('finish-heading').textContent = isComplete ? 'Well done' : 'Stopped';
    $('finish-summary').textContent = isComplete ? 'That is the whole routine. Get up slowly.'
      : `You did ${this.completed.size} of ${this.stepsTotal()} steps. What you did still counts.`;
    [$('keep-going').hidden, $('stage').hidden, $('finish').hidden] = [isComplete, true, false];
    $('finish-heading').focus();
  }

  /** One rating per exercise reached (all of them when the routine ran to the end). */
  buildRatings() {
    const box = $('ratings');
    // Keep answers given before "Keep going", when the form is built again.
    const before = new Set([...box.querySelectorAll('input:checked')].map((input) => input.name + input.value));
    box.replaceChildren();
    const reached = this.isComplete ? this.steps.length : this.stepIndex + 1;
    const seen = new Set();
    for (const step of this.steps.slice(0, reached)) {
      if (!step.exerciseId || seen.has(step.exerciseId)) continue;
      seen.add(step.exerciseId);
      const set = Object.assign(document.createElement('fieldset'), { className: 'side-choice rating' });
      const legend = Object.assign(document.createElement('legend'), { textContent: `How was ${step.exerciseName || step.exerciseId}?` });
      for (const [value, text] of [['too-easy', 'Too easy'], ['about-right', 'About right'], ['too-hard', 'Too hard']]) {
        const label = document.createElement('label');
        const input = Object.assign(document.createElement('input'), { type: 'radio', name: `rate:${step.exerciseId}`, value });
        input.checked = before.has(input.name + value);
        input.dataset.exerciseId = step.exerciseId;
        label.append(input, text);
        set.append(label);
      }
      set.prepend(legend);
      box.append(set);
    }
  }

  async save() {
    const button = $('save');
    const error = $('save-error');
    error.hidden = true;
    button.disabled = true;
    // One id per session, so pressing Save again after an error cannot store it twice.
    this.recordId ??= uuid();
    const ratings = [...document.querySelectorAll('#ratings input:checked')]
      .map((input) => ({ exerciseId: input.dataset.exerciseId, difficulty: input.value }));
    const after = document.querySelector('input[name="painAfter"]:checked')?.value;
    const { routineId, routineName } = this.timeline;
    const stepsSkipped = this.skipped().length;
    const body = {
      id: this.recordId, routineId, routineName,
      startedAt: this.startedAt.toISOString(), endedAt: this.endedAt.toISOString(),
      // Complete only when every step was done; reaching the end by skipping is not.
      isComplete: this.isComplete && stepsSkipped === 0,
      stepsCompleted: this.completed.size, stepsSkipped, stepsTotal: this.stepsTotal(), ratings,
    };
    if (this.painBefore !== undefined) body.painBefore = this.painBefore;
    if (after) body.painAfter = Number(after);
    try {
      const response = await fetch('/api/v1/sessions', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body),
      });
      if (response.status !== 201) throw new Error(await problemDetail(response, `Saving failed (${response.status}).`));
      [$('finish-form').hidden, $('saved').hidden] = [true, false];
      this.status = 'finished';
    } catch (e) {
      error.textContent = e instanceof TypeError
        ? 'Limber could not be reached. Your answers are still here; try Save again.'
        : e.message;
      error.hidden = false;
      button.disabled = false;
    }
  }

  /** The steps a session record counts, as the timeline marks them. */
  stepsTotal() { return this.steps.filter((step) => step.countsTowardDone).length; }

  /**
   * Counted steps the session moved past without their whole time running, as the Swift engine's
   * `skippedSteps`: the step it stands in was stopped, not skipped, and those after were never reached.
   */
  skipped() {
    return this.steps.slice(0, this.stepIndex)
      .filter((step) => step.countsTowardDone && !this.completed.has(step.index)).map((step) => step.index);
  }

  key(event) {
    if (!this.isActive() || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target.closest?.('input, select, textarea, [contenteditable]')) return;
    // A focused button already answers Space itself; acting here too would press it twice.
    if (event.key === ' ' && target.closest?.('button, a')) return;
    if (event.key === ' ') this.toggle();
    else if (event.key === 'ArrowRight') this.skip();
    else if (event.key === 'ArrowLeft') this.back();
    else return;
    event.preventDefault();
  }

  announce(text) { if (text) $('announcer').textContent = text; }

  say(text) {
    if (!text || !$('speech').checked || !window.speechSynthesis || !window.SpeechSynthesisUtterance) return;
    window.speechSynthesis.cancel();
    window.speechSynthesis.speak(Object.assign(new SpeechSynthesisUtterance(text), { lang: document.documentElement.lang || 'en' }));
  }

  beep(frequency, seconds) {
    const ctx = this.audio;
    if (!ctx) return;
    try {
      if (ctx.state === 'suspended') ctx.resume();
      const [osc, gain, t] = [ctx.createOscillator(), ctx.createGain(), ctx.currentTime];
      Object.assign(osc, { type: 'sine' }).frequency.value = frequency;
      // A short fade in and out, so the blip does not click.
      gain.gain.setValueAtTime(0.0001, t);
      gain.gain.exponentialRampToValueAtTime(0.3, t + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + seconds);
      osc.connect(gain).connect(ctx.destination);
      osc.start(t);
      osc.stop(t + seconds + 0.02);
    } catch { /* no sound is better than a broken session */ }
  }

  async lockScreen() {
    if (!navigator.wakeLock || document.visibilityState !== 'visible' || this.wakeLock || this.locking) return;
    this.locking = true;
    try {
      const lock = await navigator.wakeLock.request('screen');
      this.wakeLock = lock;
      // The browser drops the lock when the tab hides; forget it so it is asked for again.
      lock.addEventListener('release', () => { if (this.wakeLock === lock) this.wakeLock = null; });
      if (this.status !== 'running') this.unlockScreen();
    } catch { /* refused (battery saver, plain http): the session runs anyway */ } finally {
      this.locking = false;
    }
  }

  unlockScreen() {
    this.wakeLock?.release().catch(() => {});
    this.wakeLock = null;
  }
}
