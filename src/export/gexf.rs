//! GEXF 1.3, Gephi's own format: one edge per relation with `kind` = predicate (so
//! parallel relations stay apart), and the relation's years as integer spells so
//! Gephi's timeline replays them; `year`/`years` stay plain attributes for tools that
//! drop dynamics (Gephi Lite).

use super::{node_size, type_colour, xml_escape};
use crate::graph::{self, KnowledgeGraph};
use std::fmt::Write as _;

const NODE_ATTRIBUTES: &[(&str, &str)] = &[("type", "string"), ("aliases", "string"), ("wikidata", "string"), ("documents", "string"), ("degree", "integer")];
const EDGE_ATTRIBUTES: &[(&str, &str)] = &[("predicate", "string"), ("year", "integer"), ("years", "string"), ("statuses", "string"), ("documents", "string")];

/// The graph as GEXF 1.3.
pub fn write(kg: &KnowledgeGraph) -> String {
    let g = &kg.graph;
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(
        "<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" \
         xsi:schemaLocation=\"http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd\" version=\"1.3\">\n",
    );
    out.push_str("  <meta>\n    <creator>newsgraph</creator>\n    <description>Entities and relations extracted from news articles</description>\n  </meta>\n");
    out.push_str("  <graph defaultedgetype=\"directed\" mode=\"dynamic\" timeformat=\"integer\">\n");
    for (class, attributes) in [("node", NODE_ATTRIBUTES), ("edge", EDGE_ATTRIBUTES)] {
        let _ = writeln!(out, "    <attributes class=\"{class}\" mode=\"static\">");
        for (id, ty) in attributes {
            let _ = writeln!(out, "      <attribute id=\"{id}\" title=\"{id}\" type=\"{ty}\"/>");
        }
        out.push_str("    </attributes>\n");
    }
    let join = |items: Vec<String>| items.join("; ");
    out.push_str("    <nodes>\n");
    for n in g.node_indices() {
        let node = &g[n];
        let degree = kg.degree(n);
        let _ = writeln!(out, "      <node id=\"{}\" label=\"{}\">", xml_escape(&node.id), xml_escape(&node.label));
        attvalues(
            &mut out,
            &[
                ("type", node.class.to_string()),
                ("aliases", join(node.aliases.iter().cloned().collect())),
                ("wikidata", node.wikidata.clone().unwrap_or_default()),
                ("documents", join(node.documents.iter().cloned().collect())),
                ("degree", degree.to_string()),
            ],
        );
        let (r, gg, b) = type_colour(node.class);
        let _ = writeln!(out, "        <viz:color r=\"{r}\" g=\"{gg}\" b=\"{b}\"/>");
        let _ = writeln!(out, "        <viz:size value=\"{:.1}\"/>", node_size(degree));
        out.push_str("      </node>\n");
    }
    out.push_str("    </nodes>\n    <edges>\n");
    let mut id = 0;
    for e in g.edge_indices() {
        let (s, o) = g.edge_endpoints(e).expect("edge of this graph");
        for (predicate, statements) in &g[e].relations {
            let years = graph::years(statements);
            let _ = writeln!(
                out,
                "      <edge id=\"r{id}\" source=\"{}\" target=\"{}\" kind=\"{predicate}\" label=\"{predicate}\" weight=\"{:.1}\">",
                xml_escape(&g[s].id),
                xml_escape(&g[o].id),
                statements.len() as f64
            );
            id += 1;
            let mut values = vec![("predicate", predicate.to_string())];
            if let Some(first) = years.first() {
                values.push(("year", first.to_string()));
            }
            values.push(("years", join(years.iter().map(i32::to_string).collect())));
            values.push(("statuses", join(graph::statuses(statements).into_iter().map(str::to_string).collect())));
            values.push(("documents", join(graph::documents(statements).into_iter().map(str::to_string).collect())));
            attvalues(&mut out, &values);
            if !years.is_empty() {
                out.push_str("        <spells>\n");
                for y in &years {
                    let _ = writeln!(out, "          <spell start=\"{y}\" end=\"{y}\"/>");
                }
                out.push_str("        </spells>\n");
            }
            out.push_str("      </edge>\n");
        }
    }
    out.push_str("    </edges>\n  </graph>\n</gexf>\n");
    out
}

fn attvalues(out: &mut String, values: &[(&str, String)]) {
    out.push_str("        <attvalues>\n");
    for (key, value) in values {
        let _ = writeln!(out, "          <attvalue for=\"{key}\" value=\"{}\"/>", xml_escape(value));
    }
    out.push_str("        </attvalues>\n");
}
