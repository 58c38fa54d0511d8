import {
  SchedulerService,
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';

/** Hands the plugin's scheduler to a test, to run a task at once. */
export function captureScheduler(
  onScheduler: (scheduler: SchedulerService) => void,
) {
  return createBackendModule({
    pluginId: 'platform',
    moduleId: 'test-scheduler',
    register(env) {
      env.registerInit({
        deps: { scheduler: coreServices.scheduler },
        async init({ scheduler }) {
          onScheduler(scheduler);
        },
      });
    },
  });
}
