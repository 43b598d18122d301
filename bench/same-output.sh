#!/usr/bin/env bash
# Output-equality check for changes that must not change output (speed work, refactors):
# runs two newsgraph binaries on the same corpus and compares, byte for byte,
#   - `extract --format json` over the whole corpus (one JSON array), and
#   - `build` (the store dumped and every export) over the seeds and over the whole corpus;
#   - on the seeds' store: `stats`, `explain`, filtered exports, a diagram and a query table.
#
# Usage: bench/same-output.sh OLD NEW [EXTRA_FOLDER...]
#   OLD, NEW: a newsgraph binary, or a git revision (built in a scratch worktree with its
#             own target folder, target/same-output: the first such build compiles RocksDB).
#   EXTRA_FOLDER: more articles to include (e.g. ../shared/eval/dev2/articles).
# Both binaries read this tree's ontology/ (NEWSGRAPH_ONTOLOGY overrides), so only the code
# differs. Exit status 0 when everything is identical, 1 with the differences listed.
#
# The corpus (built in a scratch folder, from files the repo has):
#   - seeds/ as they are;
#   - every test sentence of tests/entity_cases.tsv and tests/relation_cases.tsv, one file each;
#   - each seed in its other shapes: paragraphs in reverse order (.txt), as Markdown with a
#     title and front matter (.md), as HTML paragraphs (.html);
#   - all seeds in one long article, and each seed with its line breaks removed (one long line).
set -euo pipefail

if [ $# -lt 2 ]; then
    sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
fi
repo=$(cd "$(dirname "$0")/.." && pwd)
ontology=${NEWSGRAPH_ONTOLOGY:-$repo/ontology}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A binary for OLD or NEW: the file itself, or the given git revision built.
binary() {
    local which=$1 given=$2
    if [ -f "$given" ] && [ -x "$given" ]; then
        cp "$given" "$work/$which"
        return
    fi
    local rev
    rev=$(git -C "$repo" rev-parse --verify --quiet "$given^{commit}") || { echo "$given: neither a binary nor a git revision" >&2; exit 2; }
    echo "building $given ($rev) ..." >&2
    git -C "$repo" worktree add --detach --quiet "$work/src-$which" "$rev"
    (cd "$work/src-$which" && cargo build --release --quiet --target-dir "$repo/target/same-output")
    cp "$repo/target/same-output/release/newsgraph" "$work/$which"
    git -C "$repo" worktree remove --force "$work/src-$which"
}
binary old "$1"
binary new "$2"
shift 2

corpus=$work/corpus
mkdir -p "$corpus/seeds" "$corpus/cases" "$corpus/variants"
cp "$repo"/seeds/* "$corpus/seeds/"
n=0
for cases in "$repo"/tests/entity_cases.tsv "$repo"/tests/relation_cases.tsv; do
    grep -v '^#' "$cases" | grep . | cut -f1 | sed 's/^? //' | while IFS= read -r sentence; do
        n=$((n + 1))
        printf '%s\n' "$sentence" > "$corpus/cases/$(basename "$cases" .tsv)_$(printf %04d $n).txt"
    done
done
for seed in "$repo"/seeds/*; do
    name=$(basename "${seed%.*}")
    # Paragraphs (blank-line separated) in reverse order.
    awk -v RS= '{ p[NR] = $0 } END { for (i = NR; i > 0; i--) print p[i] "\n" }' "$seed" > "$corpus/variants/${name}_reversed.txt"
    { printf -- '---\ntitle: Variant of %s\nauthor: Same Output\n---\n\n# Variant of %s\n\n' "$name" "$name"; cat "$seed"; } > "$corpus/variants/${name}.md"
    { printf '<html><head><title>%s</title></head><body><article>\n' "$name"
      awk -v RS= '{ gsub(/&/, "\\&amp;"); gsub(/</, "\\&lt;"); print "<p>" $0 "</p>" }' "$seed"
      printf '</article></body></html>\n'; } > "$corpus/variants/${name}.html"
    tr '\n' ' ' < "$seed" > "$corpus/variants/${name}_one_line.txt"
done
cat "$repo"/seeds/* > "$corpus/variants/all_seeds.txt"
for extra in "$@"; do
    mkdir -p "$corpus/extra/$(basename "$extra")"
    cp -r "$extra"/. "$corpus/extra/$(basename "$extra")/"
done
echo "corpus: $(find "$corpus" -type f | wc -l) files, $(du -sh "$corpus" | cut -f1)" >&2

status=0
compare() {
    local what=$1 a=$2 b=$3
    if diff -r "$a" "$b" > "$work/diff" 2>&1; then
        echo "same: $what" >&2
    else
        echo "DIFFERENT: $what" >&2
        head -40 "$work/diff" >&2
        status=1
    fi
}
for which in old new; do
    "$work/$which" --ontology "$ontology" extract --format json "$corpus" > "$work/$which.json"
    for part in seeds all; do
        input=$corpus/seeds
        [ "$part" = all ] && input=$corpus
        out=$work/$which-$part
        "$work/$which" --ontology "$ontology" build --corpus "$input" --store "$out.db" --exports "$out" 2> "$work/$which-$part.log" \
            || { echo "$which build on $part failed:" >&2; cat "$work/$which-$part.log" >&2; status=1; }
    done
    # The other commands, on the seeds' store (their exit codes are part of the answer).
    answers=$work/$which-answers
    mkdir -p "$answers"
    run() { local name=$1; shift; "$work/$which" --ontology "$ontology" "$@" --store "$work/$which-seeds.db" > "$answers/$name" 2>&1; echo "exit $?" >> "$answers/$name"; }
    run stats stats
    run explain explain Hyundai Nakhodka
    run explain-chain explain KOGAS Russia --max-hops 3
    run export-json export --format json --types Company,Country,Project
    run export-mermaid export --format mermaid --predicates investsIn,supplies,locatedIn --min-weight 1
    run export-dot export --format dot --focus Russia --depth 2 --max-nodes 20
    run diagram diagram --focus "South Korea" -o "$answers/diagram.svg"
    run query query --format table 'SELECT ?e ?label WHERE { ?e rdfs:label ?label } ORDER BY ?label LIMIT 200'
done
compare "extract --format json ($(find "$corpus" -type f | wc -l) files)" "$work/old.json" "$work/new.json"
compare "build exports on seeds" "$work/old-seeds" "$work/new-seeds"
compare "build exports on the whole corpus" "$work/old-all" "$work/new-all"
compare "stats, explain, filtered exports, diagram, query on the seeds" "$work/old-answers" "$work/new-answers"
exit $status
