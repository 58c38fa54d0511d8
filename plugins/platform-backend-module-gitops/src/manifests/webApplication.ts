import { InputError } from '@backstage/errors';
import { PlatformResource } from '@idp-kit/plugin-platform-common';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { Service } from 'kubernetes-models/v1';
import { checkResourceNames } from '../resourcePath';
import { findObject } from './findObject';
import { namespaceFor, resourceLabels, selectorLabels } from './labels';
import { withDefaults } from './offeringDefaults';
import { validated } from './validated';
import { KubernetesObject, OfferingManifests, RenderOptions } from './types';

const OFFERING = 'web-application';
const CONTAINER_NAME = 'app';
const CONTAINER_PORT = 8080;
const SERVICE_PORT = 80;

/**
 * The autoscaler may grow a web application to this multiple of its
 * requested replicas, and never beyond {@link MAX_REPLICAS_CAP}, so that one
 * team's load cannot take a whole cluster.
 */
export const MAX_REPLICAS_FACTOR = 2;
/** Upper bound of any web application's autoscaler: twice the offering's 10 replicas. */
export const MAX_REPLICAS_CAP = 20;
/** Average CPU use, as a share of the request, that the autoscaler aims for. */
const TARGET_CPU_UTILIZATION = 80;

/** The most replicas the autoscaler may run for a requested count. */
export function maxReplicasFor(replicas: number): number {
  return Math.max(
    replicas,
    Math.min(replicas * MAX_REPLICAS_FACTOR, MAX_REPLICAS_CAP),
  );
}

/**
 * Renders a web application as a Deployment, a Service, a
 * HorizontalPodAutoscaler and a PodDisruptionBudget.
 *
 * @throws InputError when the names are not DNS labels or an object fails
 * its schema, for example because of an invalid CPU quantity
 * @public
 */
export function renderWebApplication(
  resource: PlatformResource,
  options: RenderOptions,
): KubernetesObject[] {
  checkResourceNames(resource);
  const config = withDefaults(OFFERING, resource.config);
  const replicas = config.replicas;
  // The schema allows 0 and any number; the offering means 1 or more pods.
  if (
    typeof replicas !== 'number' ||
    !Number.isInteger(replicas) ||
    replicas < 1
  ) {
    throw new InputError(
      `replicas must be a whole number of at least 1, not ${JSON.stringify(
        replicas,
      )}`,
    );
  }
  const metadata = {
    name: resource.name,
    namespace: namespaceFor(resource.team, resource.environment),
    labels: resourceLabels(resource),
  };
  const selector = selectorLabels(resource);

  const deployment = new Deployment({
    metadata,
    spec: {
      // No replica count: the autoscaler owns it, and a count here would
      // make Argo CD or Flux scale the application back on every sync.
      selector: { matchLabels: selector },
      template: {
        metadata: { labels: resourceLabels(resource) },
        spec: {
          securityContext: {
            runAsNonRoot: true,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [
            {
              name: CONTAINER_NAME,
              image: options.image,
              ports: [
                {
                  name: 'http',
                  containerPort: CONTAINER_PORT,
                  protocol: 'TCP',
                },
              ],
              resources: {
                requests: {
                  cpu: config.cpu as string,
                  memory: config.memory as string,
                },
                // Memory cannot be taken back from a running pod; CPU can,
                // so CPU gets no limit and is not throttled.
                limits: { memory: config.memory as string },
              },
              readinessProbe: { tcpSocket: { port: 'http' } },
              securityContext: {
                allowPrivilegeEscalation: false,
                capabilities: { drop: ['ALL'] },
              },
            },
          ],
        },
      },
    },
  });

  const service = new Service({
    metadata,
    spec: {
      type: 'ClusterIP',
      selector,
      ports: [
        {
          name: 'http',
          port: SERVICE_PORT,
          targetPort: 'http',
          protocol: 'TCP',
        },
      ],
    },
  });

  const autoscaler = new HorizontalPodAutoscaler({
    metadata,
    spec: {
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: resource.name,
      },
      minReplicas: replicas,
      maxReplicas: maxReplicasFor(replicas),
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: {
              type: 'Utilization',
              averageUtilization: TARGET_CPU_UTILIZATION,
            },
          },
        },
      ],
    },
  });

  const disruptionBudget = new PodDisruptionBudget({
    metadata,
    spec: {
      // One pod at a time works for any replica count, and never blocks
      // a node drain the way minAvailable equal to replicas would.
      maxUnavailable: 1,
      selector: { matchLabels: selector },
    },
  });

  return [deployment, service, autoscaler, disruptionBudget].map(validated);
}

/**
 * Reads replicas, CPU and memory back from a web application's objects.
 *
 * @throws NotFoundError when the Deployment or the autoscaler is missing
 */
export function readWebApplicationConfig(
  objects: KubernetesObject[],
): Record<string, unknown> {
  const deployment = findObject(objects, 'Deployment');
  const autoscaler = findObject(objects, 'HorizontalPodAutoscaler');
  const containers: any[] = deployment.spec?.template?.spec?.containers ?? [];
  const container =
    containers.find(c => c?.name === CONTAINER_NAME) ?? containers[0];
  const requests = container?.resources?.requests ?? {};
  const config: Record<string, unknown> = {};
  if (typeof autoscaler.spec?.minReplicas === 'number') {
    config.replicas = autoscaler.spec.minReplicas;
  }
  if (requests.cpu !== undefined) {
    config.cpu = String(requests.cpu);
  }
  if (requests.memory !== undefined) {
    config.memory = String(requests.memory);
  }
  return config;
}

/** The in-cluster URL of a web application's Service. */
export function webApplicationOutputs(
  resource: PlatformResource,
): Record<string, unknown> {
  const namespace = namespaceFor(resource.team, resource.environment);
  return {
    serviceUrl: `http://${resource.name}.${namespace}.svc.cluster.local`,
  };
}

/**
 * Manifests of the `web-application` offering.
 *
 * @public
 */
export const webApplicationManifests: OfferingManifests = {
  render: renderWebApplication,
  readConfig: readWebApplicationConfig,
  outputs: webApplicationOutputs,
};
