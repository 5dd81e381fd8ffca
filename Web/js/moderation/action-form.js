// The action form of a moderation case: an action that applies to the case's target, the rule of
// the region's guidelines it enforces (every decision cites a rule and its version), the facts,
// and for a suspension its duration. Restrictions apply worldwide (the server's territorial scope).

import { h } from '../ui.js';
import { actionLabels, actionTargets, guidelines } from '../safety/vocabulary.js';
import { staffAPI } from './staff-session.js';

/** The form for case `moderationCase`; `onActed(action)` runs after the server accepts an action. */
export function actionForm(moderationCase, onActed) {
  const actions = Object.keys(actionLabels).filter((kind) => actionTargets[kind].includes(moderationCase.targetType));
  const action = h('select', { name: 'action', required: true },
    actions.map((kind) => h('option', { value: kind }, actionLabels[kind])));
  const rule = h('select', { name: 'ruleID', required: true }, h('option', { value: '' }, 'Loading the rules…'));
  const version = h('small', { class: 'hint' });
  const facts = h('textarea', { name: 'facts', rows: 4, required: true, placeholder: 'What you saw, and why it breaks the rule. The affected user reads this.' });
  const days = h('input', { name: 'durationDays', type: 'number', min: '1', max: '3650', value: '7', inputmode: 'numeric' });
  const daysField = h('label', { class: 'field duration-field' }, h('span', { class: 'field-label' }, 'Suspension (days)'), days);
  const error = h('p', { class: 'form-error', role: 'alert' });
  const submit = h('button', { class: 'button primary', type: 'submit' }, 'Take action');
  const showFields = () => { daysField.hidden = action.value !== 'suspend'; };
  action.addEventListener('change', showFields);
  showFields();

  guidelines(moderationCase.region).then((document) => {
    rule.replaceChildren(h('option', { value: '' }, 'Choose the rule'),
      ...document.rules.map((item) => h('option', { value: item.id }, `${item.id}: ${item.title}`)));
    version.textContent = `${document.region.toUpperCase()} community guidelines, version ${document.version}.`;
  }).catch((failure) => { error.textContent = failure.message; });

  const form = h('form', {
    class: 'form action-form', 'aria-label': 'Take action', novalidate: true,
    onsubmit: async (event) => {
      event.preventDefault();
      error.textContent = '';
      if (!rule.value) { error.textContent = 'Choose the rule this decision enforces.'; return; }
      if (!facts.value.trim()) { error.textContent = 'Describe the facts the decision rests on.'; return; }
      const body = { action: action.value, ruleID: rule.value, facts: facts.value.trim(), territorialScope: ['worldwide'] };
      if (action.value === 'suspend') body.durationDays = Number(days.value);
      submit.disabled = true;
      try {
        onActed(await staffAPI('POST', `/v1/moderation/cases/${moderationCase.id}/actions`, body));
      } catch (failure) {
        error.textContent = failure.message;
      } finally {
        submit.disabled = false;
      }
    },
  },
  h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Action'), action),
  h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Rule'), rule, version),
  h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Facts'), facts),
  daysField,
  h('p', { class: 'hint' }, 'Restrictions apply worldwide. The affected person gets a statement of reasons with the rule and the facts, and can appeal.'),
  error, submit);
  return form;
}
