// Reel's web client: a hash router that mounts one view at a time into <main>.

import { session } from './api.js';
import { forgetSignInRequest } from './pending.js';
import { h, toast } from './ui.js';
import { feedView, singleVideoView } from './views/feed.js';
import { guestGateView } from './views/gate.js';
import { logInView, signUpView } from './views/auth.js';
import { searchView } from './views/search.js';
import { uploadView } from './views/upload.js';
import { profileView } from './views/profile.js';
import { tagView } from './views/tag.js';
import { settingsView } from './views/settings.js';
import { moderationView } from './views/moderation.js';

/**
 * Routes: a pattern over the hash path and the view it mounts (views return an optional cleanup).
 * The last argument of every view is the hash's query (`#/search?q=…`) as URLSearchParams.
 */
const routes = [
  [/^\/$/, () => feedView(session.token ? 'foryou' : 'popular')],
  [/^\/(foryou|following|popular)$/, (tab) => feedView(tab)],
  [/^\/v\/([0-9a-z]+)$/, (id) => singleVideoView(id)],
  [/^\/u\/([a-z0-9_.]+)$/, (handle) => profileView(handle)],
  [/^\/u\/([a-z0-9_.]+)\/watch\/([0-9a-z]+)$/, (handle, id) => profileView(handle, id)],
  [/^\/tag\/([^/]+)$/, (tag) => tagView(decodeURIComponent(tag))],
  [/^\/tag\/([^/]+)\/watch\/([0-9a-z]+)$/, (tag, id) => tagView(decodeURIComponent(tag), id)],
  [/^\/upload$/, () => uploadView()],
  [/^\/login$/, () => logInView()],
  [/^\/signup$/, () => signUpView()],
  [/^\/settings$/, () => settingsView()],
  [/^\/search$/, (query) => searchView(query.get('q') ?? '')],
  [/^\/moderation$/, (query) => moderationView(query.get('state') === 'closed' ? 'closed' : 'open')],
  [/^\/moderation\/appeals$/, () => moderationView('appeals')],
  [/^\/moderation\/cases\/([0-9A-Za-z_-]+)$/, (id) => moderationView('case', id)],
];

/** Pages that need an account: a guest sees why and a sign-in button instead. */
const needsAccount = ['/upload', '/settings', '/following', '/foryou'];

const main = document.getElementById('main');
let cleanup = null;

function render() {
  const [path, search = ''] = (location.hash.replace(/^#/, '') || '/').split('?');
  for (const dialog of document.querySelectorAll('dialog[open]')) dialog.close();
  cleanup?.();
  cleanup = null;
  main.replaceChildren();
  if (!session.token && !['/login', '/signup'].includes(path)) forgetSignInRequest();
  const view = !session.token && needsAccount.includes(path) ? guestGateView(path) : routedView(path, search);
  main.append(view.element);
  cleanup = view.cleanup ?? null;
  view.mounted?.();
  document.title = view.title ? `${view.title} · Reel` : 'Reel';
  renderNav(path);
}

/** The view of `path`; an unknown path, or one with malformed percent-encoding (`#/tag/%E0`), is not found. */
function routedView(path, search) {
  const route = routes.find(([pattern]) => pattern.test(path));
  if (!route) return notFound();
  try {
    return route[1](...path.match(route[0]).slice(1), new URLSearchParams(search));
  } catch (error) {
    if (error instanceof URIError) return notFound();
    throw error;
  }
}

function notFound() {
  const element = h('section', { class: 'page narrow dead-end' },
    h('h1', {}, 'Page not found'),
    h('p', {}, 'There is nothing at this address. The link may be mistyped or cut short.'),
    h('p', { class: 'gate-actions' },
      history.length > 1 && h('button', { class: 'button', type: 'button', onclick: () => history.back() }, '← Go back'), ' ',
      h('a', { class: 'button primary', href: '#/' }, 'Back to the feed')));
  return { element, title: 'Not found' };
}

function renderNav(path) {
  const user = session.user;
  const me = document.getElementById('nav-me');
  me.hidden = !user;
  document.getElementById('nav-login').hidden = !!user;
  if (user) {
    me.href = '#/u/' + user.handle;
    me.dataset.nav = '/u/' + user.handle;
  }
  for (const link of document.querySelectorAll('[data-nav]')) {
    if (link.dataset.nav === path) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

window.addEventListener('hashchange', render);
window.addEventListener('reel:signed-out', () => {
  toast('Your session has ended. Please sign in again.');
  location.hash = '#/login';
});
render();
