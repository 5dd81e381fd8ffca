// Reporting a video, comment or account (a notice under DSA Art. 16): a reason from the region's
// guidelines, an explanation, and the reporter's confirmation of good faith. Guests may report
// only in the categories that allow anonymous reports (illegal content); the rest ask to sign in.

import { api, session } from '../api.js';
import { signInTo } from '../pending.js';
import { graphemeLimit, h, sheet } from '../ui.js';
import { guidelines } from './vocabulary.js';

/** The longest explanation the server takes, in characters. */
export const EXPLANATION_LIMIT = 2000;

const nouns = { video: 'video', comment: 'comment', account: 'account' };

/** A category's radio button; a guest cannot pick one that needs an account. */
function categoryChoice(category, signedIn) {
  const locked = !signedIn && !category.anonymousAllowed;
  return h('label', { class: 'report-category', dataset: { category: category.id } },
    h('input', { type: 'radio', name: 'category', value: category.id, disabled: locked }),
    h('span', {}, category.title,
      category.anonymousAllowed && h('small', { class: 'hint' }, 'Anyone can report this, with or without an account.'),
      locked && h('small', { class: 'hint' }, 'Sign in to report for this reason.')));
}

/**
 * Opens the report sheet for `target` `{type: 'video'|'comment'|'account', id}`; `back` is the
 * route to come back to after signing in.
 */
export function openReport(target, back = location.hash) {
  const noun = nouns[target.type];
  const signedIn = !!session.token;
  const body = h('div', { class: 'sheet-body report-sheet' }, h('p', { class: 'muted' }, 'Loading the reasons…'));
  const { dialog, close } = sheet(`Report this ${noun}`, body);
  dialog.classList.add('report-dialog');

  guidelines().then((document) => {
    const explanation = h('textarea', { name: 'explanation', rows: 4, placeholder: 'What is wrong, and where (for example, the moment in the video)?' });
    const length = graphemeLimit(explanation, EXPLANATION_LIMIT, { showFrom: EXPLANATION_LIMIT - 200 });
    const goodFaith = h('input', { type: 'checkbox', name: 'goodFaith' });
    const error = h('p', { class: 'form-error', role: 'alert' });
    const send = h('button', { class: 'button primary', type: 'submit' }, 'Send report');
    const form = h('form', {
      class: 'form', 'aria-label': `Report this ${noun}`, novalidate: true,
      onsubmit: async (event) => {
        event.preventDefault();
        error.textContent = '';
        const category = form.elements.category.value;
        if (!category) { error.textContent = 'Choose the reason for your report.'; return; }
        if (!goodFaith.checked) { error.textContent = 'Confirm that you report in good faith.'; return; }
        if (!length.isValid()) { error.textContent = `The explanation can be at most ${EXPLANATION_LIMIT} characters.`; return; }
        send.disabled = true;
        try {
          const report = await api('POST', '/v1/reports', {
            targetType: target.type, targetID: target.id, category, explanation: explanation.value.trim(), goodFaith: true,
          });
          thanks(report);
        } catch (failure) {
          error.textContent = failure.message;
        } finally {
          send.disabled = false;
        }
      },
    },
    h('fieldset', { class: 'report-categories' },
      h('legend', { class: 'field-label' }, 'Why are you reporting it?'),
      document.reportCategories.map((category) => categoryChoice(category, signedIn))),
    !signedIn && h('p', { class: 'hint' },
      h('a', { href: '#/login', onclick: () => { close(); signInTo(back, `Sign in to report this ${noun}. You will come back to it.`); } }, 'Sign in'),
      ' to report for any reason and to follow what happens to your report.'),
    h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Explanation'), explanation, length.counter),
    h('label', { class: 'toggle good-faith' }, goodFaith,
      h('span', {}, h('strong', {}, 'I report in good faith'),
        h('small', { class: 'hint' }, 'I believe the information in this report is accurate and complete.'))),
    h('p', { class: 'hint' }, `Reasons from the ${document.region.toUpperCase()} community guidelines, version ${document.version}.`),
    error, send);
    body.replaceChildren(form);
    form.querySelector('input[name=category]:not(:disabled)')?.focus();
  }).catch((failure) => {
    body.replaceChildren(h('p', { class: 'form-error', role: 'alert' }, failure.message));
  });

  function thanks(report) {
    const done = h('button', { class: 'button primary', type: 'button', onclick: close }, 'Done');
    body.replaceChildren(h('div', { class: 'report-thanks', dataset: { reportId: report.id } },
      h('p', { class: 'report-received' }, 'Thank you. Your report was received and a moderator will review it.'),
      session.token
        ? h('p', {}, 'You can follow its status in ', h('a', { href: '#/settings', onclick: close }, 'Settings → My reports'), '.')
        : h('p', { class: 'muted' }, 'You reported without an account, so there is no status to follow.'),
      done));
    done.focus();
  }
}
