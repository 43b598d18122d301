//! The hand-off formats end to end: `extract --format nquads` (streamed, NFC, no blank
//! nodes), its shards and manifest, and `newsgraph load` of them into a real on-disk store,
//! compared quad for quad with what `ingest` makes of the same articles.

mod common;

use common::{newsgraph, ok, root, stderr};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The store's every quad, sorted (`export --format nquads` sorts them).
fn dump(store: &Path, cwd: &Path) -> String {
    ok(&newsgraph(&["export", "--format", "nquads", "--store", store.to_str().unwrap()], cwd))
}

/// The seeds and an article written in decomposed Unicode (NFD), in one corpus folder.
fn corpus(dir: &Path) -> PathBuf {
    let corpus = dir.join("corpus");
    fs::create_dir(&corpus).unwrap();
    for entry in fs::read_dir(root().join("seeds")).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, corpus.join(path.file_name().unwrap())).unwrap();
    }
    // "José" with a combining acute accent; the store holds it composed.
    fs::write(corpus.join("nfd.txt"), "Jose\u{301} Manuel met Putin in Moscow. Gazprom supplies gas to China.\n").unwrap();
    corpus
}

fn ingest(corpus: &Path, store: &Path, cwd: &Path) -> String {
    stderr(&newsgraph(&["ingest", corpus.to_str().unwrap(), "--store", store.to_str().unwrap()], cwd))
}

#[test]
fn nquads_load_into_the_store_ingest_makes() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = corpus(tmp.path());
    let nq = ok(&newsgraph(&["extract", "--format", "nquads", corpus.to_str().unwrap()], tmp.path()));
    assert!(nq.lines().count() > 1000 && nq.lines().all(|l| l.ends_with(" .")), "N-Quads lines");
    assert!(!nq.contains("_:"), "no blank nodes: shards from different machines merge");
    assert!(nq.contains("José") && !nq.contains("Jose\u{301}"), "text in NFC");
    // Each document's quads stand together, documents in the order of their files.
    let graphs: Vec<&str> = nq.lines().map(|l| l.rsplit_once(" <").unwrap().1).collect();
    let mut runs = graphs.clone();
    runs.dedup();
    assert_eq!(runs.len(), 6, "one run of quads per document");
    fs::write(tmp.path().join("all.nq"), &nq).unwrap();

    let (ingested, loaded) = (tmp.path().join("ingested"), tmp.path().join("loaded"));
    ingest(&corpus, &ingested, tmp.path());
    let out = newsgraph(&["load", "all.nq", "--store", loaded.to_str().unwrap()], tmp.path());
    ok(&out);
    assert!(stderr(&out).contains("6 added, 0 replaced, 0 unchanged, 0 failed"), "{}", stderr(&out));
    let dumped = dump(&ingested, tmp.path());
    assert!(dumped.contains("José"));
    assert_eq!(dump(&loaded, tmp.path()), dumped, "the same quads as ingest");
    // A store loaded from N-Quads is one `ingest` knows: the same articles are unchanged.
    assert!(ingest(&corpus, &loaded, tmp.path()).contains("0 added, 0 replaced, 6 unchanged, 0 failed"));
}

#[test]
fn shards_and_manifest_load_as_ingest_and_again_change_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = corpus(tmp.path());
    let shards = tmp.path().join("shards");
    let write_shards = || ok(&newsgraph(&["extract", "--format", "nquads", "--shard-size", "4", "-o", shards.to_str().unwrap(), corpus.to_str().unwrap()], tmp.path()));
    write_shards();
    let manifest: serde_json::Value = serde_json::from_str(&fs::read_to_string(shards.join("manifest.json")).unwrap()).unwrap();
    let entries = manifest["shards"].as_array().unwrap();
    assert_eq!((manifest["documents"].as_u64(), entries.len()), (Some(6), 2), "{manifest}");
    assert_eq!(entries.iter().map(|s| s["documents"].as_u64().unwrap()).collect::<Vec<_>>(), [4, 2]);
    let quads: u64 = entries.iter().map(|s| s["quads"].as_u64().unwrap()).sum();
    assert_eq!(Some(quads), manifest["quads"].as_u64());
    let first = fs::read(shards.join("shard-00000.nq.gz")).unwrap();
    // The hash is the file's: sha256sum agrees.
    let sum = Command::new("sha256sum").arg(shards.join("shard-00000.nq.gz")).output().unwrap();
    assert!(String::from_utf8_lossy(&sum.stdout).starts_with(entries[0]["sha256"].as_str().unwrap()));
    // The same articles give the same shards, byte for byte.
    write_shards();
    assert_eq!(fs::read(shards.join("shard-00000.nq.gz")).unwrap(), first, "deterministic shards");

    let (ingested, loaded) = (tmp.path().join("ingested"), tmp.path().join("loaded"));
    ingest(&corpus, &ingested, tmp.path());
    let load = || newsgraph(&["load", shards.to_str().unwrap(), "--store", loaded.to_str().unwrap()], tmp.path());
    assert!(stderr(&load()).contains("6 added"));
    let expected = dump(&ingested, tmp.path());
    assert_eq!(dump(&loaded, tmp.path()), expected);
    let again = load();
    assert!(stderr(&again).contains("0 added, 0 replaced, 6 unchanged, 0 failed"), "{}", stderr(&again));
    assert_eq!(dump(&loaded, tmp.path()), expected, "loading twice duplicates nothing");

    // A changed article: its new graph replaces the old one, as ingest does.
    fs::write(corpus.join("nfd.txt"), "Japan imposed sanctions on Russia in 2022.\n").unwrap();
    write_shards();
    let changed = load();
    assert!(stderr(&changed).contains("0 added, 1 replaced, 5 unchanged, 0 failed"), "{}", stderr(&changed));
    ingest(&corpus, &ingested, tmp.path());
    let expected = dump(&ingested, tmp.path());
    assert!(!expected.contains("José"));
    assert_eq!(dump(&loaded, tmp.path()), expected);
}

#[test]
fn a_damaged_shard_is_named_and_no_document_is_half_loaded() {
    let tmp = tempfile::tempdir().unwrap();
    let corpus = corpus(tmp.path());
    let shards = tmp.path().join("shards");
    ok(&newsgraph(&["extract", "--format", "nquads", "--shard-size", "3", "-o", shards.to_str().unwrap(), corpus.to_str().unwrap()], tmp.path()));
    // One byte changed in the second shard: the manifest's hash catches it before anything is read.
    let second = shards.join("shard-00001.nq.gz");
    let mut bytes = fs::read(&second).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    fs::write(&second, bytes).unwrap();
    let store = tmp.path().join("store");
    let out = newsgraph(&["load", shards.to_str().unwrap(), "--store", store.to_str().unwrap()], tmp.path());
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("shard-00001.nq.gz: damaged shard") && stderr(&out).contains("3 added"), "{}", stderr(&out));

    // N-Quads cut off in the middle of the second document, without a manifest: the first
    // document is stored whole, the second not at all.
    let nq = ok(&newsgraph(&["extract", "--format", "nquads", corpus.to_str().unwrap()], tmp.path()));
    let graph_of = |line: &str| line.rsplit_once(" <").unwrap().1.to_string();
    let lines: Vec<&str> = nq.lines().collect();
    let first_doc = lines.iter().take_while(|l| graph_of(l) == graph_of(lines[0])).count();
    let cut = lines[..first_doc + 10].join("\n") + "\n<https://newsgraph.dev/id/x> <https://newsgraph.dev/ns#broken";
    fs::write(tmp.path().join("cut.nq"), cut).unwrap();
    let fresh = tmp.path().join("fresh");
    let out = newsgraph(&["load", "cut.nq", "--store", fresh.to_str().unwrap()], tmp.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("cut.nq: not N-Quads") && stderr(&out).contains("1 added"), "{}", stderr(&out));
    let documents = dump(&fresh, tmp.path()).lines().filter(|l| l.contains("/id/doc/")).map(graph_of).collect::<std::collections::BTreeSet<_>>();
    assert_eq!(documents.len(), 1, "only the whole document: {documents:?}");
    let stored_quads = dump(&fresh, tmp.path()).lines().filter(|l| graph_of(l) == graph_of(lines[0])).count();
    assert_eq!(stored_quads, first_doc);

    let missing = newsgraph(&["load", "nowhere", "--store", fresh.to_str().unwrap()], tmp.path());
    assert!(!missing.status.success() && stderr(&missing).contains("nowhere: no such file or folder"), "{}", stderr(&missing));
}
