// One moderation case: what was reported (the video through the staff media route named by the
// case's `mediaURL`, even when removed or private), the reports, the history of actions, and the action form.

import { h, toast } from '../ui.js';
import { actionLabels, ruleText, when } from '../safety/vocabulary.js';
import { actionForm } from './action-form.js';
import { staffAPI, staffMediaURL } from './staff-session.js';

function targetView(moderationCase) {
  const { video, comment, account } = moderationCase.target ?? {};
  if (moderationCase.targetType === 'video') {
    const media = moderationCase.mediaURL;
    return h('div', { class: 'case-target case-video' },
      media
        ? h('video', { class: 'case-media', controls: true, playsinline: true, muted: true, preload: 'metadata', src: staffMediaURL(media), 'aria-label': 'The reported video' })
        : h('p', { class: 'muted' }, 'The video has no playable media (it is still processing, or its processing failed).'),
      video && h('p', {}, h('strong', {}, '@' + video.creator.handle), ' ', video.caption ?? ''),
      video?.labels?.length > 0 && h('p', { class: 'muted' }, 'Labels: ' + video.labels.join(', ')),
      video?.restriction && h('p', { class: 'muted' }, 'Restriction: ' + video.restriction));
  }
  if (moderationCase.targetType === 'comment') {
    return h('div', { class: 'case-target case-comment' },
      comment ? [h('p', {}, h('strong', {}, '@' + comment.authorHandle), ' wrote:'), h('blockquote', {}, comment.body)]
        : h('p', { class: 'muted' }, 'The comment is no longer available.'));
  }
  return h('div', { class: 'case-target case-account' },
    account ? [h('p', {}, h('strong', {}, account.displayName), ` @${account.handle}`), account.bio && h('p', {}, account.bio)]
      : h('p', { class: 'muted' }, 'The account is no longer available.'));
}

function historyItem(action) {
  const rule = h('span', {}, action.ruleID);
  ruleText(action.ruleID, action.guidelinesVersion).then((text) => { rule.textContent = text; });
  return h('li', { class: 'case-action', dataset: { action: action.action } },
    h('strong', {}, actionLabels[action.action] ?? action.action), ' · ', rule,
    h('span', { class: 'muted' }, ` · moderator ${action.moderatorID} · ${when(action.createdAt)}`,
      action.endsAt ? ` · until ${when(action.endsAt)}` : ''),
    action.facts && h('p', { class: 'muted' }, action.facts));
}

/** The case page of `id`. */
export function caseView(id) {
  const element = h('div', { class: 'moderation-case' }, h('p', { class: 'muted' }, 'Loading…'));
  async function show() {
    let moderationCase;
    try {
      moderationCase = await staffAPI('GET', '/v1/moderation/cases/' + id);
    } catch (error) {
      element.replaceChildren(h('p', { class: 'form-error' }, error.status === 404
        ? 'There is no such case in your region.' : error.message),
      h('a', { class: 'button', href: '#/moderation' }, '← The queue'));
      return;
    }
    const c = moderationCase;
    element.replaceChildren(
      h('p', {}, h('a', { href: c.state === 'open' ? '#/moderation' : '#/moderation?state=closed' }, '← The queue')),
      h('h2', {}, `Case ${c.id}`),
      h('p', { class: 'muted case-facts' },
        `${c.region.toUpperCase()} · ${c.targetType} · ${c.state} · severity ${c.severity} · ${c.reportCount} reports · ${c.reach24h ?? 0} views in 24 h`),
      targetView(c),
      h('h3', {}, 'Reports'),
      h('ul', { class: 'case-reports' }, (c.reports ?? []).map((report) => h('li', {},
        h('strong', {}, report.category), ` · ${when(report.createdAt)}`,
        report.explanation && h('p', { class: 'muted' }, report.explanation)))),
      h('h3', {}, 'History'),
      (c.actions ?? []).length === 0 ? h('p', { class: 'muted' }, 'No action taken yet.')
        : h('ul', { class: 'case-history' }, c.actions.map(historyItem)),
      h('h3', {}, 'Action'),
      c.state === 'open'
        ? actionForm(c, (action) => { toast(`${actionLabels[action.action] ?? action.action}: done.`); show(); })
        : h('p', { class: 'muted case-closed' }, 'This case is closed.'));
  }
  show();
  return element;
}
