// The Reel HTTP API: JSON requests with the session's bearer token, and uploads with progress.

const SESSION_KEY = 'reel.session';

/** An error answered by the API (or a network failure, with status 0). */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
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
 * rejects with ApiError. A 401 on a signed-in request ends the session.
 */
export async function api(method, path, body, { keepalive = false } = {}) {
  const headers = { Accept: 'application/json' };
  const token = session.token;
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
    if (response.status === 401 && token) {
      session.set(null);
      window.dispatchEvent(new CustomEvent('reel:signed-out', { detail: error }));
    }
    throw error;
  }
  return response.status === 204 ? null : response.json();
}

/** A page source over a paginated route: `(cursor) → {items, nextCursor}`. */
export function pager(path, parameters) {
  return (cursor) => {
    const query = new URLSearchParams(parameters);
    if (cursor) query.set('cursor', cursor);
    return api('GET', `${path}?${query}`);
  };
}

/** A media or poster URL that works in <video>/<img>, which cannot send headers. */
export function mediaURL(path) {
  const token = session.token;
  return token ? `${path}?access_token=${encodeURIComponent(token)}` : path;
}

/**
 * Uploads a file as the raw body of `POST /v1/videos`, reporting progress (0–1).
 * Resolves with the VideoView; rejects with ApiError.
 */
export function upload(file, { caption, visibility }, onProgress) {
  return new Promise((resolve, reject) => {
    const query = new URLSearchParams({ caption, visibility });
    const request = new XMLHttpRequest();
    request.open('POST', '/v1/videos?' + query);
    request.setRequestHeader('Authorization', 'Bearer ' + session.token);
    request.setRequestHeader('Content-Type', file.type && file.type.startsWith('video/') ? file.type : 'application/octet-stream');
    request.upload.onprogress = (event) => { if (event.lengthComputable) onProgress(event.loaded / event.total); };
    request.onload = () => {
      let body = null;
      try { body = JSON.parse(request.responseText); } catch { /* not JSON */ }
      if (request.status >= 200 && request.status < 300) {
        onProgress(1);
        resolve(body);
      } else {
        reject(new ApiError(request.status, body?.error?.code ?? 'http_' + request.status,
          body?.error?.message ?? `Upload failed (${request.status})`));
      }
    };
    request.onerror = () => reject(new ApiError(0, 'network', 'The upload was interrupted. Check your connection and try again.'));
    request.send(file);
  });
}
