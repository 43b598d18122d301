//! Graph: the petgraph projection of the store that every graph export is written from.
//!
//! Owns `KnowledgeGraph`: entities as nodes, relations aggregated into one weighted edge
//! per (source, target) — symmetric predicates folded to one direction — carrying its
//! predicates with counts, years, statuses and supporting documents. Built only from
//! SPARQL over the store, sorted, so the same store gives the same graph.

use crate::store::{entity_id, term_text, Store};
use anyhow::Result;
use petgraph::graph::{DiGraph, NodeIndex};
use std::collections::{BTreeMap, BTreeSet};

/// One entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub id: String,
    pub label: String,
    /// The ontology class, e.g. `Company`.
    pub kind: String,
    pub aliases: BTreeSet<String>,
    pub wikidata: Option<String>,
    pub documents: BTreeSet<String>,
}

/// All statements from `source` to `target`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Edge {
    /// Predicate → number of supporting statements.
    pub predicates: BTreeMap<String, usize>,
    pub years: BTreeSet<i32>,
    pub statuses: BTreeSet<String>,
    pub documents: BTreeSet<String>,
    /// Evidence sentences, deduplicated.
    pub evidence: BTreeSet<String>,
    /// Supporting statements.
    pub weight: usize,
}

impl Edge {
    /// The predicate with most statements (ties: alphabetical).
    pub fn main_predicate(&self) -> &str {
        let mut best: Option<(&String, usize)> = None;
        for (p, n) in &self.predicates {
            if best.is_none_or(|(_, m)| *n > m) {
                best = Some((p, *n));
            }
        }
        best.map_or("", |(p, _)| p.as_str())
    }
}

/// The entity graph.
#[derive(Debug, Default)]
pub struct KnowledgeGraph {
    pub graph: DiGraph<Node, Edge>,
}

const SYMMETRIC: &[&str] = &["cooperatesWith", "alliedWith", "competesWith"];

impl KnowledgeGraph {
    /// Reads entities and non-negated relation statements from the store.
    pub fn from_store(store: &Store) -> Result<KnowledgeGraph> {
        let mut nodes: BTreeMap<String, Node> = BTreeMap::new();
        let (_, rows) = store.select(
            "SELECT ?e ?type ?label ?doc WHERE { GRAPH ?g { ?e a ?type ; rdfs:label ?label . ?g ng:sourceFile ?doc } \
             FILTER(STRSTARTS(STR(?e), \"https://newsgraph.dev/id/entity/\")) }",
        )?;
        for row in rows {
            let [Some(e), Some(t), Some(l), Some(d)] = [&row[0], &row[1], &row[2], &row[3]] else { continue };
            let iri = term_text(e);
            let Some(id) = entity_id(&iri) else { continue };
            let label = term_text(l);
            let kind = term_text(t).rsplit('#').next().unwrap_or_default().to_string();
            let node = nodes.entry(id.to_string()).or_insert_with(|| Node { id: id.to_string(), label: label.clone(), kind, aliases: BTreeSet::new(), wikidata: None, documents: BTreeSet::new() });
            if label < node.label {
                node.aliases.insert(std::mem::replace(&mut node.label, label));
            } else if label != node.label {
                node.aliases.insert(label);
            }
            node.documents.insert(term_text(d));
        }
        let (_, rows) = store.select("SELECT ?e ?alias WHERE { ?e skos:altLabel ?alias }")?;
        for row in rows {
            if let [Some(e), Some(a)] = [&row[0], &row[1]] {
                if let Some(node) = entity_id(&term_text(e)).and_then(|id| nodes.get_mut(id)) {
                    let alias = term_text(a);
                    if alias != node.label {
                        node.aliases.insert(alias);
                    }
                }
            }
        }
        let (_, rows) = store.select("SELECT ?e ?q WHERE { ?e owl:sameAs ?q }")?;
        for row in rows {
            if let [Some(e), Some(q)] = [&row[0], &row[1]] {
                if let Some(node) = entity_id(&term_text(e)).and_then(|id| nodes.get_mut(id)) {
                    node.wikidata = term_text(q).rsplit('/').next().map(str::to_string);
                }
            }
        }
        let mut edges: BTreeMap<(String, String), Edge> = BTreeMap::new();
        let (_, rows) = store.select(
            "SELECT ?a ?s ?p ?o ?doc ?year ?status ?evidence WHERE { ?a a ng:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; \
             ng:negated false ; ng:evidence ?evidence ; prov:wasDerivedFrom ?d . ?d ng:sourceFile ?doc \
             OPTIONAL { ?a ng:year ?year } OPTIONAL { ?a ng:status ?status } }",
        )?;
        for row in rows {
            let (Some(s), Some(p), Some(o), Some(doc), Some(ev)) = (&row[1], &row[2], &row[3], &row[4], &row[7]) else { continue };
            let (s, o) = (term_text(s), term_text(o));
            let (Some(mut s), Some(mut o)) = (entity_id(&s).map(str::to_string), entity_id(&o).map(str::to_string)) else { continue };
            let predicate = term_text(p).rsplit('#').next().unwrap_or_default().to_string();
            if SYMMETRIC.contains(&predicate.as_str()) && o < s {
                std::mem::swap(&mut s, &mut o);
            }
            if !nodes.contains_key(&s) || !nodes.contains_key(&o) {
                continue;
            }
            let edge = edges.entry((s, o)).or_default();
            *edge.predicates.entry(predicate).or_default() += 1;
            edge.weight += 1;
            edge.documents.insert(term_text(doc));
            edge.evidence.insert(term_text(ev));
            if let Some(y) = row[5].as_ref().and_then(|y| term_text(y).parse().ok()) {
                edge.years.insert(y);
            }
            if let Some(st) = &row[6] {
                edge.statuses.insert(term_text(st));
            }
        }
        let mut graph = DiGraph::new();
        let mut index: BTreeMap<String, NodeIndex> = BTreeMap::new();
        for (id, node) in nodes {
            index.insert(id, graph.add_node(node));
        }
        for ((s, o), edge) in edges {
            graph.add_edge(index[&s], index[&o], edge);
        }
        Ok(KnowledgeGraph { graph })
    }

    /// Undirected degree of a node (number of edges touching it).
    pub fn degree(&self, n: NodeIndex) -> usize {
        self.graph.edges_directed(n, petgraph::Direction::Outgoing).count() + self.graph.edges_directed(n, petgraph::Direction::Incoming).count()
    }
}
