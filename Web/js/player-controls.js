// The controls drawn over a playing video: sound on/off, the paused sign, the seek bar, and the
// heart of a double-tap like. Each takes the <video> it controls and returns its element.

import { icon } from './icons.js';
import { h } from './ui.js';

/** Two taps closer together than this (ms) are a double tap; a single tap waits this long. */
export const DOUBLE_TAP_MS = 300;

/** The sound toggle, always shown: a phone can mute again after "Tap to unmute". */
export function soundButton(isMuted, onToggle) {
  const button = h('button', { class: 'sound-toggle', type: 'button', onclick: (event) => { event.stopPropagation(); onToggle(); } });
  showSound(button, isMuted);
  return button;
}

/** Shows `muted` on a sound toggle (icon, label and pressed state). */
export function showSound(button, muted) {
  button.replaceChildren(icon(muted ? 'muted' : 'sound'));
  button.setAttribute('aria-label', muted ? 'Unmute' : 'Mute');
  button.setAttribute('aria-pressed', String(muted));
}

/** The sign shown while a video is paused (CSS shows it when its slide has `data-paused`). */
export function pausedSign() {
  return h('div', { class: 'paused-sign', 'aria-hidden': 'true' }, icon('play'));
}

/**
 * A seek bar over `media`: a range input (tap or drag on touch and mouse, arrow keys) from 0 to
 * 1000 per mille of the duration, following playback except while it is being dragged.
 */
export function seekBar(media) {
  const bar = h('input', { class: 'seek', type: 'range', min: 0, max: 1000, step: 1, value: 0, 'aria-label': 'Seek', 'aria-valuetext': '0:00' });
  let dragging = false;
  const seek = () => {
    if (Number.isFinite(media.duration) && media.duration > 0) media.currentTime = (Number(bar.value) / 1000) * media.duration;
  };
  bar.addEventListener('pointerdown', () => { dragging = true; });
  bar.addEventListener('pointerup', () => { dragging = false; });
  bar.addEventListener('input', seek);
  bar.addEventListener('change', () => { dragging = false; seek(); });
  bar.addEventListener('click', (event) => event.stopPropagation());
  const follow = () => {
    if (dragging || !(media.duration > 0)) return;
    bar.value = String(Math.round((media.currentTime / media.duration) * 1000));
    const seconds = Math.floor(media.currentTime);
    bar.setAttribute('aria-valuetext', `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`);
  };
  media.addEventListener('timeupdate', follow);
  media.addEventListener('seeked', follow);
  return bar;
}

/** A heart that grows and fades where a double tap landed (`x`, `y` relative to `container`). */
export function heartBurst(container, x, y) {
  const heart = h('span', { class: 'heart-burst', 'aria-hidden': 'true' }, icon('heart'));
  heart.style.left = `${x}px`;
  heart.style.top = `${y}px`;
  container.append(heart);
  const remove = () => heart.remove();
  heart.addEventListener('animationend', remove);
  setTimeout(remove, 1500);
}
