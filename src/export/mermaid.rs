//! Mermaid flowchart for docs: synthetic node ids (`n0`, `n1`, … in id order), labels
//! quoted with Mermaid's entity codes for anything that could end or confuse a label,
//! one `classDef` per entity class.

use super::{dot::edge_label, one_line, type_hex};
use crate::graph::KnowledgeGraph;
use crate::model::EntityType;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// A label as Mermaid reads it inside `"…"`: on one line, markup and quote characters
/// as numeric entity codes (`#34;`).
pub fn label(text: &str) -> String {
    let mut out = String::from("\"");
    for c in one_line(text).chars() {
        match c {
            '"' | '#' | '&' | '<' | '>' | '`' | '|' | '\\' | ';' => {
                let _ = write!(out, "#{};", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The graph as a Mermaid flowchart.
pub fn write(kg: &KnowledgeGraph) -> String {
    let g = &kg.graph;
    let mut out = String::from("flowchart LR\n");
    // By class name, so the classes come in alphabetical order.
    let mut classes: BTreeMap<&str, (EntityType, Vec<String>)> = BTreeMap::new();
    for n in g.node_indices() {
        let node = &g[n];
        let _ = writeln!(out, "  n{}[{}]", n.index(), label(&node.label));
        classes.entry(node.class.as_str()).or_insert((node.class, Vec::new())).1.push(format!("n{}", n.index()));
    }
    for e in g.edge_indices() {
        let (s, o) = g.edge_endpoints(e).expect("edge of this graph");
        let _ = writeln!(out, "  n{} -->|{}| n{}", s.index(), label(&edge_label(&g[e])), o.index());
    }
    for (name, (class, members)) in &classes {
        let _ = writeln!(out, "  classDef {name} fill:{}33,stroke:{}", type_hex(*class), type_hex(*class));
        let _ = writeln!(out, "  class {} {name}", members.join(","));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_escape_quotes_and_markup_as_entity_codes() {
        assert_eq!(label("A \"B\" & <C>\n#1"), "\"A #34;B#34; #38; #60;C#62; #35;1\"");
    }
}
