#!/usr/bin/env bash
# Requests per second of `newsgraph serve` for a 1-hop query (an entity's neighbours, both
# directions) from 8 concurrent clients, on the seed graph, over loopback.
#   bash bench/serve.sh [SECONDS]     (default 10; needs python3, nothing else)
# Builds the seed graph into a temporary store, starts the server on a free port, runs the
# clients (each sends its next request when the last one is answered, new connection each
# time, as SPARQLWrapper does), prints the figure, and stops the server.
set -euo pipefail
seconds=${1:-10}
source "$(dirname "$0")/release.sh"
tmp=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$tmp"' EXIT
"$bin" build --corpus seeds --store "$tmp/store" --exports "$tmp/exports" 2>/dev/null
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$bin" serve --store "$tmp/store" --bind "127.0.0.1:$port" 2>"$tmp/serve.log" &
server=$!
python3 - "$port" "$seconds" <<'PY'
import sys, threading, time, urllib.parse, urllib.request
port, seconds = int(sys.argv[1]), float(sys.argv[2])
query = 'SELECT DISTINCT ?p ?other WHERE { ?e rdfs:label "South Korea" . { ?e ?p ?o } UNION { ?o ?p ?e } ?p a owl:ObjectProperty . ?o rdfs:label ?other }'
url = f"http://127.0.0.1:{port}/sparql?" + urllib.parse.urlencode({"query": query})
for _ in range(100):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5).read()
        break
    except OSError:
        time.sleep(0.1)
rows = urllib.request.urlopen(url, timeout=30).read().count(b'"other"')
done, failed, latencies = [0], [0], []
lock = threading.Lock()
end = time.monotonic() + seconds
def client():
    while time.monotonic() < end:
        start = time.monotonic()
        try:
            with urllib.request.urlopen(url, timeout=30) as r:
                r.read()
                ok = r.status == 200
        except OSError:
            ok = False
        with lock:
            done[0] += ok
            failed[0] += not ok
            latencies.append(time.monotonic() - start)
threads = [threading.Thread(target=client) for _ in range(8)]
began = time.monotonic()
for t in threads: t.start()
for t in threads: t.join()
elapsed = time.monotonic() - began
latencies.sort()
median = latencies[len(latencies) // 2] * 1000
p99 = latencies[int(len(latencies) * 0.99)] * 1000
print(f"1-hop query ({rows} rows), 8 concurrent clients, {elapsed:.1f}s: {done[0] / elapsed:.0f} requests/s, "
      f"median {median:.1f} ms, p99 {p99:.1f} ms, {failed[0]} failed")
PY
