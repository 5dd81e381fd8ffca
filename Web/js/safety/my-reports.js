// Settings → My reports: what the user reported and where each report stands; a dismissed report
// can be appealed by its reporter.

import { pager } from '../api.js';
import { pagedList } from '../paged-list.js';
import { ago, h } from '../ui.js';
import { openAppeal } from './appeal.js';
import { guidelines, reportStatusLabels } from './vocabulary.js';

const nouns = { video: 'A video', comment: 'A comment', account: 'An account' };

function reportRow(report, titles) {
  const category = titles.get(report.category) ?? report.category;
  const status = h('strong', { class: 'report-status', dataset: { status: report.status } }, reportStatusLabels[report.status] ?? report.status);
  const appeal = report.status === 'dismissed' && h('button', {
    class: 'button appeal-button', type: 'button',
    onclick: () => openAppeal({ reportID: report.id }, `the dismissal of your report (${category})`, () => {
      appeal.remove();
      status.textContent = reportStatusLabels.appealed;
      status.dataset.status = 'appealed';
    }),
  }, 'Appeal');
  const target = report.targetType === 'video' ? h('a', { href: '#/v/' + report.targetID }, nouns.video) : nouns[report.targetType];
  return h('li', { class: 'my-report', dataset: { reportId: report.id } },
    h('p', {}, target, ` reported for “${category}” · ${ago(report.createdAt)}`),
    report.explanation && h('p', { class: 'muted' }, report.explanation),
    h('p', {}, 'Status: ', status, ' ', appeal));
}

/** The list of the user's reports with their status. */
export function myReportsSection() {
  const element = h('div', { class: 'my-reports', id: 'my-reports' });
  guidelines().catch(() => ({ reportCategories: [] })).then((document) => {
    const titles = new Map(document.reportCategories.map((category) => [category.id, category.title]));
    element.append(pagedList(pager('/v1/me/reports', { limit: '20' }), (report) => reportRow(report, titles), {
      label: 'My reports', emptyText: 'You have not reported anything. Use Report on a video, comment or profile.',
    }).element);
  });
  return element;
}
