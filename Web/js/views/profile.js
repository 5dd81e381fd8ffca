// Profile pages: who they are, counts, a follow button (a request for a private account), mute,
// block and report, and a grid of their videos.

import { api, pager, session } from '../api.js';
import { followState, showFollowState } from '../follow.js';
import { listPlayerView, videoGrid } from '../grid.js';
import { signInTo } from '../pending.js';
import { relationButtons } from '../safety/relations.js';
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
      class: 'button primary follow-button', type: 'button',
      onclick: async () => {
        if (!session.token) { signInTo('#/u/' + handle, `Sign in to follow @${handle}.`); return; }
        const following = follow.getAttribute('aria-pressed') !== 'true';
        try {
          const updated = await api(following ? 'PUT' : 'DELETE', `/v1/users/${handle}/follow`);
          showFollowState(follow, followState(updated));
          followers.textContent = count(updated.followerCount);
          if (followState(updated) === 'requested') toast(`Follow request sent. You will see @${handle}'s videos once they approve it.`);
        } catch (error) { toast(error.message); }
      },
    });
    if (follow) showFollowState(follow, followState(profile));
    const videos = h('div', { class: 'profile-videos' });
    const showVideos = (blocked) => {
      if (follow) follow.hidden = blocked;
      videos.replaceChildren(blocked
        ? h('p', { class: 'muted blocked-note' }, `You blocked @${handle}. Unblock them to see their videos.`)
        : videoGrid(videosSource(handle), (video) => `#/u/${handle}/watch/${video.id}`,
          profile.isPrivate && !isMe && followState(profile) !== 'following' ? 'This account is private.' : 'No videos yet.').element);
    };
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
          isMe ? h('a', { class: 'button', href: '#/settings' }, 'Edit settings') : follow,
          !isMe && relationButtons(profile, showVideos))),
      videos);
    if (isMe) showVideos(false); else showVideos(!!profile.isBlockedByMe);
  }
  show();
  return { element, title: '@' + handle };
}

function profilePlayer(handle, watchID) {
  return listPlayerView(videosSource(handle), watchID, { label: '@' + handle, backHref: '#/u/' + handle, backText: '← @' + handle });
}
