#!/usr/bin/env bash
# Prints the libclang that bindgen would load (it builds Oxigraph's RocksDB bindings), and
# exits 1 when there is none or clang's own headers (stddef.h) are missing.
# Follows clang-sys's rules (build/dynamic.rs, build/common.rs): in LIBCLANG_PATH,
# `llvm-config --libdir` and /usr/local/llvm*/lib*, /usr/local/lib*/*/*, /usr/lib*/*/*,
# /usr/lib*/* …, a file named libclang.so, libclang-*.so, libclang.so.* or libclang-*.so.*,
# but not libclang-cpp.so.* (the C++ library, which bindgen cannot use).
# With a ROOT argument, looks only in the standard folders under ROOT (for the tests).
set -uo pipefail
root=${1:-}
dirs=()
if [ -z "$root" ]; then
  [ -n "${LIBCLANG_PATH:-}" ] && dirs+=("$LIBCLANG_PATH")
  libdir=$(llvm-config --libdir 2>/dev/null) && dirs+=("$libdir")
fi
shopt -s nullglob
dirs+=("$root"/usr/local/llvm*/lib* "$root"/usr/local/lib*/*/* "$root"/usr/local/lib*/* "$root"/usr/local/lib* "$root"/usr/lib*/*/* "$root"/usr/lib*/* "$root"/usr/lib*)
library=""
for dir in "${dirs[@]}"; do
  for file in "$dir"/libclang*.so*; do
    case ${file##*/} in
      *-cpp.*) ;;
      libclang.so | libclang-*.so | libclang.so.* | libclang-*.so.*) library=$file; break 2 ;;
    esac
  done
done
[ -n "$library" ] || exit 1
headers=("$root"/usr/lib/llvm-*/lib/clang/*/include/stddef.h "$root"/usr/lib*/clang/*/include/stddef.h "$root"/usr/local/lib*/clang/*/include/stddef.h)
[ ${#headers[@]} -gt 0 ] || exit 1
echo "$library"
