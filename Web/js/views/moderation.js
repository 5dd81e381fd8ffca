// The moderator console (#/moderation): staff sign-in, the region's queue of open and closed
// cases, one case, and the appeal queue. It uses a staff token, never the user's session.

import { h } from '../ui.js';
import { appealQueueView } from '../moderation/appeal-queue.js';
import { caseView } from '../moderation/case.js';
import { queueView } from '../moderation/queue.js';
import { staffSignInForm } from '../moderation/sign-in.js';
import { staffSession, staffSignOut } from '../moderation/staff-session.js';

const tabs = [
  ['#/moderation', 'Open cases', 'open'],
  ['#/moderation?state=closed', 'Closed cases', 'closed'],
  ['#/moderation/appeals', 'Appeals', 'appeals'],
];

/**
 * The console page: `page` is `open`, `closed`, `appeals` or `case` (with `caseID`). Without a
 * staff session it shows the staff sign-in form, then this page.
 */
export function moderationView(page, caseID = null) {
  const element = h('section', { class: 'page moderation' });
  function show() {
    const current = staffSession.get();
    if (!current) {
      element.replaceChildren(staffSignInForm(show));
      element.querySelector('select, input')?.focus();
      return;
    }
    const { staff } = current;
    const content = page === 'case' ? caseView(caseID) : page === 'appeals' ? appealQueueView() : queueView(page);
    element.replaceChildren(
      h('header', { class: 'console-head' },
        h('h1', {}, 'Moderator console'),
        h('p', { class: 'muted staff-identity' }, `@${staff.handle} · ${staff.role} · ${staff.region.toUpperCase()} region`, ' ',
          h('button', { class: 'link-button staff-sign-out', type: 'button', onclick: async () => { await staffSignOut(); show(); } }, 'Sign out'))),
      h('nav', { class: 'console-tabs', 'aria-label': 'Console' },
        tabs.map(([href, label, id]) => h('a', { class: 'nav-link', href, 'aria-current': id === page ? 'page' : null }, label))),
      content);
  }
  const signedOut = () => show();
  window.addEventListener('reel:staff-signed-out', signedOut);
  show();
  return { element, title: 'Moderation', cleanup: () => window.removeEventListener('reel:staff-signed-out', signedOut) };
}
