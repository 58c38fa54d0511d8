import { FieldError } from '@idp-kit/plugin-platform-common';
import { InvalidRequestError } from '../errors/RequestErrors';

const MAX_COMMENT_LENGTH = 1000;
// Line breaks are welcome in a comment; other control characters are not.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/** The optional `{comment}` of an approval or rejection. */
export function decisionComment(body: unknown): string | undefined {
  if (body === undefined || body === null) {
    return undefined;
  }
  const problem = (field: string, message: string): FieldError[] => [
    { field, message },
  ];
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new InvalidRequestError(problem('body', 'must be a JSON object'));
  }
  const fields = body as Record<string, unknown>;
  const unknown = Object.keys(fields).filter(key => key !== 'comment');
  if (unknown.length > 0) {
    throw new InvalidRequestError(
      unknown.map(key => ({ field: key, message: 'is not a known field' })),
    );
  }
  const comment = fields.comment;
  if (comment === undefined || comment === null || comment === '') {
    return undefined;
  }
  if (typeof comment !== 'string') {
    throw new InvalidRequestError(problem('comment', 'must be a string'));
  }
  if (comment.length > MAX_COMMENT_LENGTH) {
    throw new InvalidRequestError(
      problem('comment', `must be at most ${MAX_COMMENT_LENGTH} characters`),
    );
  }
  if (CONTROL_CHARACTERS.test(comment)) {
    throw new InvalidRequestError(
      problem('comment', 'must not contain control characters'),
    );
  }
  return comment;
}
