#!/usr/bin/env bash
# Installs, then starts the backend (port 7007) and the app (http://localhost:3000).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
stage install "$ROOT/scripts/install.sh"
mkdir -p data/sqlite
exec "${YARN[@]}" start
