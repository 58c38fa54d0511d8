import { useRef, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { RequestVerdict } from '@idp-kit/plugin-platform-common';

/** How long edits must pause before the request is checked again. */
export const VERDICT_DELAY_MS = 500;

/**
 * The verdict of a dry run of `request`, checked again when the user pauses
 * editing. No check runs while `request` is undefined (still incomplete).
 */
export function useVerdict<T>(
  request: T | undefined,
  check: (request: T) => Promise<RequestVerdict>,
): { verdict?: RequestVerdict; error?: Error; checking: boolean } {
  const key = request === undefined ? '' : JSON.stringify(request);
  const [checkedKey, setCheckedKey] = useState(key);
  useDebounce(() => setCheckedKey(key), VERDICT_DELAY_MS, [key]);

  // The latest check function, without re-running the check when it changes.
  const checkRef = useRef(check);
  checkRef.current = check;

  const { value, error, loading } = useAsync(async () => {
    if (!checkedKey) {
      return undefined;
    }
    return checkRef.current(JSON.parse(checkedKey) as T);
  }, [checkedKey]);

  const current = key !== '' && key === checkedKey;
  return {
    verdict: current ? value : undefined,
    error: current ? error : undefined,
    checking: key !== '' && (loading || key !== checkedKey),
  };
}
