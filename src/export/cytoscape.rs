//! Cytoscape.js JSON (`.cyjs`, which Cytoscape desktop imports too): elements with
//! their data, one edge per relation (Cytoscape keeps parallel edges apart).

use crate::graph::{self, KnowledgeGraph};
use serde::Serialize;

#[derive(Serialize)]
struct Cyjs<'a> {
    format_version: &'a str,
    generated_by: &'a str,
    target_cytoscapejs_version: &'a str,
    data: Name<'a>,
    elements: Elements<'a>,
}

#[derive(Serialize)]
struct Name<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct Elements<'a> {
    nodes: Vec<Element<NodeData<'a>>>,
    edges: Vec<Element<EdgeData<'a>>>,
}

#[derive(Serialize)]
struct Element<T> {
    data: T,
}

#[derive(Serialize)]
struct NodeData<'a> {
    id: &'a str,
    label: &'a str,
    #[serde(rename = "type")]
    class: &'a str,
    aliases: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    wikidata: Option<&'a str>,
    documents: Vec<&'a str>,
    degree: usize,
    color: String,
}

#[derive(Serialize)]
struct EdgeData<'a> {
    id: String,
    source: &'a str,
    target: &'a str,
    label: &'a str,
    predicate: &'a str,
    weight: usize,
    years: Vec<i32>,
    statuses: Vec<&'a str>,
    documents: Vec<&'a str>,
}

/// The graph as Cytoscape.js JSON.
pub fn write(kg: &KnowledgeGraph) -> String {
    let g = &kg.graph;
    let nodes = g
        .node_indices()
        .map(|n| {
            let node = &g[n];
            Element {
                data: NodeData {
                    id: &node.id,
                    label: &node.label,
                    class: node.class.as_str(),
                    aliases: node.aliases.iter().map(String::as_str).collect(),
                    wikidata: node.wikidata.as_deref(),
                    documents: node.documents.iter().map(String::as_str).collect(),
                    degree: kg.degree(n),
                    color: super::type_hex(node.class),
                },
            }
        })
        .collect();
    let mut edges = Vec::new();
    for e in g.edge_indices() {
        let (s, o) = g.edge_endpoints(e).expect("edge of this graph");
        for (predicate, statements) in &g[e].relations {
            edges.push(Element {
                data: EdgeData {
                    id: format!("r{}", edges.len()),
                    source: &g[s].id,
                    target: &g[o].id,
                    label: predicate.as_str(),
                    predicate: predicate.as_str(),
                    weight: statements.len(),
                    years: graph::years(statements).into_iter().collect(),
                    statuses: graph::statuses(statements).into_iter().collect(),
                    documents: graph::documents(statements).into_iter().collect(),
                },
            });
        }
    }
    let cyjs = Cyjs { format_version: "1.0", generated_by: "newsgraph", target_cytoscapejs_version: "~3.0", data: Name { name: "newsgraph" }, elements: Elements { nodes, edges } };
    serde_json::to_string_pretty(&cyjs).expect("JSON of plain data") + "\n"
}
