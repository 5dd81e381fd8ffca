// Upload: choose or drop a file, caption and visibility; a progress bar while it uploads, then the
// processing status until the video is ready, or the server's reason when it fails.

import { api, mediaURL, session, upload } from '../api.js';
import { h } from '../ui.js';

const visibilities = [
  ['public', 'Public: anyone, and eligible for For You'],
  ['followers', 'Followers only'],
  ['private', 'Only me'],
];

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

  const captionInput = h('textarea', { name: 'caption', maxlength: 2200, rows: 3, placeholder: 'Say something, add #hashtags' });
  const counter = h('small', { class: 'hint' }, '0 / 2200');
  captionInput.addEventListener('input', () => { counter.textContent = `${captionInput.value.length} / 2200`; });
  const visibility = h('select', { name: 'visibility' },
    visibilities.map(([value, label]) => h('option', {
      value, disabled: value === 'public' && isPrivateAccount, selected: value === (isPrivateAccount ? 'followers' : 'public'),
    }, label)));

  const progress = h('progress', { class: 'upload-progress', max: 100, value: 0, 'aria-label': 'Upload progress' });
  const percent = h('span', { class: 'upload-percent' }, '0 %');
  const statusLine = h('p', { class: 'upload-status', role: 'status', 'aria-live': 'polite' });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const result = h('div', { class: 'upload-result' });
  const progressBox = h('div', { class: 'progress-box', hidden: true }, progress, percent);
  const submit = h('button', { class: 'button primary', type: 'submit' }, 'Post');

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
        result.replaceChildren(
          h('img', { class: 'result-poster', src: mediaURL(video.posterURL), alt: 'Poster of your video' }),
          h('a', { class: 'button', href: '#/v/' + video.id }, 'Watch it'),
          h('a', { class: 'button', href: '#/u/' + session.user.handle }, 'Your profile'));
        return;
      }
      if (video.status === 'failed') {
        statusLine.dataset.status = 'failed';
        statusLine.textContent = 'Processing failed: ' + (video.failureReason ?? 'unknown reason');
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
      submit.disabled = true;
      progressBox.hidden = false;
      statusLine.dataset.status = 'uploading';
      statusLine.textContent = 'Uploading…';
      try {
        const video = await upload(file, { caption: captionInput.value, visibility: visibility.value }, (fraction) => {
          const value = Math.round(fraction * 100);
          progress.value = value;
          percent.textContent = `${value} %`;
        });
        await watchProcessing(video);
      } catch (failure) {
        statusLine.dataset.status = 'failed';
        statusLine.textContent = '';
        error.textContent = failure.message;
        submit.disabled = false;
      }
    },
  },
  drop, input,
  h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Caption'), captionInput, counter),
  h('label', { class: 'field' }, h('span', { class: 'field-label' }, 'Who can watch'), visibility,
    isPrivateAccount && h('small', { class: 'hint' }, 'Your account is private, so your videos are for followers or only you.')),
  error, submit, progressBox, statusLine, result);

  const element = h('section', { class: 'page narrow' }, h('h1', {}, 'Upload a video'), form);
  return { element, title: 'Upload', cleanup: () => { stopped = true; } };
}
