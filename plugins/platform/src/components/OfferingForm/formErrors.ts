import { FieldError, PolicyViolation } from '@idp-kit/plugin-platform-common';
import { ErrorSchema } from '@rjsf/utils';

/** A message about the field at a dotted path (`config.replicas`). */
export interface FieldMessage {
  field?: string;
  message: string;
}

/** Places each message next to the field its path names. */
export function toErrorSchema(messages: FieldMessage[]): ErrorSchema {
  const root: ErrorSchema = {};
  for (const { field, message } of messages) {
    let node: Record<string, any> = root;
    for (const segment of (field ?? '').split('.').filter(Boolean)) {
      node[segment] ??= {};
      node = node[segment];
    }
    node.__errors = [...(node.__errors ?? []), message];
  }
  return root;
}

/**
 * A verdict's or a refusal's invalid fields and policy violations, each as a
 * message for the field it is about.
 */
export function problemMessages(
  problems: { errors: FieldError[]; violations: PolicyViolation[] } | undefined,
): FieldMessage[] {
  return [
    ...(problems?.errors ?? []),
    ...(problems?.violations ?? []).map(violation => ({
      field: violation.field,
      message: violation.reason,
    })),
  ];
}
