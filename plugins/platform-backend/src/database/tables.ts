/** The plugin's tables, named once. */
export const TABLES = {
  resources: 'platform_resources',
  events: 'platform_resource_events',
  quotaUsage: 'platform_quota_usage',
  approvals: 'platform_approvals',
  approvalGroups: 'platform_approval_groups',
} as const;
