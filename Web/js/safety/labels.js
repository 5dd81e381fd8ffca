// What a viewer is told about a labelled video: the "unverified" banner and the question before
// sharing such a video (as TikTok does for unverified content), and the adults-only note.

import { h, sheet } from '../ui.js';

/** Whether moderators labelled the video unverified (VideoView `labels: ["unverified"]`). */
export function isUnverified(video) {
  return Array.isArray(video?.labels) && video.labels.includes('unverified');
}

/** The notices shown over a video in the player: a banner when unverified, a chip when adults only. */
export function videoNotices(video) {
  return [
    isUnverified(video) && h('p', { class: 'unverified-banner', role: 'note' },
      h('strong', {}, 'Unverified content. '),
      'Reel’s moderators could not verify the claims in this video. Think before you share it.'),
    video?.restriction === 'adults_only' && h('p', { class: 'chip adults-only' }, 'Adults only'),
  ];
}

/**
 * Asks before sharing an unverified video: resolves true when the viewer chooses "Share anyway",
 * false on "Cancel" or when the sheet is closed. Other videos resolve true at once.
 */
export function confirmShare(video) {
  if (!isUnverified(video)) return Promise.resolve(true);
  return new Promise((resolve) => {
    let answer = false;
    const cancel = h('button', { class: 'button', type: 'button', onclick: () => close() }, 'Cancel');
    const share = h('button', {
      class: 'button primary share-anyway', type: 'button', onclick: () => { answer = true; close(); },
    }, 'Share anyway');
    const { dialog, close } = sheet('Share anyway?', h('div', { class: 'sheet-body' },
      h('p', {}, 'This video is labelled unverified: Reel’s moderators could not verify its claims. Sharing it may spread false information.'),
      h('p', { class: 'gate-actions' }, cancel, share)), { onClose: () => resolve(answer) });
    dialog.classList.add('share-confirm');
    cancel.focus();
  });
}
