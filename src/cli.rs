//! CLI: the `newsgraph` command line, declared with clap derive.
//!
//! The only module that imports clap. A switchboard: parses arguments, wires the stages
//! (corpus → extract → store → graph → export) together, prints results and problems.
//! One bad file is a message on stderr and a non-zero exit, never a crash.

use crate::corpus::{Document, Reader};
use crate::export;
use crate::extract::{Extractor, Lexicon};
use crate::diagram;
use crate::graph::{Filter, KnowledgeGraph};
use crate::model::{EntityType, Extraction, Predicate};
use crate::store::{self, term_text, AnswerFormat, Ingested, Store};
use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use std::collections::{BTreeMap, BTreeSet};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Builds a knowledge graph of who does what with whom from news articles.
#[derive(Parser)]
#[command(name = "newsgraph", version, about, long_about = None)]
pub struct Cli {
    /// Folder of extraction knowledge (gazetteers, lexicons, the OWL ontology).
    #[arg(long, global = true, env = "NEWSGRAPH_ONTOLOGY")]
    ontology: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Ingest every article of a corpus into the store (removing the documents no longer in
    /// it), then write the exports.
    Build {
        /// Folder (or file) of articles: .txt, .md, .html.
        #[arg(long, default_value = "seeds")]
        corpus: PathBuf,
        #[command(flatten)]
        store: StoreArg,
        /// Folder the exports are written to.
        #[arg(long, default_value = "exports")]
        exports: PathBuf,
    },
    /// Add or update documents in the store (files or folders).
    Ingest {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Also remove from the store every document not found under these paths (as
        /// `build` does with its corpus); nothing is removed when a file fails.
        #[arg(long)]
        prune: bool,
        #[command(flatten)]
        store: StoreArg,
    },
    /// Run the extractors without a store and print the result.
    Extract {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// json: the scorer's format (one object per article, several as a JSON array); nquads: RDF.
        #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
        format: ExtractFormat,
    },
    /// Run a SPARQL query (prefixes ng, rdf, rdfs, owl, xsd, skos, prov, schema, dcterms are declared).
    Query {
        /// The query text; or use --file.
        sparql: Option<String>,
        /// Read the query from a file.
        #[arg(long, short)]
        file: Option<PathBuf>,
        /// Output: a table by default on a terminal, else TSV.
        #[arg(long, value_enum)]
        format: Option<QueryFormat>,
        /// Stop the query after this many seconds (e.g. 2.5).
        #[arg(long, value_name = "SECONDS", value_parser = parse_seconds)]
        timeout: Option<std::time::Duration>,
        #[command(flatten)]
        store: StoreArg,
    },
    /// Write the graph in one format.
    Export {
        /// graphml, gexf, csv, cytoscape, dot, mermaid, json, turtle, nquads, trig or jsonld;
        /// guessed from the output file's extension when not given (default graphml).
        #[arg(long, value_parser = export::Format::parse)]
        format: Option<export::Format>,
        /// Output file (default: stdout); csv needs a folder (it writes nodes.csv and edges.csv).
        #[arg(long, short)]
        output: Option<PathBuf>,
        #[command(flatten)]
        filter: FilterArgs,
        #[command(flatten)]
        store: StoreArg,
    },
    /// Draw a relationship diagram: an ego network around --focus, else the most connected core.
    Diagram {
        /// Output file: .svg, .png (needs Graphviz), .dot or .mmd.
        #[arg(long, short, default_value = "diagram.svg")]
        output: PathBuf,
        /// Who draws it: the built-in radial layout (no overlapping labels), Graphviz's twopi,
        /// or auto: built-in for .svg, Graphviz for .png (the built-in renderer writes only SVG).
        #[arg(long, value_enum, default_value_t = Engine::Auto)]
        engine: Engine,
        #[command(flatten)]
        filter: FilterArgs,
        #[command(flatten)]
        store: StoreArg,
    },
    /// Score extraction against gold files (the rules of eval/score.py): P, R, F1 and the misses.
    Eval {
        /// Folder of gold JSON files, one `<article>.json` per article.
        #[arg(long)]
        gold: PathBuf,
        /// Folder holding the articles the gold files are named after.
        #[arg(long)]
        corpus: PathBuf,
        /// Also list missed and spurious entities and pairs per article.
        #[arg(long, short)]
        verbose: bool,
    },
    /// Learn the relation scorer's weights from gold files and report leave-one-article-out
    /// figures; writes `ontology/scorer.csv` (or `--output`).
    Train {
        /// Gold JSON files, `<article>.json` each.
        #[arg(long, num_args = 1.., required = true)]
        gold: Vec<PathBuf>,
        /// Folders holding the articles the gold files are named after.
        #[arg(long, num_args = 1.., required = true)]
        corpus: Vec<PathBuf>,
        /// Where to write the weights (default: `scorer.csv` in the ontology folder).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// The L2 penalty on the weights.
        #[arg(long, default_value_t = 0.001)]
        l2: f32,
        /// Full-batch optimisation rounds.
        #[arg(long, default_value_t = 300)]
        rounds: usize,
        /// Also write every candidate pair with its gold classes and cross-validated
        /// probabilities here (TSV), to read what the scorer gets wrong.
        #[arg(long, value_name = "TSV")]
        dump: Option<PathBuf>,
    },
    /// Why two entities are linked: their relations with the evidence sentences, or the
    /// shortest chain of relations between them.
    Explain {
        /// An entity: id, name or alias (e.g. "Hyundai").
        from: String,
        /// The other entity.
        to: String,
        /// The longest chain to look for when they are not linked directly.
        #[arg(long, default_value_t = 4)]
        max_hops: usize,
        #[command(flatten)]
        store: StoreArg,
    },
    /// Counts by class and predicate, and the most connected actors.
    Stats {
        #[command(flatten)]
        store: StoreArg,
    },
    /// Serve the store read-only: a SPARQL 1.1 endpoint at /sparql and the explorer page at /.
    Serve {
        #[command(flatten)]
        store: StoreArg,
        /// Address to listen on (loopback by default: only this machine can connect).
        #[arg(long, default_value = "127.0.0.1:7878")]
        bind: std::net::SocketAddr,
        /// Stop a query that runs longer (e.g. 30s, 500ms, 2m) and answer 503.
        #[arg(long, default_value = "30s", value_parser = crate::serve::parse_duration)]
        timeout: std::time::Duration,
        /// Queries evaluated at once (default: twice the number of cores, at least 4).
        #[arg(long)]
        workers: Option<usize>,
        /// Ingest the articles of this folder while serving: added or changed files appear
        /// in the graph within seconds (the store is held by the server, so `newsgraph
        /// ingest` cannot open it meanwhile).
        #[arg(long, value_name = "DIR")]
        watch: Option<PathBuf>,
    },
}

#[derive(clap::Args)]
struct StoreArg {
    /// The on-disk Oxigraph store.
    #[arg(long = "store", env = "NEWSGRAPH_STORE", default_value = "newsgraph.db")]
    path: PathBuf,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExtractFormat {
    Json,
    Nquads,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum QueryFormat {
    Table,
    Csv,
    Tsv,
    Json,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Debug)]
enum Engine {
    Auto,
    Builtin,
    Graphviz,
}

/// Filters shared by every graph format and the diagrams.
#[derive(clap::Args, Debug)]
struct FilterArgs {
    /// Keep only entities of these classes, e.g. Company,Project.
    #[arg(long, value_delimiter = ',')]
    types: Vec<String>,
    /// Keep only these predicates, e.g. investsIn,locatedIn.
    #[arg(long, value_delimiter = ',')]
    predicates: Vec<String>,
    /// Drop edges with fewer supporting statements.
    #[arg(long, default_value_t = 1)]
    min_weight: usize,
    /// Keep only relations dated in this range, e.g. 2017..2022 (or one year).
    #[arg(long)]
    years: Option<String>,
    /// The ego network around this entity (id, name or alias).
    #[arg(long)]
    focus: Option<String>,
    /// Hops around --focus.
    #[arg(long, default_value_t = 1)]
    depth: usize,
    /// Keep the N nodes with the heaviest edges.
    #[arg(long)]
    max_nodes: Option<usize>,
}

impl FilterArgs {
    fn filter(&self) -> Result<Filter> {
        let types = self
            .types
            .iter()
            .map(|t| EntityType::parse(t).map(|k| k.as_str().to_string()).with_context(|| format!("--types: unknown class {t:?}; one of {}", names(EntityType::ALL.iter().map(|k| k.as_str())))))
            .collect::<Result<_>>()?;
        let predicates = self
            .predicates
            .iter()
            .map(|p| Predicate::parse(p).map(|k| k.as_str().to_string()).with_context(|| format!("--predicates: unknown predicate {p:?}; one of {}", names(Predicate::ALL.iter().map(|k| k.as_str())))))
            .collect::<Result<_>>()?;
        let years = self.years.as_deref().map(parse_years).transpose()?;
        Ok(Filter { types, predicates, min_weight: self.min_weight, years, focus: self.focus.clone(), depth: self.depth, max_nodes: self.max_nodes })
    }
}

fn names<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

/// A positive number of seconds (`--timeout`).
fn parse_seconds(text: &str) -> Result<std::time::Duration, String> {
    text.parse::<f64>().ok().filter(|s| s.is_finite() && *s > 0.0).map(std::time::Duration::from_secs_f64).ok_or_else(|| format!("expected a positive number of seconds, got {text:?}"))
}

/// `query --timeout`: a watchdog that ends the process when the query outlives `limit`.
/// (Oxigraph's cancellation token is only looked at when a query reads the store, never
/// inside an in-memory join, so it cannot stop a cross join.)
fn stop_after(limit: std::time::Duration) {
    std::thread::spawn(move || {
        std::thread::sleep(limit);
        eprintln!("error: the query ran longer than --timeout {}s and was stopped", limit.as_secs_f64());
        // SAFETY: `_exit` only ends the process. It runs no destructors, which could race the
        // main thread inside RocksDB; a reader has nothing to save.
        unsafe { libc::_exit(2) }
    });
}

/// Whether an error is only that the reader of our output went away (`newsgraph query … |
/// head`): a normal end, not a failure.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}

/// `2017..2022`, `2017-2022` or `2018`.
fn parse_years(text: &str) -> Result<(i32, i32)> {
    let bad = || anyhow::anyhow!("--years: expected a year or a range like 2017..2022, got {text:?}");
    let (from, to) = text.split_once("..").or_else(|| text.split_once('-')).unwrap_or((text, text));
    let (from, to): (i32, i32) = (from.trim().parse().map_err(|_| bad())?, to.trim().parse().map_err(|_| bad())?);
    if from > to {
        return Err(bad());
    }
    Ok((from, to))
}

/// Runs the command line; returns the process exit code.
pub fn run() -> Result<i32> {
    let cli = Cli::parse();
    let ontology = ontology_dir(cli.ontology);
    match cli.command {
        Command::Build { corpus, store, exports } => build(&ontology, &corpus, &store.path, &exports),
        Command::Ingest { paths, prune, store } => {
            let (extractor, store) = (Extractor::new(load_lexicon(&ontology)?), open_store(&store.path, &ontology)?);
            let report = ingest(&extractor, &store, &paths)?;
            report.print();
            if prune {
                report.prune(&store)?;
            }
            Ok(report.exit_code())
        }
        Command::Extract { paths, format } => extract(&ontology, &paths, format),
        Command::Query { sparql, file, format, timeout, store } => {
            let text = match (sparql, file) {
                (Some(q), None) => q,
                (None, Some(f)) => std::fs::read_to_string(&f).with_context(|| format!("{}: cannot read query", f.display()))?,
                _ => bail!("give the query as an argument or with --file, not both"),
            };
            let format = format.unwrap_or(if std::io::stdout().is_terminal() { QueryFormat::Table } else { QueryFormat::Tsv });
            let format = match format {
                QueryFormat::Table => AnswerFormat::Table,
                QueryFormat::Csv => AnswerFormat::Csv,
                QueryFormat::Tsv => AnswerFormat::Tsv,
                QueryFormat::Json => AnswerFormat::Json,
            };
            let store = Store::open_existing(&store.path)?;
            if let Some(limit) = timeout {
                stop_after(limit);
            }
            store.answer(&text, format, std::io::stdout().lock())?;
            Ok(0)
        }
        Command::Export { format, output, filter, store } => {
            let format = match format {
                Some(f) => f,
                None => match output.as_deref() {
                    Some(path) => export::Format::from_path(path).with_context(|| format!("{}: cannot tell the format from the extension; give --format", path.display()))?,
                    None => export::Format::Graphml,
                },
            };
            export_one(&Store::open_existing(&store.path)?, format, output.as_deref(), &filter.filter()?)?;
            Ok(0)
        }
        Command::Diagram { output, engine, filter, store } => {
            let kg = KnowledgeGraph::from_store(&Store::open_existing(&store.path)?)?;
            draw(&kg, &filter.filter()?, &output, engine)?;
            Ok(0)
        }
        Command::Eval { gold, corpus, verbose } => {
            evaluate(&ontology, &gold, &corpus, verbose)?;
            Ok(0)
        }
        Command::Explain { from, to, max_hops, store } => {
            let kg = KnowledgeGraph::from_store(&Store::open_existing(&store.path)?)?;
            explain(&kg, &from, &to, max_hops)
        }
        Command::Serve { store, bind, timeout, workers, watch } => crate::serve::run(crate::serve::Options { store: store.path, bind, timeout, workers, watch, ontology }),
        Command::Stats { store } => {
            stats(&Store::open_existing(&store.path)?)?;
            Ok(0)
        }
        Command::Train { gold, corpus, output, l2, rounds, dump } => {
            let options = crate::train::Options { gold, corpus, l2, rounds, dump };
            let trained = crate::train::train(&ontology, &options)?;
            let report = trained.report();
            print!("{report}");
            let output = output.unwrap_or_else(|| ontology.join("scorer.csv"));
            let header = format!("The relation scorer's weights (src/extract/scorer.rs), written by `newsgraph train`.\nDo not edit by hand: train again. Cross-validated figures of these weights:\n{report}");
            let csv = trained.scorer.to_csv(&header, &trained_prepositions(&ontology)?);
            std::fs::write(&output, csv).with_context(|| format!("{}: cannot write", output.display()))?;
            eprintln!("wrote {}", output.display());
            Ok(0)
        }
    }
}

/// The prepositions the scorer's weights are named with.
fn trained_prepositions(ontology: &Path) -> Result<Vec<String>> {
    Ok(Lexicon::load_untrained(ontology)?.frames.prepositions)
}

/// `--ontology`, else `./ontology`, else the one this binary was built from.
fn ontology_dir(given: Option<PathBuf>) -> PathBuf {
    given.unwrap_or_else(|| {
        let local = PathBuf::from("ontology");
        if local.join("newsgraph.ttl").exists() {
            local
        } else {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("ontology")
        }
    })
}

fn load_lexicon(ontology: &Path) -> Result<Lexicon> {
    Lexicon::load(ontology).with_context(|| format!("loading extraction knowledge from {}", ontology.display()))
}

fn open_store(path: &Path, ontology: &Path) -> Result<Store> {
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
    fn print(&self) {
        eprintln!(
            "documents: {} added, {} replaced, {} unchanged, {} failed",
            self.added,
            self.replaced,
            self.unchanged,
            self.failed.len()
        );
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

    fn exit_code(&self) -> i32 {
        if self.failed.is_empty() && self.stopped.is_none() {
            0
        } else {
            1
        }
    }

    /// Removes from the store every document this run did not store or find stored, so the
    /// store mirrors the paths given; says which. Nothing is removed when a file failed (its
    /// stored version stays until it reads again) or when no document was read at all.
    fn prune(&self, store: &Store) -> Result<()> {
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

fn build(ontology: &Path, corpus: &Path, store_path: &Path, exports: &Path) -> Result<i32> {
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
    let (core, centre) = diagram::core(kg, CORE_NODES);
    if let Some(centre) = centre {
        put("graph.svg", diagram::svg(&diagram::layout(&core, centre, "newsgraph: the most connected entities")).as_bytes())?;
    }
    let folder = dir.join("diagrams");
    if folder.exists() {
        std::fs::remove_dir_all(&folder).with_context(|| format!("{}: cannot clear old diagrams", folder.display()))?;
    }
    for n in diagram_subjects(kg) {
        let node = &kg.graph[n];
        let filter = Filter { focus: Some(node.id.clone()), depth: 1, max_nodes: Some(EGO_NODES), ..Filter::default() };
        let ego = kg.filtered(&filter)?;
        let centre = ego.find(&node.id).expect("the focus survives its own filter");
        let svg = diagram::svg(&diagram::layout(&ego, centre, &diagram::ego_title(node)));
        put(&format!("diagrams/{}.svg", node.id.replace('/', "-")), svg.as_bytes())?;
    }
    Ok(written)
}

/// Nodes in the whole-graph diagram.
const CORE_NODES: usize = 40;
/// Nodes in an ego diagram.
const EGO_NODES: usize = 60;

/// The ten most connected actors and projects: the ones `build` draws a diagram of.
fn diagram_subjects(kg: &KnowledgeGraph) -> Vec<petgraph::graph::NodeIndex> {
    const KINDS: &[&str] = &["Country", "Person", "Company", "Organization", "Project", "Initiative"];
    let g = &kg.graph;
    let mut ranked: Vec<_> = g.node_indices().filter(|&n| KINDS.contains(&g[n].kind.as_str()) && kg.degree(n) > 0).collect();
    ranked.sort_by_key(|&n| (std::cmp::Reverse(kg.degree(n)), std::cmp::Reverse(kg.strength(n)), g[n].id.clone()));
    ranked.truncate(10);
    ranked
}

/// `export`: one format to a file, a folder (csv) or stdout.
fn export_one(store: &Store, format: export::Format, output: Option<&Path>, filter: &Filter) -> Result<()> {
    if !format.is_graph() {
        if !filter.keeps_everything() {
            bail!("filters apply to the graph formats; {format:?} dumps the whole store (select a part with `newsgraph query` and CONSTRUCT)");
        }
        return emit(output, &export::rdf_bytes(store, format)?);
    }
    let kg = KnowledgeGraph::from_store(store)?.filtered(filter)?;
    if format == export::Format::Csv {
        let Some(folder) = output.filter(|p| p.extension().is_none() || p.is_dir()) else {
            bail!("csv writes two files (nodes.csv and edges.csv): give a folder with -o, e.g. -o exports/");
        };
        return export::csv::write_files(&kg, folder);
    }
    emit(output, export::graph_text(&kg, format)?.as_bytes())
}

fn emit(output: Option<&Path>, bytes: &[u8]) -> Result<()> {
    match output {
        Some(path) => export::write_file(path, bytes),
        None => Ok(std::io::stdout().write_all(bytes)?),
    }
}

/// `diagram`: the filtered graph drawn around its focus (or its core) into `output`.
fn draw(kg: &KnowledgeGraph, filter: &Filter, output: &Path, engine: Engine) -> Result<()> {
    let mut filter = filter.clone();
    if filter.focus.is_some() && filter.max_nodes.is_none() {
        filter.max_nodes = Some(EGO_NODES);
    }
    let kept = kg.filtered(&filter)?;
    let (sub, centre, title) = match &filter.focus {
        Some(name) => {
            let centre = kept.find(name).with_context(|| format!("no entity named {name:?}"))?;
            let title = diagram::ego_title(&kept.graph[centre]);
            (kept, Some(centre), title)
        }
        None => {
            let (core, centre) = diagram::core(&kept, filter.max_nodes.unwrap_or(CORE_NODES));
            (core, centre, "newsgraph: the most connected entities".to_string())
        }
    };
    let Some(centre) = centre else { bail!("nothing to draw: no relations left after the filters") };
    let extension = output.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let root = [("root", sub.graph[centre].id.clone()), ("ranksep", "1.6".to_string())];
    match extension.as_str() {
        "dot" | "gv" => export::write_file(output, export::dot::write_with(&sub, &root).as_bytes()),
        "mmd" => export::write_file(output, export::mermaid::write(&sub).as_bytes()),
        "svg" | "png" => {
            let graphviz = match engine {
                Engine::Builtin => false,
                Engine::Graphviz => true,
                Engine::Auto => extension == "png" && diagram::graphviz_available(),
            };
            if graphviz {
                let bytes = diagram::graphviz(&export::dot::write_with(&sub, &root), &extension)?;
                export::write_file(output, &bytes)
            } else if extension == "png" {
                bail!("{}: PNG needs Graphviz (apt-get install graphviz); the built-in renderer writes .svg", output.display())
            } else {
                export::write_file(output, diagram::svg(&diagram::layout(&sub, centre, &title)).as_bytes())
            }
        }
        _ => bail!("{}: diagrams are .svg, .png, .dot or .mmd", output.display()),
    }
}

fn extract(ontology: &Path, paths: &[PathBuf], format: ExtractFormat) -> Result<i32> {
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

/// `explain`: prints the relations between two entities with their evidence, or the
/// shortest chain of relations that links them. Exit code 1 when they are not linked.
fn explain(kg: &KnowledgeGraph, from: &str, to: &str, max_hops: usize) -> Result<i32> {
    let g = &kg.graph;
    let find = |name: &str| kg.find(name).with_context(|| format!("no entity named {name:?} (try `newsgraph query` for the labels)"));
    let (a, b) = (find(from)?, find(to)?);
    let name = |n: petgraph::graph::NodeIndex| format!("{} ({})", g[n].label, g[n].id);
    let mut out = std::io::stdout().lock();
    let paths = kg.shortest_paths(a, b, max_hops, 5);
    if paths.is_empty() {
        writeln!(out, "{} and {} are not linked within {max_hops} relations.", name(a), name(b))?;
        return Ok(1);
    }
    let mut shown = std::collections::BTreeSet::new();
    for path in &paths {
        if path.len() > 2 {
            let chain: Vec<String> = path.iter().map(|&n| g[n].label.clone()).collect();
            writeln!(out, "{} and {} are linked through {} relations: {}", name(a), name(b), path.len() - 1, chain.join(" — "))?;
        }
    }
    for path in &paths {
        for pair in path.windows(2) {
            if !shown.insert((pair[0].min(pair[1]), pair[0].max(pair[1]))) {
                continue;
            }
            for (s, o, edge) in kg.edges_between(pair[0], pair[1]) {
                for (predicate, statements) in &edge.relations {
                    writeln!(out, "\n{} {predicate} {}: {} statement(s)", name(s), name(o), statements.len())?;
                    for st in statements {
                        let mut facts = vec![st.document.clone()];
                        facts.extend(st.year.map(|y| y.to_string()));
                        facts.extend(st.status.clone());
                        writeln!(out, "  [{}] {}", facts.join(", "), export::one_line(&st.evidence))?;
                    }
                }
            }
        }
    }
    Ok(0)
}

fn stats(store: &Store) -> Result<()> {
    let mut out = std::io::stdout().lock();
    let (_, rows) = store.select("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a ng:Document }")?;
    let docs = rows.first().and_then(|r| r[0].as_ref()).map(term_text).unwrap_or_default();
    writeln!(out, "documents: {docs}\nquads: {}", store.len()?)?;
    writeln!(out, "\nentities by class:")?;
    let (_, rows) = store.select("SELECT ?c (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e a ?c . FILTER(STRSTARTS(STR(?e), \"https://newsgraph.dev/id/entity/\")) } GROUP BY ?c ORDER BY DESC(?n) ?c")?;
    for r in rows {
        writeln!(out, "  {:<14} {}", r[0].as_ref().map(term_text).unwrap_or_default().rsplit('#').next().unwrap_or(""), r[1].as_ref().map(term_text).unwrap_or_default())?;
    }
    writeln!(out, "\nrelations by predicate (statements):")?;
    let (_, rows) = store.select("SELECT ?p (COUNT(?a) AS ?n) WHERE { ?a a ng:Assertion ; rdf:predicate ?p ; ng:negated false } GROUP BY ?p ORDER BY DESC(?n) ?p")?;
    for r in rows {
        writeln!(out, "  {:<14} {}", r[0].as_ref().map(term_text).unwrap_or_default().rsplit('#').next().unwrap_or(""), r[1].as_ref().map(term_text).unwrap_or_default())?;
    }
    writeln!(out, "\ntop actors by degree:")?;
    let kg = KnowledgeGraph::from_store(store)?;
    let mut nodes: Vec<_> = kg.graph.node_indices().map(|n| (kg.degree(n), &kg.graph[n])).collect();
    nodes.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.id.cmp(&b.1.id)));
    for (degree, node) in nodes.iter().take(10) {
        writeln!(out, "  {:<40} {:<13} {degree}", node.label, node.kind)?;
    }
    Ok(())
}

fn evaluate(ontology: &Path, gold_dir: &Path, corpus: &Path, verbose: bool) -> Result<()> {
    use crate::eval::{self, Annotated};
    let lexicon = load_lexicon(ontology)?;
    let reader = Reader::new(lexicon.furniture.clone());
    let extractor = Extractor::new(lexicon);
    let mut gold_files: Vec<PathBuf> = std::fs::read_dir(gold_dir)
        .with_context(|| format!("{}: cannot read gold folder", gold_dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    gold_files.sort();
    let mut scores = Vec::new();
    for gold_path in gold_files {
        let text = std::fs::read_to_string(&gold_path).with_context(|| format!("{}: cannot read", gold_path.display()))?;
        let gold: Annotated = serde_json::from_str(&text).with_context(|| format!("{}: not a gold file", gold_path.display()))?;
        let stem = gold_path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
        let article = ["txt", "md", "markdown", "html", "htm"].iter().map(|ext| corpus.join(format!("{stem}.{ext}"))).find(|p| p.exists());
        let predicted = match article {
            Some(path) => {
                let doc = reader.read(&path)?;
                eval::predicted(&extractor.extract(&doc))
            }
            None => {
                eprintln!("warning: no article for {} in {}", gold_path.display(), corpus.display());
                Annotated::default()
            }
        };
        let s = eval::score(&gold, &predicted);
        if verbose {
            println!("## {stem}");
            println!("  missed entities: {:?}", s.missed_entities);
            println!("  spurious entities: {:?}", s.spurious_entities);
            println!("  wrong types: {:?}", s.wrong_types);
            println!("  missed pairs: {:?}", s.missed_pairs);
            println!("  spurious pairs: {:?}", s.spurious_pairs);
        }
        scores.push(s);
    }
    let s = eval::summarize(&scores);
    println!("documents: {}", scores.len());
    println!("entities  P {:.3}  R {:.3}  F1 {:.3}  type accuracy {:.3}", s.entity_p, s.entity_r, s.entity_f1, s.type_acc);
    println!("pairs     P {:.3}  R {:.3}  F1 {:.3}", s.pair_p, s.pair_r, s.pair_f1);
    println!("typed     P {:.3}  R {:.3}  F1 {:.3}", s.typed_p, s.typed_r, s.typed_f1);
    Ok(())
}
