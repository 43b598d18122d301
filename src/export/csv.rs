//! CSV: a nodes file and an edges file with the columns Gephi's spreadsheet import
//! recognises (`Id,Label,…` and `Source,Target,Type,Id,Label,Weight,Kind`); one edge
//! row per relation, so `Kind` keeps parallel relations apart. Neo4j reads them with
//! `LOAD CSV WITH HEADERS` (see the README).

use crate::graph::{self, KnowledgeGraph};
use anyhow::Result;
use std::path::Path;

/// The nodes table.
pub fn nodes(kg: &KnowledgeGraph) -> Result<Vec<u8>> {
    let g = &kg.graph;
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(["Id", "Label", "Type", "Aliases", "Wikidata", "Documents", "Degree"])?;
    for n in g.node_indices() {
        let node = &g[n];
        let aliases = node.aliases.iter().map(String::as_str).collect::<Vec<_>>().join("; ");
        let documents = node.documents.iter().map(String::as_str).collect::<Vec<_>>().join("; ");
        let degree = kg.degree(n).to_string();
        w.write_record([node.id.as_str(), &clean(&node.label), node.class.as_str(), &clean(&aliases), node.wikidata.as_deref().unwrap_or(""), &documents, &degree])?;
    }
    Ok(w.into_inner()?)
}

/// The edges table: one row per (source, target, predicate).
pub fn edges(kg: &KnowledgeGraph) -> Result<Vec<u8>> {
    let g = &kg.graph;
    let mut w = ::csv::Writer::from_writer(Vec::new());
    w.write_record(["Source", "Target", "Type", "Id", "Label", "Weight", "Kind", "Years", "Statuses", "Documents"])?;
    let mut id = 0;
    for e in g.edge_indices() {
        let (s, o) = g.edge_endpoints(e).expect("edge of this graph");
        for (predicate, statements) in &g[e].relations {
            let years = graph::years(statements).iter().map(i32::to_string).collect::<Vec<_>>().join("; ");
            let statuses = graph::statuses(statements).into_iter().collect::<Vec<_>>().join("; ");
            let documents = graph::documents(statements).into_iter().collect::<Vec<_>>().join("; ");
            let row_id = format!("r{id}");
            id += 1;
            let weight = statements.len().to_string();
            w.write_record([g[s].id.as_str(), &g[o].id, "Directed", &row_id, predicate.as_str(), &weight, predicate.as_str(), &years, &statuses, &documents])?;
        }
    }
    Ok(w.into_inner()?)
}

/// Writes `nodes.csv` and `edges.csv` into `folder`.
pub fn write_files(kg: &KnowledgeGraph, folder: &Path) -> Result<()> {
    super::write_file(&folder.join("nodes.csv"), &nodes(kg)?)?;
    super::write_file(&folder.join("edges.csv"), &edges(kg)?)
}

/// Text without control characters other than tab and line breaks (CSV quotes those).
fn clean(text: &str) -> String {
    text.chars().filter(|&c| !super::is_xml_illegal(c)).collect()
}
