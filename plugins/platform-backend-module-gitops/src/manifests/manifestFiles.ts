import { InputError } from '@backstage/errors';
import { parseAllDocuments, stringify } from 'yaml';
import { KubernetesObject } from './types';

const HEADER =
  '# Managed by the Backstage platform: changes made here are overwritten by its next update.\n';

/** The file an object is written to, named after its kind: `deployment.yaml`. */
export function fileNameFor(object: KubernetesObject): string {
  return `${object.kind.toLowerCase()}.yaml`;
}

/**
 * Serializes objects into YAML files, one per object, keyed by file name.
 *
 * The output depends on the objects alone, so rendering an unchanged
 * resource again yields identical files and no commit.
 */
export function toManifestFiles(
  objects: KubernetesObject[],
): Record<string, string> {
  const files: Record<string, string> = {};
  for (const object of objects) {
    files[fileNameFor(object)] =
      HEADER +
      // YAML 1.1 quoting, as Kubernetes tools read `yes` or `on` as booleans.
      stringify(object, { lineWidth: 0, version: '1.1' });
  }
  return files;
}

/**
 * Parses the objects out of YAML files; files may hold several documents.
 *
 * @throws InputError when a file is not valid YAML
 */
export function fromManifestFiles(
  files: Record<string, string>,
): KubernetesObject[] {
  const objects: KubernetesObject[] = [];
  for (const [name, content] of Object.entries(files)) {
    if (!/\.ya?ml$/.test(name)) {
      continue;
    }
    for (const document of parseAllDocuments(content)) {
      if (document.errors.length > 0) {
        throw new InputError(
          `${name} is not valid YAML: ${document.errors[0].message}`,
        );
      }
      const value = document.toJS();
      if (value && typeof value === 'object' && 'kind' in value) {
        objects.push(value as KubernetesObject);
      }
    }
  }
  return objects;
}
