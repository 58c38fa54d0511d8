// Builds the app, then runs the end-to-end tests against it.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const yarn = path.join(root, '.yarn/releases/yarn-4.13.0.cjs');

execFileSync(process.execPath, [yarn, 'workspace', 'app', 'build'], {
  cwd: root,
  stdio: 'inherit',
});
execFileSync(
  process.execPath,
  [
    '--test',
    '--test-concurrency=1',
    ...['platform.test.js', 'signIn.test.js', 'approvals.test.js'].map(file =>
      path.join(__dirname, file),
    ),
  ],
  { cwd: root, stdio: 'inherit' },
);
