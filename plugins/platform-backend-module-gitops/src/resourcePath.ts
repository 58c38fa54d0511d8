import { InputError } from '@backstage/errors';
import { PlatformResource } from '@idp-kit/plugin-platform-common';

/** An RFC 1123 label: the shape Kubernetes requires of namespaces and most names. */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_LABEL_MAX_LENGTH = 63;

function quoted(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * Checks that a value can be used as one path segment of the repository and
 * as a Kubernetes name, and returns it.
 *
 * Only lower-case ASCII letters, digits and inner dashes pass, which rules
 * out `..`, slashes, NUL bytes and Unicode look-alikes of safe names.
 *
 * @throws InputError when the value is not a DNS label
 */
export function dnsLabel(field: string, value: unknown): string {
  if (
    typeof value !== 'string' ||
    value.length === 0 ||
    value.length > DNS_LABEL_MAX_LENGTH ||
    !DNS_LABEL.test(value)
  ) {
    throw new InputError(
      `The ${field} ${quoted(
        value,
      )} must be a DNS label: 1 to ${DNS_LABEL_MAX_LENGTH} lower-case letters, digits and inner dashes`,
    );
  }
  return value;
}

/**
 * Checks the environment, team and name of a resource, which become both
 * repository paths and Kubernetes names.
 *
 * @throws InputError when any of them is not a DNS label
 */
export function checkResourceNames(resource: PlatformResource): void {
  dnsLabel('environment', resource.environment);
  dnsLabel('team', resource.team);
  dnsLabel('name', resource.name);
}

/**
 * The repository directory of a resource: `<environment>/<team>/<name>`.
 *
 * @throws InputError when a segment is not a DNS label
 */
export function resourceDirectory(resource: PlatformResource): string {
  return [
    dnsLabel('environment', resource.environment),
    dnsLabel('team', resource.team),
    dnsLabel('name', resource.name),
  ].join('/');
}
