// Block, mute and report on a profile. A block works both ways (neither sees the other's profile,
// videos or comments, and any follow between them ends); a mute only hides their videos and
// comments from the one who muted.

import { api, session } from '../api.js';
import { signInTo } from '../pending.js';
import { h, toast } from '../ui.js';
import { openReport } from './report.js';

/**
 * The Mute, Block and Report buttons of another user's profile. `onBlockChange(blocked)` runs
 * after a block or unblock (the page shows or hides their videos).
 */
export function relationButtons(profile, onBlockChange) {
  const handle = profile.handle;
  const needsAccount = (what) => {
    if (session.token) return false;
    signInTo('#/u/' + handle, `Sign in to ${what} @${handle}.`);
    return true;
  };
  const mute = h('button', {
    class: 'button mute-button', type: 'button', 'aria-pressed': String(!!profile.isMutedByMe),
    onclick: async () => {
      if (needsAccount('mute')) return;
      const muting = mute.getAttribute('aria-pressed') !== 'true';
      try {
        const { muted } = await api(muting ? 'PUT' : 'DELETE', `/v1/users/${handle}/mute`);
        showMute(muted);
        toast(muted ? `@${handle} is muted: you will not see their videos or comments.` : `@${handle} is no longer muted.`);
      } catch (error) { toast(error.message); }
    },
  });
  const block = h('button', {
    class: 'button danger block-button', type: 'button', 'aria-pressed': String(!!profile.isBlockedByMe),
    onclick: async () => {
      if (needsAccount('block')) return;
      const blocking = block.getAttribute('aria-pressed') !== 'true';
      if (blocking && !confirm(`Block @${handle}? Neither of you will see the other's profile, videos or comments, and any follow between you ends.`)) return;
      try {
        const { blocked } = await api(blocking ? 'PUT' : 'DELETE', `/v1/users/${handle}/block`);
        showBlock(blocked);
        toast(blocked ? `You blocked @${handle}.` : `You unblocked @${handle}.`);
        onBlockChange(blocked);
      } catch (error) { toast(error.message); }
    },
  });
  const report = h('button', {
    class: 'button report-account', type: 'button', onclick: () => openReport({ type: 'account', id: profile.id }, '#/u/' + handle),
  }, 'Report');
  function showMute(muted) {
    mute.setAttribute('aria-pressed', String(muted));
    mute.textContent = muted ? 'Unmute' : 'Mute';
  }
  function showBlock(blocked) {
    block.setAttribute('aria-pressed', String(blocked));
    block.textContent = blocked ? 'Unblock' : 'Block';
  }
  showMute(!!profile.isMutedByMe);
  showBlock(!!profile.isBlockedByMe);
  return h('p', { class: 'relation-actions' }, mute, ' ', block, ' ', report);
}
