//! Every export read back by the tools people use — networkx, graphology, cytoscape,
//! mermaid, Graphviz, rdflib, xmllint, Python's csv, headless Chromium (tests/readers,
//! installed by tests/setup.sh) — on the seed graph and on graphs of random hostile
//! labels; and the committed `exports/` reproduced byte for byte by a fresh build.

use newsgraph::corpus::{Document, Format};
use newsgraph::extract::{Extractor, Lexicon};
use newsgraph::graph::KnowledgeGraph;
use newsgraph::model::{slug, Entity, EntityType, Evidence, Extraction, Predicate, Relation, Status};
use newsgraph::pipeline::{ingest, write_exports};
use newsgraph::store::{term_text, Store};
use serde_json::json;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs tests/setup.sh when a reader is missing (CI runs it before the tests anyway).
fn ensure_readers() {
    let python = root().join("target/pyenv/bin/python");
    let ready = python.exists() && root().join("tests/readers/node_modules").exists();
    if !ready {
        let status = Command::new("bash").arg(root().join("tests/setup.sh")).status().expect("run tests/setup.sh");
        assert!(status.success(), "tests/setup.sh failed");
    }
}

/// Runs both reader scripts on an export folder: (passed, everything they printed).
fn run_readers(dir: &Path) -> (bool, String) {
    ensure_readers();
    let readers = root().join("tests/readers");
    let runs = [(root().join("target/pyenv/bin/python"), readers.join("check.py")), (PathBuf::from("node"), readers.join("check.mjs"))];
    let mut passed = true;
    let mut log = String::new();
    for (program, script) in runs {
        let out = Command::new(&program).arg(&script).arg(dir).output().unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display()));
        passed &= out.status.success();
        log += &format!("{}:\n{}{}", script.display(), String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    }
    (passed, log)
}

/// Both reader scripts accept the exports in `dir`.
fn check_with_readers(dir: &Path) {
    let (passed, log) = run_readers(dir);
    assert!(passed, "the readers rejected the exports in {}:\n{log}", dir.display());
}

fn count(store: &Store, sparql: &str) -> usize {
    let (_, rows) = store.select(sparql).unwrap();
    rows[0][0].as_ref().map(term_text).unwrap().parse().unwrap()
}

/// What the readers must find: `tests/readers/README.md` describes the contract.
fn write_expected(store: &Store, kg: &KnowledgeGraph, dir: &Path) {
    let g = &kg.graph;
    let nodes: Vec<_> = g.node_weights().map(|n| json!({"id": n.id, "label": n.label, "type": n.class.as_str()})).collect();
    let mut edges = Vec::new();
    let mut relations = Vec::new();
    for e in g.edge_indices() {
        let (s, o) = g.edge_endpoints(e).unwrap();
        let edge = &g[e];
        edges.push(json!({"source": g[s].id, "target": g[o].id, "label": edge.main_predicate().map(|p| p.as_str()), "weight": edge.weight()}));
        for (predicate, statements) in &edge.relations {
            let years: Vec<i32> = newsgraph::graph::years(statements).into_iter().collect();
            relations.push(json!({"source": g[s].id, "target": g[o].id, "predicate": predicate.as_str(), "weight": statements.len(), "years": years}));
        }
    }
    let triples = count(store, "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }");
    let quads = store.len().unwrap();
    let expected = json!({"nodes": nodes, "edges": edges, "relations": relations, "triples": triples, "quads": quads});
    std::fs::write(dir.join("expected.json"), serde_json::to_string_pretty(&expected).unwrap()).unwrap();
}

fn ontology_store(path: &Path) -> Store {
    let store = Store::open(path).unwrap();
    store.load_ontology(&root().join("ontology/newsgraph.ttl")).unwrap();
    store
}

#[test]
fn seed_exports_open_in_every_reader() {
    let tmp = tempfile::tempdir().unwrap();
    let store = ontology_store(&tmp.path().join("store"));
    let extractor = Extractor::new(Lexicon::load(&root().join("ontology")).unwrap());
    let report = ingest(&extractor, &store, &[root().join("seeds")]).unwrap();
    assert!(report.failed.is_empty());
    let kg = KnowledgeGraph::from_store(&store).unwrap();
    assert!(kg.graph.node_count() > 50 && kg.graph.edge_count() > 40, "a real graph to check");
    let dir = tmp.path().join("exports");
    let written = write_exports(&store, &kg, &dir).unwrap();
    assert!(written >= 15, "{written} files");
    write_expected(&store, &kg, &dir);
    check_with_readers(&dir);
}

#[test]
fn seed_diagrams_have_no_overlapping_labels() {
    let tmp = tempfile::tempdir().unwrap();
    let store = ontology_store(&tmp.path().join("store"));
    let extractor = Extractor::new(Lexicon::load(&root().join("ontology")).unwrap());
    ingest(&extractor, &store, &[root().join("seeds")]).unwrap();
    let kg = KnowledgeGraph::from_store(&store).unwrap();
    let mut drawn = 0;
    for n in kg.graph.node_indices().filter(|&n| kg.degree(n) >= 3) {
        let filter = newsgraph::graph::Filter { focus: Some(kg.graph[n].id.clone()), depth: 2, max_nodes: Some(60), ..Default::default() };
        let ego = kg.filtered(&filter).unwrap();
        let d = newsgraph::diagram::layout(&ego, ego.find(&kg.graph[n].id).unwrap(), "test");
        let mut labels: Vec<_> = d.nodes.iter().map(|n| &n.label).collect();
        labels.extend(d.edges.iter().filter_map(|e| e.label.as_ref()));
        for (i, a) in labels.iter().enumerate() {
            for b in &labels[i + 1..] {
                assert!(!a.area.overlaps(&b.area), "{}: labels {:?} and {:?} overlap", kg.graph[n].id, a.text, b.text);
            }
        }
        let labelled = d.edges.iter().filter(|e| e.label.is_some()).count();
        assert!(labelled * 10 >= d.edges.len() * 7, "{}: only {labelled} of {} edges labelled", kg.graph[n].id, d.edges.len());
        drawn += 1;
    }
    assert!(drawn >= 5, "ego networks drawn: {drawn}");
}

/// A small deterministic PRNG (xorshift), so failures replay.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Characters that break formats written carelessly.
const HOSTILE: &[&str] = &[
    "&",
    "<",
    ">",
    "\"",
    "'",
    ",",
    ";",
    "\n",
    "\r\n",
    "\t",
    "\\",
    "\\\"",
    "#",
    "|",
    "`",
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    "%",
    ":",
    "/",
    "-->",
    "]]>",
    "<!--",
    "&amp;",
    "#quot;",
    "\u{1}",
    "\u{7}",
    "\u{1b}",
    "\u{1f}",
    "\u{fffe}",
    "é",
    "Жук",
    "한국",
    "中国",
    "日本語",
    "عربى",
    "🙂",
    " ",
    "  ",
    "Co., Ltd.",
    "end",
    "graph",
    "subgraph",
    "node",
];

fn random_label(rng: &mut Rng) -> String {
    let mut label = String::from(["Acme", "Пётр", "김", "Σ"][rng.below(4)]);
    for _ in 0..1 + rng.below(6) {
        label.push_str(HOSTILE[rng.below(HOSTILE.len())]);
    }
    label
}

/// A store with one document whose entities have random hostile labels.
fn random_store(path: &Path, seed: u64) -> Store {
    let mut rng = Rng(seed);
    let classes = EntityType::ALL;
    let entities: Vec<Entity> = (0..30)
        .map(|i| {
            let class = classes[rng.below(classes.len())];
            let label = random_label(&mut rng);
            let alias = random_label(&mut rng);
            Entity { id: format!("{}/{}_{i}", class.id_prefix(), slug(&label)), label, class, aliases: vec![alias], wikidata: None }
        })
        .collect();
    let body = "Evidence sentence with \"quotes\" & <markup>.".to_string();
    let relations: Vec<Relation> = (0..60)
        .map(|i| {
            let (a, b) = (rng.below(entities.len()), rng.below(entities.len()));
            let b = if a == b { (b + 1) % entities.len() } else { b };
            Relation {
                subject: entities[a].id.clone(),
                predicate: Predicate::ALL[rng.below(Predicate::ALL.len())],
                object: entities[b].id.clone(),
                evidence: Evidence { start: 0, end: body.len(), text: body.clone() },
                confidence: 0.5,
                year: (i % 3 != 0).then(|| 2000 + rng.below(25) as i32),
                amount: None,
                status: (i % 4 == 0).then(|| Status::ALL[rng.below(Status::ALL.len())]),
                negated: false,
                rule: format!("test:{i}"),
            }
        })
        .collect();
    let doc = Document {
        id: format!("{seed:016x}"),
        name: format!("random {} \"{seed}\".txt", random_label(&mut rng)),
        path: PathBuf::from("random.txt"),
        format: Format::Text,
        title: Some(random_label(&mut rng)),
        author: None,
        date: None,
        url: None,
        publisher: None,
        body,
    };
    let store = ontology_store(path);
    store.ingest(&doc, &Extraction { entities, relations }, "test").unwrap();
    store
}

#[test]
fn random_hostile_labels_survive_every_format() {
    for seed in [0x9e37_79b9_7f4a_7c15_u64, 0x0123_4567_89ab_cdef, 42] {
        let tmp = tempfile::tempdir().unwrap();
        let store = random_store(&tmp.path().join("store"), seed);
        let kg = KnowledgeGraph::from_store(&store).unwrap();
        assert_eq!(kg.graph.node_count(), 30, "seed {seed}");
        let dir = tmp.path().join("exports");
        write_exports(&store, &kg, &dir).unwrap();
        write_expected(&store, &kg, &dir);
        check_with_readers(&dir);
    }
}

#[test]
fn the_readers_reject_broken_exports() {
    let tmp = tempfile::tempdir().unwrap();
    let store = random_store(&tmp.path().join("store"), 7);
    let kg = KnowledgeGraph::from_store(&store).unwrap();
    let good = tmp.path().join("good");
    write_exports(&store, &kg, &good).unwrap();
    write_expected(&store, &kg, &good);
    // (file, text to find, replacement): each breaks what a reader relies on.
    let breakages = [
        ("graph.graphml", "<key id=\"n_type\"", "<key id=\"d3\""),
        ("graph.graphml", "</graph>", "<edge id=\"x\" source=\"nowhere\" target=\"nothing\"/></graph>"),
        ("graph.gexf", "</edges>", "<edge id=\"r0\" source=\"a\" target=\"b\"/></edges>"),
        ("graph.cyjs", "\"edges\": [", "\"edges\": [{\"data\": {\"id\": \"x\", \"source\": \"nowhere\", \"target\": \"nothing\"}},"),
        ("graph.mmd", "flowchart LR\n", "flowchart LR\n  n0[\"unclosed]\n"),
        ("graph.dot", "digraph \"newsgraph\" {\n", "digraph \"newsgraph\" {\n  \"broken\" -> ;\n"),
        ("edges.csv", "Source,Target,Type,Id,Label,Weight,Kind", "Source,Target,Id,Label,Weight,Kind"),
        ("graph.ttl", " .\n", " \n"),
        ("graph.jsonld", "\"@graph\":[", "\"@graph\":[{\"@id\":\"https://example.org/x\",\"https://example.org/p\":[{\"@value\":\"one quad too many\"}]},"),
        ("graph.svg", "</svg>", "</svgg>"),
    ];
    for (file, find, replace) in breakages {
        let dir = tmp.path().join("broken");
        let _ = std::fs::remove_dir_all(&dir);
        copy_dir(&good, &dir);
        let text = std::fs::read_to_string(dir.join(file)).unwrap();
        assert!(text.contains(find), "{file} has {find:?}");
        std::fs::write(dir.join(file), text.replacen(find, replace, 1)).unwrap();
        let (passed, log) = run_readers(&dir);
        assert!(!passed, "the readers accepted a broken {file}:\n{log}");
        assert!(log.contains(&format!("FAIL {}", dir.join(file).display())), "the failure names {file}:\n{log}");
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for (name, bytes) in files(from) {
        let path = to.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

/// Every file under `dir`, by path relative to it.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.insert(path.strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

#[test]
fn a_fresh_build_reproduces_the_committed_exports_byte_for_byte() {
    let tmp = tempfile::tempdir().unwrap();
    let exports = tmp.path().join("exports");
    let out = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(["build", "--corpus", "seeds", "--store"])
        .arg(tmp.path().join("store"))
        .arg("--exports")
        .arg(&exports)
        .current_dir(root())
        .env_remove("NEWSGRAPH_STORE")
        .env_remove("NEWSGRAPH_ONTOLOGY")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (fresh, committed) = (files(&exports), files(&root().join("exports")));
    assert_eq!(fresh.keys().collect::<Vec<_>>(), committed.keys().collect::<Vec<_>>(), "the same files");
    for (name, bytes) in &fresh {
        assert!(bytes == &committed[name], "exports/{} differs from a fresh build: run `cargo run --release -- build` and commit", name.display());
    }
}
