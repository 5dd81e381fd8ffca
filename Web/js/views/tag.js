// Hashtag pages: every public video with the tag, newest first, and a player over them.

import { pager } from '../api.js';
import { listPlayerView, videoGrid } from '../grid.js';
import { h } from '../ui.js';

/** The page of `#tag`; with `watchID`, the player over the tag's videos starting there. */
export function tagView(tag, watchID = null) {
  const source = pager(`/v1/hashtags/${encodeURIComponent(tag)}/videos`, { limit: '24' });
  if (watchID) {
    return listPlayerView(source, watchID, { label: '#' + tag, backHref: '#/tag/' + encodeURIComponent(tag), backText: '← #' + tag });
  }
  const grid = videoGrid(source, (video) => `#/tag/${encodeURIComponent(tag)}/watch/${video.id}`, `No public videos with #${tag} yet.`);
  const element = h('section', { class: 'page tag-page' },
    h('header', { class: 'profile-head' }, h('div', { class: 'avatar', 'aria-hidden': 'true' }, '#'), h('h1', {}, '#' + tag)),
    grid.element);
  return { element, title: '#' + tag };
}
