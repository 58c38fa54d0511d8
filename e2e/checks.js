// Tests of a run against real backends: the run's folder (logs, configs)
// is kept for a look when anything fails, and removed when all passed.
const { test } = require('node:test');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

function checkedRun(name) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  let failed = false;

  /** Runs `fn`, remembering a failure. */
  async function guarded(fn) {
    try {
      return await fn();
    } catch (error) {
      failed = true;
      throw error;
    }
  }

  return {
    dir,
    guarded,
    /** A test of the run. */
    check(title, fn) {
      test(title, () => guarded(fn));
    },
    /** Removes the folder, or says where it was kept. */
    finish() {
      if (failed) console.log(`kept ${dir}`);
      else fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

module.exports = { checkedRun };
