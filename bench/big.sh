#!/usr/bin/env bash
# A big corpus end to end (issue #16): not a timed test, a measurement.
#   bash bench/big.sh [MEGABYTES]      (default 200; 1000 for the gigabyte)
# Builds a corpus of MEGABYTES from real articles (seeds/ and ../shared/eval/dev2/articles
# when present; each copy made unique by a numbered first line, 1000 files per folder), then
# reports, each from the release binary in the same run:
#   - extraction MB/s on all cores and per core (`extract --format json`);
#   - the N-Quads/JSON cost ratio (`extract --format nquads` against the JSON run);
#   - `ingest` quads/s next to Oxigraph's own bulk loader (pyoxigraph `bulk_load` of the same
#     quads, from target/pyenv: bash tests/setup.sh installs it);
#   - wall time and peak RSS of corpus → store + exports (`build`, /usr/bin/time);
#   - SPARQL latency on the store: a 1-hop neighbourhood and the top 20 by degree (each a
#     `newsgraph query` process: opening the store included).
set -euo pipefail
megabytes=${1:-200}
source "$(dirname "$0")/release.sh"
python="$here/target/pyenv/bin/python"
[ -x "$python" ] && "$python" -c 'import pyoxigraph' 2>/dev/null || { echo "bench: run bash tests/setup.sh first (pyoxigraph in target/pyenv)" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/newsgraph-big.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export NEWSGRAPH_ONTOLOGY="$here/ontology"

python3 - "$tmp/corpus" "$megabytes" seeds ../shared/eval/dev2/articles <<'PY'
import os, sys
out, megabytes, folders = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
articles = []
for folder in folders:
    if os.path.isdir(folder):
        for name in sorted(os.listdir(folder)):
            if name.endswith((".txt", ".md", ".html")):
                articles.append((name, open(os.path.join(folder, name), encoding="utf-8").read()))
size, n = 0, 0
while size < megabytes * 1_000_000:
    name, text = articles[n % len(articles)]
    folder = os.path.join(out, f"{n // 1000:04d}")
    os.makedirs(folder, exist_ok=True)
    stem, ext = os.path.splitext(name)
    body = f"Bulletin {n}\n{text}" if ext != ".html" else f"<p>Bulletin {n}</p>\n{text}"
    with open(os.path.join(folder, f"{n:07d}_{stem}{ext}"), "w", encoding="utf-8") as f:
        f.write(body)
    size += len(body.encode())
    n += 1
print(f"corpus: {n} articles, {size / 1e6:.1f} MB, from {len(articles)} real articles; {os.cpu_count()} cores")
PY
mb=$(du -sb "$tmp/corpus" | awk '{print $1 / 1e6}')
cores=$(nproc)

# The seconds a shell command takes (its output redirected inside it).
seconds() { local start end; start=$(date +%s.%N); sh -c "$1"; end=$(date +%s.%N); echo "$end - $start" | bc -l; }

json=$(seconds "'$bin' extract --format json '$tmp/corpus' >/dev/null 2>&1")
nquads=$(seconds "'$bin' extract --format nquads '$tmp/corpus' > '$tmp/all.nq' 2>/dev/null")
quads=$(wc -l < "$tmp/all.nq")
printf 'extract json:   %6.1f s, %6.1f MB/s on %d cores, %5.1f MB/s per core\n' "$json" "$(echo "$mb / $json" | bc -l)" "$cores" "$(echo "$mb / $json / $cores" | bc -l)"
printf 'extract nquads: %6.1f s, %d quads; N-Quads/JSON cost ratio %.2f\n' "$nquads" "$quads" "$(echo "$nquads / $json" | bc -l)"

"$bin" ingest "$tmp/corpus" --store "$tmp/ingested" 2>"$tmp/ingest.log" >/dev/null
printf 'ingest:         %s\n' "$(grep '^speed:' "$tmp/ingest.log" | sed 's/^speed: //')"
"$python" - "$tmp/all.nq" "$tmp/pyoxigraph" <<'PY'
import sys, time, pyoxigraph
store = pyoxigraph.Store(sys.argv[2])
start = time.perf_counter()
store.bulk_load(path=sys.argv[1], format=pyoxigraph.RdfFormat.N_QUADS)
store.flush()
seconds = time.perf_counter() - start
n = len(store)
print(f"pyoxigraph bulk_load: {seconds:.1f} s, {n} quads, {n / seconds:.0f} quads/s (the same quads, parsed from N-Quads, no extraction)")
PY
"$bin" load "$tmp/all.nq" --store "$tmp/loaded" 2>"$tmp/load.log" >/dev/null
printf 'load (N-Quads): %s\n' "$(grep '^speed:' "$tmp/load.log" | sed 's/^speed: //')"

/usr/bin/time -f '%e %M' -o "$tmp/time" "$bin" build --corpus "$tmp/corpus" --store "$tmp/built" --exports "$tmp/exports" 2>/dev/null
read -r wall rss < "$tmp/time"
printf 'build (corpus → store + exports): %.1f s wall, peak RSS %.0f MB\n' "$wall" "$(echo "$rss / 1024" | bc -l)"

one_hop='SELECT DISTINCT ?p ?o WHERE { { <https://newsgraph.dev/id/entity/country/russia> ?p ?o } UNION { ?o ?p <https://newsgraph.dev/id/entity/country/russia> } }'
top20='SELECT ?e (COUNT(*) AS ?degree) WHERE { { ?e ?p ?o } UNION { ?o ?p ?e } ?p a owl:ObjectProperty . FILTER(?p != ng:mentions) } GROUP BY ?e ORDER BY DESC(?degree) LIMIT 20'
for name in one_hop top20; do
    printf '%s\n' "${!name}" > "$tmp/q.rq"
    best=$(for _ in 1 2 3; do seconds "'$bin' query --store '$tmp/built' --format tsv --file '$tmp/q.rq' >/dev/null 2>&1"; done | sort -g | head -1)
    printf 'query %-8s best of 3: %.3f s (one process, store opened)\n' "$name" "$best"
done
