//! `ingest --endpoint` and `load --endpoint` against a real Oxigraph server (`oxigraph serve`
//! from the `oxigraph` package on PyPI, installed into target/pyenv by tests/setup.sh): the
//! served store must answer the README's questions as the local store does.

mod common;

use common::{newsgraph, ok, root, stderr};
use std::io::Write;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// An `oxigraph serve` on a free local port, stopped when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Server {
    fn start(location: &Path) -> Server {
        let binary = root().join("target/pyenv/bin/oxigraph");
        assert!(binary.exists(), "{} is missing: run `bash tests/setup.sh` (it installs the oxigraph package of tests/requirements.txt)", binary.display());
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = Command::new(binary)
            .args(["serve", "--location", location.to_str().unwrap(), "--bind", &format!("127.0.0.1:{port}"), "--union-default-graph"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start oxigraph serve");
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(started.elapsed() < Duration::from_secs(30), "oxigraph serve did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        Server { child, port }
    }

    fn store_url(&self) -> String {
        format!("http://127.0.0.1:{}/store", self.port)
    }

    /// A SELECT's solutions as SPARQL JSON bindings, sorted, with the project's prefixes declared.
    fn select(&self, sparql: &str) -> Vec<String> {
        let prefixes: String = newsgraph::store::vocab::PREFIXES.iter().map(|(p, iri)| format!("PREFIX {p}: <{iri}>\n")).collect();
        // Python's urllib (the test venv's): an HTTP client that reads any answer framing.
        let fetch = "import sys, urllib.request, urllib.parse\n\
                     url = sys.argv[1] + '?' + urllib.parse.urlencode({'query': sys.stdin.read()})\n\
                     request = urllib.request.Request(url, headers={'Accept': 'application/sparql-results+json'})\n\
                     sys.stdout.write(urllib.request.urlopen(request).read().decode())";
        let mut python =
            Command::new(root().join("target/pyenv/bin/python")).args(["-c", fetch, &format!("http://127.0.0.1:{}/query", self.port)]).stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().unwrap();
        python.stdin.take().unwrap().write_all(format!("{prefixes}{sparql}").as_bytes()).unwrap();
        let out = python.wait_with_output().unwrap();
        assert!(out.status.success(), "the served store refused {sparql}");
        bindings(&String::from_utf8(out.stdout).unwrap())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

/// The bindings of SPARQL JSON results, each as text, sorted.
fn bindings(json: &str) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    let mut rows: Vec<String> = value["results"]["bindings"].as_array().unwrap().iter().map(|b| b.to_string()).collect();
    rows.sort();
    rows
}

/// The ```sparql blocks of the README (its questions), in order.
fn readme_questions() -> Vec<String> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    readme.split("```sparql\n").skip(1).map(|rest| rest.split("```").next().unwrap().to_string()).collect()
}

const QUADS: &str = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";

fn local(store: &Path, sparql: &str, cwd: &Path) -> Vec<String> {
    bindings(&ok(&newsgraph(&["query", "--format", "json", "--store", store.to_str().unwrap(), sparql], cwd)))
}

#[test]
fn a_served_store_fed_by_ingest_and_load_answers_as_the_local_one() {
    let tmp = tempfile::tempdir().unwrap();
    let seeds = root().join("seeds");
    let store = tmp.path().join("store");
    ok(&newsgraph(&["ingest", seeds.to_str().unwrap(), "--store", store.to_str().unwrap()], tmp.path()));

    let server = Server::start(&tmp.path().join("served"));
    let url = server.store_url();
    let sent = newsgraph(&["ingest", seeds.to_str().unwrap(), "--endpoint", &url], tmp.path());
    ok(&sent);
    assert!(stderr(&sent).contains("5 added, 0 replaced"), "{}", stderr(&sent));
    let questions = readme_questions();
    assert!(questions.len() >= 4);
    for q in &questions {
        let expected = local(&store, q, tmp.path());
        assert!(!expected.is_empty(), "the README question has answers locally: {q}");
        assert_eq!(server.select(q), expected, "{q}");
    }
    assert_eq!(server.select(QUADS), local(&store, QUADS, tmp.path()), "the same number of quads");

    // Sent again: every graph is replaced, none doubled.
    let again = newsgraph(&["ingest", seeds.to_str().unwrap(), "--endpoint", &url], tmp.path());
    assert!(stderr(&again).contains("0 added, 5 replaced"), "{}", stderr(&again));
    assert_eq!(server.select(QUADS), local(&store, QUADS, tmp.path()));

    // Shards pushed with `load --endpoint` to another server give the same store.
    let shards = tmp.path().join("shards");
    ok(&newsgraph(&["extract", "--format", "nquads", "--shard-size", "2", "-o", shards.to_str().unwrap(), seeds.to_str().unwrap()], tmp.path()));
    let second = Server::start(&tmp.path().join("served2"));
    let loaded = newsgraph(&["load", shards.to_str().unwrap(), "--endpoint", &second.store_url()], tmp.path());
    assert!(stderr(&loaded).contains("5 added"), "{}", stderr(&loaded));
    for q in questions.iter().chain([&QUADS.to_string()]) {
        assert_eq!(second.select(q), server.select(q), "{q}");
    }
}

#[test]
fn an_endpoint_that_does_not_answer_is_named_after_retries() {
    let tmp = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}/store");
    let out = newsgraph(&["ingest", root().join("seeds").to_str().unwrap(), "--endpoint", &url], tmp.path());
    assert!(!out.status.success());
    assert!(stderr(&out).contains(&format!("could not send the graph https://newsgraph.dev/id/graph/ontology to {url} (4 tries)")), "{}", stderr(&out));
    let bad = newsgraph(&["ingest", "x.txt", "--endpoint", "ftp://example.org/"], tmp.path());
    assert!(stderr(&bad).contains("give an http:// URL"), "{}", stderr(&bad));
}
