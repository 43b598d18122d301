# Sourced by the bench scripts: builds the release binary and goes to the repo; sets $here
# (the repo) and $bin (the binary).
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"
cargo build --release -q
bin="$here/target/release/newsgraph"
