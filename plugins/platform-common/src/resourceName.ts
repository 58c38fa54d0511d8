/**
 * Resource names are DNS labels, so they can name databases, Kubernetes
 * objects and hostnames without being rewritten.
 */
const DNS_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/**
 * Says what is wrong with a resource name, or returns undefined when it is valid.
 *
 * @public
 */
export function resourceNameProblem(name: unknown): string | undefined {
  if (typeof name !== 'string' || name.length === 0) {
    return 'is required';
  }
  if (name.length > 63) {
    return 'must be at most 63 characters';
  }
  if (!DNS_LABEL.test(name)) {
    return 'must start with a lower-case letter and contain only lower-case letters, digits and "-", not ending with "-"';
  }
  return undefined;
}
