import { PlatformApi } from '../api/PlatformApi';

/** The environments of a platform that configures none. */
const environments = ['development', 'staging', 'production'];

/**
 * A Platform API whose every call is a jest mock, failing unless given;
 * the environments are those of an unconfigured platform unless given.
 */
export function mockPlatformApi(
  overrides: Partial<PlatformApi> = {},
): jest.Mocked<PlatformApi> {
  const implementation: Partial<PlatformApi> = {
    listEnvironments: async () => environments,
    ...overrides,
  };
  const unexpected = (name: string) =>
    jest.fn(async () => {
      throw new Error(`Unexpected call of ${name}`);
    });
  const methods: (keyof PlatformApi)[] = [
    'listOfferings',
    'getOffering',
    'listEnvironments',
    'createResource',
    'checkCreateResource',
    'listResources',
    'getResource',
    'listResourceEvents',
    'listResourceDependents',
    'getResourceSecret',
    'updateResource',
    'checkUpdateResource',
    'deleteResource',
    'retryResource',
    'extendResource',
    'listApprovals',
    'listResourceApprovals',
    'approveResource',
    'rejectResource',
    'listPolicies',
    'listQuotas',
    'getTeamSpend',
    'getHealthSummary',
    'getSurveyStatus',
    'answerSurvey',
    'reportProblem',
    'listTickets',
  ];
  const api: Record<string, jest.Mock> = {};
  for (const method of methods) {
    const given = implementation[method] as
      | ((...args: unknown[]) => unknown)
      | undefined;
    api[method] = given ? jest.fn(given) : unexpected(method);
  }
  return api as unknown as jest.Mocked<PlatformApi>;
}
