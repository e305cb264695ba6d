import { STATUSES, type IssueModel } from './issues.ts';

/**
 * An issue before its last change (`updated`), as Jira search shows it then: To Do from its creation,
 * done from its resolution when that came before the last change (a later edit of a done issue).
 * Priority, type, links and summary are the final ones: set at creation, not modelled as changing.
 */
export function issueVersionTimes(i: IssueModel): number[] {
  const times = [i.created];
  if (i.resolved !== null && i.resolved > i.created) times.push(i.resolved);
  return times.filter((x) => x < i.updated);
}

export function issueAsOf(i: IssueModel, time: number): IssueModel {
  if (i.resolved !== null && time >= i.resolved) return { ...i, updated: time };
  return { ...i, updated: time, status: STATUSES.open!, resolved: null };
}
