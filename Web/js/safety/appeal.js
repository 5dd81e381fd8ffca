// Appealing a decision (DSA Art. 20): the affected user appeals a statement of reasons, a reporter
// appeals the dismissal of their report, within six months; a different moderator decides.

import { api } from '../api.js';
import { graphemeLimit, h, sheet, toast } from '../ui.js';

/** The longest appeal explanation, in characters (as a report's). */
const EXPLANATION_LIMIT = 2000;

/**
 * Opens the appeal sheet for `subject` (`{statementID}` or `{reportID}`), described to the user
 * as `what`. `onAppealed(appeal)` gets the new Appeal.
 */
export function openAppeal(subject, what, onAppealed) {
  const explanation = h('textarea', { name: 'explanation', rows: 5, required: true, placeholder: 'Why should the decision be changed?' });
  const length = graphemeLimit(explanation, EXPLANATION_LIMIT, { showFrom: EXPLANATION_LIMIT - 200 });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const send = h('button', { class: 'button primary', type: 'submit' }, 'Send appeal');
  const form = h('form', {
    class: 'form', 'aria-label': 'Appeal', novalidate: true,
    onsubmit: async (event) => {
      event.preventDefault();
      error.textContent = '';
      if (!explanation.value.trim()) { error.textContent = 'Explain why the decision should be changed.'; return; }
      if (!length.isValid()) { error.textContent = `The explanation can be at most ${EXPLANATION_LIMIT} characters.`; return; }
      send.disabled = true;
      try {
        const appeal = await api('POST', '/v1/appeals', { ...subject, explanation: explanation.value.trim() });
        close();
        toast('Your appeal was sent. A different moderator will decide, and you will be notified.');
        onAppealed(appeal);
      } catch (failure) {
        error.textContent = failure.message;
      } finally {
        send.disabled = false;
      }
    },
  },
  h('p', {}, `You are appealing: ${what}.`),
  h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Your explanation'), explanation, length.counter),
  h('p', { class: 'hint' }, 'A moderator who did not take the decision reviews your appeal. If it is upheld, the decision is reversed everywhere.'),
  error, send);
  const { close } = sheet('Appeal the decision', h('div', { class: 'sheet-body' }, form));
  explanation.focus();
}
