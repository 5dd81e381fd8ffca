// Hashtag pages: every public video with the tag, newest first, and a player over them. The route
// holds the server's normalised key; the heading shows the tag as a video's caption spells it.

import { pager } from '../api.js';
import { listPlayerView, videoGrid } from '../grid.js';
import { h, tagHref } from '../ui.js';

/** How a video's caption spells the tag whose key is `key` (the key itself when none says). */
function displayOf(key, videos) {
  for (const video of videos) {
    const tag = (video.hashtags ?? []).find((candidate) => candidate?.key === key);
    if (tag?.display) return tag.display;
  }
  return null;
}

/** The page of the tag `key`; with `watchID`, the player over the tag's videos starting there. */
export function tagView(key, watchID = null) {
  const source = pager(`/v1/hashtags/${encodeURIComponent(key)}/videos`, { limit: '24' });
  if (watchID) {
    return listPlayerView(source, watchID, { label: '#' + key, backHref: tagHref(key), backText: '← #' + key });
  }
  const heading = h('h1', {}, '#' + key);
  const grid = videoGrid(source, (video) => `${tagHref(key)}/watch/${video.id}`, `No public videos with #${key} yet.`, (videos) => {
    const display = displayOf(key, videos);
    if (display) heading.textContent = '#' + display;
  });
  const element = h('section', { class: 'page tag-page' },
    h('header', { class: 'profile-head' }, h('div', { class: 'avatar', 'aria-hidden': 'true' }, '#'), heading),
    grid.element);
  return { element, title: '#' + key };
}
