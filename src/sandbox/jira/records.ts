import { PROJECTS, type IssueModel } from '../dataset/issues.ts';
import { jiraDatetime } from './datetime.ts';

/**
 * Issues as Jira Cloud REST v3 returns them from search: id, key, self and only the requested
 * fields (the enhanced search returns ids only unless asked). `*all` and `*navigable` mean every
 * field the sandbox models; `-field` removes one.
 */
export const ISSUE_FIELDS = [
  'summary',
  'issuetype',
  'priority',
  'status',
  'created',
  'updated',
  'resolutiondate',
  'resolution',
  'project',
  'labels',
  'customfield_10050',
  'customfield_10051',
] as const;

const CATEGORY = {
  new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
} as const;
const PRIORITY_IDS: Record<string, string> = { Highest: '1', High: '2', Medium: '3', Low: '4', Lowest: '5' };
const TYPE_IDS: Record<string, string> = { Bug: '10004', Story: '10001', Task: '10002' };

/** Which fields a `fields` list selects (Jira's default for search/jql is ids only). */
export function selectFields(requested: string[] | undefined): Set<string> {
  const out = new Set<string>();
  for (const raw of (requested ?? []).flatMap((f) => f.split(','))) {
    const f = raw.trim();
    if (f === '*all' || f === '*navigable') for (const x of ISSUE_FIELDS) out.add(x);
    else if (f.startsWith('-')) out.delete(f.slice(1));
    else if ((ISSUE_FIELDS as readonly string[]).includes(f)) out.add(f);
  }
  return out;
}

function fieldValue(issue: IssueModel, field: string, origin: string, tz: string): unknown {
  const api = `${origin}/rest/api/3`;
  switch (field) {
    case 'summary':
      return issue.summary;
    case 'issuetype':
      return {
        self: `${api}/issuetype/${TYPE_IDS[issue.type]}`,
        id: TYPE_IDS[issue.type],
        description: '',
        iconUrl: `${origin}/images/icons/issuetypes/${issue.type.toLowerCase()}.svg`,
        name: issue.type,
        subtask: false,
        hierarchyLevel: 0,
      };
    case 'priority':
      return {
        self: `${api}/priority/${PRIORITY_IDS[issue.priority]}`,
        iconUrl: `${origin}/images/icons/priorities/${issue.priority.toLowerCase()}.svg`,
        name: issue.priority,
        id: PRIORITY_IDS[issue.priority],
      };
    case 'status': {
      const c = CATEGORY[issue.status.category];
      return {
        self: `${api}/status/${issue.status.id}`,
        description: '',
        iconUrl: `${origin}/`,
        name: issue.status.name,
        id: issue.status.id,
        statusCategory: { self: `${api}/statuscategory/${c.id}`, ...c },
      };
    }
    case 'created':
      return jiraDatetime(issue.created, tz);
    case 'updated':
      return jiraDatetime(issue.updated, tz);
    case 'resolutiondate':
      return issue.resolved === null ? null : jiraDatetime(issue.resolved, tz);
    case 'resolution':
      return issue.resolved === null
        ? null
        : { self: `${api}/resolution/10000`, id: '10000', description: 'Work has been done.', name: 'Done' };
    case 'project': {
      const p = PROJECTS[issue.project];
      return {
        self: `${api}/project/${p.id}`,
        id: p.id,
        key: issue.project,
        name: p.name,
        projectTypeKey: 'software',
        simplified: false,
      };
    }
    case 'labels':
      return [];
    case 'customfield_10050':
      return issue.accountField;
    case 'customfield_10051':
      return issue.ticketField;
    default:
      return undefined;
  }
}

export function issueJson(
  issue: IssueModel,
  fields: Set<string>,
  origin: string,
  tz: string,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    expand: 'renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations',
    id: issue.id,
    self: `${origin}/rest/api/3/issue/${issue.id}`,
    key: issue.key,
  };
  if (fields.size) {
    const values: Record<string, unknown> = {};
    for (const f of fields) values[f] = fieldValue(issue, f, origin, tz);
    out['fields'] = values;
  }
  return out;
}
