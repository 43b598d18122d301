//! newsgraph: builds a knowledge graph of who does what with whom from news articles.
//!
//! The flow, one module per stage (see ARCHITECTURE.md):
//! `corpus` (files → Document) → `text` (sentences, tokens) → `extract` (entities,
//! relations) → `store` (Oxigraph, one named graph per document) → `graph` (petgraph
//! projection) → `export` (GraphML, GEXF, CSV, Cytoscape, DOT, Mermaid, JSON, RDF) and
//! `diagram` (relationship pictures as SVG). `model` holds the closed sets and the plain
//! types between stages; `eval` scores extractions against gold; `train` learns the relation
//! scorer's weights from gold; `serve` is the read-only SPARQL endpoint and explorer page;
//! `cli` wires them to the command line.

pub mod cli;
pub mod corpus;
pub mod diagram;
pub mod eval;
pub mod export;
pub mod extract;
pub mod graph;
pub mod model;
pub mod serve;
pub mod store;
pub mod text;
pub mod train;
