# Shared by the project's scripts: the vendored yarn and native-build settings.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
YARN=(node "$ROOT/.yarn/releases/yarn-4.13.0.cjs")

# Native modules (better-sqlite3) build from source against Node's own headers;
# without this node-gyp tries to download them.
if [ -z "${npm_config_nodedir:-}" ]; then
  node_prefix="$(node -p 'require("path").resolve(process.execPath, "../..")')"
  for candidate in "$node_prefix" /usr /usr/local; do
    if [ -f "$candidate/include/node/node.h" ]; then
      export npm_config_nodedir="$candidate"
      break
    fi
  done
fi

# Runs a named stage and prints how long it took.
stage() {
  local name="$1"
  shift
  local started=$SECONDS
  echo "==> $name"
  "$@"
  echo "<== $name took $((SECONDS - started)) s"
}

# Points database tests at the local PostgreSQL when one answers.
use_local_postgres() {
  if [ -z "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ] &&
    node -e 'const s=require("net").connect(5432,"127.0.0.1");s.on("connect",()=>process.exit(0));s.on("error",()=>process.exit(1))'; then
    export BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING="postgresql://postgres@127.0.0.1:5432"
  fi
}
