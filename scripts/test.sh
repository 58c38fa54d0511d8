#!/usr/bin/env bash
# Installs, then runs every check: types, API reports, lint, formatting, unit and
# integration tests, the fault suite, the production start and MCP tests,
# and the end-to-end and install tests when Chromium is present.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
started=$SECONDS

stage install "$ROOT/scripts/install.sh"
use_local_postgres
if [ -z "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]; then
  echo "No PostgreSQL at 127.0.0.1:5432: database tests run on SQLite only."
fi

stage "type check" "${YARN[@]}" tsc
stage "OpenAPI generation is current" node scripts/generate-openapi.js --check
# Uses the declarations the type check wrote; fails when a report is stale.
stage "API reports" "${YARN[@]}" build:api-reports:only --ci
stage lint "${YARN[@]}" lint:all
stage formatting "${YARN[@]}" prettier:check
stage "unit and integration tests" "${YARN[@]}" test --maxWorkers=2
# The short fault suite: real backends on localhost and the local PostgreSQL.
# The production start test: the backend with app-config.production.yaml.
# The MCP test: an MCP client drives the platform's actions.
if [ -n "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]; then
  stage "fault suite (short)" node reliability/run.js --short
  stage "production start test" node --test e2e/production.test.js
  stage "MCP test" node --test e2e/mcp.test.js
elif [ -n "${CI:-}" ]; then
  echo "The fault suite, the production start test and the MCP test need PostgreSQL at 127.0.0.1:5432 in CI." >&2
  exit 1
else
  echo "Skipping the fault suite, the production start test and the MCP test: they need PostgreSQL at 127.0.0.1:5432."
fi
if [ -x /usr/bin/chromium ]; then
  stage "end-to-end test" "${YARN[@]}" test:e2e
  # A brand-new Backstage app, the packed plugins and docs/install.md.
  stage "install test" node e2e/install/run.js
elif [ -n "${CI:-}" ]; then
  echo "Chromium is missing at /usr/bin/chromium; CI must run the end-to-end test." >&2
  exit 1
else
  echo "Skipping the end-to-end test: install Debian's chromium to run it."
fi

echo "All checks passed in $((SECONDS - started)) s"
