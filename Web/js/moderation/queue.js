// The moderation queue of the staff member's region: open (or closed) cases, highest priority
// first (severity, report count, views in the last 24 hours).

import { pagedList } from '../paged-list.js';
import { ago, count, h } from '../ui.js';
import { guidelines } from '../safety/vocabulary.js';
import { staffPager } from './staff-session.js';

const nouns = { video: 'Video', comment: 'Comment', account: 'Account' };

function caseRow(summary, titles) {
  const categories = (summary.categories ?? []).map((id) => titles.get(id) ?? id).join(', ');
  return h('li', { class: 'case-row', dataset: { caseId: summary.id, severity: String(summary.severity) } },
    h('a', { class: 'case-link', href: '#/moderation/cases/' + summary.id },
      h('span', { class: 'severity', title: 'Severity, 1 (lowest) to 5 (highest)' }, `S${summary.severity}`),
      h('span', { class: 'case-main' },
        h('strong', {}, `${nouns[summary.targetType] ?? summary.targetType}: ${categories || 'reported'}`),
        h('span', { class: 'muted' },
          ` · ${summary.reportCount} ${summary.reportCount === 1 ? 'report' : 'reports'} · ${count(summary.reach24h ?? 0)} views in 24 h · ${ago(summary.updatedAt ?? summary.createdAt)}`))));
}

/** The queue of `state` (`open` or `closed`) cases. */
export function queueView(state) {
  const element = h('div', { class: 'moderation-queue' });
  guidelines().catch(() => ({ reportCategories: [] })).then((document) => {
    const titles = new Map(document.reportCategories.map((category) => [category.id, category.title]));
    element.append(pagedList(staffPager('/v1/moderation/cases', { state, limit: '25' }), (summary) => caseRow(summary, titles), {
      label: state === 'open' ? 'Open cases' : 'Closed cases', className: 'case-list',
      emptyText: state === 'open' ? 'No open cases in your region. Well done.' : 'No closed cases yet.',
    }).element);
  });
  return element;
}
