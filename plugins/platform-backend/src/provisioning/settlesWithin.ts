/** Settles true once `work` settles, or false after `ms`, whichever is first. */
export function settlesWithin(
  work: Promise<unknown>,
  ms: number,
): Promise<boolean> {
  return new Promise(resolve => {
    const timer = setTimeout(() => resolve(false), ms);
    work.then(
      () => {
        clearTimeout(timer);
        resolve(true);
      },
      () => {
        clearTimeout(timer);
        resolve(true);
      },
    );
  });
}
