/** The plugin's tables, named once. */
export const TABLES = {
  resources: 'platform_resources',
  events: 'platform_resource_events',
  dependencies: 'platform_resource_dependencies',
  quotaUsage: 'platform_quota_usage',
  pricedUsage: 'platform_priced_usage',
  healthChecks: 'platform_health_checks',
  surveyAnswers: 'platform_survey_answers',
  supportTickets: 'platform_support_tickets',
  approvals: 'platform_approvals',
  approvalGroups: 'platform_approval_groups',
} as const;
