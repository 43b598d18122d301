//! Graphviz DOT: every ID quoted, quotes and backslashes escaped, labels on one line;
//! nodes coloured and shaped by class, one edge per (source, target) labelled with its
//! predicates and years, pen width by weight.

use super::{one_line, type_hex};
use crate::graph::KnowledgeGraph;
use crate::model::EntityType;
use std::fmt::Write as _;

/// A DOT string literal: quoted, with `"` and `\` escaped and the text on one line.
pub fn quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in one_line(text).chars() {
        if c == '"' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// The shape an entity class is drawn as, here and in the built-in diagrams.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Shape {
    Octagon,
    Ellipse,
    Box,
    Hexagon,
    Triangle,
    Diamond,
    Pentagon,
    InvTriangle,
    Septagon,
}

impl Shape {
    /// Graphviz's name of the shape.
    pub fn graphviz_name(self) -> &'static str {
        match self {
            Shape::Octagon => "octagon",
            Shape::Ellipse => "ellipse",
            Shape::Box => "box",
            Shape::Hexagon => "hexagon",
            Shape::Triangle => "triangle",
            Shape::Diamond => "diamond",
            Shape::Pentagon => "pentagon",
            Shape::InvTriangle => "invtriangle",
            Shape::Septagon => "septagon",
        }
    }
}

/// The shape of an entity class.
pub fn type_shape(class: EntityType) -> Shape {
    match class {
        EntityType::Country => Shape::Octagon,
        EntityType::Person => Shape::Ellipse,
        EntityType::Company => Shape::Box,
        EntityType::Organization => Shape::Hexagon,
        EntityType::Place => Shape::Triangle,
        EntityType::Project => Shape::Diamond,
        EntityType::Initiative => Shape::Pentagon,
        EntityType::Event => Shape::InvTriangle,
        EntityType::Commodity => Shape::Septagon,
    }
}

/// An edge's label: its predicates (with counts above one) and years.
pub fn edge_label(edge: &crate::graph::Edge) -> String {
    let predicates: Vec<String> = edge.relations.iter().map(|(p, s)| if s.len() > 1 { format!("{p} ×{}", s.len()) } else { p.to_string() }).collect();
    let years: Vec<String> = edge.years().iter().map(i32::to_string).collect();
    if years.is_empty() {
        predicates.join(", ")
    } else {
        format!("{} ({})", predicates.join(", "), years.join(", "))
    }
}

/// The graph as a DOT digraph (statements in a fixed order, so the output is stable).
pub fn write(kg: &KnowledgeGraph) -> String {
    write_with(kg, &[])
}

/// The graph as DOT with extra graph attributes (e.g. `root` for twopi).
pub fn write_with(kg: &KnowledgeGraph, graph_attributes: &[(&str, String)]) -> String {
    let g = &kg.graph;
    let mut out = String::from("digraph \"newsgraph\" {\n");
    // Overlaps removed by scaling: Graphviz 2.43's default remover ("false", Prism) with
    // splines crashes on some graphs (twopi aborted on every other run of a seed ego network).
    let mut attrs = vec![("overlap", "scale".to_string()), ("splines", "true".to_string()), ("fontname", "Helvetica".to_string())];
    attrs.extend(graph_attributes.iter().map(|(k, v)| (*k, v.clone())));
    let attrs: Vec<String> = attrs.iter().map(|(k, v)| format!("{k}={}", quote(v))).collect();
    let _ = writeln!(out, "  graph [{}];", attrs.join(", "));
    out.push_str("  node [style=\"filled\", fontname=\"Helvetica\", fontsize=\"11\", fontcolor=\"#111111\"];\n");
    out.push_str("  edge [fontname=\"Helvetica\", fontsize=\"9\", color=\"#666666\", fontcolor=\"#333333\"];\n");
    for n in g.node_indices() {
        let node = &g[n];
        let _ = writeln!(
            out,
            "  {} [label={}, shape={}, fillcolor=\"{}80\", color=\"{}\", type={}];",
            quote(&node.id),
            quote(&node.label),
            quote(type_shape(node.class).graphviz_name()),
            type_hex(node.class),
            type_hex(node.class),
            quote(node.class.as_str())
        );
    }
    for e in g.edge_indices() {
        let (s, o) = g.edge_endpoints(e).expect("edge of this graph");
        let edge = &g[e];
        let width = 1.0 + (edge.weight() as f64).ln();
        let _ = writeln!(out, "  {} -> {} [label={}, weight=\"{}\", penwidth=\"{width:.2}\"];", quote(&g[s].id), quote(&g[o].id), quote(&edge_label(edge)), edge.weight());
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_escapes_quotes_and_backslashes_on_one_line() {
        assert_eq!(quote("a \"b\"\\c\nd"), "\"a \\\"b\\\"\\\\c d\"");
    }
}
