import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
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
