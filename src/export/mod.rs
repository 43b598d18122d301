//! Export: writes the graph and extractions in the formats users take elsewhere.
//!
//! Owns the output formats, one submodule each, written from the petgraph projection
//! (`graph::KnowledgeGraph`): GraphML and GEXF for Gephi, CSV for spreadsheets, Gephi's
//! and Neo4j's imports, Cytoscape.js JSON, Graphviz DOT, Mermaid, and the scorer's JSON.
//! The RDF formats (Turtle, TriG, N-Quads, JSON-LD) are dumps of the store itself.
//! Output is deterministic: sorted, no timestamps, so exports compare byte for byte.
//! `write_one` is the `export` command: one format to a file, a folder or stdout.

pub mod csv;
pub mod cytoscape;
pub mod dot;
pub mod gexf;
pub mod graphml;
pub mod json;
pub mod mermaid;

pub use json::{extraction_json, graph_json};

use crate::graph::{Filter, KnowledgeGraph};
use crate::model::EntityType;
use crate::store::{DumpFormat, Store};
use anyhow::{bail, Context, Result};
use std::io::Write as _;
use std::path::Path;

/// Every export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Graphml,
    Gexf,
    Csv,
    Cytoscape,
    Dot,
    Mermaid,
    Json,
    Turtle,
    Nquads,
    Trig,
    Jsonld,
}

impl Format {
    /// Formats written from the entity graph (the rest dump the store's RDF).
    pub fn is_graph(self) -> bool {
        !matches!(self, Format::Turtle | Format::Nquads | Format::Trig | Format::Jsonld)
    }

    /// The format a name or a file extension stands for (`--format`).
    pub fn parse(name: &str) -> Result<Format, String> {
        Format::from_name(name).ok_or_else(|| format!("unknown format {name:?}: graphml, gexf, csv, cytoscape, dot, mermaid, json, turtle, nquads, trig or jsonld"))
    }

    /// The format a file name's extension stands for.
    pub fn from_path(path: &Path) -> Option<Format> {
        Format::from_name(path.extension()?.to_str()?)
    }

    fn from_name(name: &str) -> Option<Format> {
        Some(match name.to_ascii_lowercase().as_str() {
            "graphml" => Format::Graphml,
            "gexf" => Format::Gexf,
            "csv" => Format::Csv,
            "cyjs" | "cytoscape" => Format::Cytoscape,
            "dot" | "gv" => Format::Dot,
            "mmd" | "mermaid" => Format::Mermaid,
            "json" => Format::Json,
            "ttl" | "turtle" => Format::Turtle,
            "nq" | "nquads" => Format::Nquads,
            "trig" => Format::Trig,
            "jsonld" => Format::Jsonld,
            _ => return None,
        })
    }
}

/// One graph format as text.
pub fn graph_text(kg: &KnowledgeGraph, format: Format) -> Result<String> {
    Ok(match format {
        Format::Graphml => graphml::write(kg),
        Format::Gexf => gexf::write(kg),
        Format::Cytoscape => cytoscape::write(kg),
        Format::Dot => dot::write(kg),
        Format::Mermaid => mermaid::write(kg),
        Format::Json => graph_json(kg),
        Format::Csv => bail!("csv is two files (nodes and edges): write it with csv::write_files"),
        Format::Turtle | Format::Nquads | Format::Trig | Format::Jsonld => bail!("{format:?} is a dump of the store, not a graph format"),
    })
}

/// One RDF format dumped from the store to `out`, streamed: every quad (TriG, N-Quads,
/// JSON-LD with named graphs) or every distinct triple (Turtle).
pub fn write_rdf(store: &Store, format: Format, out: impl std::io::Write) -> Result<()> {
    let dump = match format {
        Format::Turtle => DumpFormat::Turtle,
        Format::Nquads => DumpFormat::NQuads,
        Format::Trig => DumpFormat::TriG,
        Format::Jsonld => DumpFormat::JsonLd { profile: Default::default() },
        Format::Graphml | Format::Gexf | Format::Csv | Format::Cytoscape | Format::Dot | Format::Mermaid | Format::Json => bail!("{format:?} is a graph format, not an RDF dump"),
    };
    store.dump(dump, out)
}

/// One RDF format dumped from the store into a file, naming the file in the error.
pub fn write_rdf_file(store: &Store, format: Format, path: &Path) -> Result<()> {
    write_with(path, |file| write_rdf(store, format, file))
}

/// The `export` command: one format to a file, a folder (csv) or stdout (no `output`); the
/// graph formats after `filter`, the RDF formats the whole store.
pub fn write_one(store: &Store, format: Format, output: Option<&Path>, filter: &Filter) -> Result<()> {
    if !format.is_graph() {
        if !filter.keeps_everything() {
            bail!("filters apply to the graph formats; {format:?} dumps the whole store (select a part with `newsgraph query` and CONSTRUCT)");
        }
        return match output {
            Some(path) => write_rdf_file(store, format, path),
            None => write_rdf(store, format, std::io::stdout().lock()),
        };
    }
    let kg = KnowledgeGraph::from_store(store)?.filtered(filter)?;
    if format == Format::Csv {
        let Some(folder) = output.filter(|p| p.extension().is_none() || p.is_dir()) else {
            bail!("csv writes two files (nodes.csv and edges.csv): give a folder with -o, e.g. -o exports/");
        };
        return csv::write_files(&kg, folder);
    }
    emit(output, graph_text(&kg, format)?.as_bytes())
}

/// Bytes to a file, or to stdout.
fn emit(output: Option<&Path>, bytes: &[u8]) -> Result<()> {
    match output {
        Some(path) => write_file(path, bytes),
        None => Ok(std::io::stdout().write_all(bytes)?),
    }
}

/// Writes one file, naming it in the error.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    write_with(path, |file| Ok(file.write_all(bytes)?))
}

/// Creates a file (and its folder) and lets `write` fill it, naming the file in the error.
pub fn write_with(path: &Path, write: impl FnOnce(&mut std::fs::File) -> Result<()>) -> Result<()> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).with_context(|| format!("{}: cannot create folder", parent.display()))?;
    }
    let mut file = std::fs::File::create(path).with_context(|| format!("{}: cannot write", path.display()))?;
    write(&mut file).with_context(|| format!("{}: cannot write", path.display()))
}

/// Text safe inside XML content and attribute values: markup escaped, tab and line
/// breaks as character references (so attribute normalisation keeps them), XML-illegal
/// control characters dropped.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if is_xml_illegal(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Characters XML 1.0 cannot carry at all.
pub fn is_xml_illegal(c: char) -> bool {
    ((c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{FFFE}' || c == '\u{FFFF}'
}

/// A label on one line: control characters dropped, whitespace runs as one space.
pub fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().filter(|c| !c.is_control() && !is_xml_illegal(*c)).collect::<String>())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The colour of each entity class (ColorBrewer Set1 and friends), as Gephi's r/g/b.
pub fn type_colour(class: EntityType) -> (u8, u8, u8) {
    match class {
        EntityType::Country => (228, 26, 28),
        EntityType::Person => (55, 126, 184),
        EntityType::Company => (77, 175, 74),
        EntityType::Organization => (152, 78, 163),
        EntityType::Place => (255, 127, 0),
        EntityType::Project => (166, 86, 40),
        EntityType::Initiative => (247, 129, 191),
        EntityType::Event => (153, 153, 153),
        EntityType::Commodity => (26, 152, 152),
    }
}

/// The class colour as `#rrggbb`.
pub fn type_hex(class: EntityType) -> String {
    let (r, g, b) = type_colour(class);
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// Node size from its degree, the same in every format.
pub fn node_size(degree: usize) -> f64 {
    10.0 + 2.0 * degree as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_escape_handles_markup_quotes_line_breaks_and_control_characters() {
        assert_eq!(xml_escape("A&B <C> \"d\" 'e'\u{1}\u{7}ок\n"), "A&amp;B &lt;C&gt; &quot;d&quot; &apos;e&apos;ок&#10;");
    }

    #[test]
    fn one_line_collapses_whitespace_and_drops_controls() {
        assert_eq!(one_line("  a\n\tb\u{1}c  d\r\n"), "a bc d");
    }

    #[test]
    fn every_class_has_its_own_colour_and_shape() {
        let colours: std::collections::BTreeSet<_> = EntityType::ALL.iter().map(|&c| type_colour(c)).collect();
        assert_eq!(colours.len(), EntityType::ALL.len(), "no two classes share a colour");
        assert!(!colours.contains(&(100, 100, 100)), "the grey of an unknown class is gone");
        let shapes: std::collections::BTreeSet<_> = EntityType::ALL.iter().map(|&c| dot::type_shape(c).graphviz_name()).collect();
        assert_eq!(shapes.len(), EntityType::ALL.len(), "no two classes share a shape");
    }

    #[test]
    fn format_from_extension() {
        assert_eq!(Format::from_path(Path::new("x/graph.GEXF")), Some(Format::Gexf));
        assert_eq!(Format::from_path(Path::new("g.cyjs")), Some(Format::Cytoscape));
        assert_eq!(Format::from_path(Path::new("g.txt")), None);
    }
}
