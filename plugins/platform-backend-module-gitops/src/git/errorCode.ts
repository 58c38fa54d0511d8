/** The `code` that isomorphic-git and Node.js put on their errors, if any. */
export function errorCode(error: unknown): string | undefined {
  return (error as { code?: string } | undefined)?.code;
}
