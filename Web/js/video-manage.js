// The sheet for one's own video: edit the caption and who can watch (`PATCH /v1/videos/{id}`),
// or delete it (`DELETE /v1/videos/{id}`, after a confirmation).

import { api, session } from './api.js';
import { captionField, h, limits, sheet, toast } from './ui.js';

/** Caption limit in grapheme clusters, as the server counts. */
export const CAPTION_LIMIT = limits.caption;

/** The choices of who can watch a video, as `[value, label]`. */
export const visibilities = [
  ['public', 'Public: anyone, and eligible for For You'],
  ['followers', 'Followers only'],
  ['private', 'Only me'],
];

/** A `<select name="visibility">` with `selected` chosen; public is disabled for private accounts. */
export function visibilitySelect(selected) {
  const isPrivateAccount = !!session.user?.isPrivate;
  return h('select', { name: 'visibility' },
    visibilities.map(([value, label]) => h('option', {
      value, disabled: value === 'public' && isPrivateAccount && selected !== 'public', selected: value === selected,
    }, label)));
}

/**
 * Opens the sheet for `video` (the viewer's own). `onSaved(video)` gets the updated VideoView;
 * `onDeleted()` runs once the server has deleted it.
 */
export function openManageSheet(video, { onSaved, onDeleted }) {
  const captionBox = captionField(CAPTION_LIMIT, video.caption ?? '');
  const visibility = visibilitySelect(video.visibility);
  const error = h('p', { class: 'form-error', role: 'alert' });
  const save = h('button', { class: 'button primary', type: 'submit' }, 'Save');
  const form = h('form', {
    class: 'form', 'aria-label': 'Edit video',
    onsubmit: async (event) => {
      event.preventDefault();
      error.textContent = '';
      if (!captionBox.isValid()) { error.textContent = `Captions can be at most ${CAPTION_LIMIT} characters.`; return; }
      save.disabled = true;
      try {
        const updated = await api('PATCH', '/v1/videos/' + video.id, { caption: captionBox.input.value, visibility: visibility.value });
        close();
        toast('Saved.');
        onSaved(updated);
      } catch (failure) {
        error.textContent = failure.message;
      } finally {
        save.disabled = false;
      }
    },
  },
  captionBox.field,
  h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Who can watch'), visibility),
  error, save);
  const remove = h('button', {
    class: 'button danger delete-video', type: 'button',
    onclick: async () => {
      if (!confirm('Delete this video? This cannot be undone.')) return;
      try {
        await api('DELETE', '/v1/videos/' + video.id);
        close();
        toast('Your video has been deleted.');
        onDeleted();
      } catch (failure) { error.textContent = failure.message; }
    },
  }, 'Delete video');
  const { close } = sheet('Your video', h('div', { class: 'sheet-body' }, form, h('hr', { class: 'rule' }), remove));
}
