// Upload: choose or drop a file, caption and visibility; a progress bar while it uploads, then the
// processing status until the video is ready (and a fresh form for the next one), or the server's
// reason when it fails.

import { api, mediaURL, sentence, session, upload } from '../api.js';
import { captionField, h } from '../ui.js';
import { CAPTION_LIMIT, visibilitySelect } from '../video-manage.js';

/** The upload page. */
export function uploadView() {
  let file = null;
  let stopped = false;
  const isPrivateAccount = !!session.user?.isPrivate;

  const input = h('input', { type: 'file', name: 'file', accept: 'video/*', class: 'file-input', id: 'upload-file' });
  const chosen = h('p', { class: 'file-name muted' }, 'No file chosen');
  const drop = h('label', { class: 'drop-zone', for: 'upload-file' },
    h('strong', {}, 'Choose a video'), h('span', {}, ' or drop it here'),
    h('small', { class: 'hint' }, 'MP4, MOV or WebM; vertical looks best.'), chosen);
  const choose = (picked) => {
    file = picked ?? null;
    const size = file && (file.size >= 1048576 ? `${(file.size / 1048576).toFixed(1)} MiB` : `${Math.ceil(file.size / 1024)} KiB`);
    chosen.textContent = file ? `${file.name} (${size})` : 'No file chosen';
  };
  input.addEventListener('change', () => choose(input.files[0]));
  drop.addEventListener('dragover', (event) => { event.preventDefault(); drop.classList.add('dragging'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('dragging'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('dragging');
    choose(event.dataTransfer.files[0]);
  });

  const captionBox = captionField(CAPTION_LIMIT);
  const visibility = visibilitySelect(isPrivateAccount ? 'followers' : 'public');

  const progress = h('progress', { class: 'upload-progress', max: 100, value: 0, 'aria-label': 'Upload progress' });
  const percent = h('span', { class: 'upload-percent' }, '0 %');
  const statusLine = h('p', { class: 'upload-status', role: 'status', 'aria-live': 'polite' });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const result = h('div', { class: 'upload-result' });
  const progressBox = h('div', { class: 'progress-box', hidden: true }, progress, percent);
  const submit = h('button', { class: 'button primary', type: 'submit' }, 'Post');
  const showProgress = (value) => {
    progress.value = value;
    percent.textContent = `${value} %`;
  };

  /** A fresh form for the next video; the last one's status and links stay until then. */
  function resetForm() {
    input.value = '';
    choose(null);
    captionBox.reset();
    submit.disabled = false;
  }

  async function watchProcessing(video) {
    statusLine.dataset.status = 'processing';
    statusLine.textContent = 'Processing… this takes a few seconds.';
    while (!stopped) {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      if (stopped) return;
      try {
        video = await api('GET', '/v1/videos/' + video.id);
      } catch (failure) {
        statusLine.textContent = failure.message;
        return;
      }
      if (video.status === 'ready') {
        statusLine.dataset.status = 'ready';
        statusLine.textContent = 'Ready! Your video is live.';
        resetForm();
        result.replaceChildren(
          h('img', { class: 'result-poster', src: mediaURL(video.posterURL), alt: 'Poster of your video' }),
          h('a', { class: 'button', href: '#/v/' + video.id }, 'Watch it'),
          h('a', { class: 'button', href: '#/u/' + session.user.handle }, 'Your profile'));
        return;
      }
      if (video.status === 'failed') {
        statusLine.dataset.status = 'failed';
        statusLine.textContent = 'Processing failed: ' + sentence(video.failureReason ?? 'unknown reason');
        submit.disabled = false;
        return;
      }
    }
  }

  const form = h('form', {
    class: 'form', 'aria-label': 'Upload a video',
    onsubmit: async (event) => {
      event.preventDefault();
      error.textContent = '';
      if (!file) { error.textContent = 'Choose a video file first.'; return; }
      if (!captionBox.isValid()) { error.textContent = `Captions can be at most ${CAPTION_LIMIT} characters.`; return; }
      submit.disabled = true;
      result.replaceChildren();
      showProgress(0);
      progressBox.hidden = false;
      statusLine.dataset.status = 'uploading';
      statusLine.textContent = 'Uploading…';
      try {
        // 100 % means the server took the file, so the bytes sent count only up to 99 %.
        const video = await upload(file, { caption: captionBox.input.value, visibility: visibility.value },
          (fraction) => showProgress(fraction >= 1 ? 99 : Math.floor(fraction * 100)));
        showProgress(100);
        await watchProcessing(video);
      } catch (failure) {
        progressBox.hidden = true;
        showProgress(0);
        statusLine.dataset.status = 'failed';
        statusLine.textContent = '';
        error.textContent = failure.message;
        submit.disabled = false;
      }
    },
  },
  drop, input,
  captionBox.field,
  h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Who can watch'), visibility,
    isPrivateAccount && h('small', { class: 'hint' }, 'Your account is private, so your videos are for followers or only you.')),
  error, submit, progressBox, statusLine, result);

  const element = h('section', { class: 'page narrow' }, h('h1', {}, 'Upload a video'), form);
  return { element, title: 'Upload', cleanup: () => { stopped = true; } };
}
