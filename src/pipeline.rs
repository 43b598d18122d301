//! Pipeline: the stages run end to end, for the commands that read articles.
//!
//! Owns loading the extraction knowledge and opening a store for writing, `ingest` (read,
//! extract and store every article under some paths, bad files reported and skipped, with
//! its `IngestReport`), `build` (ingest a corpus, remove what left it, write every export:
//! `write_exports`) and `extract` (extraction printed, no store). The CLI parses the
//! arguments and calls these; the stages themselves live in their own modules.

use crate::corpus::{self, Document, Reader, Source};
use crate::diagram;
use crate::export;
use crate::extract::{Extractor, Lexicon};
use crate::graph::{Filter, KnowledgeGraph};
use crate::model::{EntityType, Extraction, Predicate};
use crate::parallel;
use crate::push::{Endpoint, Put};
use crate::shards::{self, NquadsOut};
use crate::store::{self, DocumentGraph, Ingested, Store};
use anyhow::{Context, Result};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// The extraction knowledge of the ontology folder (`Lexicon::load`), with the folder named
/// in any error.
pub fn load_lexicon(ontology: &Path) -> Result<Lexicon> {
    Lexicon::load(ontology).with_context(|| format!("loading extraction knowledge from {}", ontology.display()))
}

/// Opens (or creates) the store at `path` for writing, with the ontology's graph loaded.
pub fn open_store(path: &Path, ontology: &Path) -> Result<Store> {
    let store = Store::open(path)?;
    store.load_ontology(&ontology.join("newsgraph.ttl"))?;
    Ok(store)
}
/// What an ingest run did.
#[derive(Default)]
pub struct IngestReport {
    pub added: usize,
    pub replaced: usize,
    pub unchanged: usize,
    pub failed: Vec<String>,
    pub entities: BTreeMap<EntityType, usize>,
    pub relations: BTreeMap<Predicate, usize>,
    /// The ids of the documents stored or found stored: what `--prune` keeps.
    pub stored: BTreeSet<String>,
    /// The store refused a write (a full disk): the run stopped there, with this many files
    /// not tried.
    pub stopped: Option<(String, usize)>,
    /// Documents/s and quads/s of the run (quads built, stored or found stored).
    pub rates: Option<String>,
}

impl IngestReport {
    /// The run's summary on stderr.
    pub fn print(&self) {
        eprintln!("documents: {} added, {} replaced, {} unchanged, {} failed", self.added, self.replaced, self.unchanged, self.failed.len());
        if !self.entities.is_empty() {
            let list: Vec<String> = self.entities.iter().map(|(t, n)| format!("{t} {n}")).collect();
            eprintln!("entities extracted (per document, summed): {}", list.join(", "));
            let list: Vec<String> = self.relations.iter().map(|(p, n)| format!("{p} {n}")).collect();
            eprintln!("relations extracted: {}", list.join(", "));
        }
        if let Some((error, not_tried)) = &self.stopped {
            eprintln!("stopped: {error}; {not_tried} more files not tried");
        }
        if let Some(rates) = &self.rates {
            eprintln!("speed: {rates}");
        }
    }

    /// Counts what the store did with each document of a batch.
    fn count(&mut self, outcomes: &[Ingested]) {
        for outcome in outcomes {
            match outcome {
                Ingested::Added => self.added += 1,
                Ingested::Replaced => self.replaced += 1,
                Ingested::Unchanged => self.unchanged += 1,
            }
        }
    }

    /// 0 when every file was read and stored, else 1.
    pub fn exit_code(&self) -> i32 {
        if self.failed.is_empty() && self.stopped.is_none() {
            0
        } else {
            1
        }
    }

    /// Removes from the store every document this run did not store or find stored, so the
    /// store mirrors the paths given; says which. Nothing is removed when a file failed (its
    /// stored version stays until it reads again) or when no document was read at all.
    pub fn prune(&self, store: &Store) -> Result<()> {
        let failures = self.failed.len() + usize::from(self.stopped.is_some());
        if failures > 0 {
            eprintln!("not removing documents that left the corpus: {failures} files failed this run");
            return Ok(());
        }
        if self.stored.is_empty() {
            eprintln!("not removing documents that left the corpus: no document was read");
            return Ok(());
        }
        let removed = store.prune(&self.stored)?;
        if !removed.is_empty() {
            eprintln!("removed {} documents that left the corpus: {}", removed.len(), removed.join(", "));
        }
        Ok(())
    }
}

/// A progress bar on a terminal (not in CI), else one that draws nothing.
fn progress(len: usize) -> indicatif::ProgressBar {
    let on_terminal = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    if !on_terminal {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len as u64);
    bar.set_style(indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} {msg}").expect("valid template"));
    bar
}

/// A document read and extracted by a worker (its graph apart, for the store).
struct Extracted {
    id: String,
    name: String,
    extraction: Extraction,
}

/// Reads and extracts one file on a worker thread: the document's graph built there too.
fn read_and_extract(reader: &Reader, extractor: &Extractor, source: &Source) -> Result<(Extracted, DocumentGraph), String> {
    let (doc, extraction) = read_and_extract_document(reader, extractor, source)?;
    let graph = DocumentGraph::new(&doc, &extraction, &extractor.lexicon.fingerprint);
    Ok((Extracted { id: doc.id, name: doc.name, extraction }, graph))
}

/// Reads and extracts one file; the error names the file. No input may take the run down:
/// should extraction ever panic, that is this file's error and the other files go on.
fn read_and_extract_document(reader: &Reader, extractor: &Extractor, source: &Source) -> Result<(Document, Extraction), String> {
    let doc = reader.read_source(source).map_err(|e| format!("{:#}", anyhow::Error::from(e)))?;
    let extraction = this_files_error(&source.path, || extractor.extract(&doc))?;
    Ok((doc, extraction))
}

/// Runs `work` on the file at `path`; a panic becomes an error naming the file.
fn this_files_error<T>(path: &Path, work: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).map_err(|panic| format!("{}: internal error while extracting it (please report): {}", path.display(), corpus::panic_message(&panic)))
}

/// The most quads one batch hands to the store. Batches start at one document and double
/// up to this (a short run stores each document at once; a long one in big batches).
pub const BATCH_QUADS: usize = 200_000;

/// Where `ingest` and `load` put documents: the local store, or a server's Graph Store
/// Protocol endpoint (one PUT per document, so nothing there is found unchanged).
#[derive(Clone, Copy)]
pub enum Target<'a> {
    Store(&'a Store),
    Endpoint(&'a Endpoint),
}

impl Target<'_> {
    /// Stores or sends `graphs`; what happened to each, in order.
    fn put(self, graphs: &[DocumentGraph], what: &Path) -> Result<Vec<Ingested>> {
        match self {
            Target::Store(store) => store.store_batch(graphs, what),
            Target::Endpoint(endpoint) => graphs
                .iter()
                .map(|g| match endpoint.put(g, g.name().unwrap_or(g.iri()))? {
                    Put::Created => Ok(Ingested::Added),
                    Put::Replaced => Ok(Ingested::Replaced),
                })
                .collect(),
        }
    }

    /// The most documents in a batch: one per request to an endpoint.
    fn batch_limit(self) -> usize {
        match self {
            Target::Store(_) => 4096,
            Target::Endpoint(_) => 1,
        }
    }
}

/// Documents waiting for the store: handed over together (`Store::store_batch`) when the
/// batch is full, when a document clashes with one in it, and at the end.
struct Batch {
    graphs: Vec<DocumentGraph>,
    quads: usize,
    /// The most documents before the batch is handed over: 1, 2, 4, … (while under `BATCH_QUADS`).
    limit: usize,
}

impl Batch {
    fn new() -> Batch {
        Batch { graphs: Vec::new(), quads: 0, limit: 1 }
    }

    fn is_full(&self) -> bool {
        self.graphs.len() >= self.limit || self.quads >= BATCH_QUADS
    }

    fn clashes_with(&self, graph: &DocumentGraph) -> bool {
        self.graphs.iter().any(|g| g.clashes_with(graph))
    }

    /// Stores the batch; its graphs and their outcomes in order.
    fn store(&mut self, target: Target<'_>, what: &Path) -> Result<Vec<Ingested>> {
        if self.graphs.is_empty() {
            return Ok(Vec::new());
        }
        let outcomes = target.put(&self.graphs, what)?;
        self.graphs.clear();
        self.quads = 0;
        self.limit = (self.limit * 2).min(target.batch_limit());
        Ok(outcomes)
    }
}

/// Hands the batch to the store and counts its documents in `report`; false when the store
/// refused it (a store that refuses a write refuses the next ones too: the run stops, with
/// `not_tried` files, the batch's among them, not stored).
fn hand_over(target: Target<'_>, batch: &mut Batch, waiting: &mut Vec<Extracted>, report: &mut IngestReport, not_tried: usize) -> bool {
    if batch.graphs.is_empty() {
        return true;
    }
    match batch.store(target, Path::new(&waiting[0].name)) {
        Ok(outcomes) => {
            report.count(&outcomes);
            for done in waiting.drain(..) {
                report.stored.insert(done.id);
                for e in &done.extraction.entities {
                    *report.entities.entry(e.class).or_default() += 1;
                }
                for r in &done.extraction.relations {
                    *report.relations.entry(r.predicate).or_default() += 1;
                }
            }
            true
        }
        Err(e) => {
            report.stopped = Some((format!("{e:#}"), not_tried));
            false
        }
    }
}

/// Documents/s and quads/s since `started`, for the progress bar and the summary.
fn rates(started: Instant, documents: usize, quads: usize) -> String {
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    format!("{:.0} documents/s, {:.0} quads/s", documents as f64 / secs, quads as f64 / secs)
}

/// Reads, extracts and stores every article under `paths`; bad files are reported and
/// skipped. Extraction runs on every core; the store takes the documents in their order, in
/// batches (`Store::store_batch`: a batch lost to a crash or a failed write never leaves
/// half a document).
pub fn ingest(extractor: &Extractor, store: &Store, paths: &[PathBuf]) -> Result<IngestReport> {
    ingest_to(extractor, Target::Store(store), paths)
}

/// `ingest` into the store or to an endpoint.
pub fn ingest_to(extractor: &Extractor, target: Target<'_>, paths: &[PathBuf]) -> Result<IngestReport> {
    let reader = extractor.lexicon.reader();
    let (files, errors) = reader.discover(paths);
    let mut report = IngestReport::default();
    for e in errors {
        eprintln!("error: {e}");
        report.failed.push(e.to_string());
    }
    let bar = progress(files.len());
    let started = Instant::now();
    let mut batch = Batch::new();
    // The documents of the batch, with their extractions (for the report).
    let mut waiting: Vec<Extracted> = Vec::new();
    let mut first_waiting = 0;
    let mut quads = 0;
    parallel::map_in_order(
        &files,
        parallel::threads(),
        |source| read_and_extract(&reader, extractor, source),
        |i, extracted| {
            bar.set_position(i as u64);
            let (extracted, graph) = match extracted {
                Ok(extracted) => extracted,
                Err(e) => {
                    bar.suspend(|| eprintln!("error: {e}"));
                    report.failed.push(e);
                    return true;
                }
            };
            if extracted.extraction.relations.len() > store::MAX_RELATIONS {
                let (found, max) = (extracted.extraction.relations.len(), store::MAX_RELATIONS);
                bar.suspend(|| eprintln!("warning: {}: {found} relations; the store keeps the {max} most confident (a document stores at most {max})", extracted.name));
            }
            if batch.clashes_with(&graph) && !hand_over(target, &mut batch, &mut waiting, &mut report, files.len() - first_waiting) {
                return false;
            }
            if batch.graphs.is_empty() {
                first_waiting = i;
            }
            quads += graph.len();
            batch.quads += graph.len();
            batch.graphs.push(graph);
            waiting.push(extracted);
            bar.set_message(rates(started, i + 1, quads));
            !batch.is_full() || hand_over(target, &mut batch, &mut waiting, &mut report, files.len() - first_waiting)
        },
    );
    if report.stopped.is_none() {
        hand_over(target, &mut batch, &mut waiting, &mut report, files.len() - first_waiting);
    }
    bar.finish_and_clear();
    report.rates = Some(rates(started, report.added + report.replaced + report.unchanged, quads));
    Ok(report)
}

/// `build`: ingests `corpus` into the store at `store_path`, removes the documents no longer
/// in it, writes every export into `exports`; returns the exit code.
pub fn build(ontology: &Path, corpus: &Path, store_path: &Path, exports: &Path) -> Result<i32> {
    let started = Instant::now();
    let extractor = Extractor::new(load_lexicon(ontology)?);
    let store = open_store(store_path, ontology)?;
    let report = ingest(&extractor, &store, &[corpus.to_path_buf()])?;
    report.print();
    if report.stopped.is_some() {
        return Ok(report.exit_code());
    }
    report.prune(&store)?;
    let kg = KnowledgeGraph::from_store(&store)?;
    let written = write_exports(&store, &kg, exports)?;
    eprintln!(
        "graph: {} entities, {} edges; store: {} quads in {}; {written} files in {}; {:.2}s",
        kg.graph.node_count(),
        kg.graph.edge_count(),
        store.len()?,
        store_path.display(),
        exports.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(report.exit_code())
}

/// Every export into `dir`: each graph and RDF format, the core diagram and one ego
/// diagram per most connected actor or project (built-in renderer, so the files are the
/// same on every machine). Returns how many files were written.
pub fn write_exports(store: &Store, kg: &KnowledgeGraph, dir: &Path) -> Result<usize> {
    use export::Format as F;
    let (mut written, mut streamed) = (0, 0);
    let mut put = |name: &str, bytes: &[u8]| -> Result<()> {
        written += 1;
        export::write_file(&dir.join(name), bytes)
    };
    // GraphML, the format of big graphs, is streamed to its file; the others are small beside it.
    streamed += 1;
    export::write_with(&dir.join("graph.graphml"), |file| {
        let mut out = std::io::BufWriter::with_capacity(1 << 16, file);
        export::graphml::write_to(kg, &mut out)?;
        Ok(out.flush()?)
    })?;
    for (name, format) in [("graph.gexf", F::Gexf), ("graph.cyjs", F::Cytoscape), ("graph.dot", F::Dot), ("graph.mmd", F::Mermaid), ("graph.json", F::Json)] {
        put(name, export::graph_text(kg, format)?.as_bytes())?;
    }
    put("nodes.csv", &export::csv::nodes(kg)?)?;
    put("edges.csv", &export::csv::edges(kg)?)?;
    for (name, format) in [("graph.ttl", F::Turtle), ("graph.trig", F::Trig), ("graph.nq", F::Nquads), ("graph.jsonld", F::Jsonld)] {
        streamed += 1;
        export::write_rdf_file(store, format, &dir.join(name))?;
    }
    let (core, centre) = diagram::core(kg, diagram::CORE_NODES);
    if let Some(centre) = centre {
        put("graph.svg", diagram::svg(&diagram::layout(&core, centre, "newsgraph: the most connected entities")).as_bytes())?;
    }
    let folder = dir.join("diagrams");
    if folder.exists() {
        std::fs::remove_dir_all(&folder).with_context(|| format!("{}: cannot clear old diagrams", folder.display()))?;
    }
    for n in diagram::subjects(kg) {
        let node = &kg.graph[n];
        let filter = Filter { focus: Some(node.id.clone()), depth: 1, max_nodes: Some(diagram::EGO_NODES), ..Filter::default() };
        let ego = kg.filtered(&filter)?;
        let centre = ego.find(&node.id).expect("the focus survives its own filter");
        let svg = diagram::svg(&diagram::layout(&ego, centre, &diagram::ego_title(node)));
        put(&format!("diagrams/{}.svg", node.id.replace('/', "-")), svg.as_bytes())?;
    }
    Ok(written + streamed)
}

/// How `extract` prints what it found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtractFormat {
    /// The scorer's JSON: one object for one article, a JSON array for several.
    Json,
    /// The quads the store would hold.
    Nquads,
}

/// `extract`: reads and extracts every article under `paths` (on every core) and prints the
/// result, no store; N-Quads are written document by document as they come, to stdout or to
/// `shards` (a folder and the documents per shard). Returns the exit code (1 when a file
/// failed).
pub fn extract(ontology: &Path, paths: &[PathBuf], format: ExtractFormat, shards: Option<(&Path, usize)>) -> Result<i32> {
    let lexicon = load_lexicon(ontology)?;
    let reader = lexicon.reader();
    let extractor = Extractor::new(lexicon);
    let (files, errors) = reader.discover(paths);
    let mut failed = errors.len();
    for e in &errors {
        eprintln!("error: {e}");
    }
    let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match format {
        ExtractFormat::Json => {
            let mut results: Vec<String> = Vec::new();
            let work = |source: &Source| read_and_extract_document(&reader, &extractor, source).map(|(doc, extraction)| export::extraction_json(&doc, &extraction));
            parallel::map_in_order(&files, parallel::threads(), work, |_, json| {
                match json {
                    Ok(json) => results.push(json),
                    Err(e) => {
                        eprintln!("error: {e}");
                        failed += 1;
                    }
                }
                true
            });
            if results.len() == 1 {
                stdout.write_all(results[0].as_bytes())?;
            } else {
                let items: Vec<&str> = results.iter().map(|j| j.trim_end()).collect();
                writeln!(stdout, "[{}]", items.join(",\n"))?;
            }
            stdout.flush()?;
        }
        ExtractFormat::Nquads => {
            let mut out = match shards {
                Some((dir, size)) => NquadsOut::shards(dir, size)?,
                None => NquadsOut::Stream { out: stdout },
            };
            let mut written: Result<()> = Ok(());
            let work =
                |source: &Source| read_and_extract_document(&reader, &extractor, source).map(|(doc, extraction)| DocumentGraph::new(&doc, &extraction, &extractor.lexicon.fingerprint).into_nquads());
            parallel::map_in_order(&files, parallel::threads(), work, |_, graph| match graph {
                Ok(graph) => {
                    written = out.write(&graph);
                    written.is_ok()
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    failed += 1;
                    true
                }
            });
            written?;
            out.finish()?;
        }
    }
    Ok(if failed > 0 { 1 } else { 0 })
}

/// `load`: stores the document graphs of N-Quads shards (`extract --format nquads`, plain or
/// gzip; a folder's manifest names its shards and their hashes) in the store, as `ingest`
/// stores documents: an unchanged graph is skipped, a changed one replaced, in batches with
/// Oxigraph's bulk loader. A damaged shard is an error naming it, and the run goes on with the
/// next; of a shard that breaks off, the documents read whole before the break are stored.
pub fn load(target: Target<'_>, paths: &[PathBuf]) -> Result<IngestReport> {
    let files = shards::shard_files(paths)?;
    let mut report = IngestReport::default();
    let started = Instant::now();
    let mut quads = 0;
    let mut batch = Batch::new();
    let bar = progress(files.len());
    for (i, file) in files.iter().enumerate() {
        bar.set_message(file.path.display().to_string());
        let mut each = |graph: DocumentGraph| -> Result<()> {
            if batch.clashes_with(&graph) || batch.quads >= BATCH_QUADS || batch.graphs.len() >= target.batch_limit() {
                report.count(&batch.store(target, &file.path)?);
            }
            quads += graph.len();
            batch.quads += graph.len();
            batch.graphs.push(graph);
            bar.set_message(rates(started, report.added + report.replaced + report.unchanged + batch.graphs.len(), quads));
            Ok(())
        };
        let read = shards::open(file).and_then(|input| store::read_document_graphs(input, &file.path, &mut each));
        // What was read whole is stored, also from a shard that broke off.
        let stored = batch.store(target, &file.path).map(|outcomes| report.count(&outcomes));
        if let Err(e) = read {
            bar.suspend(|| eprintln!("error: {e:#}"));
            report.failed.push(format!("{e:#}"));
        }
        if let Err(e) = stored {
            report.stopped = Some((format!("{e:#}"), files.len() - i - 1));
            break;
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
    report.rates = Some(rates(started, report.added + report.replaced + report.unchanged, quads));
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_extraction_is_an_error_naming_the_file() {
        let path = Path::new("corpus/d07_bad.html");
        let error = this_files_error(path, || -> usize { panic!("index out of bounds: the len is 3 but the index is 4") }).unwrap_err();
        assert!(error.starts_with("corpus/d07_bad.html: internal error while extracting it"), "{error}");
        assert!(error.ends_with("the len is 3 but the index is 4"), "{error}");
        assert_eq!(this_files_error(path, || 7), Ok(7));
    }
}
