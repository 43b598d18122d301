#!/usr/bin/env bash
# Installs what newsgraph needs on a fresh Debian machine, once, only what is missing.
#   bash tests/setup.sh --build   what building needs: a C++ compiler and libclang with
#                                 clang's headers (bindgen, for Oxigraph's RocksDB);
#                                 the README's build command.
#   bash tests/setup.sh           that, and what the tests need: the export readers —
#                                 Graphviz, xmllint, Chromium, Java (Debian), a Python venv with
#                                 networkx, rdflib, SPARQLWrapper, Oxigraph and PySpark (PyPI), and graphology, cytoscape,
#                                 mermaid and playwright-core (npm, tests/readers); run by
#                                 tests/run.sh.
# Safe to run again: a second run takes a second or two.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build_only=false
case "${1:-}" in
  --build) build_only=true ;;
  "") ;;
  *) echo "usage: bash tests/setup.sh [--build]" >&2; exit 2 ;;
esac

sudo_cmd=""
[ "$(id -u)" = 0 ] || sudo_cmd="sudo"
missing=()
command -v c++ >/dev/null || missing+=(g++)
# What bindgen loads, by clang-sys's rules (not libclang-cpp.so, which LLVM alone brings).
bash "$here/tests/find-libclang.sh" >/dev/null || missing+=(libclang-dev)
if ! $build_only; then
  command -v dot >/dev/null || missing+=(graphviz)
  command -v xmllint >/dev/null || missing+=(libxml2-utils)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v node >/dev/null || missing+=(nodejs npm)
  # Java 17 for PySpark (tests/spark.rs runs bench/spark_extract.py in local mode).
  command -v java >/dev/null || missing+=(openjdk-17-jre-headless)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]} (Debian)" >&2
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
$build_only && exit 0

venv="$here/target/pyenv"
if ! "$venv/bin/python" - "$here/tests/requirements.txt" >/dev/null 2>&1 <<'PY'
import sys
from importlib.metadata import version
for line in open(sys.argv[1]):
    line = line.split("#")[0].strip()
    if line:
        name, wanted = line.split("==")
        assert version(name) == wanted, name
PY
then
  echo "setup: creating $venv with tests/requirements.txt (the Python export readers)" >&2
  python3 -m venv "$venv"
  # python -m pip, not bin/pip: a venv copied from another checkout keeps that one's pip script.
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -r "$here/tests/requirements.txt"
fi

readers="$here/tests/readers"
stamp="$readers/node_modules/.installed-from-package-lock.json"
if ! cmp -s "$readers/package-lock.json" "$stamp" 2>/dev/null; then
  echo "setup: installing the npm export readers in $readers/node_modules" >&2
  (cd "$readers" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  cp "$readers/package-lock.json" "$stamp"
fi
