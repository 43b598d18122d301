//! The Spark recipe (`bench/spark_extract.py`), run by PySpark in local mode (Java from
//! Debian, PySpark from PyPI, installed by tests/setup.sh): its shards are the ones
//! `extract --format nquads --shard-size N -o DIR` writes, and they load into the store
//! `ingest` makes of the same articles.

mod common;

use common::{newsgraph, ok, root, stderr};
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

/// `python bench/spark_extract.py CORPUS -o OUT --shard-size N` on two local cores.
fn spark_extract(corpus: &Path, out: &Path, shard_size: usize) -> Output {
    Command::new(root().join("target/pyenv/bin/python"))
        .arg(root().join("bench/spark_extract.py"))
        .args([corpus.to_str().unwrap(), "-o", out.to_str().unwrap(), "--shard-size", &shard_size.to_string(), "--master", "local[2]"])
        .args(["--newsgraph", env!("CARGO_BIN_EXE_newsgraph"), "--ontology", root().join("ontology").to_str().unwrap()])
        .output()
        .expect("run bench/spark_extract.py with target/pyenv's Python (bash tests/setup.sh)")
}

/// A folder's files, by name, with their bytes.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), fs::read(&p).unwrap())).collect();
    files.sort();
    files
}

#[test]
fn spark_writes_the_shards_extract_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let seeds = root().join("seeds");
    let (on_spark, here) = (tmp.path().join("spark"), tmp.path().join("here"));
    let run = spark_extract(&seeds, &on_spark, 2);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    ok(&newsgraph(&["extract", seeds.to_str().unwrap(), "--format", "nquads", "--shard-size", "2", "-o", here.to_str().unwrap()], tmp.path()));
    let (spark_files, extract_files) = (files(&on_spark), files(&here));
    let names: Vec<&str> = spark_files.iter().map(|(name, _)| name.as_str()).collect();
    assert_eq!(names, ["manifest.json", "shard-00000.nq.gz", "shard-00001.nq.gz", "shard-00002.nq.gz"]);
    assert!(spark_files == extract_files, "the same shards and manifest, byte for byte");
}

#[test]
fn spark_names_what_it_cannot_read_and_loads_the_rest_as_ingest_stores_it() {
    let tmp = tempfile::tempdir().unwrap();
    // Articles in nested folders (sorted as newsgraph sorts paths: "a/x.txt" before
    // "a-b.txt"), an empty article, a hidden one and a file that is no article.
    let corpus = tmp.path().join("corpus");
    let seeds: Vec<_> = {
        let mut s: Vec<_> = fs::read_dir(root().join("seeds")).unwrap().map(|e| e.unwrap().path()).collect();
        s.sort();
        s
    };
    for (seed, name) in seeds.iter().zip(["a/x.txt", "a-b.txt", "a-b/y.txt", "c/d/z.txt"]) {
        let path = corpus.join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::copy(seed, path).unwrap();
    }
    fs::write(corpus.join("a/empty.txt"), "").unwrap();
    fs::write(corpus.join("_hidden.txt"), "Gazprom supplies gas to China.\n").unwrap();
    fs::write(corpus.join("notes.csv"), "not,an,article\n").unwrap();

    let out = tmp.path().join("shards");
    let run = spark_extract(&corpus, &out, 2);
    let said = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "an article that cannot be read fails the job's status: {said}");
    assert!(said.contains("a/empty.txt: empty"), "the empty article named: {said}");
    assert!(said.contains("_hidden.txt: not read"), "the hidden article named: {said}");
    assert!(said.contains("wrote 4 documents"), "{said}");

    // What Spark wrote loads (each shard checked against the manifest) into the store that
    // ingest makes of the articles it read.
    fs::remove_file(corpus.join("_hidden.txt")).unwrap();
    let (loaded, ingested) = (tmp.path().join("loaded"), tmp.path().join("ingested"));
    let load = newsgraph(&["load", out.to_str().unwrap(), "--store", loaded.to_str().unwrap()], tmp.path());
    ok(&load);
    assert!(stderr(&load).contains("4 added"), "{}", stderr(&load));
    newsgraph(&["ingest", corpus.to_str().unwrap(), "--store", ingested.to_str().unwrap()], tmp.path());
    let dump = |store: &Path| ok(&newsgraph(&["export", "--format", "nquads", "--store", store.to_str().unwrap()], tmp.path()));
    let dumped = dump(&ingested);
    assert!(dumped.contains("\"c/d/z.txt\""), "documents named by their path in the corpus");
    assert_eq!(dump(&loaded), dumped);
}
