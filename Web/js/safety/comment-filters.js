// Settings → Comment filters: words that keep comments off the user's videos
// (GET|PUT /v1/me/comment-filters, at most 50 words of at most 40 characters).

import { api } from '../api.js';
import { h, toast } from '../ui.js';

const MAX_WORDS = 50;
const MAX_LENGTH = 40;

/** The comment filter form: one word or phrase a line. */
export function commentFiltersSection() {
  const words = h('textarea', { name: 'keywords', rows: 4, placeholder: 'One word or phrase a line' });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const form = h('form', {
    class: 'form', 'aria-label': 'Comment filters',
    onsubmit: async (event) => {
      event.preventDefault();
      error.textContent = '';
      const keywords = [...new Set(words.value.split('\n').map((word) => word.trim()).filter(Boolean))];
      if (keywords.length > MAX_WORDS) { error.textContent = `You can filter at most ${MAX_WORDS} words.`; return; }
      const long = keywords.find((word) => [...word].length > MAX_LENGTH);
      if (long) { error.textContent = `“${long}” is longer than ${MAX_LENGTH} characters.`; return; }
      try {
        const saved = await api('PUT', '/v1/me/comment-filters', { keywords });
        words.value = saved.keywords.join('\n');
        toast('Saved');
      } catch (failure) { error.textContent = failure.message; }
    },
  },
  h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Hide comments on your videos that contain'), words),
  error, h('button', { class: 'button', type: 'submit' }, 'Save filters'));
  api('GET', '/v1/me/comment-filters').then((filters) => { words.value = filters.keywords.join('\n'); })
    .catch((failure) => { error.textContent = failure.message; });
  return form;
}
