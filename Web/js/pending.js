// What a guest tapped before signing in: kept in sessionStorage while they sign in (or sign up),
// then applied on the same video they were watching.

const PENDING_KEY = 'reel.pending';
const RETURN_KEY = 'reel.returnTo';
const REASON_KEY = 'reel.signInReason';

/** Why each action needs an account, as shown on the sign-in page. */
const reasons = {
  like: () => 'Sign in to like this video. You will come back to it, liked.',
  follow: (video) => `Sign in to follow @${video.creator.handle}. You will come back to this video.`,
  notInterested: () => 'Sign in to see fewer videos like this one. You will come back to where you were.',
};

/**
 * Sends a guest to sign in for `action` (`like`, `follow` or `notInterested`) on `video`, to come
 * back to the same video afterwards with the action applied.
 */
export function signInFor(action, video) {
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ action, videoID: video.id }));
  sessionStorage.setItem(RETURN_KEY, '#/v/' + video.id);
  sessionStorage.setItem(REASON_KEY, reasons[action](video));
  location.hash = '#/login';
}

/**
 * Sends a guest to sign in (or to `page`, e.g. `#/signup`), then back to `returnTo` (a hash
 * route), showing `reason` meanwhile.
 */
export function signInTo(returnTo, reason, page = '#/login') {
  sessionStorage.removeItem(PENDING_KEY);
  sessionStorage.setItem(RETURN_KEY, returnTo);
  sessionStorage.setItem(REASON_KEY, reason);
  location.hash = page;
}

/** The sentence saying why sign-in was asked for, or null. */
export function signInReason() {
  return sessionStorage.getItem(REASON_KEY);
}

/** Where to go after signing in (and forgets it); `fallback` when nothing was asked for. */
export function takeReturnTo(fallback) {
  const back = sessionStorage.getItem(RETURN_KEY);
  sessionStorage.removeItem(RETURN_KEY);
  sessionStorage.removeItem(REASON_KEY);
  return back && !back.includes('login') && !back.includes('signup') ? back : fallback;
}

/** The action waiting for `videoID` (`'like'`, …), removed as it is taken; null when none. */
export function takePendingAction(videoID) {
  let pending = null;
  try { pending = JSON.parse(sessionStorage.getItem(PENDING_KEY)); } catch { pending = null; }
  if (!pending || pending.videoID !== videoID) return null;
  sessionStorage.removeItem(PENDING_KEY);
  return pending.action;
}

/** Forgets a sign-in request the guest walked away from. */
export function forgetSignInRequest() {
  for (const key of [PENDING_KEY, RETURN_KEY, REASON_KEY]) sessionStorage.removeItem(key);
}
