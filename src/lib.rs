//! newsgraph: builds a knowledge graph of who does what with whom from news articles.
//!
//! The flow, one module per stage (see ARCHITECTURE.md):
//! `corpus` (files → Document) → `text` (sentences, tokens) → `extract` (entities,
//! relations) → `store` (Oxigraph, one named graph per document) → `graph` (petgraph
//! projection) → `export` (GraphML, GEXF, CSV, Cytoscape, DOT, Mermaid, JSON, RDF) and
//! `diagram` (relationship pictures as SVG). `model` holds the closed sets and the plain
//! types between stages; `pipeline` runs the stages end to end (ingest, build, extract,
//! load) on every core (`parallel`), `sorted` sorts dumps bigger than memory, `shards` writes and reads the N-Quads hand-off and
//! `push` sends graphs to a Graph Store Protocol endpoint;
//! `eval` scores extractions against gold; `train` learns the relation scorer's weights
//! from gold; `serve` is the read-only SPARQL endpoint and explorer page; `cli` parses the
//! command line and dispatches to them.

pub mod cli;
pub mod corpus;
pub mod diagram;
pub mod eval;
pub mod export;
pub mod extract;
pub mod files;
pub mod graph;
pub mod model;
pub mod parallel;
pub mod pipeline;
pub mod push;
pub mod serve;
pub mod shards;
pub mod sorted;
pub mod store;
pub mod text;
pub mod train;
