//! Throughput benchmark: extraction MB/s and ingest quads/s on a corpus generated from
//! the seeds (each seed article repeated with a numbered header until the corpus reaches
//! the target size, so every document has its own content hash).
//!
//! Run: `cargo run --release --example bench -- [MEGABYTES] [--extract-only]` (default 50).

use newsgraph::corpus::Format;
use newsgraph::extract::{Extractor, Lexicon};
use newsgraph::store::Store;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The allocator of the `newsgraph` binary, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> anyhow::Result<()> {
    let target_mb: usize = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(50);
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let lexicon = Lexicon::load(&root.join("ontology"))?;
    let reader = lexicon.reader();
    let mut seeds = Vec::new();
    for entry in std::fs::read_dir(root.join("seeds"))? {
        let path = entry?.path();
        seeds.push(std::fs::read_to_string(&path)?);
    }
    seeds.sort();
    // Generate the corpus.
    let mut docs = Vec::new();
    let mut bytes = 0usize;
    let mut n = 0usize;
    while bytes < target_mb * 1_000_000 {
        let text = format!("Bulletin {n}\n{}", seeds[n % seeds.len()]);
        let name = format!("gen_{n:06}.txt");
        let doc = reader.parse(Path::new(&name), &name, Format::Text, text.as_bytes())?;
        bytes += doc.body.len();
        docs.push(doc);
        n += 1;
    }
    let mb = bytes as f64 / 1e6;
    println!("corpus: {} documents, {:.1} MB (generated from {} seeds)", docs.len(), mb, seeds.len());

    // Extraction, one thread: each document's extraction is counted and dropped, as
    // `newsgraph build` stores and drops it before reading the next.
    let extractor = Extractor::new(lexicon);
    let started = Instant::now();
    let (mut relations, mut entities) = (0usize, 0usize);
    for doc in &docs {
        let ex = extractor.extract(doc);
        relations += ex.relations.len();
        entities += ex.entities.len();
    }
    let secs = started.elapsed().as_secs_f64();
    assert!(relations > docs.len(), "the benchmark extracts real relations ({relations})");
    println!("extract, 1 thread: {:.2} s, {:.1} MB/s, {} entities, {} relations", secs, mb / secs, entities, relations);

    // Extraction, all cores.
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let started = Instant::now();
    std::thread::scope(|scope| {
        for chunk in docs.chunks(docs.len().div_ceil(threads)) {
            let extractor = &extractor;
            scope.spawn(move || chunk.iter().map(|d| extractor.extract(d).relations.len()).sum::<usize>());
        }
    });
    let secs = started.elapsed().as_secs_f64();
    println!("extract, {threads} threads: {:.2} s, {:.1} MB/s, {:.1} MB/s per core", secs, mb / secs, mb / secs / threads as f64);

    if std::env::args().any(|a| a == "--extract-only") {
        return Ok(());
    }
    // Ingest into an on-disk store, one transaction per document (extractions made first, untimed).
    let extractions: Vec<_> = docs.iter().map(|d| extractor.extract(d)).collect();
    let dir = tempfile::tempdir()?;
    let store = Store::open(&dir.path().join("store"))?;
    let started = Instant::now();
    for (doc, ex) in docs.iter().zip(&extractions) {
        store.ingest(doc, ex, &extractor.lexicon.fingerprint)?;
    }
    let secs = started.elapsed().as_secs_f64();
    let quads = store.len()?;
    println!("ingest (RocksDB): {:.2} s, {} quads, {:.0} quads/s, {:.1} docs/s", secs, quads, quads as f64 / secs, docs.len() as f64 / secs);
    Ok(())
}
