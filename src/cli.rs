//! CLI: the `newsgraph` command line, declared with clap derive.
//!
//! The only module that imports clap. A switchboard: parses the arguments and calls the
//! stage that does the work (`pipeline` for build, ingest and extract; `store`, `export`,
//! `diagram`, `graph`, `eval` and `train` for the others), then turns the outcome into
//! the exit code. One bad file is a message on stderr and a non-zero exit, never a crash.

use crate::diagram::{self, Engine as DiagramEngine};
use crate::export;
use crate::extract::Extractor;
use crate::graph::{self, Filter, KnowledgeGraph};
use crate::model::{EntityType, Predicate};
use crate::pipeline::{self, load_lexicon, open_store, ExtractFormat as PipelineFormat, Target};
use crate::push::Endpoint;
use crate::store::{AnswerFormat, Store};
use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

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
        #[arg(long, conflicts_with = "endpoint")]
        prune: bool,
        #[command(flatten)]
        store: StoreArg,
        #[command(flatten)]
        endpoint: EndpointArg,
    },
    /// Run the extractors without a store and print the result.
    Extract {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// json: the scorer's format (one object per article, several as a JSON array); nquads: RDF.
        #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
        format: ExtractFormat,
        /// With --format nquads: write gzip shards of this many documents each, and a
        /// manifest.json, into the --output folder (for `newsgraph load` or another store).
        #[arg(long, value_name = "DOCUMENTS", requires = "output")]
        shard_size: Option<usize>,
        /// The folder the shards go to (with --shard-size).
        #[arg(long, short, value_name = "DIR", requires = "shard_size")]
        output: Option<PathBuf>,
    },
    /// Load N-Quads shards (`extract --format nquads --shard-size`: a folder, or .nq/.nq.gz
    /// files) into the store: each document's graph replaces the one stored, unchanged ones are skipped.
    Load {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        store: StoreArg,
        #[command(flatten)]
        endpoint: EndpointArg,
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

#[derive(clap::Args)]
struct EndpointArg {
    /// Send each document's graph to this SPARQL 1.1 Graph Store Protocol endpoint instead
    /// of the local store (HTTP PUT per named graph, the ontology's first; e.g.
    /// http://127.0.0.1:7878/store for Oxigraph's server).
    #[arg(long, value_name = "URL")]
    endpoint: Option<String>,
}

impl EndpointArg {
    /// The endpoint if one was given (`Endpoint::connect`: the ontology graph sent first).
    fn connect(&self, ontology: &Path) -> Result<Option<Endpoint>> {
        self.endpoint.as_deref().map(|url| Endpoint::connect(url, ontology)).transpose()
    }
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
            .map(|t| EntityType::parse(t).with_context(|| format!("--types: unknown class {t:?}; one of {}", names(EntityType::ALL.iter().map(|k| k.as_str())))))
            .collect::<Result<_>>()?;
        let predicates = self
            .predicates
            .iter()
            .map(|p| Predicate::parse(p).with_context(|| format!("--predicates: unknown predicate {p:?}; one of {}", names(Predicate::ALL.iter().map(|k| k.as_str())))))
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
        Command::Build { corpus, store, exports } => pipeline::build(&ontology, &corpus, &store.path, &exports),
        Command::Ingest { paths, prune, store, endpoint } => {
            let extractor = Extractor::new(load_lexicon(&ontology)?);
            if let Some(endpoint) = endpoint.connect(&ontology)? {
                let report = pipeline::ingest_to(&extractor, Target::Endpoint(&endpoint), &paths)?;
                report.print();
                return Ok(report.exit_code());
            }
            let store = open_store(&store.path, &ontology)?;
            let report = pipeline::ingest(&extractor, &store, &paths)?;
            report.print();
            if prune {
                report.prune(&store)?;
            }
            Ok(report.exit_code())
        }
        Command::Extract { paths, format, shard_size, output } => {
            let format = match format {
                ExtractFormat::Json => PipelineFormat::Json,
                ExtractFormat::Nquads => PipelineFormat::Nquads,
            };
            let shards = output.as_deref().zip(shard_size);
            if shards.is_some() && format != PipelineFormat::Nquads {
                bail!("--shard-size writes N-Quads: add --format nquads");
            }
            pipeline::extract(&ontology, &paths, format, shards)
        }
        Command::Load { paths, store, endpoint } => {
            let report = match endpoint.connect(&ontology)? {
                Some(endpoint) => pipeline::load(Target::Endpoint(&endpoint), &paths)?,
                None => pipeline::load(Target::Store(&open_store(&store.path, &ontology)?), &paths)?,
            };
            report.print();
            Ok(report.exit_code())
        }
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
            export::write_one(&Store::open_existing(&store.path)?, format, output.as_deref(), &filter.filter()?)?;
            Ok(0)
        }
        Command::Diagram { output, engine, filter, store } => {
            let kg = KnowledgeGraph::from_store(&Store::open_existing(&store.path)?)?;
            let engine = match engine {
                Engine::Auto => DiagramEngine::Auto,
                Engine::Builtin => DiagramEngine::Builtin,
                Engine::Graphviz => DiagramEngine::Graphviz,
            };
            diagram::draw(&kg, &filter.filter()?, &output, engine)?;
            Ok(0)
        }
        Command::Eval { gold, corpus, verbose } => {
            let extractor = Extractor::new(load_lexicon(&ontology)?);
            crate::eval::evaluate(&extractor, &gold, &corpus, verbose, &mut std::io::stdout().lock())?;
            Ok(0)
        }
        Command::Explain { from, to, max_hops, store } => {
            let kg = KnowledgeGraph::from_store(&Store::open_existing(&store.path)?)?;
            let linked = graph::explain(&kg, &from, &to, max_hops, &mut std::io::stdout().lock())?;
            Ok(if linked { 0 } else { 1 })
        }
        Command::Serve { store, bind, timeout, workers, watch } => crate::serve::run(crate::serve::Options { store: store.path, bind, timeout, workers, watch, ontology }),
        Command::Stats { store } => {
            graph::stats(&Store::open_existing(&store.path)?, &mut std::io::stdout().lock())?;
            Ok(0)
        }
        Command::Train { gold, corpus, output, l2, rounds, dump } => {
            let options = crate::train::Options { gold, corpus, l2, rounds, dump };
            let trained = crate::train::train(&ontology, &options)?;
            print!("{}", trained.report());
            let output = output.unwrap_or_else(|| ontology.join("scorer.csv"));
            trained.write_weights(&ontology, &output)?;
            eprintln!("wrote {}", output.display());
            Ok(0)
        }
    }
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
