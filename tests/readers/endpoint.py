"""Queries a running `newsgraph serve` as analysts' tools do and checks its answers.

    target/pyenv/bin/python tests/readers/endpoint.py URL DIR

URL is the server (http://127.0.0.1:PORT); DIR holds q1.rq, q2.rq, … with q1.json, … the
answers `newsgraph query --format json` gave to the same queries on the same store. Checks:
SPARQLWrapper and rdflib's SPARQLStore get the same answers; every media type of the
protocol parses; the status codes (400, 403, 404, 405, 406, 413, 415); the Graph Store
Protocol's GET of a document's graph; 50 concurrent clients get the same answer. Prints
`ok …` per check and exits 1 after `FAIL …` lines.
"""

import csv
from html import escape
import io
import json
import sys
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, SPARQLWrapper

URL, DIR = sys.argv[1].rstrip("/"), Path(sys.argv[2])
ENDPOINT = URL + "/sparql"
failures = []


def check(ok, what, detail=""):
    if ok:
        print(f"ok {what}")
    else:
        failures.append(what)
        print(f"FAIL {what}: {detail}")


def request(path, data=None, headers=None, method=None):
    """(status, content type, body text) of one request."""
    req = urllib.request.Request(URL + path, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read().decode("utf-8")


def rows_of_json(answer):
    """The rows of a SPARQL JSON answer as sorted tuples of (variable, value)."""
    variables = answer["head"]["vars"]
    rows = [tuple((v, b[v]["value"]) for v in variables if v in b) for b in answer["results"]["bindings"]]
    return sorted(rows)


queries = sorted(DIR.glob("q*.rq"), key=lambda p: int(p.stem[1:]))
check(len(queries) >= 4, "the README queries are given", str(queries))
for path in queries:
    query = path.read_text()
    expected = rows_of_json(json.loads(path.with_suffix(".json").read_text()))
    check(len(expected) > 0, f"{path.name}: newsgraph query answers it")

    wrapper = SPARQLWrapper(ENDPOINT)
    wrapper.setQuery(query)
    wrapper.setReturnFormat(JSON)
    got = rows_of_json(wrapper.query().convert())
    check(got == expected, f"{path.name}: SPARQLWrapper gets newsgraph query's {len(expected)} rows", f"{got[:3]} vs {expected[:3]}")

    store = SPARQLStore(ENDPOINT)
    result = store.query(query)
    variables = [str(v) for v in result.vars]
    got = sorted(tuple((v, str(row[i])) for i, v in enumerate(variables) if row[i] is not None) for row in result)
    check(got == expected, f"{path.name}: rdflib SPARQLStore gets the same rows", f"{got[:3]} vs {expected[:3]}")

# One query in every form and media type.
select = "SELECT ?name WHERE { ?c a ng:Company ; rdfs:label ?name } ORDER BY ?name LIMIT 5"
construct = "CONSTRUCT { ?c rdfs:label ?name } WHERE { ?c a ng:Company ; rdfs:label ?name }"
q = urllib.parse.urlencode({"query": select})
status, media, body = request(f"/sparql?{q}")
check(status == 200 and media == "application/sparql-results+json" and len(json.loads(body)["results"]["bindings"]) == 5, "GET ?query= answers SPARQL JSON by default", f"{status} {media} {body[:200]}")
names = [b["name"]["value"] for b in json.loads(body)["results"]["bindings"]]
status, media, body = request("/sparql", data=urllib.parse.urlencode({"query": select}).encode(), headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": "application/sparql-results+xml"})
check(status == 200 and media == "application/sparql-results+xml" and all(f"<literal>{escape(n, quote=False)}</literal>" in body for n in names), "POST form, XML results", f"{status} {media} {body[:200]}")
for accept, delimiter in [("text/csv", ","), ("text/tab-separated-values", "\t")]:
    status, media, body = request("/sparql", data=select.encode(), headers={"Content-Type": "application/sparql-query", "Accept": accept})
    table = list(csv.reader(io.StringIO(body), delimiter=delimiter))
    ok = status == 200 and media == accept and table[0][0].lstrip("?") == "name" and [r[0].strip('"') for r in table[1:]] == names
    check(ok, f"POST application/sparql-query, {accept} results", f"{status} {media} {body[:200]}")
status, media, body = request("/sparql", data=b"ASK { ?s a ng:Company }", headers={"Content-Type": "application/sparql-query"})
check(status == 200 and json.loads(body)["boolean"] is True, "ASK answers a boolean", body)
graphs = {}
for accept, fmt in [("text/turtle", "turtle"), ("application/n-triples", "nt"), ("application/ld+json", "json-ld")]:
    status, media, body = request("/sparql", data=construct.encode(), headers={"Content-Type": "application/sparql-query", "Accept": accept})
    g = rdflib.Graph()
    if status == 200:
        g.parse(data=body, format=fmt)
    graphs[fmt] = g
    check(status == 200 and media == accept and len(g) > 5, f"CONSTRUCT as {accept}, parsed by rdflib ({len(g)} triples)", f"{status} {media} {body[:200]}")
check(len({len(g) for g in graphs.values()}) == 1, "the three graph media types hold the same triples", str({k: len(g) for k, g in graphs.items()}))

# Status codes.
bad = urllib.parse.urlencode({"query": "SELEC ?x WHERE { ?x ?p ?o }"})
status, _, body = request(f"/sparql?{bad}")
check(status == 400 and "invalid SPARQL" in body, "a bad query is 400 with the parser's message", f"{status} {body}")
undeclared = urllib.parse.urlencode({"query": "SELECT ?x WHERE { ?x a foo:Bar }"})
status, _, body = request(f"/sparql?{undeclared}")
check(status == 400 and "the prefix foo: is not declared" in body, "an undeclared prefix is named", f"{status} {body}")
status, _, body = request("/sparql")
check(status == 400 and "no query" in body, "no query is 400", f"{status} {body}")
status, _, body = request(f"/sparql?{q}", headers={"Accept": "image/png"})
check(status == 406 and "application/sparql-results+json" in body, "an unacceptable Accept is 406, naming what is offered", f"{status} {body}")
status, _, body = request("/sparql", data=construct.encode(), headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
check(status == 406 and "text/turtle" in body, "a CONSTRUCT asked as results JSON is 406", f"{status} {body}")
status, _, body = request("/sparql", data=select.encode(), headers={"Content-Type": "text/plain"})
check(status == 415, "a query body of another media type is 415", f"{status} {body}")
update = "DELETE WHERE { ?s ?p ?o }"
status, _, body = request("/sparql", data=urllib.parse.urlencode({"update": update}).encode(), headers={"Content-Type": "application/x-www-form-urlencoded"})
check(status == 403 and "read-only" in body, "an update (form) is refused: 403", f"{status} {body}")
status, _, body = request("/sparql", data=update.encode(), headers={"Content-Type": "application/sparql-update"})
check(status == 403 and "read-only" in body, "an update (application/sparql-update) is refused: 403", f"{status} {body}")
status, _, body = request("/sparql?" + urllib.parse.urlencode({"query": update}))
check(status == 400 and "SPARQL UPDATE" in body, "an update sent as a query is 400, told as an update", f"{status} {body}")
status, _, body = request(f"/sparql?{q}", method="DELETE")
check(status == 405, "DELETE /sparql is 405", f"{status} {body}")
status, _, body = request("/sparql", data=b"SELECT * WHERE { ?s ?p ?o } #" + b"x" * (2 << 20), headers={"Content-Type": "application/sparql-query"})
check(status == 413, "a 2 MB query is 413", f"{status} {body[:200]}")
status, _, _ = request("/nothing-here")
check(status == 404, "an unknown path is 404")

# Graph Store Protocol: a document's graph.
docs = json.loads(request("/sparql?" + urllib.parse.urlencode({"query": "SELECT DISTINCT ?d ?n WHERE { ?d a ng:Document } ORDER BY ?d"}))[2])["results"]["bindings"]
doc = docs[0]["d"]["value"]
count = json.loads(request("/sparql?" + urllib.parse.urlencode({"query": f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{doc}> {{ ?s ?p ?o }} }}"}))[2])["results"]["bindings"][0]["n"]["value"]
status, media, body = request("/graph?" + urllib.parse.urlencode({"graph": doc}), headers={"Accept": "application/n-triples"})
g = rdflib.Graph()
if status == 200:
    g.parse(data=body, format="nt")
check(status == 200 and media == "application/n-triples" and len(g) == int(count), f"GET /graph?graph= a document's graph: {len(g)} triples = {count} in the store", f"{status} {body[:200]}")
status, _, _ = request("/graph?" + urllib.parse.urlencode({"graph": "https://newsgraph.dev/id/doc/none"}))
check(status == 404, "GET of a graph that is not there is 404")
status, _, _ = request("/graph?" + urllib.parse.urlencode({"graph": doc}), data=b"<a> <b> <c> .", headers={"Content-Type": "application/n-triples"}, method="PUT")
check(status == 403, "PUT of a graph is refused: 403")

# 50 concurrent clients, each asking the 1-hop question four times.
one_hop = """SELECT DISTINCT ?p ?other WHERE { ?h rdfs:label "Hyundai" . { ?h ?p ?o } UNION { ?o ?p ?h } ?p a owl:ObjectProperty . ?o rdfs:label ?other } ORDER BY ?p ?other"""
reference = request("/sparql?" + urllib.parse.urlencode({"query": one_hop}))[2]


def client(_):
    answers = [request("/sparql?" + urllib.parse.urlencode({"query": one_hop})) for _ in range(4)]
    return all(status == 200 and body == reference for status, _, body in answers)


with ThreadPoolExecutor(max_workers=50) as pool:
    results = list(pool.map(client, range(50)))
rows = len(json.loads(reference)["results"]["bindings"])
check(rows >= 2 and all(results), f"50 concurrent clients × 4 queries: {sum(results)}/50 got the same answer ({rows} rows)", f"{rows} rows; {results}")

if failures:
    print(f"{len(failures)} endpoint checks failed")
    sys.exit(1)
