// Small DOM helpers shared by every view: element builder, toasts, sheets, formatting.

/**
 * Builds an element: `h('a', {href: '#/', class: 'x', onclick: fn}, 'text', child)`.
 * Attributes starting with `on` become listeners; `false`/null attributes are left out.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (name in element && typeof value !== 'string') element[name] = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** Shows a short message at the bottom of the screen. */
export function toast(message) {
  const root = document.getElementById('toast');
  const item = h('div', { class: 'toast' }, message);
  root.append(item);
  setTimeout(() => item.remove(), 3500);
}

/**
 * Opens a bottom sheet (a modal <dialog>) titled `title` holding `content`.
 * Returns `{dialog, close}`; Escape and the close button close it; `onClose` runs once.
 */
export function sheet(title, content, { onClose } = {}) {
  const close = () => dialog.close();
  const dialog = h('dialog', { class: 'sheet', 'aria-label': title },
    h('header', { class: 'sheet-head' },
      h('h2', {}, title),
      h('button', { class: 'icon-button', type: 'button', 'aria-label': 'Close', onclick: close }, '✕')),
    content);
  dialog.addEventListener('close', () => { dialog.remove(); onClose?.(); });
  dialog.addEventListener('click', (event) => { if (event.target === dialog) close(); });
  document.getElementById('sheet-root').append(dialog);
  dialog.showModal();
  return { dialog, close };
}

/** 1234 → "1.2K". */
export function count(value) {
  if (value >= 1_000_000) return (value / 1_000_000).toFixed(1).replace(/\.0$/, '') + 'M';
  if (value >= 1_000) return (value / 1_000).toFixed(1).replace(/\.0$/, '') + 'K';
  return String(value ?? 0);
}

/** Milliseconds → "0:07". */
export function duration(ms) {
  const seconds = Math.round((ms ?? 0) / 1000);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** A time as "3 min ago" / "2 d ago". */
export function ago(iso) {
  const seconds = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86400)} d ago`;
}

/** The route of a hashtag's page, from the server's normalised `key`. */
export function tagHref(key) {
  return '#/tag/' + encodeURIComponent(key);
}

/**
 * `text` with each `#display` of the server's `hashtags` (`[{display, key}]`) linked to the tag's
 * page. Tags are never parsed or normalised here: the links are exactly what the server returned,
 * found by plain string matching (the longest display wins where two start at the same `#`).
 * An older server's plain-string tags count as `{display: tag, key: tag}`.
 */
export function linkedText(text, hashtags = []) {
  const tags = (Array.isArray(hashtags) ? hashtags : [])
    .map((tag) => (typeof tag === 'string' ? { display: tag, key: tag } : tag))
    .filter((tag) => tag?.display && tag?.key)
    .sort((a, b) => b.display.length - a.display.length);
  const parts = [];
  let plainFrom = 0;
  let index = text.indexOf('#');
  while (index >= 0) {
    const tag = tags.find((candidate) => text.startsWith('#' + candidate.display, index));
    if (tag) {
      parts.push(text.slice(plainFrom, index));
      parts.push(h('a', { class: 'tag', href: tagHref(tag.key) }, '#' + tag.display));
      plainFrom = index + 1 + tag.display.length;
    }
    index = text.indexOf('#', tag ? plainFrom : index + 1);
  }
  parts.push(text.slice(plainFrom));
  return parts;
}

/** A video's caption with its hashtags linked (see `linkedText`). */
export function caption(video) {
  return h('p', { class: 'caption' }, linkedText(video.caption ?? '', video.hashtags));
}

/** Handles: 3–24 of a-z, 0-9, _ and . (the server's rule; handles are stored lower-case). */
const MENTION = /(^|[^\p{L}\p{N}_.@])@([a-z0-9_][a-z0-9_.]{1,22}[a-z0-9_])/giu;

/**
 * A comment's body with @mentions linked to profiles and hashtags linked to their pages. The
 * server's `hashtags` (`[{display, key}]`) are used when the comment has them; otherwise a `#`
 * and the characters up to the next space or `#` are sent as typed to the tag page, whose
 * lookup the server normalises (the client does not cut or fold tags itself).
 */
export function commentText(comment) {
  const nodes = linkedText(comment.body ?? '', comment.hashtags ?? []);
  return nodes.flatMap((node) => (typeof node === 'string' ? mentionLinks(node) : [node]));
}

function mentionLinks(text) {
  const parts = [];
  let plainFrom = 0;
  for (const match of text.matchAll(MENTION)) {
    const start = match.index + match[1].length;
    parts.push(text.slice(plainFrom, start), h('a', { class: 'mention', href: '#/u/' + match[2].toLowerCase() }, '@' + match[2]));
    plainFrom = start + 1 + match[2].length;
  }
  parts.push(text.slice(plainFrom));
  return parts;
}

/** The number of user-perceived characters (grapheme clusters, UAX #29), as the server counts captions. */
export function graphemeCount(text) {
  if (typeof Intl.Segmenter === 'function') {
    let total = 0;
    for (const _ of new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)) total += 1;
    return total;
  }
  return [...text].length;
}

/**
 * The longest texts the server accepts, in grapheme clusters (Swift `String.count`): captions
 * (Video.maxCaptionLength), comments (Comment.maxLength), bios and display names (AccountService)
 * and search text (SearchController). Display names, comments and search text are trimmed first.
 */
export const limits = { caption: 2200, comment: 500, bio: 300, displayName: 50, search: 100 };

/**
 * Counts what is typed into `input` (an <input> or <textarea>) in grapheme clusters against
 * `limit`, as the server counts. Nothing is ever cut: there is no `maxlength`, which counts UTF-16
 * units, so it stops at half as many emoji and can split a flag 🇫🇷 into a lone regional
 * indicator. Over the limit the input gets `aria-invalid`, the counter `data-over` and
 * "n / limit: k too many". Options: `trim` counts the value without surrounding whitespace (as
 * the server does for that field); `showFrom` leaves the counter blank until that many characters
 * are used. Returns `{counter, isValid}`; `isValid()` also refreshes the counter, so call it after
 * setting the value from code.
 */
export function graphemeLimit(input, limit, { trim = false, showFrom = 0 } = {}) {
  const counter = h('small', { class: 'hint char-counter', id: 'counter-' + randomID().slice(0, 8), 'aria-live': 'polite' });
  input.setAttribute('aria-describedby', counter.id);
  const update = () => {
    const used = graphemeCount(trim ? input.value.trim() : input.value);
    const over = used > limit;
    counter.textContent = over ? `${used} / ${limit}: ${used - limit} too many` : used >= showFrom ? `${used} / ${limit}` : '';
    counter.toggleAttribute('data-over', over);
    if (over) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
    return !over;
  };
  input.addEventListener('input', update);
  update();
  return { counter, isValid: update };
}

/**
 * A caption field: a textarea with a live "n / 2200" counter in grapheme clusters (see
 * `graphemeLimit`). Returns `{field, input, counter, isValid, reset}`.
 */
export function captionField(limit, value = '') {
  const input = h('textarea', { name: 'caption', rows: 3, placeholder: 'Say something, add #hashtags' }, value);
  const { counter, isValid } = graphemeLimit(input, limit);
  counter.classList.add('caption-counter');
  const field = h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Caption'), input, counter);
  return { field, input, counter, isValid, reset: () => { input.value = ''; isValid(); } };
}

/** A random ID for idempotency keys; works outside secure contexts too. */
export function randomID() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** Copies text to the clipboard; resolves false when the browser refuses. */
export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = h('textarea', { class: 'offscreen', readonly: true }, text);
    document.body.append(area);
    area.select();
    let copied = false;
    try { copied = document.execCommand('copy'); } catch { copied = false; }
    area.remove();
    return copied;
  }
}

/** Whether a keyboard event comes from a text field (so shortcuts must not fire). */
export function isTyping(event) {
  const target = event.target;
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}
