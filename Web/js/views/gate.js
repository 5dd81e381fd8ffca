// What a guest sees on a page that needs an account: why, and a way to sign in that comes back here.

import { signInTo } from '../pending.js';
import { h } from '../ui.js';

/** For each page that needs an account: its title and the sentence that says why. */
const pages = {
  '/foryou': ['For You', 'For You learns from what you watch. Sign in to get a feed of your own.'],
  '/following': ['Following', 'Sign in to see the latest videos from the people you follow.'],
  '/settings': ['Settings', 'Sign in to change your profile, privacy and data settings.'],
  '/upload': ['Upload', 'Sign in to upload and share your videos.'],
};

/** The gate for `path` (one of the keys above): a sentence, Sign in, Create account, and Popular. */
export function guestGateView(path) {
  const [title, reason] = pages[path];
  const element = h('section', { class: 'page narrow guest-gate', dataset: { gate: path.slice(1) } },
    h('h1', {}, title),
    h('p', { class: 'gate-reason' }, reason),
    h('p', { class: 'gate-actions' },
      h('button', { class: 'button primary', type: 'button', onclick: () => signInTo('#' + path, reason) }, 'Sign in'),
      ' ',
      h('button', { class: 'button', type: 'button', onclick: () => signInTo('#' + path, reason, '#/signup') }, 'Create account')),
    h('p', {}, 'Or ', h('a', { href: '#/popular' }, 'watch what is popular'), ' without an account.'));
  return { element, title };
}
