// Settings → Notifications: decisions about the user's content, decided appeals and reports, and
// follow requests, each with a way to the section it is about.

import { pager } from '../api.js';
import { pagedList } from '../paged-list.js';
import { ago, h } from '../ui.js';

/** The settings section each kind of notification leads to. */
const sections = {
  statement: ['statements', 'See the decision'],
  appeal_decided: ['my-appeals', 'See your appeals'],
  report_decided: ['my-reports', 'See your reports'],
  follow_request: ['follow-requests', 'See follow requests'],
};

function notificationRow(notification) {
  const [section, label] = sections[notification.kind] ?? [];
  return h('li', { class: 'notification', dataset: { kind: notification.kind } },
    h('p', {}, notification.text, h('span', { class: 'muted' }, ` · ${ago(notification.createdAt)}`)),
    section && h('button', {
      class: 'link-button', type: 'button',
      onclick: () => {
        const target = document.getElementById(section);
        target?.scrollIntoView({ behavior: 'smooth', block: 'start' });
        target?.querySelector('button, a')?.focus({ preventScroll: true });
      },
    }, label));
}

/** The user's notifications, newest first. */
export function notificationsSection() {
  return h('div', { class: 'notifications', id: 'notifications' },
    pagedList(pager('/v1/me/notifications', { limit: '20' }), notificationRow, {
      label: 'Notifications', emptyText: 'No notifications.',
    }).element);
}
