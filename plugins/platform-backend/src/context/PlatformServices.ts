import {
  ActionsRegistryService,
} from '@backstage/backend-plugin-api/alpha';
import {
  AuditorService,
  AuthService,
  DatabaseService,
  LifecycleService,
  LoggerService,
  PermissionsRegistryService,
  PermissionsService,
  RootConfigService,
  SchedulerService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { EventsService } from '@backstage/plugin-events-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { Offering } from '@idp-kit/plugin-platform-common';
import { PlatformPolicy } from '@idp-kit/plugin-platform-node';
import { ProvisionerRegistry } from '../provisioning/ProvisionerRegistry';

/** The services of the backend the platform is built from. */
export interface PlatformServices {
  config: RootConfigService;
  logger: LoggerService;
  database: DatabaseService;
  auditor: AuditorService;
  userInfo: UserInfoService;
  auth: AuthService;
  permissions: PermissionsService;
  permissionsRegistry: PermissionsRegistryService;
  scheduler: SchedulerService;
  lifecycle: LifecycleService;
  catalog: CatalogService;
  events: EventsService;
  actionsRegistry: ActionsRegistryService;
  notifications: NotificationService;
}

/** What backend modules contributed through the extension points. */
export interface PlatformContributions {
  offerings: { source: string; offerings: Offering[] }[];
  policies: PlatformPolicy[];
  provisioners: ProvisionerRegistry;
}
