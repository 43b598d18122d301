#!/usr/bin/env bash
# Installs what building and testing newsgraph needs on a fresh Debian machine, once:
# libclang (bindgen, for Oxigraph's RocksDB) and a Python venv with the readers the
# export tests use (networkx). Safe to run again: it only installs what is missing.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)

if ! ls /usr/lib/llvm-*/lib/libclang*.so* >/dev/null 2>&1 && ! ls /usr/lib/x86_64-linux-gnu/libclang*.so* >/dev/null 2>&1; then
  echo "setup: installing libclang-dev (needed to compile Oxigraph's RocksDB)" >&2
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq libclang-dev >/dev/null
fi

venv="$here/target/pyenv"
if ! "$venv/bin/python" -c "import networkx" >/dev/null 2>&1; then
  echo "setup: creating $venv with networkx (reads the GraphML export in tests)" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$here/tests/requirements.txt"
fi
