// The Share and "Why this video" buttons of the player.

import { api, session } from './api.js';
import { confirmShare } from './safety/labels.js';
import { copyText, count, h, sheet, toast } from './ui.js';

/**
 * Counts a share (when signed in) and copies the video's link; `label` shows the new share count.
 * An unverified video is shared only after the viewer confirms ("Share anyway?").
 */
export async function shareVideo(video, label) {
  if (!await confirmShare(video)) return;
  const link = `${location.origin}/#/v/${video.id}`;
  if (session.token) {
    try {
      const state = await api('POST', `/v1/videos/${video.id}/share`);
      label.textContent = count(state.shareCount);
    } catch (error) { toast(error.message); return; }
  }
  toast(await copyText(link) ? 'Link copied' : link);
}

/** The sentence for a structured reason (`why` of a feed item or of GET /v1/feed/items/{id}/why). */
export function whySentence(why) {
  const by = why.creator?.handle ? '@' + why.creator.handle : null;
  switch (why.kind) {
    case 'becauseYouWatched': return by ? `Because you watched a video from ${by}.` : 'Because you watched a related video.';
    case 'becauseOfYourActivity': return by ? `Because of your activity on a video from ${by}.` : 'Because of your activity on a related video.';
    case 'watchedNext': return by ? `People who watched a video from ${by} often watch this next.` : 'People who watched your latest videos often watch this next.';
    case 'similarToYourTaste': return by ? `Similar to a video from ${by} that you watched.` : 'Similar to videos you have enjoyed.';
    case 'followingNewUpload': return by ? `New from ${by}, whom you follow.` : 'New from a creator you follow.';
    case 'following': return by ? `You follow ${by}.` : 'From a creator you follow.';
    case 'popularInRegion': return why.region ? `Popular in the ${why.region} region today.` : 'Popular in your region today.';
    case 'popularWorldwide': return 'Popular worldwide today.';
    case 'newUpload': return by ? `A new upload from ${by} that Reel is showing to a few viewers.` : 'A new upload that Reel is showing to a few viewers.';
    case 'matchesHashtag': return why.hashtag ? `You often engage with #${why.hashtag} videos.` : 'Matches hashtags you engage with.';
    case 'usesSound': return 'Uses a sound you enjoy.';
    case 'watchedBefore': return 'You watched this before; shown again because you have seen everything new.';
    case 'seenBefore': return 'This was in your feed before; shown again because you have seen everything new.';
    case 'personalisationOff': return 'Personalisation is off: popular videos in your region and worldwide.';
    case 'seenBeforePersonalisationOff':
      return 'Personalisation is off: shown again from earlier in this session, because you have scrolled through every popular video.';
    case 'popular': return 'Popular on Reel; not based on your activity.';
    case 'direct': return 'You opened this video directly; it is not in your current For You.';
    default: return 'Recommended for you.';
  }
}

/** Reasons that come from the viewer's activity, where turning personalisation off would change them. */
const personal = new Set(['becauseYouWatched', 'becauseOfYourActivity', 'watchedNext', 'similarToYourTaste', 'followingNewUpload', 'newUpload',
  'matchesHashtag', 'usesSound', 'watchedBefore', 'seenBefore', 'popularInRegion', 'popularWorldwide']);

/** Opens the "Why this video" sheet: the feed item's reason, else the server's, else Popular's. */
export async function openWhy(item, video) {
  let why = item.why;
  let failure = null;
  if (!why && session.token) {
    try {
      ({ why } = await api('GET', `/v1/feed/items/${video.id}/why`));
    } catch (error) { failure = error.message; }
  }
  why ??= { kind: 'popular', details: [] };
  const related = why.video && h('p', { class: 'why-related' }, 'The video: ',
    h('a', { href: `#/v/${why.video.id}` }, why.video.caption || 'open it'));
  const details = why.details?.length > 0 && h('details', { class: 'why-details' },
    h('summary', {}, 'Details'),
    h('ul', {}, ...why.details.map((d) => h('li', {}, `${d.feature}: ${d.weight >= 0 ? '+' : '−'}${Math.abs(d.weight).toFixed(2)}`))));
  sheet('Why this video', h('div', { class: 'sheet-body' },
    h('p', { class: 'why-reason' }, failure ?? whySentence(why)),
    related, details,
    personal.has(why.kind) && h('p', { class: 'muted why-settings' }, 'You can turn personalisation off in ', h('a', { href: '#/settings' }, 'settings'), '.')));
}
