// Watch telemetry: every watch report gets an idempotency key, waits in localStorage until the
// server acknowledges it, and is sent in batches with retries, so a flaky network loses nothing
// and a retry is never counted twice (the server deduplicates by key).

import { api, session } from './api.js';
import { randomID } from './ui.js';

const MAX_BATCH = 100;
const MAX_QUEUE = 2000;

function storageKey() {
  const user = session.user;
  return user ? `reel.events.${user.id}` : null;
}

function load() {
  const key = storageKey();
  if (!key) return [];
  try { return JSON.parse(localStorage.getItem(key)) ?? []; } catch { return []; }
}

function save(events) {
  const key = storageKey();
  if (key) localStorage.setItem(key, JSON.stringify(events.slice(-MAX_QUEUE)));
}

let sending = false;
let timer = null;
let failures = 0;

function schedule(delay) {
  clearTimeout(timer);
  timer = setTimeout(flush, delay);
}

/**
 * Queues one watch report for the signed-in user and schedules a send.
 * `report`: {videoID, watchedMs, durationMs, completed, replayed}.
 */
export function recordWatch(report) {
  if (!session.token || report.watchedMs <= 0 || !(report.durationMs > 0)) return;
  const events = load();
  events.push({
    id: 'w-' + randomID(),
    videoID: report.videoID,
    watchedMs: Math.round(report.watchedMs),
    durationMs: Math.round(report.durationMs),
    completed: report.completed,
    replayed: report.replayed,
    at: new Date().toISOString(),
  });
  save(events);
  schedule(report.completed ? 0 : 1000);
}

/** How many reports wait for the server (for tests and the settings page). */
export function pendingCount() {
  return load().length;
}

/** Sends queued reports now; on failure retries with backoff (1 s doubling to 60 s). */
export async function flush({ keepalive = false } = {}) {
  if (sending || !session.token) return;
  const batch = load().slice(0, MAX_BATCH);
  if (batch.length === 0) return;
  sending = true;
  try {
    await api('POST', '/v1/events', { events: batch }, { keepalive });
    // Accepted, duplicate and rejected reports are all final: drop exactly those sent.
    const sent = new Set(batch.map((event) => event.id));
    save(load().filter((event) => !sent.has(event.id)));
    failures = 0;
    if (load().length > 0) schedule(0);
  } catch (error) {
    if (error.status === 422 || error.status === 400) {
      // The batch itself is malformed (should not happen): drop it rather than retry forever.
      const sent = new Set(batch.map((event) => event.id));
      save(load().filter((event) => !sent.has(event.id)));
    } else if (error.status !== 401) {
      failures += 1;
      schedule(Math.min(60_000, 1000 * 2 ** (failures - 1)));
    }
  } finally {
    sending = false;
  }
}

// Send what is left when the page is hidden or closed, and retry as soon as the network is back.
document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') flush({ keepalive: true }); });
window.addEventListener('online', () => flush());
window.addEventListener('reel:session', () => schedule(0));
schedule(0);
