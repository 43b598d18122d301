//! End-to-end tests: run the `newsgraph` binary on the seeds and on bad input, with a
//! real on-disk Oxigraph store in a temp folder (tests/exports.rs reads the exports back
//! with the tools people use).

mod common;

use common::{newsgraph, ok, root, stderr};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn count(store: &Path, cwd: &Path, sparql: &str) -> usize {
    let out = ok(&newsgraph(&["query", "--store", store.to_str().unwrap(), "--format", "csv", sparql], cwd));
    out.lines().nth(1).unwrap_or("0").trim().parse().expect("a count")
}

const QUADS: &str = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }";
const DOCS: &str = "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a ng:Document }";

#[test]
fn build_reingest_query_and_export_the_seeds() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let exports = tmp.path().join("exports");
    let seeds = root().join("seeds");
    let out = newsgraph(&["build", "--corpus", seeds.to_str().unwrap(), "--store", store.to_str().unwrap(), "--exports", exports.to_str().unwrap()], tmp.path());
    ok(&out);
    assert!(stderr(&out).contains("5 added"), "summary: {}", stderr(&out));
    for f in ["graph.graphml", "graph.json", "graph.trig"] {
        assert!(fs::metadata(exports.join(f)).unwrap().len() > 100, "{f} is written");
    }
    assert_eq!(count(&store, tmp.path(), DOCS), 5);
    let quads = count(&store, tmp.path(), QUADS);
    assert!(quads > 500, "the seeds give a real graph, got {quads} quads");

    // Re-ingesting the same articles changes nothing.
    let again = newsgraph(&["ingest", seeds.to_str().unwrap(), "--store", store.to_str().unwrap()], tmp.path());
    ok(&again);
    assert!(stderr(&again).contains("0 added, 0 replaced, 5 unchanged, 0 failed"), "{}", stderr(&again));
    assert_eq!(count(&store, tmp.path(), QUADS), quads);

    // SPARQL with the predeclared prefixes: the countries of the seeds are there.
    let countries = ok(&newsgraph(&["query", "--store", store.to_str().unwrap(), "--format", "tsv", "SELECT DISTINCT ?name WHERE { ?c a ng:Country ; rdfs:label ?name } ORDER BY ?name"], tmp.path()));
    for name in ["Russia", "North Korea", "China"] {
        assert!(countries.lines().any(|l| l == name), "{name} in {countries}");
    }
    // Every relation statement carries its evidence and document.
    let orphans = count(&store, tmp.path(), "SELECT (COUNT(?a) AS ?n) WHERE { ?a a ng:Assertion . FILTER NOT EXISTS { ?a ng:evidence ?e ; prov:wasDerivedFrom ?d ; ng:start ?s ; ng:end ?t } }");
    assert_eq!(orphans, 0);
    let relations = count(&store, tmp.path(), "SELECT (COUNT(?a) AS ?n) WHERE { ?a a ng:Assertion }");
    assert!(relations >= 20, "relations found: {relations}");

    // The export command writes the same GraphML as the build did.
    let graphml = tmp.path().join("again.graphml");
    ok(&newsgraph(&["export", "--store", store.to_str().unwrap(), "-o", graphml.to_str().unwrap()], tmp.path()));
    assert_eq!(fs::read(&graphml).unwrap(), fs::read(exports.join("graph.graphml")).unwrap(), "exports are deterministic");
}

#[test]
fn bad_files_are_named_and_the_good_ones_stored() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    fs::write(corpus.join("good.txt"), "Russia and China signed a gas deal in 2019. Gazprom will supply natural gas to China.").unwrap();
    fs::write(corpus.join("binary.txt"), [0x50u8, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff]).unwrap();
    fs::write(corpus.join("latin1.txt"), b"Caf\xe9 talks in Seoul").unwrap();
    fs::write(corpus.join("empty.md"), "   \n\n").unwrap();
    let store = tmp.path().join("store");
    let out = newsgraph(&["ingest", corpus.to_str().unwrap(), "--store", store.to_str().unwrap()], tmp.path());
    assert_eq!(out.status.code(), Some(1), "some files failed: exit status says so");
    let err = stderr(&out);
    assert!(err.contains("binary.txt") && err.contains("binary file"), "{err}");
    assert!(err.contains("latin1.txt") && err.contains("not UTF-8"), "{err}");
    assert!(err.contains("empty.md") && err.contains("empty"), "{err}");
    assert!(err.contains("1 added") && err.contains("3 failed"), "{err}");
    assert_eq!(count(&store, tmp.path(), DOCS), 1);
    let names = ok(&newsgraph(&["query", "--store", store.to_str().unwrap(), "--format", "tsv", "SELECT ?f WHERE { ?d ng:sourceFile ?f }"], tmp.path()));
    assert_eq!(names.lines().skip(1).collect::<Vec<_>>(), ["good.txt"]);

    // A missing path is an error naming it.
    let out = newsgraph(&["ingest", "no/such/dir", "--store", store.to_str().unwrap()], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("no/such/dir"), "{}", stderr(&out));
}

#[test]
fn a_changed_document_replaces_only_its_own_graph() {
    let tmp = tempfile::tempdir().unwrap();
    let (corpus, store) = two_articles(tmp.path());
    let s = store.to_str().unwrap();
    ok(&newsgraph(&["ingest", corpus.to_str().unwrap(), "--store", s], tmp.path()));
    let graphs = |tmp: &Path| ok(&newsgraph(&["query", "--store", s, "--format", "tsv", "SELECT ?g ?f WHERE { GRAPH ?g { ?g ng:sourceFile ?f } } ORDER BY ?f"], tmp));
    let before = graphs(tmp.path());
    fs::write(corpus.join("a.txt"), "Russia criticized Japan in 2015.").unwrap();
    let out = newsgraph(&["ingest", corpus.to_str().unwrap(), "--store", s], tmp.path());
    ok(&out);
    assert!(stderr(&out).contains("0 added, 1 replaced, 1 unchanged"), "{}", stderr(&out));
    let after = graphs(tmp.path());
    let line = |text: &str, file: &str| text.lines().find(|l| l.ends_with(file)).map(str::to_string);
    assert_ne!(line(&before, "a.txt"), line(&after, "a.txt"), "a.txt has a new graph");
    assert_eq!(line(&before, "b.txt"), line(&after, "b.txt"), "b.txt untouched");
    assert_eq!(count(&store, tmp.path(), DOCS), 2);
    let old_facts = count(&store, tmp.path(), "SELECT (COUNT(*) AS ?n) WHERE { ?a ng:evidence ?e . FILTER(CONTAINS(?e, \"Ukraine\")) }");
    assert_eq!(old_facts, 0, "nothing of the old text is left");
}

#[test]
fn extract_json_follows_the_scorer_schema() {
    let tmp = tempfile::tempdir().unwrap();
    let article = tmp.path().join("a.txt");
    fs::write(&article, "Rate this article\nSouth Korean President Moon Jae-in met Russian President Vladimir Putin in Moscow in 2018.\nShare this article").unwrap();
    let out = ok(&newsgraph(&["extract", "--format", "json", article.to_str().unwrap()], tmp.path()));
    let json: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(json["document"], "a.txt");
    let entities = json["entities"].as_array().unwrap();
    let ids: Vec<&str> = entities.iter().map(|e| e["id"].as_str().unwrap()).collect();
    for e in entities {
        assert!(e["label"].as_str().is_some_and(|l| !l.is_empty()));
        assert!(e["aliases"].is_array());
        assert!(["Country", "Person", "Company", "Organization", "Place", "Project", "Initiative", "Event", "Commodity"].contains(&e["type"].as_str().unwrap()));
    }
    let label_of = |t: &str| entities.iter().filter(|e| e["type"] == t).map(|e| e["label"].as_str().unwrap().to_string()).collect::<Vec<_>>();
    assert!(label_of("Person").iter().any(|l| l.contains("Moon Jae")), "{:?}", label_of("Person"));
    assert!(label_of("Person").iter().any(|l| l.contains("Putin")), "{:?}", label_of("Person"));
    assert!(!out.contains("Rate this"), "furniture yields nothing");
    for r in json["relations"].as_array().unwrap() {
        assert!(ids.contains(&r["subject"].as_str().unwrap()) && ids.contains(&r["object"].as_str().unwrap()), "{r}");
        assert!(r["evidence"].as_str().is_some_and(|e| !e.is_empty()));
        assert!(r["confidence"].as_f64().is_some_and(|c| c > 0.0 && c <= 1.0));
    }
    let holds: Vec<(&str, &str)> =
        json["relations"].as_array().unwrap().iter().filter(|r| r["predicate"] == "holdsRole").map(|r| (r["subject"].as_str().unwrap(), r["object"].as_str().unwrap())).collect();
    assert!(holds.iter().any(|(s, o)| s.contains("moon") && *o == "country/south_korea"), "{holds:?}");
    assert!(holds.iter().any(|(s, o)| s.contains("putin") && *o == "country/russia"), "{holds:?}");

    // N-Quads of the same article parse as RDF with the document graph.
    let nq = ok(&newsgraph(&["extract", "--format", "nquads", article.to_str().unwrap()], tmp.path()));
    assert!(nq.lines().all(|l| l.ends_with(" .")), "N-Quads lines");
    assert!(nq.contains("<https://newsgraph.dev/ns#holdsRole>"));
}

#[test]
fn every_command_has_help() {
    let tmp = tempfile::tempdir().unwrap();
    for cmd in ["build", "ingest", "extract", "query", "export", "stats"] {
        let out = ok(&newsgraph(&[cmd, "--help"], tmp.path()));
        assert!(out.contains("Usage:"), "{cmd} --help");
    }
}

#[test]
fn eval_scores_an_article_against_its_gold() {
    let tmp = tempfile::tempdir().unwrap();
    let (gold, corpus) = (tmp.path().join("gold"), tmp.path().join("corpus"));
    fs::create_dir_all(&gold).unwrap();
    fs::create_dir_all(&corpus).unwrap();
    fs::write(corpus.join("a.txt"), "Japan imposed sanctions on Russia in 2022.").unwrap();
    fs::write(
        gold.join("a.json"),
        r#"{"entities": [{"id": "jp", "label": "Japan", "type": "Country"}, {"id": "ru", "label": "Russian Federation", "type": "Country", "aliases": ["Russia"]},
            {"id": "cn", "label": "China", "type": "Country"}],
           "relations": [{"subject": "jp", "predicate": "sanctions", "object": "ru"}, {"subject": "cn", "predicate": "trades", "object": "ru"}]}"#,
    )
    .unwrap();
    let out = ok(&newsgraph(&["eval", "--gold", gold.to_str().unwrap(), "--corpus", corpus.to_str().unwrap(), "-v"], tmp.path()));
    assert!(out.contains("entities  P 1.000  R 0.667  F1 0.800  type accuracy 1.000"), "{out}");
    assert!(out.contains("typed     P 1.000  R 0.500  F1 0.667"), "{out}");
    assert!(out.contains("missed entities: [\"China\"]"), "{out}");
}

#[test]
fn export_formats_filters_and_diagrams_from_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let s = store.to_str().unwrap();
    let seeds = root().join("seeds");
    ok(&newsgraph(&["ingest", seeds.to_str().unwrap(), "--store", s], tmp.path()));
    let run = |args: &[&str]| newsgraph(&[args, &["--store", s]].concat(), tmp.path());

    // The format comes from the extension when --format is not given.
    ok(&run(&["export", "-o", "g.gexf"]));
    let gexf = fs::read_to_string(tmp.path().join("g.gexf")).unwrap();
    assert!(gexf.contains("xmlns=\"http://gexf.net/1.3\"") && gexf.contains("timeformat=\"integer\""));
    let unknown = run(&["export", "-o", "g.xyz"]);
    assert!(!unknown.status.success() && stderr(&unknown).contains("g.xyz: cannot tell the format"), "{}", stderr(&unknown));

    // CSV is two files in a folder.
    ok(&run(&["export", "--format", "csv", "-o", "tables"]));
    let nodes = fs::read_to_string(tmp.path().join("tables/nodes.csv")).unwrap();
    let edges = fs::read_to_string(tmp.path().join("tables/edges.csv")).unwrap();
    assert!(nodes.starts_with("Id,Label,Type,") && edges.starts_with("Source,Target,Type,Id,Label,Weight,Kind,"));
    let not_a_folder = run(&["export", "--format", "csv", "-o", "one.csv"]);
    assert!(stderr(&not_a_folder).contains("give a folder"), "{}", stderr(&not_a_folder));

    // Filters: classes, a focus found through an alias, bad names named.
    let json: serde_json::Value = serde_json::from_str(&ok(&run(&["export", "--format", "json", "--types", "country,person"]))).unwrap();
    let kinds: std::collections::BTreeSet<&str> = json["entities"].as_array().unwrap().iter().map(|e| e["type"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["Country", "Person"].into(), "only the classes asked for");
    let ego: serde_json::Value = serde_json::from_str(&ok(&run(&["export", "--format", "json", "--focus", "Korea Gas Corporation"]))).unwrap();
    let ids: Vec<&str> = ego["entities"].as_array().unwrap().iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert!(ids.contains(&"company/kogas") && ids.len() >= 2 && ids.len() < 10, "KOGAS and its neighbours: {ids:?}");
    // Depth 1 is KOGAS's neighbours and the ties among them (the induced ego network): every
    // entity is linked to KOGAS itself, every relation joins two kept entities.
    let relations = ego["relations"].as_array().unwrap();
    for id in ids.iter().filter(|&&id| id != "company/kogas") {
        let linked = relations.iter().any(|r| (r["subject"] == "company/kogas" && r["object"] == *id) || (r["object"] == "company/kogas" && r["subject"] == *id));
        assert!(linked, "depth 1 keeps only KOGAS's neighbours: {id}");
    }
    for relation in relations {
        assert!(ids.contains(&relation["subject"].as_str().unwrap()) && ids.contains(&relation["object"].as_str().unwrap()), "a relation between kept entities: {relation}");
    }
    let bad = run(&["export", "--types", "Planet"]);
    assert!(stderr(&bad).contains("unknown class \"Planet\"") && stderr(&bad).contains("Company"), "{}", stderr(&bad));
    let bad = run(&["export", "--format", "turtle", "--types", "Company"]);
    assert!(stderr(&bad).contains("filters apply to the graph formats"), "{}", stderr(&bad));
    let bad = run(&["export", "--years", "2022..2017"]);
    assert!(stderr(&bad).contains("--years"), "{}", stderr(&bad));

    // Diagrams: built-in SVG, Graphviz SVG with the legend added, Graphviz PNG, DOT.
    ok(&run(&["diagram", "--focus", "KOGAS", "-o", "kogas.svg", "--engine", "builtin"]));
    let svg = fs::read_to_string(tmp.path().join("kogas.svg")).unwrap();
    assert!(svg.contains("Korea Gas Corporation") && svg.contains("class=\"legend\""));
    ok(&run(&["diagram", "--focus", "Russia", "-o", "russia.svg", "--engine", "graphviz"]));
    let svg = fs::read_to_string(tmp.path().join("russia.svg")).unwrap();
    assert!(svg.contains("class=\"legend\"") && svg.contains(">Country</text>") && svg.contains("Russia"));
    ok(&run(&["diagram", "-o", "core.png", "--engine", "graphviz"]));
    assert!(fs::read(tmp.path().join("core.png")).unwrap().starts_with(b"\x89PNG"));
    ok(&run(&["diagram", "--focus", "Russia", "--depth", "2", "-o", "russia.dot"]));
    assert!(fs::read_to_string(tmp.path().join("russia.dot")).unwrap().starts_with("digraph"));
    let bad = run(&["diagram", "--focus", "Atlantis", "-o", "x.svg"]);
    assert!(stderr(&bad).contains("no entity named \"Atlantis\""), "{}", stderr(&bad));
}

/// Runs newsgraph and kills it after `secs` seconds: a hang fails the test instead of stalling it.
fn newsgraph_within(secs: u64, args: &[&str], cwd: &Path) -> Output {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(args)
        .current_dir(cwd)
        .env("NEWSGRAPH_ONTOLOGY", root().join("ontology"))
        .env_remove("NEWSGRAPH_STORE")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run newsgraph");
    // Drain both pipes on threads so a chatty child cannot block on a full pipe.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let stdout = std::thread::spawn(move || {
        let mut v = Vec::new();
        out.read_to_end(&mut v).map(|_| v).unwrap_or_default()
    });
    let stderr = std::thread::spawn(move || {
        let mut v = Vec::new();
        err.read_to_end(&mut v).map(|_| v).unwrap_or_default()
    });
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("newsgraph {args:?} did not finish within {secs} s");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    Output { status, stdout: stdout.join().unwrap(), stderr: stderr.join().unwrap() }
}

#[test]
fn html_cut_off_in_a_tag_neither_panics_nor_stops_the_batch() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    fs::write(corpus.join("a.html"), "<p>Russia and Korea signed a deal.</p><").unwrap();
    fs::write(corpus.join("b.txt"), "Japan imposed sanctions on Russia in 2022.").unwrap();
    fs::write(corpus.join("c.html"), "<p>Gazprom supplies gas to China.</p>").unwrap();
    let (store, exports) = (tmp.path().join("store"), tmp.path().join("exports"));
    let out = newsgraph_within(60, &["build", "--corpus", corpus.to_str().unwrap(), "--store", store.to_str().unwrap(), "--exports", exports.to_str().unwrap()], tmp.path());
    ok(&out);
    assert!(stderr(&out).contains("3 added, 0 replaced, 0 unchanged, 0 failed"), "{}", stderr(&out));
    assert!(exports.join("graph.graphml").exists(), "build writes its exports");
    let out = ok(&newsgraph_within(60, &["extract", "--format", "json", corpus.join("a.html").to_str().unwrap()], tmp.path()));
    assert!(out.contains("Russia and Korea signed a deal."), "{out}");
}

#[test]
fn fifos_are_named_and_skipped_not_waited_on() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    let fifo = corpus.join("pipe.txt");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    fs::write(corpus.join("z.txt"), "Japan imposed sanctions on Russia in 2022.").unwrap();
    let (store, exports) = (tmp.path().join("store"), tmp.path().join("exports"));
    let out = newsgraph_within(60, &["build", "--corpus", corpus.to_str().unwrap(), "--store", store.to_str().unwrap(), "--exports", exports.to_str().unwrap()], tmp.path());
    assert_eq!(out.status.code(), Some(1), "a skipped file is reported in the exit status");
    assert!(stderr(&out).contains("pipe.txt: not a regular file (a named pipe), skipped"), "{}", stderr(&out));
    assert!(stderr(&out).contains("1 added"), "{}", stderr(&out));
    let out = newsgraph_within(60, &["extract", fifo.to_str().unwrap()], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("not a regular file (a named pipe)") && !stderr(&out).contains("no such file"), "{}", stderr(&out));
}

#[test]
fn linked_folders_end_and_each_file_is_read_once() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    fs::write(corpus.join("a.txt"), "Japan imposed sanctions on Russia in 2022.").unwrap();
    std::os::unix::fs::symlink(".", corpus.join("here")).unwrap();
    std::os::unix::fs::symlink(".", corpus.join("there")).unwrap();
    let out = ok(&newsgraph_within(60, &["extract", "--format", "json", corpus.to_str().unwrap()], tmp.path()));
    let json: serde_json::Value = serde_json::from_str(&out).expect("one document's JSON");
    assert_eq!(json["document"], "a.txt");
}

#[test]
fn files_of_the_same_name_in_different_folders_are_both_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = tmp.path().join("corpus");
    for (sub, text) in [("x", "Japan imposed sanctions on Russia in 2022."), ("y", "Gazprom supplies gas to China.")] {
        fs::create_dir_all(corpus.join(sub)).unwrap();
        fs::write(corpus.join(sub).join("a.txt"), text).unwrap();
    }
    let store = tmp.path().join("store");
    let s = store.to_str().unwrap();
    let out = ok_err(&newsgraph(&["ingest", corpus.to_str().unwrap(), "--store", s], tmp.path()));
    assert!(out.contains("2 added, 0 replaced"), "{out}");
    let again = ok_err(&newsgraph(&["ingest", corpus.to_str().unwrap(), "--store", s], tmp.path()));
    assert!(again.contains("0 added, 0 replaced, 2 unchanged"), "{again}");
    assert_eq!(count(&store, tmp.path(), DOCS), 2);
    let names = ok(&newsgraph(&["query", "--store", s, "--format", "tsv", "SELECT ?f WHERE { ?d ng:sourceFile ?f } ORDER BY ?f"], tmp.path()));
    assert_eq!(names.lines().skip(1).collect::<Vec<_>>(), ["x/a.txt", "y/a.txt"]);
}

#[test]
fn one_run_stores_documents_in_their_order_though_in_batches() {
    // Two files named a.txt given on their own (one name), then two files of the same text
    // (one graph): each later one meets the earlier one as a run of one document at a time
    // would, though the run stores them in batches.
    let tmp = tempfile::tempdir().unwrap();
    for (dir, text) in [("x", "Russia imposed sanctions on Ukraine in 2014."), ("y", "Japan cooperates with South Korea on energy."), ("z", "Gazprom supplies gas to China.")] {
        fs::create_dir(tmp.path().join(dir)).unwrap();
        fs::write(tmp.path().join(dir).join("a.txt"), text).unwrap();
    }
    fs::write(tmp.path().join("z/b.txt"), "Gazprom supplies gas to China.").unwrap();
    let store = tmp.path().join("store");
    let out = newsgraph(&["ingest", "x/a.txt", "y/a.txt", "z/a.txt", "z/b.txt", "--store", store.to_str().unwrap()], tmp.path());
    let err = ok_err(&out);
    assert!(err.contains("documents: 1 added, 2 replaced, 1 unchanged, 0 failed"), "{err}");
    assert_eq!(count(&store, tmp.path(), DOCS), 1, "the last text of a.txt, once");
    let quads = count(&store, tmp.path(), QUADS);
    let alone = tmp.path().join("alone");
    ok(&newsgraph(&["ingest", "z/a.txt", "--store", alone.to_str().unwrap()], tmp.path()));
    assert_eq!(quads, count(&alone, tmp.path(), QUADS));
}

/// Asserts success and returns stderr (where the summaries go).
fn ok_err(out: &Output) -> String {
    ok(out);
    stderr(out)
}

#[test]
fn a_paragraph_without_sentence_punctuation_gives_bounded_evidence() {
    let tmp = tempfile::tempdir().unwrap();
    let seed = fs::read_to_string(root().join("seeds/001_aba28fb30b3702b5.txt")).unwrap();
    let words: Vec<&str> = seed.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).collect();
    // 40,000 of the seed's words in a fixed shuffled order, on one line, with no punctuation.
    let mut state = 12345u64;
    let line: Vec<&str> = (0..40_000)
        .map(|_| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            words[(state >> 33) as usize % words.len()]
        })
        .collect();
    let article = tmp.path().join("run.txt");
    fs::write(&article, line.join(" ")).unwrap();
    let out = ok(&newsgraph_within(60, &["extract", "--format", "json", article.to_str().unwrap()], tmp.path()));
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let relations = json["relations"].as_array().unwrap();
    assert!(!relations.is_empty());
    for r in relations {
        assert!(r["evidence"].as_str().unwrap().len() <= 1_000, "evidence is at most a bounded sentence: {}", r["evidence"].as_str().unwrap().len());
    }
}

#[test]
fn html_attributes_never_become_article_text() {
    let tmp = tempfile::tempdir().unwrap();
    let page = tmp.path().join("a.html");
    fs::write(&page, r#"<p><a title="if a > b then Hyundai invests in Nakhodka">Read more</a> about the port.</p><p>Jos&eacute; met Putin&#0; in Moscow.</p>"#).unwrap();
    let out = ok(&newsgraph(&["extract", "--format", "json", page.to_str().unwrap()], tmp.path()));
    assert!(!out.contains("Hyundai") && !out.contains("Nakhodka"), "{out}");
    assert!(!out.contains("\\u0000"), "{out}");
    let nq = ok(&newsgraph(&["extract", "--format", "nquads", page.to_str().unwrap()], tmp.path()));
    assert!(nq.contains("José met Putin in Moscow."), "{nq}");
}

#[test]
fn markdown_opening_with_a_rule_loses_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let md = tmp.path().join("a.md");
    fs::write(&md, "---\nJapan imposed sanctions on Russia in 2022.\n---\nGazprom supplies gas to China.\n").unwrap();
    let out = ok(&newsgraph(&["extract", "--format", "nquads", md.to_str().unwrap()], tmp.path()));
    assert!(out.contains("Japan imposed sanctions on Russia in 2022.") && out.contains("Gazprom supplies gas to China."), "{out}");
}

#[test]
fn utf16_articles_are_read() {
    let tmp = tempfile::tempdir().unwrap();
    let article = tmp.path().join("utf16.txt");
    let bytes: Vec<u8> = [0xff, 0xfe].into_iter().chain("Japan imposed sanctions on Russia in 2022.".encode_utf16().flat_map(u16::to_le_bytes)).collect();
    fs::write(&article, bytes).unwrap();
    let out = newsgraph(&["extract", "--format", "json", article.to_str().unwrap()], tmp.path());
    let json: serde_json::Value = serde_json::from_str(&ok(&out)).unwrap();
    assert!(json["relations"].as_array().unwrap().iter().any(|r| r["evidence"] == "Japan imposed sanctions on Russia in 2022."), "{json}");
}

/// A corpus `c` of a.txt (Russia sanctions Ukraine) and b.txt (Japan and South Korea) in
/// `dir`, and the path of a store beside it.
fn two_articles(dir: &Path) -> (PathBuf, PathBuf) {
    let corpus = dir.join("c");
    fs::create_dir(&corpus).unwrap();
    fs::write(corpus.join("a.txt"), "Russia imposed sanctions on Ukraine in 2014.").unwrap();
    fs::write(corpus.join("b.txt"), "Japan cooperates with South Korea on energy.").unwrap();
    (corpus, dir.join("store"))
}

/// Runs a command, killing it and failing the test when it outlives `seconds`.
fn within(seconds: u64, mut command: Command) -> Output {
    use std::process::Stdio;
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("start");
    let started = std::time::Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed().as_secs() >= seconds {
            child.kill().ok();
            panic!("still running after {seconds}s: {command:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    child.wait_with_output().expect("output")
}

/// `newsgraph ARGS` as a command, from `cwd`.
fn command(args: &[&str], cwd: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
    c.args(args).current_dir(cwd).env("NEWSGRAPH_ONTOLOGY", root().join("ontology")).env_remove("NEWSGRAPH_STORE");
    c
}

/// `newsgraph ingest` of `corpus` into `store`, with every file the process writes limited
/// to `kilobytes` (`ulimit -f`; SIGXFSZ ignored, so a write past it fails with EFBIG as a
/// full disk fails with ENOSPC).
fn ingest_with_file_limit(corpus: &Path, store: &Path, kilobytes: u32, cwd: &Path) -> Output {
    let script = format!("trap '' XFSZ; ulimit -f {kilobytes}; exec \"$0\" ingest --store \"$1\" \"$2\"");
    let mut c = Command::new("bash");
    c.args(["-c", &script, env!("CARGO_BIN_EXE_newsgraph"), store.to_str().unwrap(), corpus.to_str().unwrap()]);
    c.current_dir(cwd).env("NEWSGRAPH_ONTOLOGY", root().join("ontology"));
    within(120, c)
}

/// The quads of `corpus` stored whole, from a store with nothing else in it.
fn clean_quads(corpus: &Path, cwd: &Path) -> usize {
    let store = cwd.join("reference");
    ok(&newsgraph(&["ingest", corpus.to_str().unwrap(), "--store", store.to_str().unwrap()], cwd));
    count(&store, cwd, QUADS)
}

/// A store that failed a write mid-run holds only whole documents: ingesting `corpus`
/// again completes it to exactly the quads of a clean run.
fn assert_completes_to(corpus: &Path, store: &Path, cwd: &Path) {
    let again = newsgraph(&["ingest", corpus.to_str().unwrap(), "--store", store.to_str().unwrap()], cwd);
    ok(&again);
    assert!(stderr(&again).contains("0 replaced") && stderr(&again).contains("0 failed"), "{}", stderr(&again));
    assert_eq!(count(store, cwd, QUADS), clean_quads(corpus, cwd), "no half-stored document");
}

/// 60 articles made from the seeds, each its own document (a numbered first line).
fn bulletins(dir: &Path) -> PathBuf {
    let corpus = dir.join("corpus");
    fs::create_dir(&corpus).unwrap();
    let mut seeds: Vec<PathBuf> = fs::read_dir(root().join("seeds")).unwrap().map(|e| e.unwrap().path()).collect();
    seeds.sort();
    let seeds: Vec<String> = seeds.iter().map(|p| fs::read_to_string(p).unwrap()).collect();
    for n in 0..60 {
        fs::write(corpus.join(format!("gen_{n:03}.txt")), format!("Bulletin {n}\n{}", seeds[n % seeds.len()])).unwrap();
    }
    corpus
}

#[test]
fn a_store_write_error_stops_the_run_with_a_message_not_a_crash() {
    let tmp = tempfile::tempdir().unwrap();
    let (corpus, store) = (bulletins(tmp.path()), tmp.path().join("store"));
    // 500 KB lets the store open and take the first batches (they double: 1, 2, 4, … documents);
    // a later batch's sorted file is too large.
    let out = ingest_with_file_limit(&corpus, &store, 500, tmp.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "an error exit, not a crash (139 was a segfault): {err}");
    assert!(err.contains("File too large") && err.contains("stopped:") && err.contains("more files not tried"), "{err}");
    assert!(err.contains(" added,") && !err.contains("documents: 0 added") && !err.contains("60 added"), "the summary is printed, some documents stored: {err}");
    assert_completes_to(&corpus, &store, tmp.path());
}

#[test]
fn a_full_disk_says_so_and_leaves_the_store_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let disk = tmp.path().join("disk");
    fs::create_dir(&disk).unwrap();
    let mounted = Command::new("mount").args(["-t", "tmpfs", "-o", "size=1m", "tmpfs", disk.to_str().unwrap()]).output();
    if !mounted.is_ok_and(|m| m.status.success()) {
        eprintln!("skipped: cannot mount a 1 MB tmpfs here (needs root); the file size limit test covers the crash");
        return;
    }
    let store = disk.join("store");
    let mut c = command(&["ingest", root().join("seeds").to_str().unwrap(), "--store", store.to_str().unwrap()], tmp.path());
    c.env_remove("NEWSGRAPH_STORE");
    let out = within(120, c);
    // Keep the store, then give the memory back.
    let kept = tmp.path().join("kept");
    let copied = Command::new("cp").args(["-r", store.to_str().unwrap(), kept.to_str().unwrap()]).status().unwrap();
    Command::new("umount").arg(&disk).status().unwrap();
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "an error exit, not a crash: {err}");
    assert!(err.contains("the disk is full") && !err.contains("another newsgraph"), "{err}");
    assert!(copied.success());
    assert_completes_to(&root().join("seeds"), &kept, tmp.path());
}

#[test]
fn read_commands_on_a_missing_store_say_so_and_create_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let typo = tmp.path().join("typo.db");
    let t = typo.to_str().unwrap();
    for args in [
        vec!["stats", "--store", t],
        vec!["query", "--store", t, "SELECT * WHERE { ?s ?p ?o }"],
        vec!["export", "--store", t],
        vec!["export", "--format", "nquads", "--store", t],
        vec!["diagram", "-o", "x.svg", "--store", t],
        vec!["explain", "Russia", "China", "--store", t],
    ] {
        let out = newsgraph(&args, tmp.path());
        assert!(!out.status.success(), "{args:?} succeeded");
        assert!(stderr(&out).contains("typo.db: no store here"), "{args:?}: {}", stderr(&out));
        assert!(out.stdout.is_empty(), "{args:?} printed {}", String::from_utf8_lossy(&out.stdout));
        assert!(!typo.exists(), "{args:?} created the store");
    }
    let out = newsgraph(&["stats", "--store", tmp.path().to_str().unwrap()], tmp.path());
    assert!(stderr(&out).contains("not a newsgraph store"), "{}", stderr(&out));
}

#[test]
fn export_writes_every_format_from_the_command_line() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let exports = tmp.path().join("exports");
    let s = store.to_str().unwrap();
    ok(&newsgraph(&["build", "--corpus", root().join("seeds").to_str().unwrap(), "--store", s, "--exports", exports.to_str().unwrap()], tmp.path()));
    for (format, file) in [
        ("graphml", "graph.graphml"),
        ("gexf", "graph.gexf"),
        ("cytoscape", "graph.cyjs"),
        ("dot", "graph.dot"),
        ("mermaid", "graph.mmd"),
        ("json", "graph.json"),
        ("turtle", "graph.ttl"),
        ("trig", "graph.trig"),
        ("nquads", "graph.nq"),
        ("jsonld", "graph.jsonld"),
    ] {
        let written = tmp.path().join(format!("out.{format}"));
        ok(&newsgraph(&["export", "--format", format, "-o", written.to_str().unwrap(), "--store", s], tmp.path()));
        assert_eq!(fs::read(&written).unwrap(), fs::read(exports.join(file)).unwrap(), "export --format {format} -o writes what build wrote");
        let stdout = newsgraph(&["export", "--format", format, "--store", s], tmp.path());
        assert_eq!(ok(&stdout).as_bytes(), fs::read(exports.join(file)).unwrap(), "export --format {format} to stdout");
        // And the format guessed from the extension.
        let guessed = tmp.path().join(file);
        ok(&newsgraph(&["export", "-o", guessed.to_str().unwrap(), "--store", s], tmp.path()));
        assert_eq!(fs::read(&guessed).unwrap(), fs::read(exports.join(file)).unwrap(), "export -o {file}");
    }
    ok(&newsgraph(&["export", "--format", "csv", "-o", "tables", "--store", s], tmp.path()));
    for file in ["nodes.csv", "edges.csv"] {
        assert_eq!(fs::read(tmp.path().join("tables").join(file)).unwrap(), fs::read(exports.join(file)).unwrap(), "{file}");
    }
}

/// A store built from the seeds in `dir`, returned as its path.
fn seed_store(dir: &Path) -> PathBuf {
    let store = dir.join("store");
    ok(&newsgraph(&["ingest", root().join("seeds").to_str().unwrap(), "--store", store.to_str().unwrap()], dir));
    store
}

/// Every pair of quads, twice over: more rows than anyone reads.
const ENDLESS: &str = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n ?o }";

#[test]
fn a_closed_pipe_ends_a_query_quietly_and_rows_stream() {
    use std::io::Read;
    use std::process::Stdio;
    let tmp = tempfile::tempdir().unwrap();
    let store = seed_store(tmp.path());
    for format in ["tsv", "csv", "json", "table"] {
        let started = std::time::Instant::now();
        let mut child =
            command(&["query", "--store", store.to_str().unwrap(), "--format", format, "--timeout", "60", ENDLESS], tmp.path()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        let mut first = [0u8; 4096];
        child.stdout.take().unwrap().read_exact(&mut first).unwrap();
        assert!(started.elapsed().as_secs() < 20, "{format}: the first rows come at once, not after the last");
        // The reader goes away (as `| head` does).
        let mut err = String::new();
        child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(0), "{format}: a closed pipe is a normal end: {err}");
        assert!(err.is_empty(), "{format}: no message: {err}");
    }
}

#[test]
fn a_query_stops_at_its_timeout() {
    let tmp = tempfile::tempdir().unwrap();
    let store = seed_store(tmp.path());
    let counting = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }";
    let started = std::time::Instant::now();
    let out = within(60, command(&["query", "--store", store.to_str().unwrap(), "--timeout", "1", counting], tmp.path()));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("ran longer than --timeout 1s"), "{}", stderr(&out));
    assert!(started.elapsed().as_secs() < 30, "stopped soon after the timeout");
    let bad = newsgraph(&["query", "--store", store.to_str().unwrap(), "--timeout", "soon", counting], tmp.path());
    assert!(stderr(&bad).contains("positive number of seconds"), "{}", stderr(&bad));
}

#[test]
fn build_mirrors_its_corpus_and_ingest_prune_removes_vanished_documents() {
    let tmp = tempfile::tempdir().unwrap();
    let (corpus, store) = two_articles(tmp.path());
    let s = store.to_str().unwrap();
    let build = |cwd: &Path| newsgraph(&["build", "--corpus", corpus.to_str().unwrap(), "--store", s, "--exports", "exports"], cwd);
    ok(&build(tmp.path()));
    assert_eq!(count(&store, tmp.path(), DOCS), 2);

    // A file that fails keeps every stored document (its own old version included).
    fs::remove_file(corpus.join("b.txt")).unwrap();
    fs::write(corpus.join("broken.txt"), [0u8, 1, 2]).unwrap();
    let out = build(tmp.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("not removing documents that left the corpus: 1 files failed"), "{}", stderr(&out));
    assert_eq!(count(&store, tmp.path(), DOCS), 2);

    // Without failures the store mirrors the corpus, and says what left.
    fs::remove_file(corpus.join("broken.txt")).unwrap();
    let out = build(tmp.path());
    ok(&out);
    assert!(stderr(&out).contains("removed 1 documents that left the corpus: b.txt"), "{}", stderr(&out));
    assert_eq!(count(&store, tmp.path(), DOCS), 1);
    let left = count(&store, tmp.path(), "SELECT (COUNT(*) AS ?n) WHERE { ?a ng:evidence ?e . FILTER(CONTAINS(?e, \"Japan\")) }");
    assert_eq!(left, 0, "nothing of b.txt is left");
    let graph = fs::read_to_string(tmp.path().join("exports/graph.json")).unwrap();
    assert!(!graph.contains("japan"), "the exports no longer hold b.txt");

    // `ingest` adds; `ingest --prune` mirrors the paths given.
    let other = tmp.path().join("other.txt");
    fs::write(&other, "China supplies oil to North Korea.").unwrap();
    ok(&newsgraph(&["ingest", other.to_str().unwrap(), "--store", s], tmp.path()));
    assert_eq!(count(&store, tmp.path(), DOCS), 2);
    let out = newsgraph(&["ingest", "--prune", other.to_str().unwrap(), "--store", s], tmp.path());
    ok(&out);
    assert!(stderr(&out).contains("removed 1 documents that left the corpus: a.txt"), "{}", stderr(&out));
    assert_eq!(count(&store, tmp.path(), DOCS), 1);
    // A path that is not there removes nothing.
    let out = newsgraph(&["ingest", "--prune", "no/such/dir", "--store", s], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(count(&store, tmp.path(), DOCS), 1);
}

#[test]
fn messages_name_the_problem() {
    let tmp = tempfile::tempdir().unwrap();
    let store = seed_store(tmp.path());
    let s = store.to_str().unwrap();
    let update = newsgraph(&["query", "--store", s, "INSERT DATA { ng:a ng:b ng:c }"], tmp.path());
    assert!(!update.status.success());
    assert!(stderr(&update).contains("SPARQL UPDATE") && stderr(&update).contains("newsgraph ingest") && !stderr(&update).contains("expected"), "{}", stderr(&update));
    let prefix = newsgraph(&["query", "--store", s, "SELECT ?x WHERE { ?x a foo:Bar }"], tmp.path());
    assert!(stderr(&prefix).contains("the prefix foo: is not declared") && !stderr(&prefix).contains("'\\u{"), "{}", stderr(&prefix));
    let declared = newsgraph(&["query", "--store", s, "PREFIX foo: <http://example.org/> SELECT ?x WHERE { ?x a foo:Bar ; ex:p 1 }"], tmp.path());
    assert!(stderr(&declared).contains("the prefix ex: is not declared"), "{}", stderr(&declared));

    // A store in use (here held by this test process) is told plainly to readers and writers.
    let held = newsgraph::store::Store::open(&store).unwrap();
    for args in [vec!["stats", "--store", s], vec!["ingest", root().join("seeds").to_str().unwrap(), "--store", s]] {
        let out = newsgraph(&args, tmp.path());
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains("another newsgraph is using this store") && stderr(&out).contains("try again when it ends"), "{args:?}: {}", stderr(&out));
    }
    drop(held);
    ok(&newsgraph(&["stats", "--store", s], tmp.path()));
}

#[test]
fn a_huge_article_stores_a_bounded_number_of_relations() {
    let tmp = tempfile::tempdir().unwrap();
    // 600 KB of one seed's words in a random order, on one line: thousands of relations.
    let seed = fs::read_to_string(root().join("seeds/000_3353ae50f96aff86.txt")).unwrap();
    let words: Vec<&str> = seed.split_whitespace().collect();
    let mut state = 42u64;
    let mut text = String::new();
    while text.len() < 600_000 {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        text.push_str(words[(state >> 33) as usize % words.len()]);
        text.push(' ');
    }
    fs::write(tmp.path().join("huge.txt"), text).unwrap();
    let store = tmp.path().join("store");
    let out = within(300, command(&["ingest", "huge.txt", "--store", store.to_str().unwrap()], tmp.path()));
    ok(&out);
    let kept = format!("the store keeps the {} most confident", newsgraph::store::MAX_RELATIONS);
    assert!(stderr(&out).contains("warning: huge.txt:") && stderr(&out).contains(&kept), "{}", stderr(&out));
    assert_eq!(count(&store, tmp.path(), "SELECT (COUNT(?a) AS ?n) WHERE { ?a a ng:Assertion }"), newsgraph::store::MAX_RELATIONS);
}

#[test]
fn kill_9_during_ingest_never_leaves_half_a_document() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = bulletins(tmp.path());
    let c = corpus.to_str().unwrap();
    let clean = tmp.path().join("clean");
    ok(&newsgraph(&["ingest", c, "--store", clean.to_str().unwrap()], tmp.path()));
    let store = tmp.path().join("store");
    for millis in [100, 400, 800, 1200] {
        let mut child = command(&["ingest", c, "--store", store.to_str().unwrap()], tmp.path()).stderr(std::process::Stdio::null()).spawn().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(millis));
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();
    }
    let out = newsgraph(&["ingest", c, "--store", store.to_str().unwrap()], tmp.path());
    ok(&out);
    assert!(stderr(&out).contains("0 replaced") && stderr(&out).contains("0 failed"), "{}", stderr(&out));
    assert_eq!(count(&store, tmp.path(), QUADS), count(&clean, tmp.path(), QUADS), "the killed runs left only whole documents");
}
