// Inline SVG icons (emoji fonts are not everywhere, and these follow `currentColor`).

const SVG = 'http://www.w3.org/2000/svg';

/** Each icon: filled paths and stroked paths on a 24×24 grid. */
const shapes = {
  heart: { fill: ['M12 21s-7.5-4.6-10-9.3C.4 8.4 2.3 4.5 6 4.1c2.1-.2 3.8.9 6 3.2 2.2-2.3 3.9-3.4 6-3.2 3.7.4 5.6 4.3 4 7.6C19.5 16.4 12 21 12 21z'] },
  comment: { fill: ['M4 3h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H10l-6 4.5V17a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z'] },
  share: { fill: ['M14 4.5l7.5 7.5-7.5 7.5v-4.3c-5 0-8.6 1.6-11.5 5.3 1-5.6 4.3-10.5 11.5-11.4z'] },
  notInterested: { stroke: ['M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z', 'M5.7 5.7l12.6 12.6'] },
  why: { stroke: ['M12 3a9 9 0 1 0 0 18 9 9 0 0 0 0-18z', 'M9.5 9.3a2.6 2.6 0 1 1 3.4 2.5c-.6.3-.9.8-.9 1.5v.7'], fill: ['M11 16.5h2v2h-2z'] },
  muted: { fill: ['M3 9h4l5-4v14l-5-4H3z'], stroke: ['M16 9.5l5 5', 'M21 9.5l-5 5'] },
  sound: { fill: ['M3 9h4l5-4v14l-5-4H3z'], stroke: ['M15.5 9a4 4 0 0 1 0 6', 'M18 6.5a7.5 7.5 0 0 1 0 11'] },
  play: { fill: ['M7 4.5v15l13-7.5z'] },
  flag: { fill: ['M5 3h2v18H5z', 'M8 4h11l-2.5 4.5L19 13H8z'] },
  more: { fill: ['M5 10.2a1.8 1.8 0 1 0 0 3.6 1.8 1.8 0 0 0 0-3.6z', 'M12 10.2a1.8 1.8 0 1 0 0 3.6 1.8 1.8 0 0 0 0-3.6z', 'M19 10.2a1.8 1.8 0 1 0 0 3.6 1.8 1.8 0 0 0 0-3.6z'] },
};

/** An `<svg>` icon by name, hidden from assistive technology (buttons carry the label). */
export function icon(name) {
  const shape = shapes[name];
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'icon');
  for (const d of shape.fill ?? []) {
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', d);
    path.setAttribute('fill', 'currentColor');
    svg.append(path);
  }
  for (const d of shape.stroke ?? []) {
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', d);
    path.setAttribute('fill', 'none');
    path.setAttribute('stroke', 'currentColor');
    path.setAttribute('stroke-width', '2');
    path.setAttribute('stroke-linecap', 'round');
    svg.append(path);
  }
  return svg;
}
