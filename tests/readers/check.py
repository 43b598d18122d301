"""Reads every newsgraph export in a folder with the Python-side tools people use and
checks it against the folder's expected.json (see README.md in this folder).

    target/pyenv/bin/python tests/readers/check.py DIR

networkx (GraphML, GEXF 1.3), Python's csv, Graphviz `dot -Tjson`, rdflib (Turtle,
TriG, N-Quads, JSON-LD) and xmllint for the SVG diagrams (check.mjs renders them in
Chromium). Prints a line per file; exits 1 naming the file and the problem.
"""

import csv
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import rdflib

ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(s):
    """What an XML format can carry: the label without XML-illegal characters."""
    return ILLEGAL.sub("", s)


# Rust's char::is_whitespace (Python's str.split() also splits at \x1c-\x1f).
WHITESPACE = re.compile("[\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")


def one_line(s):
    """What DOT and Mermaid labels carry: words of the label, control characters dropped."""
    words = ("".join(c for c in w if not (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F) and c not in "\ufffe\uffff") for w in WHITESPACE.split(s))
    return " ".join(w for w in words if w)


class Failure(Exception):
    pass


def expect(cond, message):
    if not cond:
        raise Failure(message)


def xmllint(path):
    out = subprocess.run(["xmllint", "--noout", str(path)], capture_output=True, text=True)
    expect(out.returncode == 0, f"xmllint: {out.stderr.strip()[:300]}")


def check_graphml(path, ex):
    xmllint(path)
    root = ET.parse(path).getroot()
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    for key in root.iter(ns + "key"):
        expect(not re.fullmatch(r"d\d+", key.get("id")), f"key id {key.get('id')!r} (Gephi misreads d0…dN)")
        expect(key.get("for") in ("node", "edge"), f"key {key.get('id')} for={key.get('for')!r}")
        expect(key.get("attr.type") in ("boolean", "int", "long", "float", "double", "string"), f"key {key.get('id')} attr.type={key.get('attr.type')!r}")
    graph = root.find(ns + "graph")
    expect(graph is not None and graph.get("edgedefault") in ("directed", "undirected"), "explicit edgedefault")
    tags = [child.tag for child in graph if child.tag in (ns + "node", ns + "edge")]
    expect(tags == sorted(tags, key=lambda t: t != ns + "node"), "all nodes before edges")
    edge_ids = [e.get("id") for e in graph.iter(ns + "edge")]
    expect(len(edge_ids) == len(set(edge_ids)), "unique edge ids")
    g = nx.read_graphml(path)
    check_nodes(g, ex)
    expect(g.number_of_edges() == len(ex["edges"]), f"{g.number_of_edges()} edges, expected {len(ex['edges'])}")
    for e in ex["edges"]:
        expect(g.has_edge(e["source"], e["target"]), f"edge {e['source']} -> {e['target']} missing")
        data = g.edges[e["source"], e["target"]]
        expect(data.get("label") == e["label"] and data.get("weight") == float(e["weight"]), f"edge {e['source']} -> {e['target']}: {data}")


def check_nodes(g, ex):
    expected = {n["id"]: n for n in ex["nodes"]}
    expect(set(g.nodes) == set(expected), f"node ids differ: {sorted(set(g.nodes) ^ set(expected))[:5]}")
    for node, data in g.nodes(data=True):
        want = expected[node]
        expect(data.get("label") == clean(want["label"]), f"node {node}: label {data.get('label')!r}, expected {clean(want['label'])!r}")
        expect(data.get("type") == want["type"], f"node {node}: type {data.get('type')!r}")


def check_gexf(path, ex):
    xmllint(path)
    root = ET.parse(path).getroot()
    expect(root.tag == "{http://gexf.net/1.3}gexf" and root.get("version") == "1.3", "GEXF 1.3 namespace and version")
    graph = root.find("{http://gexf.net/1.3}graph")
    expect(graph.get("timeformat") == "integer" and graph.get("mode") == "dynamic", "dynamic graph with integer time")
    g = nx.read_gexf(path, version="1.3")
    check_nodes(g, ex)
    expect(g.number_of_edges() == len(ex["relations"]), f"{g.number_of_edges()} edges, expected one per relation ({len(ex['relations'])})")
    found = {(s, t, d["label"]): d for s, t, d in g.edges(data=True)}
    for r in ex["relations"]:
        d = found.get((r["source"], r["target"], r["predicate"]))
        expect(d is not None, f"relation {r} missing")
        expect(d["weight"] == float(r["weight"]), f"relation {r}: weight {d['weight']}")
        expect(sorted(s for s, _ in d.get("spells", [])) == r["years"], f"relation {r}: spells {d.get('spells')}")
    kinds = {e.get("kind") for e in root.iter("{http://gexf.net/1.3}edge")}
    expect(kinds == {r["predicate"] for r in ex["relations"]}, f"edge kinds {kinds}")


def check_nodes_csv(path, ex):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        nodes = list(reader)
    expect(reader.fieldnames[:3] == ["Id", "Label", "Type"], f"header starts {reader.fieldnames[:3]}, expected Id,Label,Type")
    expected = {n["id"]: n for n in ex["nodes"]}
    ids = [n["Id"] for n in nodes]
    expect(len(ids) == len(set(ids)) and set(ids) == set(expected), "unique ids, one per node")
    for n in nodes:
        expect(n["Label"] == clean(expected[n["Id"]]["label"]), f"{n['Id']}: label {n['Label']!r}")
        expect(n["Type"] == expected[n["Id"]]["type"], f"{n['Id']}: type {n['Type']!r}")


def check_edges_csv(path, ex):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        edges = list(reader)
    expect(reader.fieldnames[:7] == ["Source", "Target", "Type", "Id", "Label", "Weight", "Kind"], f"header starts {reader.fieldnames[:7]}")
    expect(len(edges) == len(ex["relations"]), f"{len(edges)} rows, expected {len(ex['relations'])}")
    expect(len({e["Id"] for e in edges}) == len(edges), "unique ids")
    ids = {n["id"] for n in ex["nodes"]}
    for e in edges:
        expect(e["Source"] in ids and e["Target"] in ids, f"{e['Id']}: dangling")
        expect(e["Type"] == "Directed" and e["Kind"] == e["Label"] and float(e["Weight"]) >= 1, f"{e['Id']}: {e}")


def check_dot(path, ex):
    out = subprocess.run(["dot", "-Tjson", str(path)], capture_output=True, text=True)
    expect(out.returncode == 0, f"dot failed: {out.stderr.strip()[:300]}")
    expect("Warning" not in out.stderr and "Error" not in out.stderr, f"dot complained: {out.stderr.strip()[:300]}")
    g = json.loads(out.stdout)
    objects = g.get("objects", [])
    expected = {n["id"]: n for n in ex["nodes"]}
    names = {o["name"] for o in objects}
    expect(names == set(expected), f"node names differ: {sorted(names ^ set(expected))[:5]}")
    for o in objects:
        # Graphviz reports a label as written: backslash escapes still in place.
        label = o.get("label", "").replace('\\"', '"').replace("\\\\", "\\")
        expect(label == one_line(expected[o["name"]]["label"]), f"node {o['name']}: label {label!r}, expected {one_line(expected[o['name']]['label'])!r}")
    expect(len(g.get("edges", [])) == len(ex["edges"]), f"{len(g.get('edges', []))} edges, expected {len(ex['edges'])}")


def check_turtle(path, ex):
    g = rdflib.Graph()
    g.parse(path, format="turtle")
    expect(len(g) == ex["triples"], f"{len(g)} triples, expected {ex['triples']}")


def check_dataset(path, ex, fmt):
    ds = rdflib.Dataset()
    ds.parse(path, format=fmt)
    quads = sum(1 for _ in ds.quads((None, None, None, None)))
    expect(quads == ex["quads"], f"{quads} quads, expected {ex['quads']}")


def check_json(path, ex):
    data = json.loads(path.read_text(encoding="utf-8"))
    expect({e["id"] for e in data["entities"]} == {n["id"] for n in ex["nodes"]}, "entity ids")
    expect(len(data["relations"]) == len(ex["relations"]), "one relation per (subject, predicate, object)")


def check_svg(path):
    xmllint(path)


def main(folder):
    folder = Path(folder)
    ex = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    checks = [
        ("graph.graphml", lambda p: check_graphml(p, ex), "xmllint + networkx"),
        ("graph.gexf", lambda p: check_gexf(p, ex), "xmllint + networkx"),
        ("nodes.csv", lambda p: check_nodes_csv(p, ex), "csv"),
        ("edges.csv", lambda p: check_edges_csv(p, ex), "csv"),
        ("graph.dot", lambda p: check_dot(p, ex), "graphviz dot -Tjson"),
        ("graph.json", lambda p: check_json(p, ex), "json"),
        ("graph.ttl", lambda p: check_turtle(p, ex), "rdflib"),
        ("graph.trig", lambda p: check_dataset(p, ex, "trig"), "rdflib"),
        ("graph.nq", lambda p: check_dataset(p, ex, "nquads"), "rdflib"),
        ("graph.jsonld", lambda p: check_dataset(p, ex, "json-ld"), "rdflib"),
        ("graph.svg", check_svg, "xmllint"),
    ]
    for svg in sorted((folder / "diagrams").glob("*.svg")):
        checks.append((str(svg.relative_to(folder)), check_svg, "xmllint"))
    failures = 0
    for name, check, reader in checks:
        try:
            check(folder / name)
            print(f"ok {name} ({reader})")
        except Exception as e:  # any reader error is a failure of this file
            failures += 1
            print(f"FAIL {folder / name}: {type(e).__name__}: {e}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
