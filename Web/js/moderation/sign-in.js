// The moderator console's sign-in: region, handle, password and the current code of the staff
// member's authenticator app (TOTP, RFC 6238).

import { h } from '../ui.js';
import { staffSignIn } from './staff-session.js';

/** The staff sign-in form; `onSignedIn()` runs once the staff token is kept. */
export function staffSignInForm(onSignedIn) {
  const region = h('select', { name: 'region', required: true },
    [['us', 'US'], ['eu', 'EU'], ['global', 'Global']].map(([value, label]) => h('option', { value }, label)));
  const handle = h('input', { name: 'handle', required: true, autocomplete: 'username', autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { name: 'password', type: 'password', required: true, autocomplete: 'current-password' });
  const code = h('input', {
    name: 'code', required: true, inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9]{6}', maxlength: '6',
    'aria-describedby': 'code-hint',
  });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const submit = h('button', { class: 'button primary', type: 'submit' }, 'Sign in');
  const form = h('form', {
    class: 'form', 'aria-label': 'Staff sign-in',
    onsubmit: async (event) => {
      event.preventDefault();
      error.textContent = '';
      submit.disabled = true;
      try {
        await staffSignIn({ region: region.value, handle: handle.value.trim(), password: password.value, code: code.value.trim() });
        onSignedIn();
      } catch (failure) {
        error.textContent = failure.message;
        code.value = '';
        code.focus();
      } finally {
        submit.disabled = false;
      }
    },
  },
  h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Region'), region),
  h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Staff handle'), handle),
  h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Password'), password),
  h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Code'), code,
    h('small', { class: 'hint', id: 'code-hint' }, 'The 6-digit code from your authenticator app.')),
  error, submit);
  return h('section', { class: 'page narrow staff-sign-in' },
    h('h1', {}, 'Moderator console'),
    h('p', { class: 'muted' }, 'For Reel’s staff with the moderator role. Every sign-in and every case you open is recorded in your region’s audit log.'),
    form);
}
