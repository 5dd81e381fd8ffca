// Settings → Decisions about your content: each statement of reasons (DSA Art. 17) with every
// field the law asks for, and an "Appeal" action while the appeal window is open.

import { pager } from '../api.js';
import { pagedList } from '../paged-list.js';
import { h } from '../ui.js';
import { openAppeal } from './appeal.js';
import { restrictionLabels, ruleText, when } from './vocabulary.js';

function field(name, value) {
  return value && h('div', { class: 'sor-field' }, h('dt', {}, name), h('dd', {}, value));
}

function statementRow(statement, appealed) {
  const rule = h('span', {}, statement.ground?.ruleID ?? '');
  if (statement.ground?.ruleID) ruleText(statement.ground.ruleID, statement.ground.guidelinesVersion).then((text) => { rule.textContent = text; });
  const scope = (statement.territorialScope ?? []).map((code) => (code === 'worldwide' ? 'Worldwide' : code)).join(', ');
  const open = statement.status === 'active' && !appealed.has(statement.id) && Date.parse(statement.appeal?.until) > Date.now();
  const appealState = h('p', { class: 'sor-appeal-state' },
    appealed.has(statement.id) ? 'You appealed this decision; see My appeals.' : '');
  const appeal = open && h('button', {
    class: 'button primary appeal-button', type: 'button',
    onclick: () => openAppeal({ statementID: statement.id }, (restrictionLabels[statement.restriction] ?? statement.restriction).toLowerCase(), () => {
      appeal.remove();
      appealState.textContent = 'You appealed this decision; see My appeals.';
    }),
  }, 'Appeal');
  const target = statement.targetType === 'video' ? h('a', { href: '#/v/' + statement.targetID }, 'the video') : statement.targetType;
  return h('li', { class: 'statement', dataset: { statementId: statement.id, status: statement.status } },
    h('p', { class: 'statement-title' }, h('strong', {}, restrictionLabels[statement.restriction] ?? statement.restriction),
      statement.status === 'reversed' && h('span', { class: 'chip reversed' }, 'Reversed')),
    h('dl', { class: 'sor-fields' },
      field('About', target),
      field('Where', scope),
      field('From', when(statement.startsAt)),
      field('Until', statement.endsAt ? when(statement.endsAt) : 'No end date'),
      field('Facts', statement.facts),
      field('Rule', rule),
      field('Legal ground', statement.ground?.legalGround),
      field('Detected automatically', statement.automatedDetection ? 'Yes' : 'No'),
      field('Decided automatically', statement.automatedDecision ? 'Yes' : 'No'),
      field('How to appeal', statement.appeal && `${statement.appeal.how} You can appeal until ${when(statement.appeal.until)}.`)),
    appealState, appeal);
}

/** The statements of reasons about the user's content or account; `appealed` holds the IDs already appealed. */
export function statementsSection(appealed) {
  return h('div', { class: 'statements', id: 'statements' },
    pagedList(pager('/v1/me/statements', { limit: '20' }), (statement) => statementRow(statement, appealed), {
      label: 'Decisions about your content', emptyText: 'No moderation decisions about your content or account.',
    }).element);
}
