// Search: one box, and three result sections (accounts, hashtags, videos), each with its own
// "more" over `GET /v1/search?q=…&type=…`. The server folds case and diacritics and ranks.

import { mediaURL, pager, queryString } from '../api.js';
import { videoGrid } from '../grid.js';
import { count, graphemeLimit, h, limits, tagHref } from '../ui.js';

/** A titled list over one search `type`, rendering each item with `row`, with "More" pagination. */
function resultSection(query, type, title, row, emptyText) {
  const source = pager('/v1/search', { q: query, type, limit: '10' });
  const list = h('ul', { class: 'result-list', dataset: { type } });
  const status = h('p', { class: 'muted' }, 'Searching…');
  const more = h('button', { class: 'button', type: 'button', hidden: true, onclick: () => load() }, 'More ' + title.toLowerCase());
  let cursor = null;
  async function load() {
    more.disabled = true;
    try {
      const page = await source(cursor);
      list.append(...page.items.map((item) => h('li', { class: 'result' }, row(item))));
      cursor = page.nextCursor;
      more.hidden = !cursor;
      status.textContent = list.children.length === 0 ? emptyText : '';
    } catch (error) {
      status.textContent = error.message;
    } finally {
      more.disabled = false;
    }
  }
  load();
  return h('section', { class: 'search-section', 'aria-label': title, dataset: { type } }, h('h2', {}, title), list, status, more);
}

function accountRow(account) {
  return h('a', { class: 'result-link', href: '#/u/' + account.handle },
    account.avatarURL
      ? h('img', { class: 'avatar small', src: mediaURL(account.avatarURL), alt: '' })
      : h('span', { class: 'avatar small', 'aria-hidden': 'true' }, (account.displayName || account.handle).slice(0, 1).toUpperCase()),
    h('span', {}, h('strong', {}, account.displayName || account.handle), h('br'),
      h('span', { class: 'muted' }, `@${account.handle} · ${count(account.followerCount)} followers`)));
}

function hashtagRow(tag) {
  return h('a', { class: 'result-link', href: tagHref(tag.key) },
    h('span', { class: 'avatar small', 'aria-hidden': 'true' }, '#'),
    h('span', {}, h('strong', {}, '#' + tag.display), h('br'),
      h('span', { class: 'muted' }, `${count(tag.videoCount)} ${tag.videoCount === 1 ? 'video' : 'videos'}`)));
}

/** The search page for `query` (empty: just the box). */
export function searchView(query) {
  const input = h('input', {
    type: 'search', name: 'q', value: query, required: true, placeholder: 'Search accounts, hashtags and videos',
    'aria-label': 'Search', enterkeyhint: 'search', autocapitalize: 'none',
  });
  const length = graphemeLimit(input, limits.search, { trim: true, showFrom: limits.search - 20 });
  const form = h('form', {
    class: 'search-form', role: 'search',
    onsubmit: (event) => {
      event.preventDefault();
      const q = input.value.trim();
      if (q && length.isValid()) location.hash = '#/search?' + queryString({ q });
    },
  }, input, h('button', { class: 'button primary', type: 'submit' }, 'Search'));
  const element = h('section', { class: 'page search-page' }, h('h1', {}, 'Search'), form, length.counter);
  if (query.trim()) {
    const videos = videoGrid(pager('/v1/search', { q: query, type: 'videos', limit: '12' }), (video) => '#/v/' + video.id, 'No videos match.', undefined, { detailed: true });
    element.append(
      resultSection(query, 'accounts', 'Accounts', accountRow, 'No accounts match.'),
      resultSection(query, 'hashtags', 'Hashtags', hashtagRow, 'No hashtags match.'),
      h('section', { class: 'search-section', 'aria-label': 'Videos', dataset: { type: 'videos' } }, h('h2', {}, 'Videos'), videos.element));
  }
  return { element, title: query ? `Search: ${query}` : 'Search', mounted: () => { if (!query) input.focus(); } };
}
