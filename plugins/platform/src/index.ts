/**
 * The self-service platform frontend plugin.
 *
 * @packageDocumentation
 */

export { platformPlugin as default } from './plugin';
export { platformApiRef } from './api/PlatformApi';
export type { PlatformApi } from './api/PlatformApi';
export { PlatformClient } from './api/PlatformClient';
export { requestProblems } from './api/requestProblems';
export type { RequestProblems } from './api/requestProblems';
export { ticketCategories } from './api/types';
export type {
  ApprovalQuery,
  HealthSummary,
  OfferingQuery,
  ProvisionTimeStats,
  ResourceQuery,
  SupportTicket,
  SurveyAnswer,
  SurveyStatus,
  TicketCategory,
} from './api/types';
export {
  EntityPlatformResourceStatusCard,
  EntityPlatformTeamResourcesCard,
  EntityPlatformUsedResourcesCard,
  PlatformPage,
  legacyPlatformPlugin,
} from './legacy';
