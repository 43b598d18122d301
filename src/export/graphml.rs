//! GraphML as Gephi's own exporter writes it, so Gephi reads labels, weights and colours.

use super::{node_size, type_colour, xml_escape};
use crate::graph::KnowledgeGraph;
use std::io::Write;

/// GraphML as text (`write_to` into memory).
pub fn write(kg: &KnowledgeGraph) -> String {
    let mut out = Vec::new();
    write_to(kg, &mut out).expect("writing to memory cannot fail");
    String::from_utf8(out).expect("GraphML is UTF-8")
}

/// GraphML as Gephi writes it: keys `label`, `edgelabel`, `weight`, `r`/`g`/`b`, `size`
/// and prefixed ids for the rest; nodes before edges; one edge per pair and direction.
/// Streamed to `out` node by node and edge by edge (give it a buffered writer).
pub fn write_to(kg: &KnowledgeGraph, out: &mut impl Write) -> std::io::Result<()> {
    let g = &kg.graph;
    out.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")?;
    out.write_all(
        b"<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
          xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    )?;
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
        writeln!(out, "  <key id=\"{id}\" for=\"{domain}\" attr.name=\"{name}\" attr.type=\"{ty}\"/>")?;
    }
    out.write_all(b"  <graph id=\"newsgraph\" edgedefault=\"directed\">\n")?;
    let join = |items: &mut dyn Iterator<Item = String>| items.collect::<Vec<_>>().join("; ");
    for n in g.node_indices() {
        let node = &g[n];
        let (r, gg, b) = type_colour(node.class);
        let degree = kg.degree(n);
        writeln!(out, "    <node id=\"{}\">", xml_escape(&node.id))?;
        let mut data = |key: &str, value: &str| writeln!(out, "      <data key=\"{key}\">{}</data>", xml_escape(value));
        data("label", &node.label)?;
        data("n_type", node.class.as_str())?;
        data("n_aliases", &join(&mut node.aliases.iter().cloned()))?;
        data("n_wikidata", node.wikidata.as_deref().unwrap_or(""))?;
        data("n_documents", &join(&mut node.documents.iter().cloned()))?;
        data("n_degree", &degree.to_string())?;
        data("size", &format!("{:.1}", node_size(degree)))?;
        data("r", &r.to_string())?;
        data("g", &gg.to_string())?;
        data("b", &b.to_string())?;
        out.write_all(b"    </node>\n")?;
    }
    for (i, e) in g.edge_indices().enumerate() {
        let (s, o) = g.edge_endpoints(e).expect("edge of this graph");
        let edge = &g[e];
        writeln!(out, "    <edge id=\"e{i}\" source=\"{}\" target=\"{}\">", xml_escape(&g[s].id), xml_escape(&g[o].id))?;
        let mut data = |key: &str, value: &str| writeln!(out, "      <data key=\"{key}\">{}</data>", xml_escape(value));
        data("edgelabel", edge.main_predicate().map_or("", |p| p.as_str()))?;
        data("weight", &format!("{:.1}", edge.weight() as f64))?;
        data("e_predicates", &join(&mut edge.relations.iter().map(|(p, s)| format!("{p}:{}", s.len()))))?;
        data("e_years", &join(&mut edge.years().iter().map(i32::to_string)))?;
        data("e_statuses", &join(&mut edge.statuses().iter().map(|s| s.to_string())))?;
        data("e_documents", &join(&mut edge.documents().iter().map(|s| s.to_string())))?;
        out.write_all(b"    </edge>\n")?;
    }
    out.write_all(b"  </graph>\n</graphml>\n")
}
