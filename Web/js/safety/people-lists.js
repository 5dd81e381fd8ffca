// Settings → Blocked and muted accounts, each with a way to undo it.

import { api, pager } from '../api.js';
import { pagedList } from '../paged-list.js';
import { h, toast } from '../ui.js';

/** `relation` is `block` or `mute`. */
function personRow(item, relation) {
  const user = item.user ?? item;
  const row = h('li', { class: `${relation}ed-person`, dataset: { handle: user.handle } },
    h('a', { href: '#/u/' + user.handle }, '@' + user.handle), ' ',
    h('button', {
      class: 'link-button', type: 'button', 'aria-label': `${relation === 'block' ? 'Unblock' : 'Unmute'} @${user.handle}`,
      onclick: async () => {
        try {
          await api('DELETE', `/v1/users/${user.handle}/${relation}`);
          row.remove();
          toast(relation === 'block' ? `You unblocked @${user.handle}.` : `@${user.handle} is no longer muted.`);
        } catch (error) { toast(error.message); }
      },
    }, relation === 'block' ? 'Unblock' : 'Unmute'));
  return row;
}

/** The accounts the user blocked (`relation` `block`) or muted (`mute`). */
export function peopleSection(relation) {
  const blocks = relation === 'block';
  return h('div', { class: blocks ? 'blocked-accounts' : 'muted-accounts' },
    pagedList(pager(blocks ? '/v1/me/blocks' : '/v1/me/mutes', { limit: '50' }), (item) => personRow(item, relation), {
      label: blocks ? 'Blocked accounts' : 'Muted accounts',
      emptyText: blocks ? 'You have not blocked anyone.' : 'You have not muted anyone.',
    }).element);
}
