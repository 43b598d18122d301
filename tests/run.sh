#!/usr/bin/env bash
# The test command: installs what is missing (tests/setup.sh), then runs every test
# in the release profile (one profile, so RocksDB is compiled once).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bash "$here/tests/setup.sh"
cd "$here"
exec cargo test --release "$@"
