// Settings → Follow requests: people asking to follow the signed-in user's private account,
// each approved or declined.

import { api, pager } from '../api.js';
import { pagedList } from '../paged-list.js';
import { ago, h, toast } from '../ui.js';

function requestRow(request, list) {
  const { handle, displayName } = request.user;
  const item = h('li', { class: 'follow-request', dataset: { handle } },
    h('p', {}, h('a', { href: '#/u/' + handle }, displayName || '@' + handle), ' ',
      h('span', { class: 'muted' }, `@${handle} · asked ${ago(request.requestedAt)}`)));
  const decide = async (approve) => {
    try {
      if (approve) await api('POST', `/v1/me/follow-requests/${handle}/approve`);
      else await api('DELETE', `/v1/me/follow-requests/${handle}`);
      item.remove();
      toast(approve ? `@${handle} now follows you.` : `You declined @${handle}'s request.`);
      if (list.children.length === 0) list.after(h('p', { class: 'muted' }, 'No more follow requests.'));
    } catch (error) { toast(error.message); }
  };
  item.append(h('p', { class: 'gate-actions' },
    h('button', { class: 'button primary approve', type: 'button', 'aria-label': `Approve @${handle}`, onclick: () => decide(true) }, 'Approve'),
    h('button', { class: 'button decline', type: 'button', 'aria-label': `Decline @${handle}`, onclick: () => decide(false) }, 'Decline')));
  return item;
}

/** The follow-request inbox. */
export function followRequestsSection() {
  let list = null;
  const paged = pagedList(pager('/v1/me/follow-requests', { limit: '20' }), (request) => requestRow(request, list), {
    label: 'Follow requests', emptyText: 'No follow requests. When your account is private, people ask to follow you here.',
  });
  list = paged.list;
  return h('div', { class: 'follow-requests', id: 'follow-requests' }, paged.element);
}
