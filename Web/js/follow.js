// Following a creator: the three states a follow button shows (a private account's follow is a
// request until its owner approves it), shared by profile pages and the player.

import { api } from './api.js';

/** The viewer's follow state of a ProfileView: `none`, `requested` or `following`. */
export function followState(profile) {
  return profile?.followState ?? (profile?.isFollowedByMe ? 'following' : 'none');
}

/** The label of a follow button in each state. */
export const followLabels = { none: 'Follow', requested: 'Requested', following: 'Following' };

/**
 * Shows `state` on a follow button: its label, `aria-pressed` (true while following or requested,
 * so a press undoes it) and `data-follow-state`.
 */
export function showFollowState(button, state) {
  button.textContent = followLabels[state] ?? followLabels.none;
  button.setAttribute('aria-pressed', String(state !== 'none'));
  button.dataset.followState = state;
}

/**
 * The viewer's follow states of the creators in a feed, fetched once per creator;
 * `show(handle, state)` displays a state wherever that creator appears.
 */
export class CreatorFollows {
  constructor(show) {
    this.show = show;
    this.known = new Map();
  }

  /** Looks up `handle`'s state (once) and shows it, unless a follow made meanwhile is newer. */
  async refresh(handle) {
    if (!this.known.has(handle)) {
      this.known.set(handle, api('GET', '/v1/users/' + handle).then(followState).catch(() => 'none'));
    }
    const known = this.known.get(handle);
    const state = await known;
    if (this.known.get(handle) === known) this.show(handle, state);
  }

  /** Follows `handle` (or asks to, for a private account) when `follow`, else unfollows or withdraws the request. */
  async set(handle, follow) {
    const profile = await api(follow ? 'PUT' : 'DELETE', `/v1/users/${handle}/follow`);
    const state = followState(profile);
    this.known.set(handle, Promise.resolve(state));
    this.show(handle, state);
    return state;
  }
}
