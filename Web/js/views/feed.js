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

/** One video (a shared link), then the Popular feed after it. */
export function singleVideoView(id) {
  let first = true;
  const popular = feedSource('popular');
  const player = new Player({
    label: 'Shared video',
    emptyText: 'This video is not available.',
    source: async (cursor) => {
      if (!first) return popular(cursor);
      first = false;
      try {
        const video = await api('GET', '/v1/videos/' + id);
        const rest = await popular(null);
        return { items: [{ video }, ...rest.items], nextCursor: rest.nextCursor };
      } catch (error) {
        if (error.status === 404) return { items: [], nextCursor: null };
        throw error;
      }
    },
  });
  const element = h('section', { class: 'feed-page' },
    h('nav', { class: 'feed-tabs', 'aria-label': 'Feeds' }, h('a', { class: 'feed-tab', href: session.token ? '#/foryou' : '#/popular' }, '← Feed')));
  return { element, title: 'Video', mounted: () => player.mount(element), cleanup: () => player.destroy() };
}
