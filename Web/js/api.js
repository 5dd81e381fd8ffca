// The Reel HTTP API: JSON requests with the session's bearer token, and uploads with progress.

const SESSION_KEY = 'reel.session';

/**
 * A server message as a sentence for display: first letter capitalised, a full stop added when it
 * has no closing punctuation ("user not found" → "User not found.").
 */
export function sentence(message) {
  const text = String(message ?? '').trim();
  if (!text) return 'Something went wrong.';
  const capitalised = text[0].toLocaleUpperCase() + text.slice(1);
  return /[.!?…)]$/u.test(capitalised) ? capitalised : capitalised + '.';
}

/** An error answered by the API (or a network failure, with status 0); `message` is a sentence. */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(sentence(message));
    this.status = status;
    this.code = code;
  }
}

/** The signed-in session kept in localStorage: `{token, user}` or null. */
export const session = {
  get() {
    try { return JSON.parse(localStorage.getItem(SESSION_KEY)); } catch { return null; }
  },
  set(value) {
    if (value) localStorage.setItem(SESSION_KEY, JSON.stringify(value));
    else localStorage.removeItem(SESSION_KEY);
    window.dispatchEvent(new CustomEvent('reel:session'));
  },
  get token() { return this.get()?.token ?? null; },
  get user() { return this.get()?.user ?? null; },
};

async function errorFrom(response) {
  let code = 'http_' + response.status;
  let message = response.statusText || 'Request failed';
  try {
    const body = await response.json();
    if (body?.error) ({ code, message } = body.error);
  } catch { /* not JSON */ }
  return new ApiError(response.status, code, message);
}

/**
 * Calls the API. `body` is sent as JSON. Resolves with the parsed JSON (or null for 204);
 * rejects with ApiError. A 401 on a signed-in request ends the session. `token` sends another
 * bearer token instead of the session's (a staff token of the moderator console; '' for none); a
 * 401 then leaves the user's session alone.
 */
export async function api(method, path, body, { keepalive = false, token: otherToken = null } = {}) {
  const headers = { Accept: 'application/json' };
  const own = otherToken === null;
  const token = own ? session.token : otherToken;
  if (token) headers.Authorization = 'Bearer ' + token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response;
  try {
    response = await fetch(path, { method, headers, keepalive, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (error) {
    throw new ApiError(0, 'network', 'Cannot reach Reel. Check your connection.');
  }
  if (!response.ok) {
    const error = await errorFrom(response);
    if (response.status === 401 && token && own) {
      session.set(null);
      window.dispatchEvent(new CustomEvent('reel:signed-out', { detail: error }));
    }
    throw error;
  }
  return response.status === 204 ? null : response.json();
}

/**
 * A query string from `parameters`, percent-encoded (`%20` for a space, never `+`), so every
 * server reads it the same way whether or not it decodes `+` as a space.
 */
export function queryString(parameters) {
  return Object.entries(parameters)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join('&');
}

/**
 * A page source over a paginated route: `(cursor) → {items, nextCursor}`; `options` are `api`'s
 * (e.g. a staff `token`).
 */
export function pager(path, parameters, options = {}) {
  return (cursor) => api('GET', `${path}?${queryString({ ...parameters, cursor })}`, undefined, options);
}

/**
 * A media or poster URL that works in <video>/<img>, which cannot send headers; `token` defaults
 * to the session's.
 */
export function mediaURL(path, token = session.token) {
  if (!token) return path;
  return `${path}${path.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(token)}`;
}

/**
 * Uploads a file to `POST /v1/videos` as `multipart/form-data` (fields `caption` and `visibility`
 * before the `file` part, so the server reads them before streaming the file to disk), reporting
 * the bytes sent as a fraction (0–1). Resolves with the VideoView; rejects with ApiError.
 */
export function upload(file, { caption, visibility }, onProgress) {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    form.append('caption', caption);
    form.append('visibility', visibility);
    form.append('file', file, file.name || 'video');
    const request = new XMLHttpRequest();
    request.open('POST', '/v1/videos');
    request.setRequestHeader('Authorization', 'Bearer ' + session.token);
    request.upload.onprogress = (event) => { if (event.lengthComputable) onProgress(event.loaded / event.total); };
    request.onload = () => {
      let body = null;
      try { body = JSON.parse(request.responseText); } catch { /* not JSON */ }
      if (request.status >= 200 && request.status < 300) {
        resolve(body);
      } else {
        reject(new ApiError(request.status, body?.error?.code ?? 'http_' + request.status,
          body?.error?.message ?? `Upload failed (${request.status})`));
      }
    };
    request.onerror = () => reject(new ApiError(0, 'network', 'The upload was interrupted. Check your connection and try again.'));
    request.send(form);
  });
}
