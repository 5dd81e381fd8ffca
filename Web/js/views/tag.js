// Hashtag pages: every public video with the tag, newest first, and a player over them.

import { api } from '../api.js';
import { pagesUntil, videoGrid } from '../grid.js';
import { Player } from '../player.js';
import { h } from '../ui.js';

function tagSource(tag) {
  return (cursor) => {
    const query = new URLSearchParams({ limit: '24' });
    if (cursor) query.set('cursor', cursor);
    return api('GET', `/v1/hashtags/${encodeURIComponent(tag)}/videos?${query}`);
  };
}

/** The page of `#tag`; with `watchID`, the player over the tag's videos starting there. */
export function tagView(tag, watchID = null) {
  const source = tagSource(tag);
  if (watchID) {
    let first = true;
    const player = new Player({
      label: `#${tag}`,
      startID: watchID,
      source: async (cursor) => {
        const page = first ? await pagesUntil(source, watchID) : await source(cursor);
        first = false;
        return { items: page.items.map((video) => ({ video })), nextCursor: page.nextCursor };
      },
    });
    const element = h('section', { class: 'feed-page' },
      h('nav', { class: 'feed-tabs', 'aria-label': 'Back' }, h('a', { class: 'feed-tab', href: '#/tag/' + encodeURIComponent(tag) }, '← #' + tag)));
    return { element, title: '#' + tag, mounted: () => player.mount(element), cleanup: () => player.destroy() };
  }
  const grid = videoGrid(source, (video) => `#/tag/${encodeURIComponent(tag)}/watch/${video.id}`, `No public videos with #${tag} yet.`);
  const element = h('section', { class: 'page tag-page' },
    h('header', { class: 'profile-head' }, h('div', { class: 'avatar', 'aria-hidden': 'true' }, '#'), h('h1', {}, '#' + tag)),
    grid.element);
  return { element, title: '#' + tag };
}
