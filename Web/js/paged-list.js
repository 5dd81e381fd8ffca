// A list that loads page by page: the settings sections and the moderator console's queues.

import { h } from './ui.js';

/**
 * A `<ul>` over `source(cursor) → {items, nextCursor}`, where `row(item)` renders one item as an
 * `<li>`; "Show more" loads the next page and `emptyText` stands in for an empty list. Returns
 * `{element, list, reload}`: `reload()` starts again from the first page.
 */
export function pagedList(source, row, { label, emptyText, className = 'safety-list' }) {
  const list = h('ul', { class: className, 'aria-label': label });
  const status = h('p', { class: 'muted list-status' }, 'Loading…');
  const more = h('button', { class: 'button', type: 'button', hidden: true }, 'Show more');
  let cursor = null;
  let generation = 0;

  async function load() {
    const mine = generation;
    more.disabled = true;
    try {
      const page = await source(cursor);
      if (mine !== generation) return;
      list.append(...page.items.map(row).filter(Boolean));
      cursor = page.nextCursor ?? null;
      more.hidden = cursor === null;
      status.textContent = list.children.length === 0 ? emptyText : '';
    } catch (error) {
      if (mine === generation) status.textContent = error.message;
    } finally {
      more.disabled = false;
    }
  }

  function reload() {
    generation += 1;
    cursor = null;
    list.replaceChildren();
    status.textContent = 'Loading…';
    more.hidden = true;
    return load();
  }

  more.addEventListener('click', load);
  load();
  return { element: h('div', { class: 'paged-list' }, status, list, more), list, reload };
}
