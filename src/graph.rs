//! Graph: the petgraph projection of the store that every graph export is written from.
//!
//! Owns `KnowledgeGraph`: entities as nodes, and one edge per (source, target) pair —
//! symmetric predicates folded to one direction — that keeps, per predicate, every
//! supporting statement (year, status, document, evidence). Weights, years and
//! documents are computed from the statements, so filters (`Filter`) cut statements and
//! the aggregates stay true. Built only from SPARQL over the store and sorted, so the
//! same store gives the same graph. Also the questions asked of the graph from the
//! command line: `explain` (why two entities are linked) and `stats`.

use crate::export::one_line;
use crate::model::{EntityType, Predicate};
use crate::store::{entity_id, entity_iri, term_text, Store};
use anyhow::{bail, Context, Result};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::Direction;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt;
use std::io::Write;

/// One entity.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub id: String,
    pub label: String,
    /// The entity's class.
    pub class: EntityType,
    pub aliases: BTreeSet<String>,
    pub wikidata: Option<String>,
    pub documents: BTreeSet<String>,
}

/// One sentence that asserts a relation.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Statement {
    pub document: String,
    pub evidence: String,
    pub year: Option<i32>,
    pub status: Option<String>,
}

/// A predicate as an edge keys it: ordered by its ontology name (`alliedWith` before
/// `builds`), so every export lists an edge's predicates alphabetically.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ByName(pub Predicate);

impl ByName {
    pub fn as_str(self) -> &'static str {
        self.0.as_str()
    }
}

impl Ord for ByName {
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for ByName {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for ByName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// All statements from `source` to `target`, by predicate.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Edge {
    /// Predicate → its statements, sorted.
    pub relations: BTreeMap<ByName, Vec<Statement>>,
}

impl Edge {
    /// Supporting statements of every predicate.
    pub fn weight(&self) -> usize {
        self.relations.values().map(Vec::len).sum()
    }

    /// The predicate with most statements (ties: alphabetical); none for an edge without any.
    pub fn main_predicate(&self) -> Option<Predicate> {
        let mut best: Option<(Predicate, usize)> = None;
        for (p, s) in &self.relations {
            if best.is_none_or(|(_, m)| s.len() > m) {
                best = Some((p.0, s.len()));
            }
        }
        best.map(|(p, _)| p)
    }

    pub fn years(&self) -> BTreeSet<i32> {
        years(self.relations.values().flatten())
    }

    pub fn statuses(&self) -> BTreeSet<&str> {
        statuses(self.relations.values().flatten())
    }

    pub fn documents(&self) -> BTreeSet<&str> {
        documents(self.relations.values().flatten())
    }
}

/// The years the statements name.
pub fn years<'a>(statements: impl IntoIterator<Item = &'a Statement>) -> BTreeSet<i32> {
    statements.into_iter().filter_map(|s| s.year).collect()
}

/// The statuses the statements name.
pub fn statuses<'a>(statements: impl IntoIterator<Item = &'a Statement>) -> BTreeSet<&'a str> {
    statements.into_iter().filter_map(|s| s.status.as_deref()).collect()
}

/// The documents the statements come from.
pub fn documents<'a>(statements: impl IntoIterator<Item = &'a Statement>) -> BTreeSet<&'a str> {
    statements.into_iter().map(|s| s.document.as_str()).collect()
}

/// What to keep of the graph; the default keeps everything.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Filter {
    /// Entity classes to keep; empty keeps all.
    pub types: Vec<EntityType>,
    /// Predicates to keep; empty keeps all.
    pub predicates: Vec<Predicate>,
    /// Edges with fewer supporting statements are dropped.
    pub min_weight: usize,
    /// Only statements dated in this inclusive range.
    pub years: Option<(i32, i32)>,
    /// Ego network around the entity with this id, label or alias …
    pub focus: Option<String>,
    /// … up to this many hops (undirected).
    pub depth: usize,
    /// Keep only the N nodes with the heaviest edges (the focus always stays).
    pub max_nodes: Option<usize>,
}

impl Filter {
    /// Whether the filter keeps the whole graph (a weight of 1 and a depth without a focus
    /// cut nothing).
    pub fn keeps_everything(&self) -> bool {
        self.types.is_empty() && !self.cuts_edges() && self.focus.is_none() && self.max_nodes.is_none()
    }

    fn cuts_edges(&self) -> bool {
        !self.predicates.is_empty() || self.min_weight > 1 || self.years.is_some()
    }
}

/// The entity graph.
#[derive(Debug, Default)]
pub struct KnowledgeGraph {
    pub graph: DiGraph<Node, Edge>,
}

impl KnowledgeGraph {
    /// Reads entities and non-negated relation statements from the store (an entity of a
    /// class, or a statement of a predicate, the ontology no longer has is left out).
    pub fn from_store(store: &Store) -> Result<KnowledgeGraph> {
        let mut nodes: BTreeMap<String, Node> = BTreeMap::new();
        let query = format!(
            "SELECT ?e ?type ?label ?doc WHERE {{ GRAPH ?g {{ ?e a ?type ; rdfs:label ?label . ?g ng:sourceFile ?doc }} \
             FILTER(STRSTARTS(STR(?e), \"{}\")) }}",
            entity_iri("")
        );
        store.select_each(&query, |row| {
            let [Some(e), Some(t), Some(l), Some(d)] = [&row[0], &row[1], &row[2], &row[3]] else { return Ok(()) };
            let iri = term_text(e);
            let Some(id) = entity_id(&iri) else { return Ok(()) };
            let label = term_text(l);
            let Some(class) = EntityType::parse(term_text(t).rsplit('#').next().unwrap_or_default()) else { return Ok(()) };
            let node = nodes.entry(id.to_string()).or_insert_with(|| Node { id: id.to_string(), label: label.clone(), class, aliases: BTreeSet::new(), wikidata: None, documents: BTreeSet::new() });
            if label < node.label {
                node.aliases.insert(std::mem::replace(&mut node.label, label));
            } else if label != node.label {
                node.aliases.insert(label);
            }
            node.documents.insert(term_text(d));
            Ok(())
        })?;
        store.select_each("SELECT ?e ?alias WHERE { ?e skos:altLabel ?alias }", |row| {
            if let [Some(e), Some(a)] = [&row[0], &row[1]] {
                if let Some(node) = entity_id(&term_text(e)).and_then(|id| nodes.get_mut(id)) {
                    let alias = term_text(a);
                    if alias != node.label {
                        node.aliases.insert(alias);
                    }
                }
            }
            Ok(())
        })?;
        store.select_each("SELECT ?e ?q WHERE { ?e owl:sameAs ?q }", |row| {
            if let [Some(e), Some(q)] = [&row[0], &row[1]] {
                if let Some(node) = entity_id(&term_text(e)).and_then(|id| nodes.get_mut(id)) {
                    node.wikidata = term_text(q).rsplit('/').next().map(str::to_string);
                }
            }
            Ok(())
        })?;
        let mut edges: BTreeMap<(String, String), Edge> = BTreeMap::new();
        let statements = "SELECT ?a ?s ?p ?o ?doc ?year ?status ?evidence WHERE { ?a a ng:Assertion ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; \
             ng:negated false ; ng:evidence ?evidence ; prov:wasDerivedFrom ?d . ?d ng:sourceFile ?doc \
             OPTIONAL { ?a ng:year ?year } OPTIONAL { ?a ng:status ?status } }";
        store.select_each(statements, |row| {
            let (Some(s), Some(p), Some(o), Some(doc), Some(ev)) = (&row[1], &row[2], &row[3], &row[4], &row[7]) else { return Ok(()) };
            let (s, o) = (term_text(s), term_text(o));
            let (Some(mut s), Some(mut o)) = (entity_id(&s).map(str::to_string), entity_id(&o).map(str::to_string)) else { return Ok(()) };
            let Some(predicate) = Predicate::parse(term_text(p).rsplit('#').next().unwrap_or_default()) else { return Ok(()) };
            if predicate.is_symmetric() && o < s {
                std::mem::swap(&mut s, &mut o);
            }
            if !nodes.contains_key(&s) || !nodes.contains_key(&o) {
                return Ok(());
            }
            let statement = Statement { document: term_text(doc), evidence: term_text(ev), year: row[5].as_ref().and_then(|y| term_text(y).parse().ok()), status: row[6].as_ref().map(term_text) };
            edges.entry((s, o)).or_default().relations.entry(ByName(predicate)).or_default().push(statement);
            Ok(())
        })?;
        Ok(KnowledgeGraph::from_parts(nodes.into_values(), edges))
    }

    /// A graph from nodes and edges keyed by (source id, target id); edges whose ends are
    /// missing are dropped. Nodes and edges are added in id order, statements sorted.
    pub fn from_parts(nodes: impl IntoIterator<Item = Node>, edges: BTreeMap<(String, String), Edge>) -> KnowledgeGraph {
        let mut nodes: Vec<Node> = nodes.into_iter().collect();
        nodes.sort_by(|a, b| a.id.cmp(&b.id));
        let mut graph = DiGraph::new();
        let mut index: BTreeMap<String, NodeIndex> = BTreeMap::new();
        for node in nodes {
            index.insert(node.id.clone(), graph.add_node(node));
        }
        for ((s, o), mut edge) in edges {
            let (Some(&a), Some(&b)) = (index.get(&s), index.get(&o)) else { continue };
            edge.relations.retain(|_, statements| !statements.is_empty());
            if edge.relations.is_empty() {
                continue;
            }
            for statements in edge.relations.values_mut() {
                statements.sort();
            }
            graph.add_edge(a, b, edge);
        }
        KnowledgeGraph { graph }
    }

    /// Undirected degree of a node (number of edges touching it).
    pub fn degree(&self, n: NodeIndex) -> usize {
        self.graph.edges_directed(n, Direction::Outgoing).count() + self.graph.edges_directed(n, Direction::Incoming).count()
    }

    /// Sum of the weights of the edges touching a node.
    pub fn strength(&self, n: NodeIndex) -> usize {
        let g = &self.graph;
        g.edges_directed(n, Direction::Outgoing).chain(g.edges_directed(n, Direction::Incoming)).map(|e| e.weight().weight()).sum()
    }

    /// The node an entity name stands for: its id, else its label or an alias
    /// (case-insensitive; the most connected wins a tie).
    pub fn find(&self, name: &str) -> Option<NodeIndex> {
        let g = &self.graph;
        if let Some(n) = g.node_indices().find(|&n| g[n].id == name) {
            return Some(n);
        }
        let wanted = name.trim().to_lowercase();
        let named = |n: &NodeIndex| g[*n].label.to_lowercase() == wanted || g[*n].aliases.iter().any(|a| a.to_lowercase() == wanted);
        self.strongest_first(g.node_indices().filter(named)).first().copied()
    }

    /// `nodes` ranked strongest first, ties by id so the order is stable.
    pub fn strongest_first(&self, nodes: impl IntoIterator<Item = NodeIndex>) -> Vec<NodeIndex> {
        let mut ranked: Vec<NodeIndex> = nodes.into_iter().collect();
        ranked.sort_by_cached_key(|&n| (std::cmp::Reverse(self.strength(n)), self.graph[n].id.clone()));
        ranked
    }

    /// The nodes at most `depth` hops from `start`, ignoring direction.
    pub fn neighbourhood(&self, start: NodeIndex, depth: usize) -> BTreeMap<NodeIndex, usize> {
        let mut seen = BTreeMap::from([(start, 0)]);
        let mut queue = VecDeque::from([start]);
        while let Some(n) = queue.pop_front() {
            let d = seen[&n];
            if d == depth {
                continue;
            }
            for m in self.graph.neighbors_undirected(n) {
                if let std::collections::btree_map::Entry::Vacant(slot) = seen.entry(m) {
                    slot.insert(d + 1);
                    queue.push_back(m);
                }
            }
        }
        seen
    }

    /// The shortest paths from `from` to `to` ignoring direction, at most `max_hops`
    /// edges long, in node-index order, at most `limit` of them.
    pub fn shortest_paths(&self, from: NodeIndex, to: NodeIndex, max_hops: usize, limit: usize) -> Vec<Vec<NodeIndex>> {
        let distance = self.neighbourhood(from, max_hops);
        let Some(&length) = distance.get(&to) else { return Vec::new() };
        // Walk back from `to`, one hop closer to `from` each step.
        let mut paths = vec![vec![to]];
        for d in (0..length).rev() {
            let mut longer = Vec::new();
            for path in &paths {
                let last = *path.last().expect("non-empty");
                let mut previous: Vec<NodeIndex> = self.graph.neighbors_undirected(last).filter(|n| distance.get(n) == Some(&d)).collect();
                previous.sort();
                previous.dedup();
                longer.extend(previous.into_iter().map(|p| [path.as_slice(), &[p]].concat()));
            }
            longer.truncate(limit);
            paths = longer;
        }
        for path in &mut paths {
            path.reverse();
        }
        paths.sort();
        paths
    }

    /// The edges between two nodes, in both directions, as (source, target, edge).
    pub fn edges_between(&self, a: NodeIndex, b: NodeIndex) -> Vec<(NodeIndex, NodeIndex, &Edge)> {
        let mut out: Vec<(NodeIndex, NodeIndex, &Edge)> = self.graph.edges_connecting(a, b).map(|e| (a, b, e.weight())).collect();
        if a != b {
            out.extend(self.graph.edges_connecting(b, a).map(|e| (b, a, e.weight())));
        }
        out
    }

    /// The part of the graph a filter keeps. When the filter cuts edges (predicates,
    /// weight, years), nodes left without edges go too.
    pub fn filtered(&self, filter: &Filter) -> Result<KnowledgeGraph> {
        let g = &self.graph;
        let keep_type = |n: NodeIndex| filter.types.is_empty() || filter.types.contains(&g[n].class);
        let mut edges = BTreeMap::new();
        for e in g.edge_indices() {
            let (s, o) = g.edge_endpoints(e).expect("edge of this graph");
            if !keep_type(s) || !keep_type(o) {
                continue;
            }
            let mut edge = g[e].clone();
            edge.relations.retain(|p, _| filter.predicates.is_empty() || filter.predicates.contains(&p.0));
            if let Some((from, to)) = filter.years {
                for statements in edge.relations.values_mut() {
                    statements.retain(|s| s.year.is_some_and(|y| from <= y && y <= to));
                }
                edge.relations.retain(|_, s| !s.is_empty());
            }
            if edge.relations.is_empty() || edge.weight() < filter.min_weight {
                continue;
            }
            edges.insert((g[s].id.clone(), g[o].id.clone()), edge);
        }
        let connected: BTreeSet<String> = edges.keys().flat_map(|(s, o): &(String, String)| [s.clone(), o.clone()]).collect();
        let nodes: Vec<Node> = g.node_indices().filter(|&n| keep_type(n) && (!filter.cuts_edges() || connected.contains(&g[n].id))).map(|n| g[n].clone()).collect();
        let mut kept = KnowledgeGraph::from_parts(nodes, edges);
        if let Some(name) = &filter.focus {
            let Some(centre) = self.find(name).and_then(|n| kept.find(&g[n].id)) else {
                bail!("no entity named {name:?} in the graph (after the filters)");
            };
            let around = kept.neighbourhood(centre, filter.depth.max(1));
            kept = kept.induced(|n| around.contains_key(&n));
        }
        if let Some(max) = filter.max_nodes {
            let focus = filter.focus.as_deref().and_then(|f| kept.find(f));
            let mut ranked = kept.strongest_first(kept.graph.node_indices());
            ranked.sort_by_key(|&n| Some(n) != focus); // stable: the focus first, the rest as ranked
            let top: BTreeSet<NodeIndex> = ranked.into_iter().take(max).collect();
            kept = kept.induced(|n| top.contains(&n));
        }
        Ok(kept)
    }

    /// The subgraph on the nodes `keep` accepts.
    pub fn induced(&self, keep: impl Fn(NodeIndex) -> bool) -> KnowledgeGraph {
        let g = &self.graph;
        let nodes = g.node_indices().filter(|&n| keep(n)).map(|n| g[n].clone());
        let edges = g
            .edge_indices()
            .filter_map(|e| {
                let (s, o) = g.edge_endpoints(e)?;
                (keep(s) && keep(o)).then(|| ((g[s].id.clone(), g[o].id.clone()), g[e].clone()))
            })
            .collect();
        KnowledgeGraph::from_parts(nodes, edges)
    }
}

/// `explain`: writes the relations between two entities (id, name or alias) with their
/// evidence, or the shortest chains of relations that link them; false when they are not
/// linked within `max_hops` relations.
pub fn explain(kg: &KnowledgeGraph, from: &str, to: &str, max_hops: usize, out: &mut impl Write) -> Result<bool> {
    let g = &kg.graph;
    let find = |name: &str| kg.find(name).with_context(|| format!("no entity named {name:?} (try `newsgraph query` for the labels)"));
    let (a, b) = (find(from)?, find(to)?);
    let name = |n: NodeIndex| format!("{} ({})", g[n].label, g[n].id);
    let paths = kg.shortest_paths(a, b, max_hops, 5);
    if paths.is_empty() {
        writeln!(out, "{} and {} are not linked within {max_hops} relations.", name(a), name(b))?;
        return Ok(false);
    }
    let mut shown = BTreeSet::new();
    for path in &paths {
        if path.len() > 2 {
            let chain: Vec<String> = path.iter().map(|&n| g[n].label.clone()).collect();
            writeln!(out, "{} and {} are linked through {} relations: {}", name(a), name(b), path.len() - 1, chain.join(" — "))?;
        }
    }
    for path in &paths {
        for pair in path.windows(2) {
            if !shown.insert((pair[0].min(pair[1]), pair[0].max(pair[1]))) {
                continue;
            }
            for (s, o, edge) in kg.edges_between(pair[0], pair[1]) {
                for (predicate, statements) in &edge.relations {
                    writeln!(out, "\n{} {predicate} {}: {} statement(s)", name(s), name(o), statements.len())?;
                    for st in statements {
                        let mut facts = vec![st.document.clone()];
                        facts.extend(st.year.map(|y| y.to_string()));
                        facts.extend(st.status.clone());
                        writeln!(out, "  [{}] {}", facts.join(", "), one_line(&st.evidence))?;
                    }
                }
            }
        }
    }
    Ok(true)
}

/// `stats`: documents and quads, entities by class, statements by predicate (from the
/// store), and the ten entities with most edges.
pub fn stats(store: &Store, out: &mut impl Write) -> Result<()> {
    let (_, rows) = store.select("SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a ng:Document }")?;
    let docs = rows.first().and_then(|r| r[0].as_ref()).map(term_text).unwrap_or_default();
    writeln!(out, "documents: {docs}\nquads: {}", store.len()?)?;
    let entities = format!("SELECT ?c (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e a ?c . FILTER(STRSTARTS(STR(?e), \"{}\")) }} GROUP BY ?c ORDER BY DESC(?n) ?c", entity_iri(""));
    let statements = "SELECT ?p (COUNT(?a) AS ?n) WHERE { ?a a ng:Assertion ; rdf:predicate ?p ; ng:negated false } GROUP BY ?p ORDER BY DESC(?n) ?p";
    for (title, sparql) in [("entities by class", entities.as_str()), ("relations by predicate (statements)", statements)] {
        writeln!(out, "\n{title}:")?;
        let (_, rows) = store.select(sparql)?;
        for r in rows {
            writeln!(out, "  {:<14} {}", r[0].as_ref().map(term_text).unwrap_or_default().rsplit('#').next().unwrap_or(""), r[1].as_ref().map(term_text).unwrap_or_default())?;
        }
    }
    writeln!(out, "\ntop actors by degree:")?;
    let kg = KnowledgeGraph::from_store(store)?;
    let mut nodes: Vec<_> = kg.graph.node_indices().map(|n| (kg.degree(n), &kg.graph[n])).collect();
    nodes.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.id.cmp(&b.1.id)));
    for (degree, node) in nodes.iter().take(10) {
        writeln!(out, "  {:<40} {:<13} {degree}", node.label, node.class.as_str())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: &str, class: &str, alias: &str) -> Node {
        Node {
            id: id.into(),
            label: id.rsplit('/').next().unwrap().into(),
            class: EntityType::parse(class).unwrap(),
            aliases: BTreeSet::from([alias.to_string()]),
            wikidata: None,
            documents: BTreeSet::new(),
        }
    }

    fn statement(year: Option<i32>, status: Option<&str>) -> Statement {
        Statement { document: "d.txt".into(), evidence: "…".into(), year, status: status.map(str::to_string) }
    }

    /// kogas → lng (interestedIn 2018, 2022 suspended), hyundai → plant (investsIn ×2),
    /// plant → nakhodka (locatedIn), russia → lng (supplies), korea — russia (cooperatesWith).
    fn sample() -> KnowledgeGraph {
        let nodes = [
            node("company/kogas", "Company", "Korea Gas Corporation"),
            node("company/hyundai", "Company", "Hyundai Group"),
            node("project/plant", "Project", "the fertilizer plant"),
            node("place/nakhodka", "Place", "Nakhodka port"),
            node("commodity/lng", "Commodity", "liquefied natural gas"),
            node("country/russia", "Country", "Moscow"),
            node("country/korea", "Country", "Seoul"),
        ];
        let edge = |pairs: &[(&str, Vec<Statement>)]| Edge { relations: pairs.iter().map(|(p, s)| (ByName(Predicate::parse(p).unwrap()), s.clone())).collect() };
        let edges = BTreeMap::from([
            (("company/kogas".into(), "commodity/lng".into()), edge(&[("interestedIn", vec![statement(Some(2018), Some("planned")), statement(Some(2022), Some("suspended"))])])),
            (("company/hyundai".into(), "project/plant".into()), edge(&[("investsIn", vec![statement(Some(2019), None), statement(None, None)])])),
            (("project/plant".into(), "place/nakhodka".into()), edge(&[("locatedIn", vec![statement(None, None)])])),
            (("country/russia".into(), "commodity/lng".into()), edge(&[("supplies", vec![statement(Some(2021), None)])])),
            (("country/korea".into(), "country/russia".into()), edge(&[("cooperatesWith", vec![statement(Some(2018), None)])])),
            (("country/korea".into(), "country/nowhere".into()), edge(&[("sanctions", vec![statement(None, None)])])),
        ]);
        KnowledgeGraph::from_parts(nodes, edges)
    }

    fn ids(kg: &KnowledgeGraph) -> Vec<&str> {
        kg.graph.node_weights().map(|n| n.id.as_str()).collect()
    }

    #[test]
    fn edges_to_unknown_nodes_are_dropped_and_aggregates_come_from_statements() {
        let kg = sample();
        assert_eq!(kg.graph.edge_count(), 5);
        let kogas = kg.find("company/kogas").unwrap();
        let e = kg.graph.edges(kogas).next().unwrap().weight();
        assert_eq!((e.weight(), e.main_predicate()), (2, Some(Predicate::InterestedIn)));
        assert_eq!(e.years(), BTreeSet::from([2018, 2022]));
        assert_eq!(e.statuses(), BTreeSet::from(["planned", "suspended"]));
    }

    #[test]
    fn find_by_id_label_or_alias_case_insensitively() {
        let kg = sample();
        for name in ["company/kogas", "KOGAS", "korea gas corporation"] {
            assert_eq!(kg.find(name).map(|n| kg.graph[n].id.as_str()), Some("company/kogas"), "{name}");
        }
        assert_eq!(kg.find("Gazprom"), None);
    }

    #[test]
    fn type_filter_keeps_nodes_of_the_classes_and_edges_between_them() {
        let kg = sample().filtered(&Filter { types: vec![EntityType::Company, EntityType::Project], ..Filter::default() }).unwrap();
        assert_eq!(ids(&kg), ["company/hyundai", "company/kogas", "project/plant"]);
        assert_eq!(kg.graph.edge_count(), 1);
    }

    #[test]
    fn predicate_weight_and_year_filters_cut_statements_and_drop_lone_nodes() {
        let kg = sample().filtered(&Filter { predicates: vec![Predicate::InvestsIn, Predicate::LocatedIn], ..Filter::default() }).unwrap();
        assert_eq!(ids(&kg), ["company/hyundai", "place/nakhodka", "project/plant"]);
        let kg = sample().filtered(&Filter { min_weight: 2, ..Filter::default() }).unwrap();
        assert_eq!(ids(&kg), ["commodity/lng", "company/hyundai", "company/kogas", "project/plant"]);
        let kg = sample().filtered(&Filter { years: Some((2020, 2022)), ..Filter::default() }).unwrap();
        assert_eq!(ids(&kg), ["commodity/lng", "company/kogas", "country/russia"]);
        let kogas = kg.find("kogas").unwrap();
        let e = kg.graph.edges(kogas).next().unwrap().weight();
        assert_eq!((e.weight(), e.years()), (1, BTreeSet::from([2022])), "only the statements in range count");
    }

    #[test]
    fn focus_takes_the_ego_network_through_an_alias_at_the_given_depth() {
        let one = sample().filtered(&Filter { focus: Some("the fertilizer plant".into()), depth: 1, ..Filter::default() }).unwrap();
        assert_eq!(ids(&one), ["company/hyundai", "place/nakhodka", "project/plant"]);
        let two = sample().filtered(&Filter { focus: Some("Moscow".into()), depth: 2, ..Filter::default() }).unwrap();
        assert_eq!(ids(&two), ["commodity/lng", "company/kogas", "country/korea", "country/russia"]);
        assert!(sample().filtered(&Filter { focus: Some("Atlantis".into()), ..Filter::default() }).is_err());
    }

    #[test]
    fn path_finds_the_shortest_chain_ignoring_direction() {
        let kg = sample();
        let (hyundai, nakhodka, kogas) = (kg.find("hyundai").unwrap(), kg.find("nakhodka").unwrap(), kg.find("kogas").unwrap());
        let paths = kg.shortest_paths(hyundai, nakhodka, 4, 5);
        let path: Vec<&str> = paths[0].iter().map(|&n| kg.graph[n].id.as_str()).collect();
        assert_eq!((paths.len(), path), (1, vec!["company/hyundai", "project/plant", "place/nakhodka"]));
        assert!(kg.shortest_paths(hyundai, nakhodka, 1, 5).is_empty(), "two hops needed");
        assert!(kg.shortest_paths(hyundai, kogas, 6, 5).is_empty(), "not connected");
        let (russia, kogas) = (kg.find("russia").unwrap(), kg.find("kogas").unwrap());
        assert_eq!(kg.shortest_paths(russia, kogas, 4, 5).len(), 1, "russia — lng — kogas");
        let plant = kg.find("plant").unwrap();
        assert_eq!(kg.edges_between(plant, hyundai).len(), 1);
    }

    #[test]
    fn max_nodes_keeps_the_heaviest_and_always_the_focus() {
        let kg = sample().filtered(&Filter { max_nodes: Some(2), ..Filter::default() }).unwrap();
        assert_eq!(ids(&kg), ["commodity/lng", "project/plant"], "three statements each");
        let kg = sample().filtered(&Filter { focus: Some("Nakhodka".into()), depth: 2, max_nodes: Some(1), ..Filter::default() }).unwrap();
        assert_eq!(ids(&kg), ["place/nakhodka"]);
    }

    #[test]
    fn the_command_line_defaults_keep_everything() {
        let defaults = Filter { min_weight: 1, depth: 1, ..Filter::default() };
        assert!(defaults.keeps_everything() && Filter::default().keeps_everything());
        assert_eq!(sample().filtered(&defaults).unwrap().graph.edge_count(), sample().graph.edge_count());
        let cutting = [
            Filter { types: vec![EntityType::Company], ..defaults.clone() },
            Filter { predicates: vec![Predicate::InvestsIn], ..defaults.clone() },
            Filter { min_weight: 2, ..defaults.clone() },
            Filter { years: Some((2018, 2019)), ..defaults.clone() },
            Filter { focus: Some("company/kogas".into()), ..defaults.clone() },
            Filter { max_nodes: Some(3), ..defaults.clone() },
        ];
        for filter in cutting {
            assert!(!filter.keeps_everything(), "{filter:?}");
        }
    }
}
