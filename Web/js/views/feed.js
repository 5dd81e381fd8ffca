// The home feeds (For You, Following, Popular) and the single-video page behind shared links.

import { api, pager, session } from '../api.js';
import { Player } from '../player.js';
import { h } from '../ui.js';

const tabs = [
  ['foryou', 'For You'],
  ['following', 'Following'],
  ['popular', 'Popular'],
];

const emptyText = {
  foryou: 'Nothing to recommend yet. Watch a few videos from Popular and come back.',
  following: 'Videos from people you follow show up here. Follow someone from their profile.',
  popular: 'No videos yet. Be the first to upload one.',
};

/** A page source over `GET /v1/feed?kind=…`. */
function feedSource(kind) {
  return pager('/v1/feed', { kind, limit: '10' });
}

/** The feed page with its tab bar; `tab` is `foryou`, `following` or `popular`. */
export function feedView(tab) {
  const player = new Player({ source: feedSource(tab), emptyText: emptyText[tab], label: tabs.find(([id]) => id === tab)[1] });
  const bar = h('nav', { class: 'feed-tabs', 'aria-label': 'Feeds' },
    tabs.map(([id, label]) => h('a', {
      class: 'feed-tab', href: '#/' + id, 'aria-current': id === tab ? 'page' : null, dataset: { tab: id },
      title: id === 'popular' ? 'Popular in your region and worldwide; not based on your activity' : null,
    }, label)));
  const element = h('section', { class: 'feed-page' }, bar);
  return {
    element,
    title: tabs.find(([id]) => id === tab)[1],
    mounted: () => player.mount(element),
    cleanup: () => player.destroy(),
  };
}

/** A page for a shared link whose video is gone or hidden: what happened, and where to go instead. */
function unavailable(element, message) {
  element.replaceChildren(h('section', { class: 'page narrow dead-end' },
    h('h1', {}, 'This video is not available'),
    h('p', {}, message),
    h('p', { class: 'gate-actions' },
      h('a', { class: 'button primary', href: '#/popular' }, 'Watch Popular'), ' ',
      h('a', { class: 'button', href: '#/' }, 'Home'))));
}

/** One video (a shared link), then the Popular feed after it; a missing video gets a way on. */
export function singleVideoView(id) {
  const popular = feedSource('popular');
  let player = null;
  let left = false;
  const element = h('section', { class: 'feed-page' });
  async function show() {
    let video;
    try {
      video = await api('GET', '/v1/videos/' + id);
    } catch (error) {
      if (left) return;
      unavailable(element, error.status === 404
        ? 'It may have been deleted, made private, or the link is mistyped.'
        : error.message);
      return;
    }
    if (left) return;
    let first = true;
    player = new Player({
      label: 'Shared video',
      emptyText: 'This video is not available.',
      routeOf: (shown) => '#/v/' + shown.id,
      emptyRoute: '#/popular',
      source: async (cursor) => {
        if (!first) return popular(cursor);
        first = false;
        const rest = await popular(null);
        return { items: [{ video }, ...rest.items.filter((item) => item.video.id !== video.id)], nextCursor: rest.nextCursor };
      },
    });
    element.append(h('nav', { class: 'feed-tabs', 'aria-label': 'Feeds' },
      h('a', { class: 'feed-tab', href: session.token ? '#/foryou' : '#/popular' }, '← Feed')));
    player.mount(element);
  }
  return { element, title: 'Video', mounted: show, cleanup: () => { left = true; player?.destroy(); } };
}
