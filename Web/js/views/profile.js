// Profile pages: who they are, counts, a follow button, and a grid of their videos.

import { api, pager, session } from '../api.js';
import { listPlayerView, videoGrid } from '../grid.js';
import { signInTo } from '../pending.js';
import { count, h, toast } from '../ui.js';

function videosSource(handle) {
  return pager(`/v1/users/${handle}/videos`, { limit: '24' });
}

/** The profile of `handle`; with `watchID`, the player over their videos starting there. */
export function profileView(handle, watchID = null) {
  if (watchID) return profilePlayer(handle, watchID);
  const element = h('section', { class: 'page profile' }, h('p', { class: 'muted' }, 'Loading…'));
  const me = session.user;
  const isMe = me?.handle === handle;

  async function show() {
    let profile;
    try {
      profile = await api('GET', '/v1/users/' + handle);
    } catch (error) {
      element.replaceChildren(h('div', { class: 'dead-end' },
        h('h1', {}, error.status === 404 ? 'No such user' : 'Cannot load this profile'),
        h('p', {}, error.status === 404 ? `There is no account @${handle}. It may have been deleted, or the link is mistyped.` : error.message),
        h('p', { class: 'gate-actions' },
          history.length > 1 && h('button', { class: 'button', type: 'button', onclick: () => history.back() }, '← Go back'), ' ',
          h('a', { class: 'button primary', href: '#/popular' }, 'Watch Popular'))));
      return;
    }
    const followers = h('strong', {}, count(profile.followerCount));
    const follow = !isMe && h('button', {
      class: 'button primary follow-button', type: 'button', 'aria-pressed': String(!!profile.isFollowedByMe),
      onclick: async () => {
        if (!session.token) { signInTo('#/u/' + handle, `Sign in to follow @${handle}.`); return; }
        const following = follow.getAttribute('aria-pressed') !== 'true';
        try {
          const updated = await api(following ? 'PUT' : 'DELETE', `/v1/users/${handle}/follow`);
          follow.setAttribute('aria-pressed', String(!!updated.isFollowedByMe));
          follow.textContent = updated.isFollowedByMe ? 'Following' : 'Follow';
          followers.textContent = count(updated.followerCount);
        } catch (error) { toast(error.message); }
      },
    }, profile.isFollowedByMe ? 'Following' : 'Follow');
    const grid = videoGrid(videosSource(handle), (video) => `#/u/${handle}/watch/${video.id}`,
      profile.isPrivate && !isMe ? 'This account is private.' : 'No videos yet.');
    element.replaceChildren(
      h('header', { class: 'profile-head' },
        h('div', { class: 'avatar', 'aria-hidden': 'true' }, profile.displayName.slice(0, 1).toUpperCase()),
        h('div', {},
          h('h1', {}, profile.displayName),
          h('p', { class: 'muted' }, '@' + profile.handle, profile.isPrivate ? ' · private account' : ''),
          profile.bio && h('p', { class: 'bio' }, profile.bio),
          h('p', { class: 'counts' },
            followers, ' followers · ', h('strong', {}, count(profile.followingCount)), ' following · ',
            h('strong', {}, count(profile.likeCount)), ' likes'),
          isMe ? h('a', { class: 'button', href: '#/settings' }, 'Edit settings') : follow)),
      grid.element);
  }
  show();
  return { element, title: '@' + handle };
}

function profilePlayer(handle, watchID) {
  return listPlayerView(videosSource(handle), watchID, { label: '@' + handle, backHref: '#/u/' + handle, backText: '← @' + handle });
}
