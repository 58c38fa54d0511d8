import { renderOptions, webApplication } from '../__testUtils__/resources';
import { fromManifestFiles, toManifestFiles } from './manifestFiles';
import {
  maxReplicasFor,
  readWebApplicationConfig,
  renderWebApplication,
  webApplicationOutputs,
} from './webApplication';

function byKind(objects: ReturnType<typeof renderWebApplication>) {
  return Object.fromEntries(objects.map(o => [o.kind, o])) as Record<
    string,
    any
  >;
}

describe('renderWebApplication', () => {
  it('renders a Deployment, Service, autoscaler and disruption budget', () => {
    const objects = renderWebApplication(webApplication(), renderOptions);

    expect(objects.map(o => `${o.apiVersion} ${o.kind}`)).toEqual([
      'apps/v1 Deployment',
      'v1 Service',
      'autoscaling/v2 HorizontalPodAutoscaler',
      'policy/v1 PodDisruptionBudget',
    ]);
    const labels = {
      'app.kubernetes.io/name': 'storefront',
      'app.kubernetes.io/managed-by': 'backstage-platform',
      'platform.backstage.io/resource-id':
        '3f1c2a9e-7b1d-4e8a-9c55-0a1b2c3d4e5f',
      'platform.backstage.io/team': 'team-alpha',
      'platform.backstage.io/environment': 'development',
    };
    for (const object of objects) {
      expect(object.metadata).toEqual({
        name: 'storefront',
        namespace: 'team-alpha-development',
        labels,
      });
    }

    const {
      Deployment,
      Service,
      HorizontalPodAutoscaler,
      PodDisruptionBudget,
    } = byKind(objects);
    const selector = {
      'app.kubernetes.io/name': 'storefront',
      'platform.backstage.io/resource-id':
        '3f1c2a9e-7b1d-4e8a-9c55-0a1b2c3d4e5f',
    };
    expect(Deployment.spec.replicas).toBeUndefined();
    expect(Deployment.spec.selector.matchLabels).toEqual(selector);
    expect(Deployment.spec.template.metadata.labels).toEqual(labels);
    const [container] = Deployment.spec.template.spec.containers;
    expect(container.image).toBe(renderOptions.image);
    expect(container.resources).toEqual({
      requests: { cpu: '500m', memory: '1Gi' },
      limits: { memory: '1Gi' },
    });
    expect(Service.spec.selector).toEqual(selector);
    expect(Service.spec.ports).toEqual([
      { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' },
    ]);
    expect(HorizontalPodAutoscaler.spec).toMatchObject({
      scaleTargetRef: {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        name: 'storefront',
      },
      minReplicas: 3,
      maxReplicas: 6,
    });
    expect(PodDisruptionBudget.spec).toEqual({
      maxUnavailable: 1,
      selector: { matchLabels: selector },
    });
  });

  it('lets the autoscaler double the replicas, up to 20', () => {
    expect(maxReplicasFor(1)).toBe(2);
    expect(maxReplicasFor(10)).toBe(20);
    expect(maxReplicasFor(15)).toBe(20);
    expect(maxReplicasFor(25)).toBe(25);
  });

  it('fills in the offering defaults', () => {
    const objects = renderWebApplication(
      webApplication({ config: {} }),
      renderOptions,
    );
    expect(readWebApplicationConfig(objects)).toEqual({
      replicas: 2,
      cpu: '500m',
      memory: '512Mi',
    });
  });

  it('reads its configuration back from the YAML files', () => {
    const objects = renderWebApplication(webApplication(), renderOptions);
    const files = toManifestFiles(objects);

    expect(Object.keys(files)).toEqual([
      'deployment.yaml',
      'service.yaml',
      'horizontalpodautoscaler.yaml',
      'poddisruptionbudget.yaml',
    ]);
    expect(readWebApplicationConfig(fromManifestFiles(files))).toEqual({
      replicas: 3,
      cpu: '500m',
      memory: '1Gi',
    });
  });

  it('renders the same files for the same resource', () => {
    const render = () =>
      toManifestFiles(renderWebApplication(webApplication(), renderOptions));
    expect(render()).toEqual(render());
  });

  it.each([
    [
      'an invalid cpu quantity',
      { cpu: 'lots' },
      /Deployment is invalid: .*cpu/,
    ],
    [
      'an invalid memory quantity',
      { memory: '1 GB' },
      /Deployment is invalid: .*memory/,
    ],
    [
      'replicas as text',
      { replicas: 'three' },
      /replicas must be a whole number/,
    ],
    ['zero replicas', { replicas: 0 }, /replicas must be a whole number/],
    [
      'fractional replicas',
      { replicas: 1.5 },
      /replicas must be a whole number/,
    ],
  ])('rejects %s', (_, config, message) => {
    const resource = webApplication();
    expect(() =>
      renderWebApplication(
        { ...resource, config: { ...resource.config, ...config } },
        renderOptions,
      ),
    ).toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: expect.stringMatching(message),
      }),
    );
  });

  it('rejects an image the schema does not allow', () => {
    expect(() =>
      renderWebApplication(webApplication(), {
        ...renderOptions,
        image: 42 as unknown as string,
      }),
    ).toThrow(/Deployment is invalid: .*image/);
  });

  it('makes label values valid', () => {
    const [deployment] = renderWebApplication(
      webApplication({ id: `id with spaces/and:colons-${'x'.repeat(80)}` }),
      renderOptions,
    );
    const value =
      deployment.metadata.labels!['platform.backstage.io/resource-id'];
    expect(value.length).toBeLessThanOrEqual(63);
    expect(value).toMatch(/^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/);
  });

  it('names its Service in the outputs', () => {
    expect(webApplicationOutputs(webApplication())).toEqual({
      serviceUrl: 'http://storefront.team-alpha-development.svc.cluster.local',
    });
  });

  it('needs its Deployment and autoscaler to read its configuration', () => {
    const objects = renderWebApplication(webApplication(), renderOptions);
    expect(() =>
      readWebApplicationConfig(objects.filter(o => o.kind !== 'Deployment')),
    ).toThrow(expect.objectContaining({ name: 'NotFoundError' }));
    expect(() =>
      readWebApplicationConfig(
        renderWebApplication(webApplication(), renderOptions).slice(0, 1),
      ),
    ).toThrow(/HorizontalPodAutoscaler is missing/);
  });
});
