// The Share and "Why this video" buttons of the player.

import { api, session } from './api.js';
import { copyText, count, h, sheet, toast } from './ui.js';

/** Counts a share (when signed in) and copies the video's link; `label` shows the new share count. */
export async function shareVideo(video, label) {
  const link = `${location.origin}/#/v/${video.id}`;
  if (session.token) {
    try {
      const state = await api('POST', `/v1/videos/${video.id}/share`);
      label.textContent = count(state.shareCount);
    } catch (error) { toast(error.message); return; }
  }
  toast(await copyText(link) ? 'Link copied' : link);
}

/** Opens the "Why this video" sheet: the feed item's reason, else the server's, else Popular's. */
export async function openWhy(item, video) {
  let source = item.source;
  let reason = item.reason;
  if (!reason && session.token) {
    try {
      ({ source, reason } = await api('GET', `/v1/feed/items/${video.id}/why`));
    } catch (error) { reason = error.message; }
  }
  reason ??= 'Shown to everyone on this page; not based on your activity.';
  sheet('Why this video', h('div', { class: 'sheet-body' },
    h('p', { class: 'why-reason' }, reason),
    source && h('p', { class: 'muted' }, 'Source: ' + source),
    h('p', { class: 'muted' }, 'You can turn personalisation off in ', h('a', { href: '#/settings' }, 'settings'), '.')));
}
