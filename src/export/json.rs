//! JSON in the scorer's shape (`eval/SCHEMA.md`): one document's extraction, and the
//! whole graph with one relation per (subject, predicate, object) and its statements.

use crate::corpus::Document;
use crate::graph::{self, KnowledgeGraph};
use crate::model::Extraction;
use serde::Serialize;

/// The scorer's JSON for one document (extra fields: evidence, offsets, confidence …).
#[derive(Serialize)]
struct DocumentJson<'a> {
    document: &'a str,
    title: Option<&'a str>,
    entities: Vec<EntityJson<'a>>,
    relations: Vec<RelationJson<'a>>,
}

/// An entity in both JSON shapes; `documents` only in the whole-graph one.
#[derive(Serialize)]
struct EntityJson<'a> {
    id: &'a str,
    label: &'a str,
    #[serde(rename = "type")]
    class: &'a str,
    aliases: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    wikidata: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    documents: Option<Vec<&'a str>>,
}

#[derive(Serialize)]
struct RelationJson<'a> {
    subject: &'a str,
    predicate: &'a str,
    object: &'a str,
    evidence: &'a str,
    start: usize,
    end: usize,
    confidence: f32,
    #[serde(skip_serializing_if = "Option::is_none")]
    year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    amount: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    negated: bool,
    rule: &'a str,
}

/// One document's extraction as the scorer reads it. Negated relations are left out
/// of `relations` (they are facts denied, not asserted).
pub fn extraction_json(doc: &Document, ex: &Extraction) -> String {
    let out = DocumentJson {
        document: &doc.name,
        title: doc.title.as_deref(),
        entities: ex
            .entities
            .iter()
            .map(|e| EntityJson { id: &e.id, label: &e.label, class: e.class.as_str(), aliases: e.aliases.iter().map(String::as_str).collect(), wikidata: e.wikidata.as_deref(), documents: None })
            .collect(),
        relations: ex
            .relations
            .iter()
            .filter(|r| !r.negated)
            .map(|r| RelationJson {
                subject: &r.subject,
                predicate: r.predicate.as_str(),
                object: &r.object,
                evidence: &r.evidence.text,
                start: r.evidence.start,
                end: r.evidence.end,
                confidence: r.confidence,
                year: r.year,
                amount: r.amount.as_deref(),
                status: r.status.map(|s| s.as_str()),
                negated: r.negated,
                rule: &r.rule,
            })
            .collect(),
    };
    serde_json::to_string_pretty(&out).expect("JSON of plain data") + "\n"
}

#[derive(Serialize)]
struct GraphJson<'a> {
    entities: Vec<EntityJson<'a>>,
    relations: Vec<GraphRelationJson<'a>>,
}

#[derive(Serialize)]
struct GraphRelationJson<'a> {
    subject: &'a str,
    predicate: &'a str,
    object: &'a str,
    /// Statements supporting this predicate on this pair.
    weight: usize,
    years: Vec<i32>,
    statuses: Vec<&'a str>,
    /// (year, status) of every dated or staged statement, in time order: a project
    /// planned in 2018 and suspended in 2022 keeps both.
    timeline: Vec<TimelineJson<'a>>,
    documents: Vec<&'a str>,
    evidence: Vec<&'a str>,
}

#[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
struct TimelineJson<'a> {
    year: Option<i32>,
    status: Option<&'a str>,
}

/// The whole graph in the scorer's JSON shape: one relation per (subject, predicate, object).
pub fn graph_json(kg: &KnowledgeGraph) -> String {
    let g = &kg.graph;
    let entities = g
        .node_weights()
        .map(|n| EntityJson {
            id: &n.id,
            label: &n.label,
            class: n.class.as_str(),
            aliases: n.aliases.iter().map(String::as_str).collect(),
            wikidata: n.wikidata.as_deref(),
            documents: Some(n.documents.iter().map(String::as_str).collect()),
        })
        .collect();
    let mut relations = Vec::new();
    for e in g.edge_indices() {
        let (s, o) = g.edge_endpoints(e).expect("edge of this graph");
        for (predicate, statements) in &g[e].relations {
            let mut timeline: Vec<TimelineJson> = statements.iter().filter(|s| s.year.is_some() || s.status.is_some()).map(|s| TimelineJson { year: s.year, status: s.status.as_deref() }).collect();
            timeline.sort();
            timeline.dedup();
            let mut evidence: Vec<&str> = statements.iter().map(|s| s.evidence.as_str()).collect();
            evidence.sort();
            evidence.dedup();
            relations.push(GraphRelationJson {
                subject: &g[s].id,
                predicate: predicate.as_str(),
                object: &g[o].id,
                weight: statements.len(),
                years: graph::years(statements).into_iter().collect(),
                statuses: graph::statuses(statements).into_iter().collect(),
                timeline,
                documents: graph::documents(statements).into_iter().collect(),
                evidence,
            });
        }
    }
    serde_json::to_string_pretty(&GraphJson { entities, relations }).expect("JSON of plain data") + "\n"
}
