import { FieldError } from '@idp-kit/plugin-platform-common';

// Control characters (NUL above all) have no place in any field, and
// PostgreSQL refuses NUL in text.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
const MAX_FIELD_LENGTH = 255;

/**
 * What is wrong with the shape of a request body: not an object, or a string
 * anywhere in it too long or holding control characters. Walked without recursion, so no body can exhaust the stack.
 */
export function requestShapeProblems(body: unknown): FieldError[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return [{ field: 'body', message: 'must be a JSON object' }];
  }
  const errors: FieldError[] = [];
  const pending: Array<[unknown, string]> = [[body, '']];
  while (pending.length > 0) {
    const [value, path] = pending.pop()!;
    if (typeof value === 'string') {
      if (CONTROL_CHARACTERS.test(value)) {
        errors.push({
          field: path,
          message: 'must not contain control characters',
        });
      } else if (value.length > MAX_FIELD_LENGTH) {
        errors.push({
          field: path,
          message: `must be at most ${MAX_FIELD_LENGTH} characters`,
        });
      }
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, inner] of Object.entries(value).reverse()) {
        pending.push([inner, path ? `${path}.${key}` : key]);
      }
    }
  }
  return errors;
}
