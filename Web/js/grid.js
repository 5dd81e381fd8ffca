// A grid of video tiles (profile and hashtag pages) with "load more" pagination.

import { mediaURL } from './api.js';
import { Player } from './player.js';
import { isUnverified } from './safety/labels.js';
import { count, duration, h } from './ui.js';

/**
 * A grid over `source(cursor) → {items: [VideoView], nextCursor}`; `href(video)` is where a tile leads;
 * `onPage(items)` sees each page. With `detailed`, each tile also shows the first line of the
 * caption (clipped by CSS, never cut mid-character) and the creator's handle, for lists of videos
 * from many people (search). Returns `{element, ready}` where `ready` resolves once the first page
 * is shown.
 */
export function videoGrid(source, href, emptyText, onPage = () => {}, { detailed = false } = {}) {
  const grid = h('ul', { class: 'grid', 'aria-label': 'Videos' });
  const status = h('p', { class: 'muted grid-status' });
  const more = h('button', { class: 'button', type: 'button', hidden: true, onclick: () => load() }, 'Load more');
  let cursor = null;

  function tile(video) {
    const ready = video.status === 'ready';
    const picture = ready
      ? h('img', { src: mediaURL(video.posterURL), alt: video.caption || 'Video', loading: 'lazy' })
      : h('div', { class: 'tile-placeholder' }, video.status === 'failed' ? 'Failed' : 'Processing…');
    const body = [picture,
      h('span', { class: 'tile-meta' }, ready ? `▶ ${count(video.viewCount)} · ${duration(video.durationMs)}` : video.status),
      video.visibility !== 'public' && h('span', { class: 'tile-badge' }, video.visibility === 'private' ? 'Only me' : 'Followers'),
      isUnverified(video) && h('span', { class: 'tile-label' }, 'Unverified'),
      detailed && h('span', { class: 'tile-info' },
        h('span', { class: 'tile-caption' }, (video.caption ?? '').trim().split('\n')[0]),
        h('span', { class: 'tile-creator' }, '@' + video.creator.handle))];
    return h('li', { class: detailed ? 'tile detailed' : 'tile', dataset: { videoId: video.id, status: video.status } },
      ready ? h('a', { href: href(video), 'aria-label': video.caption || 'Video' }, body) : h('div', { title: video.failureReason ?? '' }, body));
  }

  async function load() {
    more.disabled = true;
    try {
      const page = await source(cursor);
      grid.append(...page.items.map(tile));
      onPage(page.items);
      cursor = page.nextCursor;
      more.hidden = !cursor;
      status.textContent = grid.children.length === 0 ? emptyText : '';
    } catch (error) {
      status.textContent = error.message;
    } finally {
      more.disabled = false;
    }
  }

  return { element: h('div', { class: 'grid-wrap' }, grid, status, more), ready: load() };
}

/** Loads pages of `source` until `id` is among the items; returns them with the cursor after. */
export async function pagesUntil(source, id, maxPages = 5) {
  let items = [];
  let cursor = null;
  for (let page = 0; page < maxPages; page += 1) {
    const result = await source(cursor);
    items = items.concat(result.items);
    cursor = result.nextCursor;
    if (!cursor || items.some((video) => video.id === id)) break;
  }
  return { items, nextCursor: cursor };
}

/**
 * The player over a grid's list (a profile's or a hashtag's videos), starting at `watchID`,
 * with a back link to the grid (`backHref`, whose `/watch/{id}` addresses each video). Returns a view.
 */
export function listPlayerView(source, watchID, { label, backHref, backText }) {
  let first = true;
  const player = new Player({
    label,
    startID: watchID,
    routeOf: (video) => `${backHref}/watch/${video.id}`,
    emptyRoute: backHref,
    source: async (cursor) => {
      const page = first ? await pagesUntil(source, watchID) : await source(cursor);
      first = false;
      return { items: page.items.map((video) => ({ video })), nextCursor: page.nextCursor };
    },
  });
  const element = h('section', { class: 'feed-page' },
    h('nav', { class: 'feed-tabs', 'aria-label': 'Back' }, h('a', { class: 'feed-tab', href: backHref }, backText)));
  return { element, title: label, mounted: () => player.mount(element), cleanup: () => player.destroy() };
}
