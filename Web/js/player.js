// The vertical player: one full-screen video at a time, scroll-snap and swipe, arrow keys and J/K,
// muted autoplay with tap to unmute and a sound toggle, tap to pause, double tap to like, a seek
// bar, the next video preloaded in the rendition that suits the screen and network, and watch
// reports for telemetry.

import { api, mediaURL, session } from './api.js';
import { openComments } from './comments.js';
import { CreatorFollows, followLabels, showFollowState } from './follow.js';
import { icon } from './icons.js';
import { takePendingAction, signInFor } from './pending.js';
import { DOUBLE_TAP_MS, heartBurst, pausedSign, seekBar, showSound, soundButton } from './player-controls.js';
import { estimatedBandwidth, pickRendition } from './rendition.js';
import { videoNotices } from './safety/labels.js';
import { openReport } from './safety/report.js';
import { flush, recordWatch } from './telemetry.js';
import { caption, count, h, isTyping, toast } from './ui.js';
import { openWhy, shareVideo } from './video-actions.js';
import { openManageSheet } from './video-manage.js';

/** Whether sound is off; shared by every player so an unmute lasts while the user browses. */
let muted = true;

/** Whether the viewer has chosen sound on or off; until then a tap on the video unmutes. */
let soundChosen = false;

/** Videos the viewer marked "not for me" in this page's life: no feed shows them again. */
const dismissed = new Set();

/** The chip on a video For You brings back because nothing new is left, by its `source`. */
const shownAgain = { watched_before: 'Watched before', seen_before: 'Seen before' };

/** Slides farther than this from the current one drop their media to free memory. */
const KEEP_LOADED = 3;

/**
 * A feed of full-screen videos. `source(cursor)` resolves to `{items, nextCursor}` where each item
 * is `{video, reason?, source?}`; `startID` picks the first video to show. Where the page's address
 * names a video, `routeOf(video)` is that address and `emptyRoute` the one to use once no video is
 * left: when the named video leaves the feed (deleted, "not for me"), the address is replaced by the
 * next one's, so a reload never points at a video that is gone.
 */
export class Player {
  constructor({ source, emptyText = 'Nothing to watch yet.', startID = null, label = 'Videos', routeOf = null, emptyRoute = '#/' }) {
    this.source = source;
    this.emptyText = emptyText;
    this.startID = startID;
    this.routeOf = routeOf;
    this.emptyRoute = emptyRoute;
    this.slides = [];
    this.active = -1;
    this.cursor = null;
    this.finished = false;
    this.loading = null;
    this.follows = new CreatorFollows((handle, state) => this.showFollow(handle, state));
    this.element = h('div', { class: 'feed', role: 'feed', 'aria-label': label, 'aria-busy': 'true', tabindex: '0' });
    this.status = h('p', { class: 'feed-status' }, 'Loading…');
    this.element.append(this.status);
    this.observer = new IntersectionObserver((entries) => this.onIntersect(entries), { root: this.element, threshold: [0.6] });
    this.onKey = (event) => this.key(event);
    this.onHidden = () => {
      if (document.visibilityState !== 'hidden') return;
      const slide = this.slides[this.active];
      if (slide) { this.finishWatch(slide, false); flush({ keepalive: true }); }
    };
  }

  /** Puts the player into `container` and loads the first page. */
  mount(container) {
    container.append(this.element);
    document.addEventListener('keydown', this.onKey);
    document.addEventListener('visibilitychange', this.onHidden);
    this.loadMore().then(() => {
      const start = this.startID ? Math.max(0, this.slides.findIndex((slide) => slide.video.id === this.startID)) : 0;
      if (this.slides[start]) this.element.scrollTop = this.slides[start].element.offsetTop - this.element.offsetTop;
      this.element.focus({ preventScroll: true });
      if (this.slides[start]) this.applyPending(this.slides[start]);
    });
  }

  /** Applies what a guest tapped on `slide` before signing in (see pending.js). */
  applyPending(slide) {
    const action = session.token ? takePendingAction(slide.video.id) : null;
    if (action === 'like' && slide.like.getAttribute('aria-pressed') !== 'true') this.toggleLike(slide);
    if (action === 'follow' && slide.follow) this.toggleFollow(slide, true);
    if (action === 'notInterested' && slide.notInterested) this.notInterested(slide);
  }

  /** Stops playback, reports the current watch and detaches listeners. */
  destroy() {
    const slide = this.slides[this.active];
    if (slide) this.finishWatch(slide, false);
    for (const other of this.slides) other.media.pause();
    this.observer.disconnect();
    document.removeEventListener('keydown', this.onKey);
    document.removeEventListener('visibilitychange', this.onHidden);
  }

  async loadMore() {
    if (this.finished) return;
    if (this.loading) return this.loading;
    this.loading = (async () => {
      try {
        const page = await this.source(this.cursor);
        const known = new Set(this.slides.map((slide) => slide.video.id));
        for (const item of page.items) {
          // For You brings videos back (marked) once nothing new is left: those may repeat earlier slides.
          if (item.video.status !== 'ready' || (known.has(item.video.id) && !shownAgain[item.source]) || dismissed.has(item.video.id)) continue;
          known.add(item.video.id);
          this.add(item);
        }
        this.cursor = page.nextCursor;
        this.finished = !page.nextCursor;
        this.status.textContent = this.slides.length === 0 ? this.emptyText : (this.finished ? "You're all caught up." : '');
        // Only the final message is a snap target: Chrome re-snaps to the element it last snapped to,
        // so a "Loading…" target would drag the feed along as slides are inserted before it.
        this.status.classList.toggle('snap-end', this.finished);
        this.element.append(this.status);
      } catch (error) {
        this.status.textContent = error.message;
        this.finished = true;
        this.status.classList.add('snap-end');
        this.element.append(this.status);
      } finally {
        this.loading = null;
        this.element.setAttribute('aria-busy', 'false');
      }
    })();
    return this.loading;
  }

  add(item) {
    const video = item.video;
    const media = h('video', {
      class: 'media', playsinline: true, preload: 'none', poster: video.posterURL ? mediaURL(video.posterURL) : null,
      'aria-label': `Video by @${video.creator.handle}`,
    });
    media.muted = muted;
    const slide = { item, video, media, watchedMs: 0, lastTime: 0, plays: 0, index: this.slides.length, tapTimer: null };
    const me = session.user;
    const isMine = !!me && me.id === video.creator.id;

    slide.unmute = h('button', {
      class: 'chip unmute', type: 'button', hidden: !muted || soundChosen, onclick: () => this.setMuted(false),
    }, icon('muted'), ' Tap to unmute');
    slide.sound = soundButton(muted, () => this.setMuted(!muted));
    slide.likeCount = h('span', { class: 'rail-count' }, count(video.likeCount));
    slide.like = h('button', {
      class: 'rail-button like', type: 'button', 'aria-label': 'Like', 'aria-pressed': String(!!video.likedByMe),
      onclick: () => this.toggleLike(slide),
    }, h('span', { class: 'rail-icon' }, icon('heart')), slide.likeCount);
    const commentCount = h('span', { class: 'rail-count' }, count(video.commentCount));
    const comments = h('button', {
      class: 'rail-button comments', type: 'button', 'aria-label': 'Comments',
      onclick: () => openComments(video, (delta) => { video.commentCount += delta; commentCount.textContent = count(video.commentCount); }),
    }, h('span', { class: 'rail-icon' }, icon('comment')), commentCount);
    const shareCount = h('span', { class: 'rail-count' }, count(video.shareCount));
    const share = h('button', {
      class: 'rail-button share', type: 'button', 'aria-label': 'Share', onclick: () => shareVideo(slide.video, shareCount),
    }, h('span', { class: 'rail-icon' }, icon('share')), shareCount);
    slide.follow = isMine ? null : h('button', {
      class: 'chip follow', type: 'button', onclick: () => this.toggleFollow(slide),
    }, followLabels.none);
    slide.notInterested = isMine ? null : h('button', {
      class: 'rail-button not-interested', type: 'button', 'aria-label': 'Not interested', onclick: () => this.notInterested(slide),
    }, h('span', { class: 'rail-icon' }, icon('notInterested')), h('span', { class: 'rail-count' }, 'Not for me'));
    const manage = isMine && h('button', {
      class: 'rail-button manage', type: 'button', 'aria-label': 'Edit or delete your video', onclick: () => this.manage(slide),
    }, h('span', { class: 'rail-icon' }, icon('more')), h('span', { class: 'rail-count' }, 'Edit'));
    const why = h('button', {
      class: 'rail-button why', type: 'button', 'aria-label': 'Why this video', onclick: () => openWhy(slide.item, slide.video),
    }, h('span', { class: 'rail-icon' }, icon('why')), h('span', { class: 'rail-count' }, 'Why'));
    const report = !isMine && h('button', {
      class: 'rail-button report', type: 'button', 'aria-label': 'Report',
      onclick: () => openReport({ type: 'video', id: video.id }, '#/v/' + video.id),
    }, h('span', { class: 'rail-icon' }, icon('flag')), h('span', { class: 'rail-count' }, 'Report'));
    const failure = h('p', { class: 'media-error', hidden: true }, 'This video cannot be played.');
    slide.caption = caption(video);

    slide.element = h('article', { class: 'slide', dataset: { videoId: video.id }, 'aria-label': `@${video.creator.handle}: ${video.caption}` },
      media, pausedSign(), slide.unmute, slide.sound, failure,
      h('div', { class: 'overlay' },
        videoNotices(video),
        h('div', { class: 'creator-line' },
          h('a', { class: 'creator', href: '#/u/' + video.creator.handle }, '@' + video.creator.handle), slide.follow),
        shownAgain[item.source] && h('p', { class: 'chip shown-again' }, shownAgain[item.source]),
        slide.caption),
      h('div', { class: 'rail' }, slide.like, comments, share, slide.notInterested ?? manage, why, report),
      seekBar(media));

    media.addEventListener('click', (event) => this.tap(slide, event));
    media.addEventListener('pause', () => {
      if (!media.ended) slide.element.toggleAttribute('data-paused', this.slides[this.active] === slide);
    });
    media.addEventListener('play', () => slide.element.removeAttribute('data-paused'));
    media.addEventListener('seeked', () => { slide.lastTime = media.currentTime; });
    media.addEventListener('timeupdate', () => {
      const delta = media.currentTime - slide.lastTime;
      if (delta > 0 && delta < 2) slide.watchedMs += delta * 1000;
      slide.lastTime = media.currentTime;
    });
    media.addEventListener('ended', () => {
      this.finishWatch(slide, true);
      slide.plays += 1;
      slide.lastTime = 0;
      media.currentTime = 0;
      if (this.slides[this.active] === slide) media.play().catch(() => {});
    });
    media.addEventListener('error', () => { if (media.getAttribute('src')) failure.hidden = false; });

    this.slides.push(slide);
    this.element.append(slide.element);
    this.observer.observe(slide.element);
  }

  /**
   * A tap on the video. Two taps within DOUBLE_TAP_MS like it (with a heart where the second
   * landed); a single tap unmutes until the viewer has chosen sound, and then pauses or plays.
   */
  tap(slide, event) {
    if (slide.tapTimer) {
      clearTimeout(slide.tapTimer);
      slide.tapTimer = null;
      const box = slide.element.getBoundingClientRect();
      heartBurst(slide.element, event.clientX - box.left, event.clientY - box.top);
      if (slide.like.getAttribute('aria-pressed') !== 'true') this.toggleLike(slide);
      return;
    }
    slide.tapTimer = setTimeout(() => {
      slide.tapTimer = null;
      if (muted && !soundChosen) this.setMuted(false);
      else if (slide.media.paused) slide.media.play().catch(() => {});
      else slide.media.pause();
    }, DOUBLE_TAP_MS);
  }

  onIntersect(entries) {
    for (const entry of entries) {
      if (!entry.isIntersecting || entry.intersectionRatio < 0.6) continue;
      const index = this.slides.findIndex((slide) => slide.element === entry.target);
      if (index >= 0) this.activate(index);
    }
  }

  activate(index) {
    if (index === this.active) return;
    const previous = this.slides[this.active];
    if (previous) {
      previous.media.pause();
      this.finishWatch(previous, false);
      delete previous.element.dataset.active;
    }
    this.active = index;
    const slide = this.slides[index];
    slide.element.dataset.active = 'true';
    this.load(slide, 'auto');
    slide.lastTime = slide.media.currentTime;
    slide.media.muted = muted;
    slide.unmute.hidden = !muted || soundChosen;
    showSound(slide.sound, muted);
    slide.media.play().catch(() => { /* autoplay refused or interrupted: the user can tap */ });
    if (this.slides[index + 1]) this.load(this.slides[index + 1], 'auto');
    for (const other of this.slides) {
      if (Math.abs(other.index - index) > KEEP_LOADED && other.media.getAttribute('src')) {
        other.media.removeAttribute('src');
        other.media.load();
      }
    }
    this.refreshFollow(slide);
    if (index >= this.slides.length - 3) this.loadMore();
  }

  /** Gives `slide` its media: the rendition that suits this screen and the measured bandwidth. */
  load(slide, preload) {
    slide.media.preload = preload;
    if (slide.media.getAttribute('src')) return;
    const box = this.element.getBoundingClientRect();
    const choice = pickRendition(slide.video, {
      width: box.width || window.innerWidth, height: box.height || window.innerHeight,
      pixelRatio: window.devicePixelRatio || 1, bandwidth: estimatedBandwidth(),
    });
    if (choice.name) slide.element.dataset.rendition = choice.name;
    slide.media.src = mediaURL(choice.url);
  }

  /** Reports what was watched of `slide` since the last report. */
  finishWatch(slide, completed) {
    const durationMs = Number.isFinite(slide.media.duration) ? slide.media.duration * 1000 : slide.video.durationMs;
    if (completed) slide.watchedMs = Math.max(slide.watchedMs, durationMs * 0.95);
    if (slide.watchedMs >= 250 || completed) {
      recordWatch({ videoID: slide.video.id, watchedMs: slide.watchedMs, durationMs, completed, replayed: slide.plays > 0 });
    }
    slide.watchedMs = 0;
  }

  /** Scrolls to the slide `step` away from the current one. */
  step(step) {
    const target = this.slides[Math.min(this.slides.length - 1, Math.max(0, this.active + step))];
    target?.element.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }

  /** Turns sound on or off for every slide (the choice lasts while the viewer browses). */
  setMuted(value) {
    muted = value;
    soundChosen = true;
    for (const slide of this.slides) {
      slide.media.muted = value;
      slide.unmute.hidden = true;
      showSound(slide.sound, value);
    }
  }

  key(event) {
    if (isTyping(event) || document.querySelector('dialog[open]') || event.metaKey || event.ctrlKey || event.altKey) return;
    const slide = this.slides[this.active];
    switch (event.key) {
      case 'ArrowDown': case 'j': case 'J': this.step(1); break;
      case 'ArrowUp': case 'k': case 'K': this.step(-1); break;
      case 'm': case 'M': this.setMuted(!muted); break;
      case ' ':
        if (!slide) return;
        if (slide.media.paused) slide.media.play().catch(() => {}); else slide.media.pause();
        break;
      default: return;
    }
    event.preventDefault();
  }

  /** True when signed in; otherwise sends the guest to sign in, to come back and do `action`. */
  requireSignIn(action, slide) {
    if (session.token) return true;
    signInFor(action, slide.video);
    return false;
  }

  async toggleLike(slide) {
    if (!this.requireSignIn('like', slide)) return;
    const liked = slide.like.getAttribute('aria-pressed') !== 'true';
    try {
      const state = await api(liked ? 'PUT' : 'DELETE', `/v1/videos/${slide.video.id}/like`);
      slide.like.setAttribute('aria-pressed', String(state.liked));
      slide.video.likeCount = state.likeCount;
      slide.likeCount.textContent = count(state.likeCount);
    } catch (error) { toast(error.message); }
  }

  refreshFollow(slide) {
    if (slide.follow && session.token) this.follows.refresh(slide.video.creator.handle);
  }

  /** Shows `state` (`none`, `requested`, `following`) on the follow chip of every slide of `handle`. */
  showFollow(handle, state) {
    for (const slide of this.slides) {
      if (slide.follow && slide.video.creator.handle === handle) showFollowState(slide.follow, state);
    }
  }

  /**
   * Follows (or asks to follow a private account) or unfollows the creator of `slide`; `follow`
   * forces following (a guest's pending tap).
   */
  async toggleFollow(slide, follow = slide.follow.getAttribute('aria-pressed') !== 'true') {
    if (!this.requireSignIn('follow', slide)) return;
    try {
      const state = await this.follows.set(slide.video.creator.handle, follow);
      if (state === 'requested') toast('Follow request sent. You will see their videos once they approve it.');
    } catch (error) { toast(error.message); }
  }

  /** Marks `slide` "not for me": the server learns it, and the video leaves this feed at once. */
  async notInterested(slide) {
    if (!this.requireSignIn('notInterested', slide)) return;
    try {
      await api('POST', `/v1/videos/${slide.video.id}/not-interested`);
      dismissed.add(slide.video.id);
      toast("Got it: you'll see fewer videos like this.");
      this.remove(slide);
    } catch (error) { toast(error.message); }
  }

  /** The edit/delete sheet of one's own video. */
  manage(slide) {
    openManageSheet(slide.video, {
      onSaved: (video) => {
        slide.video = { ...slide.video, ...video };
        const updated = caption(slide.video);
        slide.caption.replaceWith(updated);
        slide.caption = updated;
      },
      onDeleted: () => this.remove(slide),
    });
  }

  /** Takes `slide` out of the feed; the next one moves up into view and becomes active. */
  remove(slide) {
    const wasActive = this.slides[this.active] === slide;
    if (wasActive) this.finishWatch(slide, false);
    slide.media.pause();
    slide.media.removeAttribute('src');
    this.observer.unobserve(slide.element);
    slide.element.remove();
    this.slides.splice(this.slides.indexOf(slide), 1);
    this.slides.forEach((other, index) => { other.index = index; });
    const next = this.slides[Math.min(slide.index, this.slides.length - 1)];
    if (this.routeOf && location.hash === this.routeOf(slide.video)) {
      history.replaceState(history.state, '', next ? this.routeOf(next.video) : this.emptyRoute);
    }
    if (!wasActive) {
      this.active = this.slides.findIndex((other) => other.element.dataset.active);
      return;
    }
    this.active = -1;
    if (next) this.activate(next.index);
    else this.status.textContent = this.emptyText;
  }

}
