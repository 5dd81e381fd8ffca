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

/** A caption with each #hashtag turned into a link to its page. */
export function caption(text) {
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(/#([\p{L}\p{N}_]+)/gu)) {
    parts.push(text.slice(last, match.index));
    parts.push(h('a', { class: 'tag', href: '#/tag/' + encodeURIComponent(match[1].toLowerCase()) }, match[0]));
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return h('p', { class: 'caption' }, parts);
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
