// The words of trust and safety shared by the user's screens and the moderator console: the
// region's community guidelines (rules and report categories, from GET /v1/guidelines) and how
// actions, restrictions and states read in a sentence.

import { api, queryString } from '../api.js';

const loaded = new Map();

/**
 * The current guidelines of `region` (`us`, `eu`, `global`; null: the caller's region, or
 * `global` for a guest) as `{region, version, publishedAt, markdown, rules: [{id, title}],
 * reportCategories: [{id, title, anonymousAllowed}]}`, fetched once per page load.
 */
export function guidelines(region = null) {
  const key = region ?? '';
  if (!loaded.has(key)) {
    const path = '/v1/guidelines' + (region ? '?' + queryString({ region }) : '');
    loaded.set(key, api('GET', path).catch((error) => { loaded.delete(key); throw error; }));
  }
  return loaded.get(key);
}

/** The region a rule ID names (`us-hate-1` → `us`), or null. */
export function ruleRegion(ruleID) {
  const region = /^(us|eu|global)-/u.exec(ruleID ?? '')?.[1];
  return region ?? null;
}

/** "us-hate-1 (version 2026-11-01): Hateful conduct", with the title when the guidelines have it. */
export async function ruleText(ruleID, version) {
  let title = null;
  try {
    const document = await guidelines(ruleRegion(ruleID));
    title = document.rules.find((rule) => rule.id === ruleID)?.title ?? null;
  } catch { /* the ID alone still names the rule */ }
  return `${ruleID}${version ? ` (version ${version})` : ''}${title ? `: ${title}` : ''}`;
}

/** What each moderation action does, as a moderator and an affected user read it. */
export const actionLabels = {
  remove: 'Remove the video',
  restrict_adults: 'Restrict to adults',
  label_unverified: 'Label as unverified',
  demote: 'Leave out of For You',
  remove_comment: 'Remove the comment',
  suspend: 'Suspend the account',
  terminate: 'Terminate the account',
  dismiss: 'Dismiss: no violation',
};

/** The restriction of a statement of reasons, as the affected user reads it. */
export const restrictionLabels = {
  remove: 'Your video was removed',
  restrict_adults: 'Your video is shown to adults only',
  label_unverified: 'Your video is labelled unverified and left out of For You and Popular',
  demote: 'Your video is left out of For You',
  remove_comment: 'Your comment was removed',
  suspend: 'Your account is suspended',
  terminate: 'Your account is terminated',
};

/** Which targets each action applies to (as ModerationActionKind.appliesTo on the server). */
export const actionTargets = {
  remove: ['video'],
  restrict_adults: ['video'],
  label_unverified: ['video'],
  demote: ['video'],
  remove_comment: ['comment'],
  suspend: ['account'],
  terminate: ['account'],
  dismiss: ['video', 'comment', 'account'],
};

/** A report's status in words. */
export const reportStatusLabels = {
  open: 'Under review',
  actioned: 'Action taken',
  dismissed: 'No violation found',
  appealed: 'Appealed',
};

/** An appeal's status in words. */
export const appealStatusLabels = {
  pending: 'Pending',
  upheld: 'Upheld: the decision was reversed',
  rejected: 'Rejected: the decision stands',
};

/** A date and time for display (the ISO text itself when it does not parse). */
export function when(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso ?? '') : date.toLocaleString();
}
