// Which rendition of a video to play: the smallest that fills the screen at its pixel density,
// and no more than the measured bandwidth carries. Videos without renditions play `mediaURL`.

/** Exponentially weighted download rate in bits per second, from recent media and poster downloads. */
let measuredBitsPerSecond = null;

/** Downloads smaller than this say more about latency than bandwidth, so they are not measured. */
const MIN_SAMPLE_BYTES = 64 * 1024;

/** Share of the estimated bandwidth a rendition's bitrate may use, leaving room for jitter. */
const BANDWIDTH_SHARE = 0.8;

/** Notes one download of `bytes` that took `ms` milliseconds. */
export function noteDownload(bytes, ms) {
  if (!(bytes >= MIN_SAMPLE_BYTES) || !(ms > 0)) return;
  const sample = (bytes * 8 * 1000) / ms;
  measuredBitsPerSecond = measuredBitsPerSecond === null ? sample : 0.7 * measuredBitsPerSecond + 0.3 * sample;
}

/**
 * The bandwidth estimate in bits per second: measured downloads first, else the browser's
 * `navigator.connection.downlink` hint (Mbit/s), else null (unknown).
 */
export function estimatedBandwidth() {
  if (measuredBitsPerSecond !== null) return measuredBitsPerSecond;
  const downlink = navigator.connection?.downlink;
  return downlink > 0 ? downlink * 1_000_000 : null;
}

// Resource timing covers <video> and <img> downloads, which fetch() never sees.
if (typeof PerformanceObserver === 'function' && PerformanceObserver.supportedEntryTypes?.includes('resource')) {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (!entry.name.includes('/v1/videos/')) continue;
      noteDownload(entry.transferSize || entry.encodedBodySize, entry.responseEnd - entry.requestStart);
    }
  }).observe({ type: 'resource', buffered: true });
}

/**
 * Picks what to play of `video` in a box of `width`×`height` CSS pixels at `pixelRatio`, with
 * `bandwidth` bits per second (null when unknown). Renditions are `{name, width, height, bitrate, url}`.
 * Returns `{url, name}`; `name` is null when the video has no renditions (then `url` is `mediaURL`).
 * The screen picks the smallest rendition at least 90 % as tall as the picture is shown
 * (`object-fit: contain`), the bandwidth the largest whose bitrate fits; the smaller of the two wins.
 */
export function pickRendition(video, { width, height, pixelRatio = 1, bandwidth = null }) {
  const renditions = Array.isArray(video.renditions)
    ? video.renditions.filter((rendition) => rendition?.url && rendition.height > 0 && rendition.width > 0)
    : [];
  if (renditions.length === 0) return { url: video.mediaURL, name: null };
  const ladder = [...renditions].sort((a, b) => a.height - b.height);
  const top = ladder[ladder.length - 1];
  const scale = Math.min(width / top.width, height / top.height);
  const shownHeight = top.height * scale * pixelRatio;
  let bySize = ladder.findIndex((rendition) => rendition.height >= shownHeight * 0.9);
  if (bySize < 0) bySize = ladder.length - 1;
  let byBandwidth = ladder.length - 1;
  if (bandwidth !== null && bandwidth > 0) {
    byBandwidth = 0;
    ladder.forEach((rendition, index) => { if ((rendition.bitrate ?? 0) <= bandwidth * BANDWIDTH_SHARE) byBandwidth = index; });
  }
  const chosen = ladder[Math.min(bySize, byBandwidth)];
  return { url: chosen.url, name: chosen.name };
}
