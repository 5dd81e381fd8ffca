// The appeal queue of the staff member's region: pending appeals, each decided by a moderator who
// did not take the original decision (the server answers 403 same_moderator otherwise).

import { pagedList } from '../paged-list.js';
import { ago, h, toast } from '../ui.js';
import { staffAPI, staffPager } from './staff-session.js';

function decisionForm(appeal, onDecided) {
  const choice = (value, label) => h('label', { class: 'region-option' },
    h('input', { type: 'radio', name: `decision-${appeal.id}`, value, required: true }), label);
  const explanation = h('textarea', { name: 'explanation', rows: 3, required: true, 'aria-label': 'Explanation of the decision' });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const form = h('form', {
    class: 'form appeal-decision', 'aria-label': 'Decide the appeal', novalidate: true,
    onsubmit: async (event) => {
      event.preventDefault();
      error.textContent = '';
      const decision = form.querySelector('input[type=radio]:checked')?.value;
      if (!decision) { error.textContent = 'Choose to uphold or reject the appeal.'; return; }
      if (!explanation.value.trim()) { error.textContent = 'Explain the decision; the person who appealed reads it.'; return; }
      try {
        onDecided(await staffAPI('POST', `/v1/moderation/appeals/${appeal.id}/decision`, { decision, explanation: explanation.value.trim() }));
      } catch (failure) { error.textContent = failure.message; }
    },
  },
  h('fieldset', { class: 'region-choice' }, h('legend', {}, 'Decision'),
    choice('uphold', 'Uphold: reverse the original decision everywhere'),
    choice('reject', 'Reject: the original decision stands')),
  explanation, error, h('button', { class: 'button primary', type: 'submit' }, 'Decide'));
  return form;
}

function appealRow({ appeal, case: summary }) {
  const item = h('li', { class: 'appeal-row', dataset: { appealId: appeal.id } },
    h('p', {}, h('strong', {}, appeal.statementID ? 'The affected user appeals a restriction' : 'A reporter appeals a dismissal'),
      h('span', { class: 'muted' }, ` · ${ago(appeal.createdAt)} · `),
      summary && h('a', { href: '#/moderation/cases/' + summary.id }, `case ${summary.id} (${summary.targetType})`)),
    h('blockquote', {}, appeal.explanation));
  item.append(decisionForm(appeal, (decided) => {
    toast(decided.status === 'upheld' ? 'Appeal upheld: the decision is reversed.' : 'Appeal rejected.');
    item.replaceChildren(h('p', { class: 'muted appeal-decided' }, `Decided: ${decided.status}.`));
  }));
  return item;
}

/** The pending appeals. */
export function appealQueueView() {
  return h('div', { class: 'appeal-queue' },
    pagedList(staffPager('/v1/moderation/appeals', { state: 'pending', limit: '25' }), appealRow, {
      label: 'Pending appeals', className: 'case-list', emptyText: 'No pending appeals in your region.',
    }).element);
}
