//! Store: the Oxigraph RDF store (RocksDB on disk) and the RDF shape of the graph.
//!
//! The only module that imports oxigraph. Owns the IRIs (`vocab`), turning a document's
//! `Extraction` into quads in the document's own named graph, ingesting each document in
//! one transaction (unchanged → nothing to do, changed → its old graph replaced), loading
//! the ontology into its graph, removing documents that left the corpus, SPARQL with the
//! project's prefixes (answers streamed as a table, CSV, TSV or JSON), and
//! RDF dumps. Store errors are told plainly: no store at a path, a store in use, a full disk.

use crate::corpus::Document;
use crate::model::{short_hash, Extraction, Predicate};
use crate::sorted::{LineSorter, LinesReader};
use anyhow::{bail, Context, Result};
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{BlankNode, GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef, Term};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::StorageError;
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::io::Write;
use std::path::Path;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub use oxigraph::sparql::QueryResults as Results;
pub use oxigraph::sparql::QuerySolution as Solution;

/// IRIs of the ontology and of the things the store names.
pub mod vocab {
    pub const NG: &str = "https://newsgraph.dev/ns#";
    pub const ID: &str = "https://newsgraph.dev/id/";
    pub const ONTOLOGY_GRAPH: &str = "https://newsgraph.dev/id/graph/ontology";
    pub const SCHEMA: &str = "http://schema.org/";
    pub const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";
    pub const PROV: &str = "http://www.w3.org/ns/prov#";
    pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
    pub const RDFS: &str = "http://www.w3.org/2000/01/rdf-schema#";
    pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
    pub const WIKIDATA: &str = "http://www.wikidata.org/entity/";
    /// Prefixes every query may use without declaring them.
    pub const PREFIXES: &[(&str, &str)] = &[
        ("ng", NG),
        ("rdf", RDF),
        ("rdfs", RDFS),
        ("owl", OWL),
        ("xsd", "http://www.w3.org/2001/XMLSchema#"),
        ("skos", SKOS),
        ("prov", PROV),
        ("schema", SCHEMA),
        ("dcterms", "http://purl.org/dc/terms/"),
    ];
}

fn node(iri: String) -> NamedNode {
    NamedNode::new_unchecked(iri)
}

fn ng(local: &str) -> NamedNode {
    node(format!("{}{local}", vocab::NG))
}

/// A triple of a Turtle file as text, each term as N-Triples writes it: `<iri>`, `_:id` or a
/// quoted literal. For readers of the ontology that need no RDF types (`extract::signatures`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextTriple {
    pub subject: String,
    pub predicate: String,
    pub object: String,
}

/// The triples of the Turtle file at `path`, as text.
pub fn read_turtle(path: &Path) -> Result<Vec<TextTriple>> {
    let ttl = std::fs::read(path).with_context(|| format!("{}: cannot read the ontology", path.display()))?;
    RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(&ttl)
        .map(|q| q.map(|q| TextTriple { subject: q.subject.to_string(), predicate: q.predicate.to_string(), object: q.object.to_string() }))
        .collect::<Result<_, _>>()
        .with_context(|| format!("{}: invalid Turtle", path.display()))
}

/// The IRI of an entity id (`country/russia`).
pub fn entity_iri(id: &str) -> String {
    format!("{}entity/{}", vocab::ID, id)
}

/// The entity id of an entity IRI, if it is one.
pub fn entity_id(iri: &str) -> Option<&str> {
    iri.strip_prefix(vocab::ID)?.strip_prefix("entity/")
}

/// The IRI of a document and of its named graph.
pub fn document_iri(doc_id: &str) -> String {
    format!("{}doc/{}", vocab::ID, doc_id)
}

/// What ingesting one document did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ingested {
    /// The same text was already stored: nothing changed.
    Unchanged,
    /// New document: its graph was added.
    Added,
    /// A document of the same file name with other text was replaced.
    Replaced,
}

/// The most relations one document stores: its most confident ones. A document is one
/// transaction, which RocksDB holds in memory until it commits; a news article has tens of
/// relations, but one 2 MB line of text gave 19,000 (34 s and 600 MB to store).
pub const MAX_RELATIONS: usize = 2_000;

/// `extraction` with at most `MAX_RELATIONS` relations: the most confident, in their order.
fn bounded(extraction: &Extraction) -> Cow<'_, Extraction> {
    if extraction.relations.len() <= MAX_RELATIONS {
        return Cow::Borrowed(extraction);
    }
    let relations = &extraction.relations;
    let mut kept: Vec<usize> = (0..relations.len()).collect();
    kept.sort_by(|&a, &b| relations[b].confidence.total_cmp(&relations[a].confidence).then(a.cmp(&b)));
    kept.truncate(MAX_RELATIONS);
    kept.sort_unstable();
    Cow::Owned(Extraction { entities: extraction.entities.clone(), relations: kept.into_iter().map(|i| relations[i].clone()).collect() })
}

/// A named graph as it is stored. A document's: every quad `document_quads` gives (at most
/// `MAX_RELATIONS` relations) and the extractor marker, in the document's named graph, in
/// a fixed order; the one shape that `ingest`, `store_batch`, `extract --format nquads`,
/// `load` and the Graph Store Protocol push share, so a store loaded from N-Quads equals one
/// ingested. Or the ontology's (`DocumentGraph::ontology`), for the push.
pub struct DocumentGraph {
    graph: NamedNode,
    /// The document's file name (`ng:sourceFile`): an older version of it is replaced.
    name: Option<Literal>,
    /// `<doc> ng:extractor "fingerprint" <doc>`: present when the same extraction is stored.
    marker: Option<Quad>,
    quads: Vec<Quad>,
    /// The quads' N-Quads lines, made with the quads when their order was (empty for a graph
    /// read back from N-Quads or the ontology's).
    nquads: Vec<u8>,
}

impl DocumentGraph {
    /// The graph of `doc` as extracted by `extractor` (`Lexicon::fingerprint`).
    pub fn new(doc: &Document, extraction: &Extraction, extractor: &str) -> DocumentGraph {
        let graph = node(document_iri(&doc.id));
        let lines = document_lines(doc, &bounded(extraction), &graph);
        let marker = Quad::new(graph.clone(), ng("extractor"), Literal::new_simple_literal(extractor), graph.clone());
        let mut nquads = Vec::with_capacity(lines.iter().map(|(l, _)| l.len() + 3).sum::<usize>() + 200);
        let mut quads = Vec::with_capacity(lines.len() + 1);
        for (line, quad) in lines {
            nquads.extend_from_slice(line.as_bytes());
            nquads.extend_from_slice(b" .\n");
            quads.push(quad);
        }
        writeln!(nquads, "{marker} .").expect("writing to memory");
        quads.push(marker.clone());
        DocumentGraph { name: Some(Literal::new_simple_literal(nfc(&doc.name))), marker: Some(marker), graph, quads, nquads }
    }

    /// The ontology graph, from the Turtle file at `path`.
    pub fn ontology(path: &Path) -> Result<DocumentGraph> {
        let ttl = std::fs::read(path).with_context(|| format!("{}: cannot read the ontology", path.display()))?;
        let graph = node(vocab::ONTOLOGY_GRAPH.to_string());
        let parser = RdfParser::from_format(RdfFormat::Turtle).with_default_graph(graph.clone());
        // Parse first so a broken file names itself and leaves the store as it was.
        let mut quads: Vec<Quad> = parser.for_slice(&ttl).collect::<Result<_, _>>().with_context(|| format!("{}: invalid Turtle", path.display()))?;
        // The parser names blank nodes (OWL unions, lists) at random: number them in file
        // order instead, so the same ontology gives the same quads and byte-equal dumps.
        let mut names: std::collections::HashMap<BlankNode, BlankNode> = std::collections::HashMap::new();
        let mut stable = |b: &BlankNode| {
            let next = names.len();
            names.entry(b.clone()).or_insert_with(|| BlankNode::new_unchecked(format!("ontology{next}"))).clone()
        };
        for q in &mut quads {
            if let NamedOrBlankNode::BlankNode(b) = &q.subject {
                q.subject = stable(b).into();
            }
            if let Term::BlankNode(b) = &q.object {
                q.object = stable(b).into();
            }
        }
        Ok(DocumentGraph { graph, name: None, marker: None, quads, nquads: Vec::new() })
    }

    /// The document's file name (`ng:sourceFile`), if the graph has one.
    pub fn name(&self) -> Option<&str> {
        self.name.as_ref().map(Literal::value)
    }

    /// The graph's IRI.
    pub fn iri(&self) -> &str {
        self.graph.as_str()
    }

    /// Number of quads.
    pub fn len(&self) -> usize {
        self.quads.len()
    }

    pub fn is_empty(&self) -> bool {
        self.quads.is_empty()
    }

    /// Whether this graph and `other` cannot share a batch: the same graph, or the same file.
    pub fn clashes_with(&self, other: &DocumentGraph) -> bool {
        self.graph == other.graph || (self.name.is_some() && self.name == other.name)
    }

    /// The quads as N-Triples (the graph's content without its name), for the Graph Store Protocol.
    pub fn ntriples(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for q in &self.quads {
            writeln!(out, "{} {} {} .", q.subject, q.predicate, q.object).expect("writing to memory");
        }
        out
    }

    /// The graph as N-Quads lines, and how many: made where the graph was (a worker thread),
    /// so its quads are freed there too.
    pub fn into_nquads(self) -> Nquads {
        let count = self.quads.len();
        if !self.nquads.is_empty() {
            return Nquads { text: self.nquads, quads: count };
        }
        let mut text = Vec::new();
        for q in &self.quads {
            writeln!(text, "{q} .").expect("writing to memory");
        }
        Nquads { text, quads: count }
    }
}

/// A graph's N-Quads text (`DocumentGraph::into_nquads`).
pub struct Nquads {
    pub text: Vec<u8>,
    pub quads: usize,
}

/// Reads N-Quads from `input` (one file of `extract --format nquads`, `what` in errors) and
/// hands each document graph to `each` once its quads have all been read: a graph's quads
/// stand together, as the writer puts them. A syntax error, a quad outside a named graph or
/// a graph that comes back after another is an error naming `what` and the line; the graph
/// being read then is not handed on, so no document is half loaded.
pub fn read_document_graphs(input: impl std::io::Read, what: &Path, mut each: impl FnMut(DocumentGraph) -> Result<()>) -> Result<()> {
    let source_file = ng("sourceFile");
    let extractor = ng("extractor");
    let mut current: Option<DocumentGraph> = None;
    let mut done: std::collections::HashSet<NamedNode> = std::collections::HashSet::new();
    for (line, quad) in RdfParser::from_format(RdfFormat::NQuads).for_reader(input).enumerate() {
        let quad = quad.map_err(|e| anyhow::anyhow!("{}: not N-Quads: {e}", what.display()))?;
        let GraphName::NamedNode(graph) = &quad.graph_name else {
            bail!("{}: quad {} is outside a named graph (a newsgraph shard has one named graph per document)", what.display(), line + 1);
        };
        if current.as_ref().is_none_or(|c| &c.graph != graph) {
            if done.contains(graph) {
                bail!("{}: quad {}: the graph {} comes back after other graphs (a document's quads must stand together)", what.display(), line + 1, graph.as_str());
            }
            if let Some(finished) = current.take() {
                done.insert(finished.graph.clone());
                each(finished)?;
            }
            current = Some(DocumentGraph { graph: graph.clone(), name: None, marker: None, quads: Vec::new(), nquads: Vec::new() });
        }
        let g = current.as_mut().expect("set above");
        if matches!(&quad.subject, NamedOrBlankNode::NamedNode(s) if *s == g.graph) {
            if quad.predicate == source_file {
                if let Term::Literal(name) = &quad.object {
                    g.name = Some(name.clone());
                }
            } else if quad.predicate == extractor {
                g.marker = Some(quad.clone());
            }
        }
        g.quads.push(quad);
    }
    if let Some(finished) = current {
        each(finished)?;
    }
    Ok(())
}

/// Clears the way for `graph` in a transaction: `None` when the same extraction is stored
/// already (its extractor marker is there), else removes its graph and the graphs of older
/// versions of its file and says whether one was there.
fn make_room(tx: &mut oxigraph::store::Transaction<'_>, graph: &DocumentGraph) -> Result<Option<Ingested>> {
    if let Some(marker) = &graph.marker {
        if tx.contains(marker.as_ref())? {
            return Ok(None);
        }
    }
    let mut old: Vec<NamedOrBlankNode> = Vec::new();
    if let Some(name) = &graph.name {
        old = tx
            .quads_for_pattern(None, Some(ng("sourceFile").as_ref()), Some(name.as_ref().into()), None)
            .filter_map(|q| q.ok())
            .filter_map(|q| match q.graph_name {
                GraphName::NamedNode(n) => Some(NamedOrBlankNode::NamedNode(n)),
                _ => None,
            })
            .collect();
    }
    let replaced = !old.is_empty() || tx.contains_named_graph(graph.graph.as_ref())?;
    for g in &old {
        tx.remove_named_graph(g.as_ref())?;
    }
    tx.remove_named_graph(graph.graph.as_ref())?;
    Ok(Some(if replaced { Ingested::Replaced } else { Ingested::Added }))
}

/// Text in Unicode NFC, as every literal is stored (the same name typed two ways is one).
fn nfc(text: &str) -> Cow<'_, str> {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

/// One row of a SELECT query: a term per variable (`None` for unbound).
pub type Row = Vec<Option<Term>>;

/// An open store.
pub struct Store {
    inner: oxigraph::store::Store,
}

/// How a SPARQL answer is written (`Store::answer`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerFormat {
    /// Aligned columns for a terminal, widths taken from the first rows.
    Table,
    Csv,
    Tsv,
    /// SPARQL 1.1 Query Results JSON.
    Json,
}

/// Rows whose cells decide a table's column widths; later rows are written as they come.
const TABLE_WIDTH_ROWS: usize = 100;

impl Store {
    /// Opens (or creates) the on-disk store at `path`: for the commands that write.
    pub fn open(path: &Path) -> Result<Store> {
        std::fs::create_dir_all(path).with_context(|| format!("{}: cannot create store folder", path.display()))?;
        let inner = oxigraph::store::Store::open(path).map_err(|e| storage_error(e, path))?;
        Ok(Store { inner })
    }

    /// Opens the on-disk store at `path` for a command that reads: no store there is an
    /// error, and nothing is created.
    pub fn open_existing(path: &Path) -> Result<Store> {
        // RocksDB's `CURRENT` names the live manifest: every store has one.
        if !path.join("CURRENT").is_file() {
            if path.exists() {
                bail!("{}: not a newsgraph store", path.display());
            }
            bail!("{}: no store here (make one with `newsgraph build` or `newsgraph ingest`, or give --store)", path.display());
        }
        Store::open(path)
    }

    /// An in-memory store (for `extract --format nquads` and tests).
    pub fn in_memory() -> Result<Store> {
        Ok(Store { inner: oxigraph::store::Store::new()? })
    }

    /// Number of quads.
    pub fn len(&self) -> Result<usize> {
        Ok(self.inner.len()?)
    }

    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.inner.is_empty()?)
    }

    /// Replaces the ontology graph with the Turtle file at `path`, atomically.
    pub fn load_ontology(&self, path: &Path) -> Result<()> {
        let ontology = DocumentGraph::ontology(path)?;
        let mut tx = self.inner.start_transaction()?;
        tx.clear_graph(GraphNameRef::NamedNode(ontology.graph.as_ref()))?;
        for q in &ontology.quads {
            tx.insert(q.as_ref());
        }
        tx.commit()?;
        Ok(())
    }

    /// Stores one document and its extraction (at most `MAX_RELATIONS` relations of it) in
    /// its own named graph, in one transaction.
    /// `extractor` names the extractor (`Lexicon::fingerprint`): the same text extracted by
    /// another version or other ontology data is replaced, not kept.
    pub fn ingest(&self, doc: &Document, extraction: &Extraction, extractor: &str) -> Result<Ingested> {
        let graph = DocumentGraph::new(doc, extraction, extractor);
        let mut tx = self.inner.start_transaction()?;
        let Some(outcome) = make_room(&mut tx, &graph)? else { return Ok(Ingested::Unchanged) };
        tx.insert_named_graph(graph.graph.as_ref());
        for quad in &graph.quads {
            tx.insert(quad.as_ref());
        }
        tx.commit().map_err(|e| storage_error(e, Path::new(&doc.name)))?;
        Ok(outcome)
    }

    /// Stores a batch of document graphs, each as `ingest` would (unchanged → skipped, changed
    /// → its old graph and older versions of its file replaced), with Oxigraph's bulk loader.
    /// Two atomic steps: one transaction removes the graphs being replaced, then the bulk
    /// loader adds the batch's quads and commits them at once (RocksDB ingests its sorted
    /// files in one atomic step). A crash between the two leaves those documents absent,
    /// never half there: the next run adds them. A graph (or file name) may appear once per
    /// batch. Returns what happened to each graph, in order.
    pub fn store_batch(&self, graphs: &[DocumentGraph], what: &Path) -> Result<Vec<Ingested>> {
        let mut tx = self.inner.start_transaction()?;
        let mut outcomes = Vec::with_capacity(graphs.len());
        for graph in graphs {
            outcomes.push(make_room(&mut tx, graph)?.unwrap_or(Ingested::Unchanged));
        }
        tx.commit().map_err(|e| storage_error(e, what))?;
        let mut loader = self.inner.bulk_loader();
        let new = graphs.iter().zip(&outcomes).filter(|(_, o)| **o != Ingested::Unchanged);
        loader.load_quads(new.flat_map(|(g, _)| g.quads.iter().cloned())).map_err(|e| storage_error(e, what))?;
        loader.commit().map_err(|e| storage_error(e, what))?;
        Ok(outcomes)
    }

    /// Removes the graph of every document whose id is not in `keep`, in one transaction;
    /// returns the removed documents' file names, sorted.
    pub fn prune(&self, keep: &BTreeSet<String>) -> Result<Vec<String>> {
        let document = ng("Document");
        let source_file = ng("sourceFile");
        let mut tx = self.inner.start_transaction()?;
        let mut removed = Vec::new();
        let graphs: Vec<NamedNode> = tx
            .quads_for_pattern(None, Some(rdf::TYPE), Some(document.as_ref().into()), None)
            .map(|q| q.map(|q| q.graph_name))
            .collect::<Result<Vec<_>, _>>()?
            .into_iter()
            .filter_map(|g| match g {
                GraphName::NamedNode(n) => Some(n),
                _ => None,
            })
            .collect();
        for graph in graphs {
            let id = graph.as_str().strip_prefix(&document_iri("")).unwrap_or_default();
            if keep.contains(id) {
                continue;
            }
            let names = tx.quads_for_pattern(Some(graph.as_ref().into()), Some(source_file.as_ref()), None, Some(graph.as_ref().into()));
            for q in names {
                removed.push(term_text(&q?.object));
            }
            tx.remove_named_graph(graph.as_ref())?;
        }
        tx.commit().map_err(|e| storage_error(e, Path::new("removing documents")))?;
        removed.sort();
        Ok(removed)
    }

    /// Prepares a SPARQL query with the project's prefixes, over the union of all graphs.
    pub fn query(&self, sparql: &str) -> Result<QueryResults<'static>> {
        let mut prepared = evaluator()?.parse_query(sparql).map_err(|e| invalid_sparql(sparql, &e.to_string()))?;
        prepared.dataset_mut().set_default_graph_as_union();
        Ok(prepared.on_store(&self.inner).execute()?)
    }

    /// Runs a query and writes its answer to `out` as it comes: a SELECT's rows in `format`,
    /// a CONSTRUCT or DESCRIBE as Turtle, an ASK as `true` or `false`.
    pub fn answer(&self, sparql: &str, format: AnswerFormat, mut out: impl Write) -> Result<()> {
        match self.query(sparql)? {
            QueryResults::Boolean(b) => writeln!(out, "{b}")?,
            QueryResults::Graph(triples) => {
                let mut writer = serializer(RdfFormat::Turtle)?.for_writer(out);
                for t in triples {
                    writer.serialize_triple(&t?)?;
                }
                writer.finish()?;
            }
            QueryResults::Solutions(solutions) => {
                let variables = solutions.variables().to_vec();
                let names: Vec<String> = variables.iter().map(|v| v.as_str().to_string()).collect();
                let mut rows = solutions.map(|s| s.map_err(anyhow::Error::from));
                match format {
                    AnswerFormat::Table => {
                        let cells = |s: &Solution| -> Vec<String> { variables.iter().map(|v| s.get(v).map(term_text).unwrap_or_default()).collect() };
                        let first: Vec<Vec<String>> = rows.by_ref().take(TABLE_WIDTH_ROWS).map(|s| s.map(|s| cells(&s))).collect::<Result<_>>()?;
                        let mut table = Table::new(&names, &first);
                        table.head(&mut out, &names)?;
                        for row in &first {
                            table.row(&mut out, row)?;
                        }
                        for s in rows {
                            table.row(&mut out, &cells(&s?))?;
                        }
                        table.foot(&mut out)?;
                    }
                    AnswerFormat::Csv | AnswerFormat::Tsv => {
                        let delimiter = if format == AnswerFormat::Csv { b',' } else { b'\t' };
                        let mut w = csv::WriterBuilder::new().delimiter(delimiter).from_writer(out);
                        w.write_record(&names).map_err(csv_io)?;
                        for s in rows {
                            let s = s?;
                            w.write_record(variables.iter().map(|v| s.get(v).map(term_text).unwrap_or_default())).map_err(csv_io)?;
                        }
                        w.flush()?;
                    }
                    AnswerFormat::Json => {
                        let mut w = QueryResultsSerializer::from_format(QueryResultsFormat::Json).serialize_solutions_to_writer(&mut out, variables.clone())?;
                        for s in rows {
                            w.serialize(&s?)?;
                        }
                        w.finish()?;
                        writeln!(out)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Rows of a SELECT query as strings (`None` for unbound), in the order returned.
    pub fn select(&self, sparql: &str) -> Result<(Vec<String>, Vec<Row>)> {
        let mut rows = Vec::new();
        let variables = self.select_each(sparql, |row| {
            rows.push(row);
            Ok(())
        })?;
        Ok((variables, rows))
    }

    /// A SELECT query's rows handed to `each` as they come (none held); returns the
    /// variables.
    pub fn select_each(&self, sparql: &str, mut each: impl FnMut(Row) -> Result<()>) -> Result<Vec<String>> {
        let QueryResults::Solutions(solutions) = self.query(sparql)? else { bail!("not a SELECT query") };
        let variables: Vec<String> = solutions.variables().iter().map(|v| v.as_str().to_string()).collect();
        for solution in solutions {
            let solution = solution?;
            each(variables.iter().map(|v| solution.get(v.as_str()).cloned()).collect())?;
        }
        Ok(variables)
    }

    /// Writes the store sorted, so dumps compare byte for byte: every quad for the
    /// dataset formats (N-Quads, TriG, JSON-LD), every distinct triple for the others. The
    /// order is that of the quads' N-Quads text; the store is streamed through an external
    /// sort (`sorted`), so a dump bigger than memory is never held whole: N-Quads lines are
    /// written as they come out of the sort, the other formats parse them back one by one.
    pub fn dump(&self, format: RdfFormat, out: impl Write) -> Result<()> {
        let mut sorter = LineSorter::new(DUMP_SORT_BUDGET);
        let datasets = format.supports_datasets();
        for quad in self.inner.iter() {
            let quad = quad?;
            let graph = if datasets { quad.graph_name.as_ref() } else { GraphNameRef::DefaultGraph };
            sorter.push(QuadRef::new(&quad.subject, &quad.predicate, &quad.object, graph).to_string())?;
        }
        let lines = sorter.finish()?;
        let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
        if matches!(format, RdfFormat::NQuads | RdfFormat::NTriples) {
            for line in lines {
                out.write_all(line?.as_bytes())?;
                out.write_all(b" .\n")?;
            }
            out.flush()?;
            return Ok(());
        }
        let mut writer = serializer(format)?.for_writer(out);
        for quad in RdfParser::from_format(RdfFormat::NQuads).for_reader(LinesReader::new(lines, b" .\n")) {
            writer.serialize_quad(&quad.context("the sorted dump cannot be read back")?)?;
        }
        writer.finish()?.flush()?;
        Ok(())
    }
}

/// The bytes of N-Quads text a dump sorts in memory before it spills a run to disk.
const DUMP_SORT_BUDGET: usize = 192 << 20;

/// The io::Error inside a csv error, so a closed pipe is seen as one.
fn csv_io(error: csv::Error) -> std::io::Error {
    match error.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

/// A SPARQL evaluator that knows the project's prefixes.
fn evaluator() -> Result<SparqlEvaluator> {
    let mut evaluator = SparqlEvaluator::new();
    for (prefix, iri) in vocab::PREFIXES {
        evaluator = evaluator.with_prefix(*prefix, *iri)?;
    }
    Ok(evaluator)
}

/// An RDF serializer that writes the project's prefixes.
fn serializer(format: RdfFormat) -> Result<RdfSerializer> {
    let mut serializer = RdfSerializer::from_format(format);
    for (prefix, iri) in vocab::PREFIXES {
        serializer = serializer.with_prefix(*prefix, *iri)?;
    }
    Ok(serializer)
}

/// A query the parser refused, told plainly: an update is not a query, an undeclared
/// prefix is named (the parser lists every character that could have come instead);
/// anything else keeps the parser's words.
fn invalid_sparql(sparql: &str, parser_error: &str) -> anyhow::Error {
    if evaluator().is_ok_and(|e| e.parse_update(sparql).is_ok()) {
        return anyhow::anyhow!("this is a SPARQL UPDATE: queries only read the store, which is changed with `newsgraph ingest` or `newsgraph build`");
    }
    if let Some(prefix) = undeclared_prefix(sparql) {
        return anyhow::anyhow!("invalid SPARQL: the prefix {prefix}: is not declared (add `PREFIX {prefix}: <…>`; declared already: {})", declared_prefixes());
    }
    anyhow::anyhow!("invalid SPARQL: {parser_error}")
}

/// The prefixes every query may use, as `ng:, rdf:, …`.
fn declared_prefixes() -> String {
    vocab::PREFIXES.iter().map(|(p, _)| format!("{p}:")).collect::<Vec<_>>().join(", ")
}

/// The first `name:` of a query that neither the project nor the query declares (IRIs in
/// `<…>`, strings and comments skipped).
fn undeclared_prefix(sparql: &str) -> Option<String> {
    let mut used = Vec::new();
    let mut chars = sparql.char_indices().peekable();
    let mut word_start: Option<usize> = None;
    while let Some((i, c)) = chars.next() {
        let closer = match c {
            '<' => Some('>'),
            '"' | '\'' => Some(c),
            '#' => Some('\n'),
            _ => None,
        };
        if let Some(closer) = closer {
            word_start = None;
            for (_, d) in chars.by_ref() {
                if d == closer {
                    break;
                }
            }
            continue;
        }
        if c.is_alphanumeric() || matches!(c, '_' | '-' | '.') {
            word_start = word_start.or(Some(i));
        } else if c == ':' {
            let word = &sparql[word_start.unwrap_or(i)..i];
            // `?x:` is no prefix; an empty name is the default prefix.
            let after_variable = sparql[..word_start.unwrap_or(i)].ends_with(['?', '$']);
            if !after_variable {
                used.push(word.to_string());
            }
            word_start = None;
        } else {
            word_start = None;
        }
    }
    let in_query: BTreeSet<String> =
        sparql.split_whitespace().collect::<Vec<_>>().windows(2).filter(|w| w[0].eq_ignore_ascii_case("PREFIX")).filter_map(|w| w[1].split(':').next()).map(str::to_string).collect();
    used.into_iter().find(|p| !in_query.contains(p) && !vocab::PREFIXES.iter().any(|(known, _)| known == p))
}

/// A store error told plainly, about `what` (the store's path or a document).
fn storage_error(error: StorageError, what: &Path) -> anyhow::Error {
    let text = error.to_string();
    let plain = match &error {
        StorageError::Io(io) if io.kind() == std::io::ErrorKind::StorageFull => "the disk is full: free some space and run again (every document stored before is kept whole)".to_string(),
        _ if text.contains("While lock file") => "another newsgraph is using this store (an ingest or build writing it, a command reading it, or `newsgraph serve` serving it: \
                                                   to add articles while it serves, start it with `--watch DIR` and put them in DIR); try again when it ends"
            .to_string(),
        _ => "store error".to_string(),
    };
    anyhow::Error::new(error).context(format!("{}: {plain}", what.display()))
}

/// A table of aligned columns, written row by row. Widths are display columns (a Hangul or
/// CJK character takes two), so labels in any script line up on a terminal.
struct Table {
    widths: Vec<usize>,
    rows: usize,
}

impl Table {
    /// The widest cell of a column (up to 80 columns) among `header` and `first` rows.
    fn new(header: &[String], first: &[Vec<String>]) -> Table {
        let widths = (0..header.len()).map(|i| first.iter().map(|r| Table::cell(&r[i]).width()).chain([header[i].width()]).max().unwrap_or(0)).collect();
        Table { widths, rows: 0 }
    }

    /// A cell as shown: entity IRIs short, on one line, at most 80 columns wide.
    fn cell(text: &str) -> String {
        let mut columns = 0;
        entity_id(text)
            .unwrap_or(text)
            .replace('\n', " ")
            .chars()
            .take_while(|c| {
                columns += c.width().unwrap_or(0);
                columns <= 80
            })
            .collect()
    }

    fn line(&self, out: &mut impl Write, cells: &[String]) -> Result<()> {
        let pad = |cell: String, width: usize| format!("{cell}{}", " ".repeat(width.saturating_sub(cell.width())));
        let cells: Vec<String> = cells.iter().zip(&self.widths).map(|(c, &w)| pad(Table::cell(c), w)).collect();
        writeln!(out, "{}", cells.join(" | ").trim_end())?;
        Ok(())
    }

    fn head(&self, out: &mut impl Write, header: &[String]) -> Result<()> {
        self.line(out, header)?;
        writeln!(out, "{}", self.widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().join("-+-"))?;
        Ok(())
    }

    fn row(&mut self, out: &mut impl Write, cells: &[String]) -> Result<()> {
        self.rows += 1;
        self.line(out, cells)
    }

    fn foot(&self, out: &mut impl Write) -> Result<()> {
        writeln!(out, "({} rows)", self.rows)?;
        Ok(())
    }
}

/// The quads of one document: its node, its entities, its relations and their statements.
pub fn document_quads(doc: &Document, extraction: &Extraction, graph: &NamedNode) -> Vec<Quad> {
    document_lines(doc, extraction, graph).into_iter().map(|(_, q)| q).collect()
}

/// `document_quads` with each quad's N-Quads text (no final ` .`), sorted by it, without repeats.
fn document_lines(doc: &Document, extraction: &Extraction, graph: &NamedNode) -> Vec<(String, Quad)> {
    let g = GraphName::NamedNode(graph.clone());
    let mut quads = Vec::new();
    let mut add = |s: &NamedNode, p: NamedNodeRef<'_>, o: Term| quads.push(Quad::new(s.clone(), p.into_owned(), o, g.clone()));
    let schema = |local: &str| node(format!("{}{local}", vocab::SCHEMA));
    let prov = |local: &str| node(format!("{}{local}", vocab::PROV));
    let text = |v: &str| Term::Literal(Literal::new_simple_literal(nfc(v)));
    let doc_node = graph.clone();
    add(&doc_node, rdf::TYPE, ng("Document").into());
    add(&doc_node, ng("sourceFile").as_ref(), text(&doc.name));
    add(&doc_node, ng("contentHash").as_ref(), text(&doc.id));
    add(&doc_node, schema("name").as_ref(), text(&doc.name));
    for (p, v) in [("headline", &doc.title), ("author", &doc.author), ("datePublished", &doc.date), ("url", &doc.url), ("publisher", &doc.publisher)] {
        if let Some(v) = v {
            add(&doc_node, schema(p).as_ref(), text(v));
        }
    }
    for e in &extraction.entities {
        let s = node(entity_iri(&e.id));
        add(&s, rdf::TYPE, ng(e.class.as_str()).into());
        add(&s, rdfs::LABEL, text(&e.label));
        for a in &e.aliases {
            add(&s, node(format!("{}altLabel", vocab::SKOS)).as_ref(), text(a));
        }
        if let Some(q) = &e.wikidata {
            add(&s, node(format!("{}sameAs", vocab::OWL)).as_ref(), node(format!("{}{q}", vocab::WIKIDATA)).into());
        }
        add(&doc_node, ng("mentions").as_ref(), s.into());
    }
    for r in &extraction.relations {
        let s = node(entity_iri(&r.subject));
        let p = predicate_iri(r.predicate);
        let o = node(entity_iri(&r.object));
        if !r.negated {
            add(&s, p.as_ref(), o.clone().into());
        }
        let key = format!("{}|{}|{}|{}|{}|{}", doc.id, r.subject, r.predicate, r.object, r.evidence.start, r.rule);
        let a = node(format!("{}assertion/{}", vocab::ID, short_hash([key])));
        add(&a, rdf::TYPE, ng("Assertion").into());
        add(&a, rdf::SUBJECT, s.into());
        add(&a, rdf::PREDICATE, p.into());
        add(&a, rdf::OBJECT, o.into());
        add(&a, ng("evidence").as_ref(), text(&r.evidence.text));
        add(&a, ng("start").as_ref(), Literal::new_typed_literal(r.evidence.start.to_string(), xsd::INTEGER).into());
        add(&a, ng("end").as_ref(), Literal::new_typed_literal(r.evidence.end.to_string(), xsd::INTEGER).into());
        add(&a, ng("confidence").as_ref(), Literal::new_typed_literal(format!("{:.2}", r.confidence), xsd::DECIMAL).into());
        add(&a, ng("rule").as_ref(), text(&r.rule));
        add(&a, ng("negated").as_ref(), Literal::from(r.negated).into());
        if let Some(y) = r.year {
            add(&a, ng("year").as_ref(), Literal::new_typed_literal(y.to_string(), xsd::INTEGER).into());
        }
        if let Some(amount) = &r.amount {
            add(&a, ng("amount").as_ref(), text(amount));
        }
        if let Some(status) = r.status {
            add(&a, ng("status").as_ref(), text(status.as_str()));
        }
        add(&a, prov("wasDerivedFrom").as_ref(), doc_node.clone().into());
    }
    let mut lines: Vec<(String, Quad)> = quads.into_iter().map(|q| (q.to_string(), q)).collect();
    lines.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    lines.dedup_by(|a, b| a.0 == b.0);
    lines
}

pub fn predicate_iri(p: Predicate) -> NamedNode {
    ng(p.as_str())
}

/// A term as plain text: IRIs bare, literals by value.
pub fn term_text(term: &Term) -> String {
    match term {
        Term::NamedNode(n) => n.as_str().to_string(),
        Term::BlankNode(b) => format!("_:{}", b.as_str()),
        Term::Literal(l) => l.value().to_string(),
        #[allow(unreachable_patterns)]
        other => other.to_string(),
    }
}

pub use oxigraph::io::RdfFormat as DumpFormat;

// The SPARQL endpoint's side of the store (`src/serve`): queries parsed and answered in
// the media types of the SPARQL 1.1 Protocol, stoppable from another thread.

/// What a query answers: solutions or a boolean (SELECT, ASK), or triples (CONSTRUCT, DESCRIBE).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnswerKind {
    Results,
    Graph,
}

/// A media type the endpoint writes answers in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Media {
    ResultsJson,
    ResultsXml,
    ResultsCsv,
    ResultsTsv,
    Turtle,
    NTriples,
    JsonLd,
}

impl Media {
    /// Every media type, the preferred one of each kind first.
    pub const ALL: [Media; 7] = [Media::ResultsJson, Media::ResultsXml, Media::ResultsCsv, Media::ResultsTsv, Media::Turtle, Media::NTriples, Media::JsonLd];

    /// The media type's name, as written in Content-Type.
    pub fn content_type(self) -> &'static str {
        match self {
            Media::ResultsJson => "application/sparql-results+json",
            Media::ResultsXml => "application/sparql-results+xml",
            Media::ResultsCsv => "text/csv",
            Media::ResultsTsv => "text/tab-separated-values",
            Media::Turtle => "text/turtle",
            Media::NTriples => "application/n-triples",
            Media::JsonLd => "application/ld+json",
        }
    }

    pub fn answer_kind(self) -> AnswerKind {
        match self {
            Media::ResultsJson | Media::ResultsXml | Media::ResultsCsv | Media::ResultsTsv => AnswerKind::Results,
            Media::Turtle | Media::NTriples | Media::JsonLd => AnswerKind::Graph,
        }
    }
}

/// Stops a running `EndpointQuery` from another thread: every store read it makes after
/// `stop` fails. (A query busy inside an in-memory join reads nothing and does not see it;
/// its caller must also stop reading its answer.)
#[derive(Clone, Default)]
pub struct Stop(oxigraph::sparql::CancellationToken);

impl Stop {
    pub fn stop(&self) {
        self.0.cancel();
    }
}

/// A parsed query of the endpoint, ready to run (`Store::run_endpoint_query`).
pub struct EndpointQuery(oxigraph::sparql::PreparedSparqlQuery);

impl EndpointQuery {
    /// Parses `sparql` with the project's prefixes. The default graph is the union of all
    /// graphs, as in `newsgraph query`, unless the protocol names `default_graphs`;
    /// `named_graphs`, if any, are the only graphs GRAPH sees. An error is the client's
    /// (HTTP 400), told as `newsgraph query` tells it.
    pub fn parse(sparql: &str, default_graphs: &[String], named_graphs: &[String], stop: &Stop) -> Result<EndpointQuery> {
        let evaluator = evaluator()?.with_cancellation_token(stop.0.clone());
        let mut prepared = evaluator.parse_query(sparql).map_err(|e| invalid_sparql(sparql, &e.to_string()))?;
        let iri = |text: &String| NamedNode::new(text.as_str()).with_context(|| format!("not an IRI: {text:?}"));
        if default_graphs.is_empty() {
            prepared.dataset_mut().set_default_graph_as_union();
        } else {
            let graphs = default_graphs.iter().map(|g| iri(g).map(GraphName::NamedNode)).collect::<Result<_>>()?;
            prepared.dataset_mut().set_default_graph(graphs);
        }
        if !named_graphs.is_empty() {
            let graphs = named_graphs.iter().map(|g| iri(g).map(NamedOrBlankNode::NamedNode)).collect::<Result<_>>()?;
            prepared.dataset_mut().set_available_named_graphs(graphs);
        }
        Ok(EndpointQuery(prepared))
    }
}

impl Store {
    /// Runs an endpoint query and writes its answer to `out` in the media type `choose`
    /// picks for its kind; `Err(kind)` inside when it picks none (HTTP 406), with nothing
    /// written.
    pub fn run_endpoint_query(&self, query: EndpointQuery, choose: impl FnOnce(AnswerKind) -> Option<Media>, mut out: impl Write) -> Result<Result<Media, AnswerKind>> {
        let results = query.0.on_store(&self.inner).execute()?;
        let kind = if matches!(results, QueryResults::Graph(_)) { AnswerKind::Graph } else { AnswerKind::Results };
        let Some(media) = choose(kind).filter(|m| m.answer_kind() == kind) else { return Ok(Err(kind)) };
        let results_format = match media {
            Media::ResultsXml => QueryResultsFormat::Xml,
            Media::ResultsCsv => QueryResultsFormat::Csv,
            Media::ResultsTsv => QueryResultsFormat::Tsv,
            _ => QueryResultsFormat::Json,
        };
        match results {
            QueryResults::Boolean(b) => QueryResultsSerializer::from_format(results_format).serialize_boolean_to_writer(&mut out, b).map(drop)?,
            QueryResults::Solutions(solutions) => {
                let mut w = QueryResultsSerializer::from_format(results_format).serialize_solutions_to_writer(&mut out, solutions.variables().to_vec())?;
                for s in solutions {
                    w.serialize(&s?)?;
                }
                w.finish()?;
            }
            QueryResults::Graph(triples) => {
                let format = match media {
                    Media::NTriples => RdfFormat::NTriples,
                    Media::JsonLd => RdfFormat::JsonLd { profile: Default::default() },
                    _ => RdfFormat::Turtle,
                };
                let mut w = serializer(format)?.for_writer(&mut out);
                for t in triples {
                    w.serialize_triple(&t?)?;
                }
                w.finish()?;
            }
        }
        Ok(Ok(media))
    }

    /// Whether the store holds a named graph of this IRI (a document's, or the ontology's).
    pub fn has_named_graph(&self, iri: &str) -> Result<bool> {
        let Ok(graph) = NamedNode::new(iri) else { return Ok(false) };
        Ok(self.inner.contains_named_graph(graph.as_ref())?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Format, Reader};
    use crate::model::{Entity, EntityType, Evidence, Relation};

    fn ontology_store() -> Store {
        let store = Store::in_memory().unwrap();
        store.load_ontology(&Path::new(env!("CARGO_MANIFEST_DIR")).join("ontology/newsgraph.ttl")).unwrap();
        store
    }

    fn locals(store: &Store, class: &str) -> Vec<String> {
        let (_, rows) = store.select(&format!("SELECT ?x WHERE {{ ?x a {class} . FILTER(STRSTARTS(STR(?x), STR(ng:))) }}")).unwrap();
        let mut out: Vec<String> = rows.iter().filter_map(|r| r[0].as_ref()).map(|t| term_text(t).rsplit('#').next().unwrap().to_string()).collect();
        out.sort();
        out
    }

    #[test]
    fn the_ontology_defines_exactly_the_closed_sets_of_the_code() {
        let store = ontology_store();
        let classes = locals(&store, "owl:Class");
        for t in EntityType::ALL {
            assert!(classes.contains(&t.as_str().to_string()), "class {t} missing from newsgraph.ttl");
        }
        let properties = locals(&store, "owl:ObjectProperty");
        let mut expected: Vec<String> = Predicate::ALL.iter().map(|p| p.as_str().to_string()).chain(["mentions".to_string()]).collect();
        expected.sort();
        assert_eq!(properties, expected, "object properties of newsgraph.ttl = Predicate::ALL + mentions");
        for p in Predicate::ALL {
            let symmetric = matches!(store.query(&format!("ASK {{ ng:{} a owl:SymmetricProperty }}", p.as_str())).unwrap(), QueryResults::Boolean(true));
            assert_eq!(symmetric, p.is_symmetric(), "{p} symmetry");
        }
    }

    fn sample() -> (Document, Extraction) {
        let doc = Reader::default().parse(Path::new("a.txt"), "a.txt", Format::Text, b"Gazprom supplies gas to China.").unwrap();
        let ex = Extraction {
            entities: vec![
                Entity { id: "company/gazprom".into(), label: "Gazprom".into(), class: EntityType::Company, aliases: vec![], wikidata: None },
                Entity { id: "country/china".into(), label: "China".into(), class: EntityType::Country, aliases: vec!["PRC".into()], wikidata: Some("Q148".into()) },
            ],
            relations: vec![Relation {
                subject: "company/gazprom".into(),
                predicate: Predicate::Supplies,
                object: "country/china".into(),
                evidence: Evidence { start: 0, end: 30, text: "Gazprom supplies gas to China.".into() },
                confidence: 0.8,
                year: Some(2019),
                amount: None,
                status: None,
                negated: false,
                rule: "test".into(),
            }],
        };
        (doc, ex)
    }

    #[test]
    fn ingest_writes_the_document_graph_once_and_replaces_changed_text() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("db")).unwrap();
        let (doc, ex) = sample();
        assert_eq!(store.ingest(&doc, &ex, "v1").unwrap(), Ingested::Added);
        let graph = node(document_iri(&doc.id));
        let expected = document_quads(&doc, &ex, &graph).len() + 1;
        assert_eq!(store.len().unwrap(), expected, "exactly the document's quads and its extractor");
        assert_eq!(store.ingest(&doc, &ex, "v1").unwrap(), Ingested::Unchanged);
        assert_eq!(store.len().unwrap(), expected);
        // The same text under a new extractor is extracted again, in place.
        assert_eq!(store.ingest(&doc, &Extraction::default(), "v2").unwrap(), Ingested::Replaced);
        assert_eq!(store.len().unwrap(), document_quads(&doc, &Extraction::default(), &graph).len() + 1);
        assert_eq!(store.ingest(&doc, &ex, "v2").unwrap(), Ingested::Unchanged, "the extractor, not the extraction, decides");
        let changed = Reader::default().parse(Path::new("a.txt"), "a.txt", Format::Text, b"Gazprom left.").unwrap();
        assert_eq!(store.ingest(&changed, &Extraction::default(), "v2").unwrap(), Ingested::Replaced);
        assert!(!store.inner.contains_named_graph(graph.as_ref()).unwrap(), "old graph removed");
        let (_, rows) = store.select("SELECT ?e WHERE { ?s ng:evidence ?e }").unwrap();
        assert!(rows.is_empty());
    }

    #[test]
    fn a_relation_is_a_plain_triple_and_a_statement_with_provenance() {
        let store = Store::in_memory().unwrap();
        let (doc, ex) = sample();
        store.ingest(&doc, &ex, "v1").unwrap();
        let (_, rows) = store
            .select(
                "SELECT ?year ?ev ?doc WHERE { ?s ng:supplies ?o . ?a rdf:subject ?s ; rdf:predicate ng:supplies ; rdf:object ?o ; \
                 ng:year ?year ; ng:evidence ?ev ; prov:wasDerivedFrom ?d . ?d ng:sourceFile ?doc }",
            )
            .unwrap();
        assert_eq!(rows.len(), 1);
        let row: Vec<String> = rows[0].iter().map(|t| term_text(t.as_ref().unwrap())).collect();
        assert_eq!(row, ["2019", "Gazprom supplies gas to China.", "a.txt"]);
    }

    #[test]
    fn prune_removes_the_graphs_of_documents_not_kept() {
        let store = ontology_store();
        let (doc, ex) = sample();
        let other = Reader::default().parse(Path::new("b.txt"), "b.txt", Format::Text, b"Japan cooperates with Korea.").unwrap();
        store.ingest(&doc, &ex, "v1").unwrap();
        let before = store.len().unwrap();
        store.ingest(&other, &Extraction::default(), "v1").unwrap();
        assert_eq!(store.prune(&BTreeSet::from([doc.id.clone(), other.id.clone()])).unwrap(), Vec::<String>::new());
        assert_eq!(store.prune(&BTreeSet::from([doc.id.clone()])).unwrap(), ["b.txt"]);
        assert_eq!(store.len().unwrap(), before, "the kept document and the ontology are untouched");
        assert_eq!(store.prune(&BTreeSet::new()).unwrap(), ["a.txt"]);
        assert!(store.len().unwrap() > 0, "the ontology is no document");
    }

    #[test]
    fn an_update_and_an_undeclared_prefix_are_told_plainly() {
        let store = Store::in_memory().unwrap();
        let update = store.query("DELETE WHERE { ?s ?p ?o }").err().unwrap().to_string();
        assert!(update.contains("SPARQL UPDATE") && update.contains("newsgraph ingest"), "{update}");
        let prefix = store.query("SELECT ?x WHERE { ?x a foo:Bar }").err().unwrap().to_string();
        assert!(prefix.contains("the prefix foo: is not declared"), "{prefix}");
        assert_eq!(undeclared_prefix("PREFIX ex: <http://e/> SELECT ?x WHERE { ?x ex:a \"b:c\" ; ng:p <http://x/y:z> } # q:"), None);
        assert_eq!(undeclared_prefix("SELECT ?x WHERE { ?x ng:p :local . ?x ex2:p ?y }").as_deref(), Some(""));
        assert_eq!(undeclared_prefix("SELECT ?x WHERE { ?x ng:p ex-2:q }").as_deref(), Some("ex-2"));
    }

    #[test]
    fn opening_a_missing_store_to_read_creates_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("typo.db");
        let err = Store::open_existing(&missing).err().unwrap().to_string();
        assert!(err.contains("no store here"), "{err}");
        assert!(!missing.exists());
        assert!(Store::open_existing(dir.path()).err().unwrap().to_string().contains("not a newsgraph store"));
        drop(Store::open(&missing).unwrap());
        Store::open_existing(&missing).unwrap();
    }

    #[test]
    fn a_document_stores_its_most_confident_relations_up_to_the_bound() {
        let (doc, ex) = sample();
        let mut many = ex.clone();
        many.relations = (0..MAX_RELATIONS + 10)
            .map(|i| Relation { confidence: if i % 2 == 0 { 0.9 } else { 0.5 }, evidence: Evidence { start: i, ..ex.relations[0].evidence.clone() }, ..ex.relations[0].clone() })
            .collect();
        let kept = bounded(&many);
        assert_eq!(kept.relations.len(), MAX_RELATIONS);
        assert!(kept.relations.windows(2).all(|w| w[0].evidence.start < w[1].evidence.start), "in their order");
        assert_eq!(kept.relations.iter().filter(|r| r.confidence < 0.6).count(), MAX_RELATIONS - (MAX_RELATIONS + 10).div_ceil(2), "the least confident go");
        let store = Store::in_memory().unwrap();
        store.ingest(&doc, &many, "v1").unwrap();
        let (_, rows) = store.select("SELECT (COUNT(?a) AS ?n) WHERE { ?a a ng:Assertion }").unwrap();
        assert_eq!(term_text(rows[0][0].as_ref().unwrap()), MAX_RELATIONS.to_string());
        assert!(matches!(bounded(&ex), Cow::Borrowed(_)), "a normal document is stored whole");
    }

    #[test]
    fn table_columns_line_up_for_hangul_and_cjk_labels() {
        let store = Store::in_memory().unwrap();
        let query = r#"SELECT ?label ?class WHERE { VALUES (?label ?class) { ("문재인" "Person") ("Moon Jae-in" "Person") ("中国石油天然气" "Company") } }"#;
        let mut out = Vec::new();
        store.answer(query, AnswerFormat::Table, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 6, "{text}");
        // The column break (`|`, or `+` under the header) stands at one display column on every line.
        let breaks: Vec<usize> = lines[..5].iter().map(|l| l[..l.find(['|', '+']).unwrap()].width()).collect();
        assert!(breaks.iter().all(|&b| b == breaks[0]), "{breaks:?}\n{text}");
        assert!(text.contains("문재인         | Person"), "{text}");
    }

    #[test]
    fn bad_sparql_is_an_error_not_a_panic() {
        let store = Store::in_memory().unwrap();
        let err = store.query("SELEC nothing").err().unwrap();
        assert!(err.to_string().contains("invalid SPARQL"));
    }
}
