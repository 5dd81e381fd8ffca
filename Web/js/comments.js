// The comment sheet of a video: newest first with "more", post (Enter; Shift+Enter for a new
// line), delete (own comments, or any comment on one's own video), report (others' comments),
// @mentions and #hashtags as links.

import { api, pager, session } from './api.js';
import { signInTo } from './pending.js';
import { openReport } from './safety/report.js';
import { h, sheet, ago, commentText, graphemeLimit, limits, toast } from './ui.js';

/** Opens the sheet; `onCount(delta)` reports comments added (+1) or deleted (-1). */
export function openComments(video, onCount) {
  const me = session.user;
  const list = h('ol', { class: 'comment-list', 'aria-live': 'polite' });
  const status = h('p', { class: 'muted' }, 'Loading…');
  const more = h('button', { class: 'link-button', type: 'button', hidden: true, onclick: () => load() }, 'More comments');
  let cursor = null;
  const source = pager(`/v1/videos/${video.id}/comments`, { limit: '20' });

  function row(comment) {
    const mayDelete = me && (comment.authorID === me.id || video.creator.id === me.id);
    const item = h('li', { class: 'comment', dataset: { commentId: comment.id } },
      h('a', { class: 'comment-author', href: '#/u/' + comment.authorHandle }, '@' + comment.authorHandle),
      h('span', { class: 'muted' }, ' · ' + ago(comment.createdAt)),
      h('p', { class: 'comment-body' }, commentText(comment)),
      mayDelete && h('button', {
        class: 'link-button danger', type: 'button', 'aria-label': 'Delete comment',
        onclick: async () => {
          try {
            await api('DELETE', '/v1/comments/' + comment.id);
            item.remove();
            onCount(-1);
          } catch (error) { toast(error.message); }
        },
      }, 'Delete'),
      comment.authorID !== me?.id && h('button', {
        class: 'link-button report-comment', type: 'button', 'aria-label': `Report the comment by @${comment.authorHandle}`,
        onclick: () => openReport({ type: 'comment', id: comment.id }, '#/v/' + video.id),
      }, 'Report'));
    return item;
  }

  async function load() {
    try {
      const page = await source(cursor);
      list.append(...page.items.map(row));
      cursor = page.nextCursor;
      more.hidden = !cursor;
      status.textContent = list.children.length === 0 ? 'No comments yet. Be the first.' : '';
    } catch (error) {
      status.textContent = error.message;
    }
  }

  const input = h('textarea', { name: 'body', rows: 2, required: true, placeholder: 'Add a comment…', 'aria-label': 'Comment' });
  const length = graphemeLimit(input, limits.comment, { trim: true, showFrom: limits.comment - 100 });
  const form = h('form', {
    class: 'comment-form',
    onsubmit: async (event) => {
      event.preventDefault();
      const body = input.value.trim();
      if (!body) return;
      if (!length.isValid()) { toast(`Comments can be at most ${limits.comment} characters.`); return; }
      try {
        const comment = await api('POST', `/v1/videos/${video.id}/comments`, { body });
        list.prepend(row(comment));
        status.textContent = '';
        input.value = '';
        length.isValid();
        onCount(1);
      } catch (error) { toast(error.message); }
    },
  }, h('div', { class: 'comment-input' }, input, length.counter), h('button', { class: 'button primary', type: 'submit' }, 'Post'));
  input.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
    event.preventDefault();
    form.requestSubmit();
  });

  const signIn = h('p', {}, h('a', { href: '#/login', onclick: () => signInTo('#/v/' + video.id, 'Sign in to join the conversation. You will come back to this video.') }, 'Sign in'), ' to comment.');
  const { dialog } = sheet('Comments', h('div', { class: 'sheet-body' }, status, list, more, me ? form : signIn));
  dialog.classList.add('comments-sheet');
  load();
  if (me) input.focus();
}
