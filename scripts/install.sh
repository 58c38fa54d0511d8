#!/usr/bin/env bash
# Installs every dependency exactly as the lockfile says.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
"${YARN[@]}" install --immutable
