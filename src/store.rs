//! Store: the Oxigraph RDF store (RocksDB on disk) and the RDF shape of the graph.
//!
//! The only module that imports oxigraph. Owns the IRIs (`vocab`), turning a document's
//! `Extraction` into quads in the document's own named graph, ingesting each document in
//! one transaction (unchanged → nothing to do, changed → its old graph replaced), loading
//! the ontology into its graph, SPARQL with the project's prefixes, and RDF dumps.

use crate::corpus::Document;
use crate::model::{Extraction, Predicate};
use anyhow::{bail, Context, Result};
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::vocab::{rdf, rdfs, xsd};
use oxigraph::model::{BlankNode, GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, QuadRef, Term};
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::Path;

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
    pub const OWL: &str = "http://www.w3.org/2002/07/owl#";
    pub const WIKIDATA: &str = "http://www.wikidata.org/entity/";
    /// Prefixes every query may use without declaring them.
    pub const PREFIXES: &[(&str, &str)] = &[
        ("ng", NG),
        ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
        ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
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

/// One row of a SELECT query: a term per variable (`None` for unbound).
pub type Row = Vec<Option<Term>>;

/// An open store.
pub struct Store {
    inner: oxigraph::store::Store,
}

impl Store {
    /// Opens (or creates) the on-disk store at `path`.
    pub fn open(path: &Path) -> Result<Store> {
        std::fs::create_dir_all(path).with_context(|| format!("{}: cannot create store folder", path.display()))?;
        let inner = oxigraph::store::Store::open(path).with_context(|| format!("{}: cannot open the Oxigraph store (is another newsgraph using it?)", path.display()))?;
        Ok(Store { inner })
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
        let mut tx = self.inner.start_transaction()?;
        tx.clear_graph(GraphNameRef::NamedNode(graph.as_ref()))?;
        for q in &quads {
            tx.insert(q.as_ref());
        }
        tx.commit()?;
        Ok(())
    }

    /// Stores one document and its extraction in its own named graph, in one transaction.
    /// `extractor` names the extractor (`Lexicon::fingerprint`): the same text extracted by
    /// another version or other ontology data is replaced, not kept.
    pub fn ingest(&self, doc: &Document, extraction: &Extraction, extractor: &str) -> Result<Ingested> {
        let graph = node(document_iri(&doc.id));
        let source_file = ng("sourceFile");
        let mut tx = self.inner.start_transaction()?;
        let same_extractor = Literal::new_simple_literal(extractor);
        if tx.contains(QuadRef::new(graph.as_ref(), ng("extractor").as_ref(), same_extractor.as_ref(), GraphNameRef::NamedNode(graph.as_ref())))? {
            return Ok(Ingested::Unchanged);
        }
        // Older versions of the same file: their graphs go.
        let name = Literal::new_simple_literal(&doc.name);
        let old: Vec<NamedOrBlankNode> = tx
            .quads_for_pattern(None, Some(source_file.as_ref()), Some(name.as_ref().into()), None)
            .filter_map(|q| q.ok())
            .filter_map(|q| match q.graph_name {
                GraphName::NamedNode(n) => Some(NamedOrBlankNode::NamedNode(n)),
                _ => None,
            })
            .collect();
        let replaced = !old.is_empty() || tx.contains_named_graph(graph.as_ref())?;
        for g in &old {
            tx.remove_named_graph(g.as_ref())?;
        }
        tx.remove_named_graph(graph.as_ref())?;
        tx.insert_named_graph(graph.as_ref());
        for quad in document_quads(doc, extraction, &graph) {
            tx.insert(quad.as_ref());
        }
        tx.insert(QuadRef::new(graph.as_ref(), ng("extractor").as_ref(), same_extractor.as_ref(), GraphNameRef::NamedNode(graph.as_ref())));
        tx.commit().with_context(|| format!("{}: cannot commit to the store", doc.name))?;
        Ok(if replaced { Ingested::Replaced } else { Ingested::Added })
    }

    /// Prepares a SPARQL query with the project's prefixes, over the union of all graphs.
    pub fn query(&self, sparql: &str) -> Result<QueryResults<'static>> {
        let mut evaluator = SparqlEvaluator::new();
        for (prefix, iri) in vocab::PREFIXES {
            evaluator = evaluator.with_prefix(*prefix, *iri)?;
        }
        let mut prepared = evaluator.parse_query(sparql).map_err(|e| anyhow::anyhow!("invalid SPARQL: {e}"))?;
        prepared.dataset_mut().set_default_graph_as_union();
        Ok(prepared.on_store(&self.inner).execute()?)
    }

    /// Rows of a SELECT query as strings (`None` for unbound), in the order returned.
    pub fn select(&self, sparql: &str) -> Result<(Vec<String>, Vec<Row>)> {
        let QueryResults::Solutions(solutions) = self.query(sparql)? else { bail!("not a SELECT query") };
        let variables: Vec<String> = solutions.variables().iter().map(|v| v.as_str().to_string()).collect();
        let mut rows = Vec::new();
        for solution in solutions {
            let solution = solution?;
            rows.push(variables.iter().map(|v| solution.get(v.as_str()).cloned()).collect());
        }
        Ok((variables, rows))
    }

    /// Writes the store sorted, so dumps compare byte for byte: every quad for the
    /// dataset formats (N-Quads, TriG, JSON-LD), every distinct triple for the others.
    pub fn dump(&self, format: RdfFormat, out: impl Write) -> Result<()> {
        let mut quads: Vec<Quad> = self.inner.iter().collect::<Result<_, _>>()?;
        if !format.supports_datasets() {
            for q in &mut quads {
                q.graph_name = GraphName::DefaultGraph;
            }
        }
        quads.sort_by_cached_key(|q| q.to_string());
        quads.dedup();
        let mut serializer = RdfSerializer::from_format(format);
        for (prefix, iri) in vocab::PREFIXES {
            serializer = serializer.with_prefix(*prefix, *iri)?;
        }
        let mut writer = serializer.for_writer(out);
        for q in &quads {
            writer.serialize_quad(q)?;
        }
        writer.finish()?;
        Ok(())
    }
}

/// The quads of one document: its node, its entities, its relations and their statements.
pub fn document_quads(doc: &Document, extraction: &Extraction, graph: &NamedNode) -> Vec<Quad> {
    let g = GraphName::NamedNode(graph.clone());
    let mut quads = Vec::new();
    let mut add = |s: &NamedNode, p: NamedNodeRef<'_>, o: Term| quads.push(Quad::new(s.clone(), p.into_owned(), o, g.clone()));
    let schema = |local: &str| node(format!("{}{local}", vocab::SCHEMA));
    let prov = |local: &str| node(format!("{}{local}", vocab::PROV));
    let text = |v: &str| Term::Literal(Literal::new_simple_literal(v));
    let doc_node = graph.clone();
    add(&doc_node, rdf::TYPE, ng("Document").into());
    add(&doc_node, ng("sourceFile").as_ref(), text(&doc.name));
    add(&doc_node, ng("contentHash").as_ref(), text(&doc.id));
    add(&doc_node, schema("name").as_ref(), text(&doc.name));
    for (p, v) in [("headline", &doc.title), ("author", &doc.author), ("datePublished", &doc.date), ("url", &doc.url)] {
        if let Some(v) = v {
            add(&doc_node, schema(p).as_ref(), text(v));
        }
    }
    for e in &extraction.entities {
        let s = node(entity_iri(&e.id));
        add(&s, rdf::TYPE, ng(e.kind.as_str()).into());
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
        let hash: String = Sha256::digest(key.as_bytes()).iter().take(8).map(|b| format!("{b:02x}")).collect();
        let a = node(format!("{}assertion/{hash}", vocab::ID));
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
    quads.sort_by_key(|q| q.to_string());
    quads.dedup();
    quads
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
pub use oxigraph::sparql::results::QueryResultsFormat;

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
                Entity { id: "company/gazprom".into(), label: "Gazprom".into(), kind: EntityType::Company, aliases: vec![], wikidata: None },
                Entity { id: "country/china".into(), label: "China".into(), kind: EntityType::Country, aliases: vec!["PRC".into()], wikidata: Some("Q148".into()) },
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
            .select("SELECT ?year ?ev ?doc WHERE { ?s ng:supplies ?o . ?a rdf:subject ?s ; rdf:predicate ng:supplies ; rdf:object ?o ; ng:year ?year ; ng:evidence ?ev ; prov:wasDerivedFrom ?d . ?d ng:sourceFile ?doc }")
            .unwrap();
        assert_eq!(rows.len(), 1);
        let row: Vec<String> = rows[0].iter().map(|t| term_text(t.as_ref().unwrap())).collect();
        assert_eq!(row, ["2019", "Gazprom supplies gas to China.", "a.txt"]);
    }

    #[test]
    fn bad_sparql_is_an_error_not_a_panic() {
        let store = Store::in_memory().unwrap();
        let err = store.query("SELEC nothing").err().unwrap();
        assert!(err.to_string().contains("invalid SPARQL"));
    }
}
