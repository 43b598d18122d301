//! Export: writes the graph and extractions in the formats users take elsewhere.
//!
//! Owns the output formats and their small serialisation types: GraphML as Gephi's
//! own exporter writes it, the scorer's JSON (`eval/SCHEMA.md`) for one document's
//! extraction and for the whole graph. Output is deterministic: sorted, no timestamps.

use crate::corpus::Document;
use crate::graph::KnowledgeGraph;
use crate::model::Extraction;
use serde::Serialize;
use std::fmt::Write as _;

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
    kind: &'a str,
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
            .map(|e| EntityJson { id: &e.id, label: &e.label, kind: e.kind.as_str(), aliases: e.aliases.iter().map(String::as_str).collect(), wikidata: e.wikidata.as_deref(), documents: None })
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
    documents: Vec<&'a str>,
    evidence: Vec<&'a str>,
}

/// The whole graph in the scorer's JSON shape: one relation per (subject, predicate, object).
pub fn graph_json(kg: &KnowledgeGraph) -> String {
    let g = &kg.graph;
    let entities = g
        .node_weights()
        .map(|n| EntityJson {
            id: &n.id,
            label: &n.label,
            kind: &n.kind,
            aliases: n.aliases.iter().map(String::as_str).collect(),
            wikidata: n.wikidata.as_deref(),
            documents: Some(n.documents.iter().map(String::as_str).collect()),
        })
        .collect();
    let mut relations = Vec::new();
    for e in g.edge_indices() {
        let (s, o) = g.edge_endpoints(e).expect("edge of this graph");
        let edge = &g[e];
        for (predicate, count) in &edge.predicates {
            relations.push(GraphRelationJson {
                subject: &g[s].id,
                predicate,
                object: &g[o].id,
                weight: *count,
                years: edge.years.iter().copied().collect(),
                statuses: edge.statuses.iter().map(String::as_str).collect(),
                documents: edge.documents.iter().map(String::as_str).collect(),
                evidence: edge.evidence.iter().map(String::as_str).collect(),
            });
        }
    }
    serde_json::to_string_pretty(&GraphJson { entities, relations }).expect("JSON of plain data") + "\n"
}

/// Text safe inside XML: escaped, with XML-illegal control characters dropped.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Gephi's class colours, one per entity type.
pub fn type_colour(kind: &str) -> (u8, u8, u8) {
    match kind {
        "Country" => (228, 26, 28),
        "Person" => (55, 126, 184),
        "Company" => (77, 175, 74),
        "Organization" => (152, 78, 163),
        "Place" => (255, 127, 0),
        "Project" => (166, 86, 40),
        "Initiative" => (247, 129, 191),
        "Event" => (153, 153, 153),
        "Commodity" => (26, 152, 152),
        _ => (100, 100, 100),
    }
}

/// GraphML as Gephi writes it: keys `label`, `edgelabel`, `weight`, `r`/`g`/`b`, `size`
/// and prefixed ids for the rest; nodes before edges; one edge per pair and direction.
pub fn graphml(kg: &KnowledgeGraph) -> String {
    let g = &kg.graph;
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n");
    let keys: &[(&str, &str, &str, &str)] = &[
        ("label", "node", "label", "string"),
        ("n_type", "node", "type", "string"),
        ("n_aliases", "node", "aliases", "string"),
        ("n_wikidata", "node", "wikidata", "string"),
        ("n_documents", "node", "documents", "string"),
        ("n_degree", "node", "degree", "int"),
        ("size", "node", "size", "double"),
        ("r", "node", "r", "int"),
        ("g", "node", "g", "int"),
        ("b", "node", "b", "int"),
        ("edgelabel", "edge", "label", "string"),
        ("weight", "edge", "weight", "double"),
        ("e_predicates", "edge", "predicates", "string"),
        ("e_years", "edge", "years", "string"),
        ("e_statuses", "edge", "statuses", "string"),
        ("e_documents", "edge", "documents", "string"),
    ];
    for (id, domain, name, ty) in keys {
        let _ = writeln!(out, "  <key id=\"{id}\" for=\"{domain}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>");
    }
    out.push_str("  <graph id=\"newsgraph\" edgedefault=\"directed\">\n");
    let join = |items: &mut dyn Iterator<Item = String>| items.collect::<Vec<_>>().join("; ");
    for n in g.node_indices() {
        let node = &g[n];
        let (r, gg, b) = type_colour(&node.kind);
        let degree = kg.degree(n);
        let _ = writeln!(out, "    <node id=\"{}\">", xml_escape(&node.id));
        let mut data = |key: &str, value: &str| {
            let _ = writeln!(out, "      <data key=\"{key}\">{}</data>", xml_escape(value));
        };
        data("label", &node.label);
        data("n_type", &node.kind);
        data("n_aliases", &join(&mut node.aliases.iter().cloned()));
        data("n_wikidata", node.wikidata.as_deref().unwrap_or(""));
        data("n_documents", &join(&mut node.documents.iter().cloned()));
        data("n_degree", &degree.to_string());
        data("size", &format!("{:.1}", 10.0 + 2.0 * degree as f64));
        data("r", &r.to_string());
        data("g", &gg.to_string());
        data("b", &b.to_string());
        out.push_str("    </node>\n");
    }
    for (i, e) in g.edge_indices().enumerate() {
        let (s, o) = g.edge_endpoints(e).expect("edge of this graph");
        let edge = &g[e];
        let _ = writeln!(out, "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">", xml_escape(&g[s].id), xml_escape(&g[o].id));
        let mut data = |key: &str, value: &str| {
            let _ = writeln!(out, "      <data key=\"{key}\">{}</data>", xml_escape(value));
        };
        data("edgelabel", edge.main_predicate());
        data("weight", &format!("{:.1}", edge.weight as f64));
        data("e_predicates", &join(&mut edge.predicates.iter().map(|(p, n)| format!("{p}:{n}"))));
        data("e_years", &join(&mut edge.years.iter().map(i32::to_string)));
        data("e_statuses", &join(&mut edge.statuses.iter().cloned()));
        data("e_documents", &join(&mut edge.documents.iter().cloned()));
        out.push_str("    </edge>\n");
    }
    out.push_str("  </graph>\n</graphml>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escape_handles_markup_quotes_and_control_characters() {
        assert_eq!(xml_escape("A&B <C> \"d\" 'e'\u{1}\u{7}ок"), "A&amp;B &lt;C&gt; &quot;d&quot; &apos;e&apos;ок");
    }
}
