//! Pipeline: the stages run end to end, for the commands that read articles.
//!
//! Owns loading the extraction knowledge and opening a store for writing, `ingest` (read,
//! extract and store every article under some paths, bad files reported and skipped, with
//! its `IngestReport`), `build` (ingest a corpus, remove what left it, write every export:
//! `write_exports`) and `extract` (extraction printed, no store). The CLI parses the
//! arguments and calls these; the stages themselves live in their own modules.

use crate::corpus::{Document, Reader};
use crate::diagram;
use crate::export;
use crate::extract::{Extractor, Lexicon};
use crate::graph::{Filter, KnowledgeGraph};
use crate::model::{EntityType, Extraction, Predicate};
use crate::store::{self, Ingested, Store};
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

/// Reads, extracts and stores every article under `paths`; bad files are reported and skipped.
pub fn ingest(extractor: &Extractor, store: &Store, paths: &[PathBuf]) -> Result<IngestReport> {
    let reader = Reader::new(extractor.lexicon.furniture.clone());
    let (files, errors) = reader.discover(paths);
    let mut report = IngestReport::default();
    for e in errors {
        eprintln!("error: {e}");
        report.failed.push(e.to_string());
    }
    let bar = progress(files.len());
    for (i, source) in files.iter().enumerate() {
        bar.set_message(source.path.display().to_string());
        let doc = match reader.read_source(source) {
            Ok(doc) => doc,
            Err(e) => {
                bar.suspend(|| eprintln!("error: {e:#}"));
                report.failed.push(format!("{e:#}"));
                bar.inc(1);
                continue;
            }
        };
        let ex = extractor.extract(&doc);
        // A store that refuses a write refuses the next ones too: stop.
        match store.ingest(&doc, &ex, &extractor.lexicon.fingerprint) {
            Ok(Ingested::Added) => report.added += 1,
            Ok(Ingested::Replaced) => report.replaced += 1,
            Ok(Ingested::Unchanged) => report.unchanged += 1,
            Err(e) => {
                report.stopped = Some((format!("{e:#}"), files.len() - i - 1));
                break;
            }
        }
        if ex.relations.len() > store::MAX_RELATIONS {
            let (found, max) = (ex.relations.len(), store::MAX_RELATIONS);
            bar.suspend(|| eprintln!("warning: {}: {found} relations; the store keeps the {max} most confident (a document stores at most {max})", doc.name));
        }
        report.stored.insert(doc.id.clone());
        for e in &ex.entities {
            *report.entities.entry(e.kind).or_default() += 1;
        }
        for r in &ex.relations {
            *report.relations.entry(r.predicate).or_default() += 1;
        }
        bar.inc(1);
    }
    bar.finish_and_clear();
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
    let mut written = 0;
    let mut put = |name: &str, bytes: &[u8]| -> Result<()> {
        written += 1;
        export::write_file(&dir.join(name), bytes)
    };
    for (name, format) in [("graph.graphml", F::Graphml), ("graph.gexf", F::Gexf), ("graph.cyjs", F::Cytoscape), ("graph.dot", F::Dot), ("graph.mmd", F::Mermaid), ("graph.json", F::Json)] {
        put(name, export::graph_text(kg, format)?.as_bytes())?;
    }
    put("nodes.csv", &export::csv::nodes(kg)?)?;
    put("edges.csv", &export::csv::edges(kg)?)?;
    for (name, format) in [("graph.ttl", F::Turtle), ("graph.trig", F::Trig), ("graph.nq", F::Nquads), ("graph.jsonld", F::Jsonld)] {
        put(name, &export::rdf_bytes(store, format)?)?;
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
    Ok(written)
}

/// How `extract` prints what it found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtractFormat {
    /// The scorer's JSON: one object for one article, a JSON array for several.
    Json,
    /// The quads the store would hold.
    Nquads,
}

/// `extract`: reads and extracts every article under `paths` and prints the result, no
/// store; returns the exit code (1 when a file failed).
pub fn extract(ontology: &Path, paths: &[PathBuf], format: ExtractFormat) -> Result<i32> {
    let lexicon = load_lexicon(ontology)?;
    let reader = Reader::new(lexicon.furniture.clone());
    let extractor = Extractor::new(lexicon);
    let (files, errors) = reader.discover(paths);
    let mut failed = errors.len();
    for e in &errors {
        eprintln!("error: {e}");
    }
    let mut results: Vec<(Document, Extraction)> = Vec::new();
    for source in files {
        match reader.read_source(&source) {
            Ok(doc) => {
                let ex = extractor.extract(&doc);
                results.push((doc, ex));
            }
            Err(e) => {
                eprintln!("error: {e}");
                failed += 1;
            }
        }
    }
    let mut stdout = std::io::stdout().lock();
    match format {
        ExtractFormat::Json if results.len() == 1 => stdout.write_all(export::extraction_json(&results[0].0, &results[0].1).as_bytes())?,
        ExtractFormat::Json => {
            let items: Vec<String> = results.iter().map(|(d, e)| export::extraction_json(d, e).trim_end().to_string()).collect();
            writeln!(stdout, "[{}]", items.join(",\n"))?;
        }
        ExtractFormat::Nquads => {
            let store = Store::in_memory()?;
            for (doc, ex) in &results {
                store.ingest(doc, ex, &extractor.lexicon.fingerprint)?;
            }
            store.dump(store::DumpFormat::NQuads, &mut stdout)?;
        }
    }
    Ok(if failed > 0 { 1 } else { 0 })
}
