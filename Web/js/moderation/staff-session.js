// The moderator console's staff session: a staff token from POST /v1/staff/sessions, kept in
// sessionStorage (this tab only, gone when it closes) and never mixed with the user's session.

import { api, mediaURL, pager } from '../api.js';

const STAFF_KEY = 'reel.staff';

/** The signed-in staff member: `{token, staff: {id, handle, role, region}, expiresAt}` or null. */
export const staffSession = {
  get() {
    try {
      const value = JSON.parse(sessionStorage.getItem(STAFF_KEY));
      return value && Date.parse(value.expiresAt) > Date.now() ? value : null;
    } catch { return null; }
  },
  set(value) {
    if (value) sessionStorage.setItem(STAFF_KEY, JSON.stringify(value));
    else sessionStorage.removeItem(STAFF_KEY);
  },
  get token() { return this.get()?.token ?? null; },
};

/** Signs a staff member in with their region, handle, password and current TOTP code. */
export async function staffSignIn({ region, handle, password, code }) {
  const answer = await api('POST', '/v1/staff/sessions', { region, handle, password, code }, { token: '' });
  staffSession.set(answer);
  return answer;
}

/**
 * Signs the staff member out: the server revokes the session (DELETE /v1/staff/sessions/current),
 * so the token stops working everywhere; the tab forgets it even when the server can't be reached.
 */
export async function staffSignOut() {
  const token = staffSession.token;
  staffSession.set(null);
  if (token) await api('DELETE', '/v1/staff/sessions/current', undefined, { token }).catch(() => {});
}

/**
 * Calls a staff route with the staff token; a 401 ends the staff session and shows the sign-in
 * form again (through the `reel:staff-signed-out` event).
 */
export async function staffAPI(method, path, body) {
  try {
    return await api(method, path, body, { token: staffSession.token ?? '' });
  } catch (error) {
    if (error.status === 401) {
      staffSession.set(null);
      window.dispatchEvent(new CustomEvent('reel:staff-signed-out', { detail: error }));
    }
    throw error;
  }
}

/** A page source over a staff route. */
export function staffPager(path, parameters) {
  const source = pager(path, parameters, { token: staffSession.token ?? '' });
  return async (cursor) => {
    try {
      return await source(cursor);
    } catch (error) {
      if (error.status === 401) {
        staffSession.set(null);
        window.dispatchEvent(new CustomEvent('reel:staff-signed-out', { detail: error }));
      }
      throw error;
    }
  };
}

/** A staff media URL for a `<video>` (which cannot send headers): the staff token in the query. */
export function staffMediaURL(path) {
  return mediaURL(path, staffSession.token);
}
