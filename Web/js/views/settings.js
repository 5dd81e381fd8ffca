// Settings: notifications, follow requests, profile fields, private account, personalised feed,
// safety (reports, decisions, appeals, blocks, mutes, comment filters), data export, who accessed
// my data, log out, delete account.

import { accessLogSection } from '../access-log.js';
import { api, session } from '../api.js';
import { commentFiltersSection } from '../safety/comment-filters.js';
import { followRequestsSection } from '../safety/follow-requests.js';
import { appealedStatements, myAppealsSection } from '../safety/my-appeals.js';
import { myReportsSection } from '../safety/my-reports.js';
import { notificationsSection } from '../safety/notifications.js';
import { peopleSection } from '../safety/people-lists.js';
import { statementsSection } from '../safety/statements.js';
import { pendingCount } from '../telemetry.js';
import { graphemeLimit, h, limits, toast } from '../ui.js';

function toggle(name, label, checked, hint, onChange) {
  const input = h('input', { type: 'checkbox', name, checked, role: 'switch' });
  input.addEventListener('change', () => onChange(input));
  return h('label', { class: 'toggle' }, input, h('span', {}, h('strong', {}, label), h('small', { class: 'hint' }, hint)));
}

/** The settings page of the signed-in user. */
export function settingsView() {
  const element = h('section', { class: 'page narrow settings' }, h('h1', {}, 'Settings'), h('p', { class: 'muted' }, 'Loading…'));

  /**
   * Saves `change`; a 13–15-year-old making their account public is asked first (the server
   * answers 409 `confirmation_required` until `confirmPublic` is sent).
   */
  async function save(change, input) {
    try {
      const account = await api('PATCH', '/v1/me', change);
      session.set({ ...session.get(), user: account });
      toast('Saved');
      return account;
    } catch (error) {
      if (error.code === 'confirmation_required' && !change.confirmPublic
        && confirm(`${error.message} Anyone will be able to see your videos and follow you without asking. Make your account public?`)) {
        return save({ ...change, confirmPublic: true }, input);
      }
      if (input) input.checked = !input.checked;
      toast(error.message);
      return null;
    }
  }

  async function show() {
    let account;
    try {
      account = await api('GET', '/v1/me');
    } catch (error) {
      element.replaceChildren(h('h1', {}, 'Settings'), h('p', { class: 'form-error' }, error.message));
      return;
    }
    session.set({ ...session.get(), user: account });
    const appealed = await appealedStatements();

    const displayName = h('input', { name: 'displayName', value: account.displayName, required: true });
    const bio = h('textarea', { name: 'bio', rows: 3 }, account.bio);
    const nameLength = graphemeLimit(displayName, limits.displayName, { trim: true });
    const bioLength = graphemeLimit(bio, limits.bio);
    const profileForm = h('form', {
      class: 'form', 'aria-label': 'Profile',
      onsubmit: async (event) => {
        event.preventDefault();
        if (!nameLength.isValid()) { toast(`Display names can be at most ${limits.displayName} characters.`); return; }
        if (!bioLength.isValid()) { toast(`Bios can be at most ${limits.bio} characters.`); return; }
        await save({ displayName: displayName.value, bio: bio.value });
      },
    },
    h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Display name'), displayName, nameLength.counter),
    h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Bio'), bio, bioLength.counter),
    h('button', { class: 'button primary', type: 'submit' }, 'Save profile'));

    const exportButton = h('button', {
      class: 'button', type: 'button', onclick: async () => {
        try {
          const data = await api('GET', '/v1/me/export');
          const link = h('a', {
            href: URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' })),
            download: `reel-export-${account.handle}.json`,
          });
          document.body.append(link);
          link.click();
          link.remove();
          setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
          toast('Your data export is downloading.');
        } catch (error) { toast(error.message); }
      },
    }, 'Download my data');

    const password = h('input', { name: 'password', type: 'password', required: true, autocomplete: 'current-password' });
    const deleteError = h('p', { class: 'form-error', role: 'alert' });
    const deleteForm = h('form', {
      class: 'form danger-zone', 'aria-label': 'Delete account',
      onsubmit: async (event) => {
        event.preventDefault();
        deleteError.textContent = '';
        if (!confirm('Delete your account and everything in it? This cannot be undone.')) return;
        try {
          await api('DELETE', '/v1/me', { password: password.value });
          session.set(null);
          toast('Your account has been deleted.');
          location.hash = '#/popular';
        } catch (error) { deleteError.textContent = error.message; }
      },
    },
    h('p', {}, 'Deleting your account removes your videos, comments, likes, follows and watch history from every store.'),
    h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Password'), password),
    deleteError,
    h('button', { class: 'button danger', type: 'submit' }, 'Delete my account'));

    element.replaceChildren(
      h('h1', {}, 'Settings'),
      h('p', { class: 'muted' }, `@${account.handle} · ${account.email} · your data is stored in the ${account.region.toUpperCase()} region`),
      h('h2', {}, 'Notifications'), notificationsSection(),
      h('h2', {}, 'Follow requests'), followRequestsSection(),
      h('h2', {}, 'Profile'), profileForm,
      h('h2', {}, 'Privacy'),
      toggle('isPrivate', 'Private account', account.isPrivate,
        'Only followers see your videos, and you can only post for followers or yourself.',
        (input) => save({ isPrivate: input.checked }, input)),
      toggle('isPersonalisedFeed', 'Personalised For You', account.isPersonalisedFeed,
        'When off, For You shows what is popular in your region and worldwide, not based on your activity.',
        (input) => save({ isPersonalisedFeed: input.checked }, input)),
      h('h2', {}, 'Blocked accounts'), peopleSection('block'),
      h('h2', {}, 'Muted accounts'), peopleSection('mute'),
      h('h2', {}, 'Comment filters'), commentFiltersSection(),
      h('h2', {}, 'My reports'), myReportsSection(),
      h('h2', {}, 'Decisions about your content'), statementsSection(appealed),
      h('h2', {}, 'My appeals'), myAppealsSection(),
      h('h2', {}, 'Your data'),
      h('p', {}, 'Everything Reel holds about you, as one JSON file.'), exportButton,
      h('p', { class: 'muted' }, `${pendingCount()} watch reports waiting to be sent.`),
      h('h2', {}, 'Who accessed my data'), accessLogSection(),
      h('h2', {}, 'Session'),
      h('button', {
        class: 'button', type: 'button', onclick: async () => {
          try { await api('DELETE', '/v1/sessions/current'); } catch { /* signed out either way */ }
          session.set(null);
          location.hash = '#/popular';
        },
      }, 'Log out'),
      h('h2', {}, 'Delete account'), deleteForm);
  }
  show();
  return { element, title: 'Settings' };
}
