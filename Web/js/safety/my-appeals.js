// Settings → My appeals: each appeal with its status and, once decided, the decision.

import { pager } from '../api.js';
import { pagedList } from '../paged-list.js';
import { ago, h } from '../ui.js';
import { appealStatusLabels, when } from './vocabulary.js';

function appealRow(appeal) {
  return h('li', { class: 'my-appeal', dataset: { appealId: appeal.id, status: appeal.status } },
    h('p', {}, appeal.statementID ? 'Appeal against a decision about your content' : 'Appeal against the dismissal of your report',
      h('span', { class: 'muted' }, ` · ${ago(appeal.createdAt)}`)),
    h('p', {}, 'Status: ', h('strong', { class: 'appeal-status' }, appealStatusLabels[appeal.status] ?? appeal.status),
      appeal.decidedAt ? h('span', { class: 'muted' }, ` · decided ${when(appeal.decidedAt)}`) : ''),
    appeal.decision && h('p', { class: 'muted' }, typeof appeal.decision === 'string' ? appeal.decision : appeal.decision.explanation ?? ''));
}

/** The list of the user's appeals. */
export function myAppealsSection() {
  return h('div', { class: 'my-appeals', id: 'my-appeals' },
    pagedList(pager('/v1/me/appeals', { limit: '20' }), appealRow, {
      label: 'My appeals', emptyText: 'You have not appealed any decision.',
    }).element);
}

/** The IDs of statements the user has appealed (from the first pages of GET /v1/me/appeals). */
export async function appealedStatements() {
  const ids = new Set();
  try {
    let cursor = null;
    for (let page = 0; page < 5; page += 1) {
      const result = await pager('/v1/me/appeals', { limit: '100' })(cursor);
      for (const appeal of result.items) if (appeal.statementID) ids.add(appeal.statementID);
      cursor = result.nextCursor;
      if (!cursor) break;
    }
  } catch { /* the Appeal buttons stay; the server refuses a second appeal with a clear message */ }
  return ids;
}
