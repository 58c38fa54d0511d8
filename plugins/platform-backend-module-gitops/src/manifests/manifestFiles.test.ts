import { fromManifestFiles, toManifestFiles } from './manifestFiles';
import { KubernetesObject } from './types';

const configMap: KubernetesObject = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'settings', labels: { team: 'yes', environment: 'on' } },
  data: { count: '123' },
};

describe('manifest files', () => {
  it('writes one file per object, named after its kind', () => {
    const files = toManifestFiles([configMap]);
    expect(Object.keys(files)).toEqual(['configmap.yaml']);
    expect(files['configmap.yaml']).toMatch(
      /^# Managed by the Backstage platform/,
    );
  });

  it('quotes strings that YAML 1.1 readers would take for other types', () => {
    const content = toManifestFiles([configMap])['configmap.yaml'];
    expect(content).toContain('team: "yes"');
    expect(content).toContain('environment: "on"');
    expect(content).toContain('count: "123"');
  });

  it('reads back what it writes', () => {
    expect(fromManifestFiles(toManifestFiles([configMap]))).toEqual([
      configMap,
    ]);
  });

  it('reads files with several documents, and ignores other files', () => {
    expect(
      fromManifestFiles({
        'all.yaml': 'kind: A\n---\nkind: B\n',
        'notes.txt': 'kind: C\n',
      }),
    ).toEqual([{ kind: 'A' }, { kind: 'B' }]);
  });

  it('refuses invalid YAML', () => {
    expect(() => fromManifestFiles({ 'bad.yaml': 'kind: [A' })).toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: expect.stringMatching(/^bad\.yaml is not valid YAML/),
      }),
    );
  });
});
