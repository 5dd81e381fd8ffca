// "Who accessed my data": the signed-in user's access log (GET /v1/me/access-log) in plain
// sentences, each checked against the signed tree head the server returned with it.

import { api, queryString } from './api.js';
import { h } from './ui.js';

const encoder = new TextEncoder();

async function sha256(...parts) {
  const bytes = new Uint8Array(parts.reduce((length, part) => length + part.length, 0));
  let offset = 0;
  for (const part of parts) { bytes.set(part, offset); offset += part.length; }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

function fromHex(text) {
  if (typeof text !== 'string' || !/^[0-9a-f]{64}$/u.test(text)) return null;
  return Uint8Array.from(text.match(/../gu), (pair) => parseInt(pair, 16));
}

function equalBytes(a, b) {
  return a.length === b.length && a.every((byte, index) => byte === b[index]);
}

/**
 * Whether `path` (hex hashes) proves that the entry whose exact stored text is `entry` is leaf
 * `index` of the tree of `treeSize` leaves with root `rootHex`: RFC 9162 section 2.1.3.2, with the
 * leaf hash SHA-256(0x00 ‖ entry) and node hashes SHA-256(0x01 ‖ left ‖ right) (section 2.1.1).
 */
export async function verifyInclusion(entry, index, treeSize, path, rootHex) {
  const root = fromHex(rootHex);
  if (!root || !Array.isArray(path) || !(index >= 0 && index < treeSize)) return false;
  let fn = index;
  let sn = treeSize - 1;
  let result = await sha256(Uint8Array.of(0), encoder.encode(entry));
  for (const hex of path) {
    const sibling = fromHex(hex);
    if (!sibling || sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      result = await sha256(Uint8Array.of(1), sibling, result);
      if (fn % 2 === 0) {
        while (fn % 2 === 0 && fn !== 0) { fn = Math.floor(fn / 2); sn = Math.floor(sn / 2); }
      }
    } else {
      result = await sha256(Uint8Array.of(1), result, sibling);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && equalBytes(result, root);
}

/** "A support staff member (EU)", "Reel's recommender service (US)", … */
function who(principal) {
  const place = String(principal?.jurisdiction ?? '').toUpperCase();
  switch (principal?.kind) {
    case 'staff': return `${/^[aeiou]/iu.test(principal.role) ? 'An' : 'A'} ${principal.role} staff member (${place})`;
    case 'service': return `Reel's ${principal.role} service (${place})`;
    case 'auditor': return `The ${place} custodian's auditor`;
    case 'custodian': return `The ${place} custodian`;
    default: return `Someone (${principal?.kind ?? 'unknown'}, ${place})`;
  }
}

/** What happened, as the middle of a sentence. */
function what(entry) {
  const thing = entry.resource ? `your ${entry.resource}` : 'your data';
  switch (entry.kind) {
    case 'gateDecision': return entry.decision === 'denied' ? `asked to read ${thing} and was refused` : `read ${thing}`;
    case 'keyOperation': return `used your data key (${entry.operation ?? 'key operation'})`;
    case 'export': return 'exported your data';
    case 'erasure': return 'erased your account';
    default: return `acted on ${thing}`;
  }
}

/** One access in plain sentences, with its outcome, time and whether its proof checked out. */
function accessItem(entry, verified) {
  const denied = entry.decision === 'denied';
  const when = new Date(entry.time);
  return h('li', { class: 'access-item', dataset: { outcome: denied ? 'denied' : 'allowed', verified: String(verified) } },
    h('p', { class: 'access-sentence' },
      `${who(entry.principal)} ${what(entry)}, for the purpose “${entry.purpose}”, giving the reason “${entry.justification}”.`),
    h('p', { class: 'muted access-meta' },
      h('strong', { class: denied ? 'access-denied' : 'access-allowed' }, denied ? 'Denied' : 'Allowed'),
      ' · ', h('time', { datetime: entry.time }, Number.isNaN(when.getTime()) ? entry.time : when.toLocaleString()),
      ' · ', verified
        ? h('span', { class: 'access-verified', title: 'Its inclusion proof matches the signed head of the public audit log.' }, '✓ Verified in the public log')
        : h('span', { class: 'access-unverified' }, '⚠ Could not be verified against the public log')));
}

/**
 * The "Who accessed my data" section: loads the log page by page and verifies every item's
 * inclusion proof against the page's signed tree head (SHA-256 through SubtleCrypto).
 */
export function accessLogSection() {
  const list = h('ul', { class: 'access-log', 'aria-label': 'Who accessed my data' });
  const status = h('p', { class: 'muted access-status' }, 'Loading…');
  const more = h('button', { class: 'button', type: 'button', hidden: true }, 'Show older');
  let cursor = null;

  async function load() {
    more.hidden = true;
    let page;
    try {
      page = await api('GET', `/v1/me/access-log?${queryString({ cursor, limit: 50 })}`);
    } catch (error) {
      status.textContent = error.message;
      return;
    }
    const canVerify = Boolean(globalThis.crypto?.subtle);
    for (const item of page.items) {
      let entry;
      try { entry = JSON.parse(item.entry); } catch { entry = null; }
      if (!entry) continue;
      const verified = canVerify && await verifyInclusion(item.entry, item.index, page.treeHead.treeSize, item.auditPath, page.treeHead.rootHash);
      list.append(accessItem(entry, verified));
    }
    if (list.children.length === 0) {
      status.textContent = 'Nobody but you has accessed your personal data. If anyone (staff or a Reel service) ever does, or is refused, it is listed here.';
    } else {
      status.textContent = canVerify
        ? `Each access is checked against the ${page.region.toUpperCase()} region's public audit log (head of ${page.treeHead.treeSize} entries).`
        : 'This browser cannot check the entries against the public log (it needs a secure connection).';
    }
    cursor = page.nextCursor ?? null;
    more.hidden = cursor === null;
  }

  more.addEventListener('click', load);
  load();
  return h('div', { class: 'access-log-section' },
    h('p', {}, 'Every time someone other than you reads your personal data, or is refused, it is recorded in the region’s public audit log.'),
    status, list, more);
}
