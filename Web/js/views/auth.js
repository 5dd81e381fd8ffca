// Sign-up (with the region that will hold the account's data) and log-in.

import { api, session } from '../api.js';
import { countries } from '../countries.js';
import { signInReason, takeReturnTo } from '../pending.js';
import { graphemeLimit, h, limits } from '../ui.js';

function field(label, input, hint) {
  return h('label', { class: 'field' }, h('span', { class: 'field-label' }, label), input, hint && h('small', { class: 'hint' }, hint));
}

function finish(result) {
  session.set({ token: result.token, user: result.user });
  location.hash = takeReturnTo('#/foryou');
}

/** Why the guest was asked to sign in (after tapping Like, Follow, …), or nothing. */
function reasonNote() {
  const reason = signInReason();
  return reason && h('p', { class: 'sign-in-reason', role: 'status' }, reason);
}

/** Runs `action` for a form, showing its error under the form and disabling it meanwhile. */
function submitting(form, error, action) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    error.textContent = '';
    try {
      await action(new FormData(form));
    } catch (failure) {
      error.textContent = failure.message;
    } finally {
      button.disabled = false;
    }
  });
}

/**
 * After 409 `choose_region` (one email, accounts in several regions), fills `choice` with one radio
 * button per region the server named in its message, labelled with the region's name.
 */
async function offerRegions(choice, message) {
  const codes = (message.match(/\(([^)]*)\)/)?.[1] ?? '').split(',').map((code) => code.trim()).filter(Boolean);
  const names = new Map((await api('GET', '/v1/regions')).regions.map((region) => [region.code, region.name]));
  choice.replaceChildren(h('legend', {}, 'Which account?'),
    ...codes.map((code, index) => h('label', { class: 'region-option' },
      h('input', { type: 'radio', name: 'region', value: code, checked: index === 0 }), ` ${names.get(code) ?? code} (${code})`)));
  choice.hidden = false;
}

/** The log-in page: handle or email, and password (and the region, when the email has several). */
export function logInView() {
  const error = h('p', { class: 'form-error', role: 'alert' });
  const regionChoice = h('fieldset', { class: 'field region-choice' });
  regionChoice.hidden = true;
  const form = h('form', { class: 'form', 'aria-label': 'Sign in' },
    field('Handle or email', h('input', { name: 'identifier', autocomplete: 'username', required: true, autocapitalize: 'none' })),
    field('Password', h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
    regionChoice,
    error,
    h('button', { class: 'button primary', type: 'submit' }, 'Sign in'));
  submitting(form, error, async (data) => {
    const identifier = data.get('identifier').trim();
    const body = identifier.includes('@') ? { email: identifier } : { handle: identifier };
    const region = !regionChoice.hidden && data.get('region');
    try {
      finish(await api('POST', '/v1/sessions', { ...body, password: data.get('password'), ...(region ? { region } : {}) }));
    } catch (failure) {
      if (failure.code !== 'choose_region') throw failure;
      await offerRegions(regionChoice, failure.message);
      throw new Error('This email has an account in several regions: choose which one, then sign in again.');
    }
  });
  const element = h('section', { class: 'page narrow' },
    h('h1', {}, 'Sign in to Reel'), reasonNote(), form,
    h('p', {}, 'New here? ', h('a', { href: '#/signup' }, 'Create an account')));
  return { element, title: 'Sign in', mounted: () => form.querySelector('input').focus() };
}

/** The sign-up page. The country picker says which region will hold the account's data. */
export function signUpView() {
  const error = h('p', { class: 'form-error', role: 'alert' });
  const regionNote = h('p', { class: 'region-note', id: 'region-note', 'aria-live': 'polite' });
  const guess = (navigator.language.split('-')[1] ?? '').toUpperCase();
  const country = h('select', { name: 'country', required: true, 'aria-describedby': 'region-note' },
    h('option', { value: '' }, 'Choose your country'),
    countries().map(({ code, name }) => h('option', { value: code, selected: code === guess }, name)));
  let regions = null;
  const showRegion = () => {
    if (!regions || !country.value) { regionNote.textContent = 'Your country decides which region stores your data.'; return; }
    const region = regions.regions.find((candidate) => candidate.countries.includes(country.value))
      ?? regions.regions.find((candidate) => candidate.code === regions.defaultRegion);
    regionNote.textContent = `Your data will be stored in the ${region.code.toUpperCase()} region (${region.name}) and stays there.`;
    regionNote.dataset.region = region.code;
  };
  country.addEventListener('change', showRegion);
  api('GET', '/v1/regions').then((value) => { regions = value; showRegion(); }).catch(() => {});

  const today = new Date().toISOString().slice(0, 10);
  const displayName = h('input', { name: 'displayName', autocomplete: 'name' });
  const nameLength = graphemeLimit(displayName, limits.displayName, { trim: true, showFrom: 1 });
  const form = h('form', { class: 'form', 'aria-label': 'Create account' },
    field('Handle', h('input', { name: 'handle', required: true, minlength: 3, maxlength: 24, pattern: '[a-zA-Z0-9_][a-zA-Z0-9_.]{2,23}', autocomplete: 'username', autocapitalize: 'none' }),
      '3–24 letters, digits, _ or .'),
    h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Display name'), displayName, nameLength.counter,
      h('small', { class: 'hint' }, 'Optional')),
    field('Email', h('input', { name: 'email', type: 'email', required: true, autocomplete: 'email' })),
    field('Password', h('input', { name: 'password', type: 'password', required: true, minlength: 8, maxlength: 72, autocomplete: 'new-password' }),
      'At least 8 characters'),
    field('Birth date', h('input', { name: 'birthDate', type: 'date', required: true, max: today }),
      'You must be 13 or older. Accounts under 18 start private.'),
    field('Country', country),
    regionNote,
    error,
    h('button', { class: 'button primary', type: 'submit' }, 'Create account'));
  submitting(form, error, async (data) => {
    if (!nameLength.isValid()) throw new Error(`Display names can be at most ${limits.displayName} characters.`);
    const body = Object.fromEntries(data.entries());
    if (!body.displayName) delete body.displayName;
    finish(await api('POST', '/v1/accounts', body));
  });
  const element = h('section', { class: 'page narrow' },
    h('h1', {}, 'Create your Reel account'), reasonNote(), form,
    h('p', {}, 'Already have one? ', h('a', { href: '#/login' }, 'Sign in')));
  showRegion();
  return { element, title: 'Sign up', mounted: () => form.querySelector('input').focus() };
}
