//! Diagram: relationship pictures a person reads, drawn without any outside tool.
//!
//! Owns the radial layout and the SVG renderer. The focus entity sits in the centre,
//! its neighbours on rings by hop distance, each subtree in a wedge proportional to its
//! leaves (so children sit near their parent). Node labels run along their ray, edge
//! labels along their edge; a label is placed only where it overlaps no other label or
//! node (other spots along the edge are tried first), so the picture never has labels
//! on top of each other. Nodes are coloured and shaped by class, with a legend; edges
//! are labelled with predicates and years, wider with more statements. Everything is
//! computed from sorted data and printed with fixed precision: same graph, same bytes.
//! Also `draw` (the `diagram` command: which part of the graph, which engine, which file
//! type) and `subjects`, the entities `build` draws an ego diagram of.

use crate::export::dot::{self, edge_label, type_shape, Shape};
use crate::export::{mermaid, one_line, type_colour, type_hex, write_file, xml_escape};
use crate::graph::{Filter, KnowledgeGraph, Node};
use crate::model::EntityType;
use anyhow::{bail, Context, Result};
use petgraph::graph::NodeIndex;
use std::collections::{BTreeMap, BTreeSet};
use std::f64::consts::PI;
use std::fmt::Write as _;
use std::path::Path;

const NODE_FONT: f64 = 12.0;
const EDGE_FONT: f64 = 9.5;
const MARGIN: f64 = 30.0;
const LEGEND_WIDTH: f64 = 150.0;

/// A rotated rectangle: centre, unit direction of its length, half length and half height.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Box2 {
    pub cx: f64,
    pub cy: f64,
    pub ux: f64,
    pub uy: f64,
    pub half_w: f64,
    pub half_h: f64,
}

impl Box2 {
    fn corners(&self) -> [(f64, f64); 4] {
        let (vx, vy) = (-self.uy, self.ux);
        let (w, h) = (self.half_w, self.half_h);
        [(1.0, 1.0), (1.0, -1.0), (-1.0, -1.0), (-1.0, 1.0)].map(|(a, b)| (self.cx + a * w * self.ux + b * h * vx, self.cy + a * w * self.uy + b * h * vy))
    }

    /// Separating-axis test between two rotated rectangles.
    pub fn overlaps(&self, other: &Box2) -> bool {
        let axes = [(self.ux, self.uy), (-self.uy, self.ux), (other.ux, other.uy), (-other.uy, other.ux)];
        let (a, b) = (self.corners(), other.corners());
        axes.iter().all(|&(ax, ay)| {
            let project = |pts: &[(f64, f64); 4]| pts.iter().map(|(x, y)| x * ax + y * ay).fold((f64::MAX, f64::MIN), |(lo, hi), p| (lo.min(p), hi.max(p)));
            let ((a0, a1), (b0, b1)) = (project(&a), project(&b));
            a0 < b1 && b0 < a1
        })
    }

    /// Whether a circle touches the rectangle.
    pub fn touches_circle(&self, x: f64, y: f64, r: f64) -> bool {
        let (dx, dy) = (x - self.cx, y - self.cy);
        let along = (dx * self.ux + dy * self.uy).clamp(-self.half_w, self.half_w);
        let across = (-dx * self.uy + dy * self.ux).clamp(-self.half_h, self.half_h);
        let (px, py) = (self.cx + along * self.ux - across * self.uy, self.cy + along * self.uy + across * self.ux);
        (px - x).hypot(py - y) < r
    }
}

/// A piece of text placed on the picture.
#[derive(Debug, Clone, PartialEq)]
pub struct Label {
    pub text: String,
    /// Where the text is anchored, its rotation in degrees, and its SVG anchor.
    pub x: f64,
    pub y: f64,
    pub angle: f64,
    pub anchor: &'static str,
    pub font: f64,
    /// The area the text covers.
    pub area: Box2,
}

/// An entity on the picture.
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedNode {
    pub index: NodeIndex,
    pub x: f64,
    pub y: f64,
    pub radius: f64,
    pub class: EntityType,
    pub ring: usize,
    pub label: Label,
}

/// A relation edge on the picture (a straight line, or a curve bending towards the centre).
#[derive(Debug, Clone, PartialEq)]
pub struct PlacedEdge {
    pub from: usize,
    pub to: usize,
    pub width: f64,
    /// Quadratic Bézier: start, control, end.
    pub path: [(f64, f64); 3],
    /// `None` when no free spot was found along the edge.
    pub label: Option<Label>,
    pub text: String,
}

/// A laid-out picture.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagram {
    pub title: String,
    pub width: f64,
    pub height: f64,
    pub nodes: Vec<PlacedNode>,
    pub edges: Vec<PlacedEdge>,
}

/// Estimated width of text in a sans-serif font (wide for CJK and similar scripts).
pub fn text_width(text: &str, font: f64) -> f64 {
    text.chars().map(|c| if (c as u32) >= 0x1100 && !('\u{2000}'..='\u{206F}').contains(&c) { 1.0 } else if c.is_uppercase() { 0.68 } else { 0.56 } * font).sum()
}

/// A label of `text` starting at (x, y) and running along `angle` (radians) away from
/// it; flipped to read left to right on the left half.
fn ray_label(text: &str, x: f64, y: f64, angle: f64, font: f64) -> Label {
    let w = text_width(text, font);
    let (ux, uy) = (angle.cos(), angle.sin());
    let area = Box2 { cx: x + ux * w / 2.0, cy: y + uy * w / 2.0, ux, uy, half_w: w / 2.0, half_h: font * 0.6 };
    let deg = angle.to_degrees();
    let (deg, anchor) = if ux < -1e-9 { (deg + 180.0, "end") } else { (deg, "start") };
    Label { text: text.to_string(), x, y, angle: normalise(deg), anchor, font, area }
}

/// A label centred on (x, y) along the direction (ux, uy), lifted a little off the line
/// to one side (`side` = 1 or -1).
fn centred_label(text: &str, x: f64, y: f64, ux: f64, uy: f64, font: f64, side: f64) -> Label {
    let (ux, uy) = if ux < -1e-9 || (ux.abs() < 1e-9 && uy > 0.0) { (-ux, -uy) } else { (ux, uy) };
    let w = text_width(text, font);
    let (nx, ny) = (uy * side, -ux * side);
    let (cx, cy) = (x + nx * font * 0.7, y + ny * font * 0.7);
    let area = Box2 { cx, cy, ux, uy, half_w: w / 2.0, half_h: font * 0.6 };
    Label { text: text.to_string(), x: cx, y: cy, angle: normalise(uy.atan2(ux).to_degrees()), anchor: "middle", font, area }
}

fn normalise(deg: f64) -> f64 {
    let d = deg.rem_euclid(360.0);
    // `+ 0.0` turns -0.0 into 0.0, so the output never prints "-0.0".
    (if d > 180.0 { d - 360.0 } else { d }) + 0.0
}

/// The most connected part of the graph: the `max_nodes` strongest nodes connected to
/// the strongest one, which is the centre.
pub fn core(kg: &KnowledgeGraph, max_nodes: usize) -> (KnowledgeGraph, Option<NodeIndex>) {
    let ranked = kg.strongest_first(kg.graph.node_indices().filter(|&n| kg.degree(n) > 0));
    // The strongest node's connected part, so the picture is one piece.
    let reach = ranked.first().map(|&n| kg.neighbourhood(n, usize::MAX)).unwrap_or_default();
    let top: BTreeSet<NodeIndex> = ranked.into_iter().filter(|n| reach.contains_key(n)).take(max_nodes).collect();
    let sub = kg.induced(|n| top.contains(&n));
    let centre = sub.strongest_first(sub.graph.node_indices()).first().copied();
    (sub, centre)
}

/// The title of an ego diagram drawn around `node`.
pub fn ego_title(node: &Node) -> String {
    format!("{} ({}) and its relations", one_line(&node.label), node.class)
}

/// Lays the graph out radially around `centre`.
pub fn layout(kg: &KnowledgeGraph, centre: NodeIndex, title: &str) -> Diagram {
    let g = &kg.graph;
    // Rings by hop distance; nodes the centre cannot reach go on a ring of their own.
    let distance = kg.neighbourhood(centre, usize::MAX);
    let far = distance.values().copied().max().unwrap_or(0) + 1;
    let ring_of = |n: NodeIndex| distance.get(&n).copied().unwrap_or(far);
    let strength = |n: NodeIndex| kg.strength(n);
    // A BFS tree: each node hangs under its strongest neighbour one ring in.
    let mut children: BTreeMap<NodeIndex, Vec<NodeIndex>> = BTreeMap::new();
    let mut roots = vec![centre];
    let mut order: Vec<NodeIndex> = g.node_indices().collect();
    order.sort_by_key(|&n| (ring_of(n), g[n].class.as_str(), std::cmp::Reverse(strength(n)), g[n].id.clone()));
    for &n in &order {
        if n == centre {
            continue;
        }
        let ring = ring_of(n);
        let parent = g.neighbors_undirected(n).filter(|&m| ring_of(m) + 1 == ring).max_by_key(|&m| (strength(m), std::cmp::Reverse(g[m].id.clone())));
        match parent {
            Some(p) if ring != far => children.entry(p).or_default().push(n),
            _ => roots.push(n),
        }
    }
    for list in children.values_mut() {
        list.sort_by_key(|&n| (g[n].class.as_str(), std::cmp::Reverse(strength(n)), g[n].id.clone()));
        list.dedup();
    }
    fn leaves(n: NodeIndex, children: &BTreeMap<NodeIndex, Vec<NodeIndex>>) -> usize {
        children.get(&n).map_or(1, |c| c.iter().map(|&m| leaves(m, children)).sum::<usize>().max(1))
    }
    // Angles: wedges proportional to leaves; unreachable nodes share the outer ring.
    let mut angle: BTreeMap<NodeIndex, f64> = BTreeMap::new();
    let total: usize = children.get(&centre).map_or(0, |c| c.iter().map(|&m| leaves(m, &children)).sum()) + roots.len() - 1;
    let total = total.max(1) as f64;
    let mut start = -PI / 2.0;
    let mut stack: Vec<(NodeIndex, f64, f64)> = Vec::new();
    let mut top: Vec<NodeIndex> = children.get(&centre).cloned().unwrap_or_default();
    top.extend(roots.iter().skip(1));
    for &n in &top {
        let span = 2.0 * PI * if roots.contains(&n) { 1.0 } else { leaves(n, &children) as f64 } / total;
        stack.push((n, start, span));
        start += span;
    }
    while let Some((n, from, span)) = stack.pop() {
        angle.insert(n, from + span / 2.0);
        if let Some(list) = children.get(&n) {
            let mut at = from;
            let sum: usize = list.iter().map(|&m| leaves(m, &children)).sum();
            for &m in list {
                let part = span * leaves(m, &children) as f64 / sum.max(1) as f64;
                stack.push((m, at, part));
                at += part;
            }
        }
    }
    // Ring radii: room for the labels of the ring inside and for the leaves' spacing.
    let leaf_gap = 2.0 * PI / total;
    let radius_of = |n: NodeIndex| (5.0 + 2.2 * (strength(n) as f64).sqrt()).min(22.0);
    let longest = |ring: usize| order.iter().filter(|&&n| ring_of(n) == ring).map(|&n| text_width(&one_line(&g[n].label), NODE_FONT)).fold(0.0, f64::max);
    // The longest edge label between a ring and the one inside it.
    let longest_edge = |ring: usize| {
        g.edge_indices().filter(|&e| g.edge_endpoints(e).is_some_and(|(s, o)| ring_of(s).max(ring_of(o)) == ring)).map(|e| text_width(&one_line(&edge_label(&g[e])), EDGE_FONT)).fold(0.0, f64::max)
    };
    let rings = order.iter().map(|&n| ring_of(n)).max().unwrap_or(0);
    let mut radii = vec![0.0];
    for ring in 1..=rings {
        let previous = radii[ring - 1];
        let inner_labels = if ring == 1 { text_width(&one_line(&g[centre].label), NODE_FONT + 2.0) / 2.0 + 20.0 } else { longest(ring - 1) };
        let room_for_labels = previous + inner_labels + longest_edge(ring) + 50.0;
        // Leaves one label height apart on this ring, and edge labels half way in too.
        let room_for_spacing = (NODE_FONT * 1.6) / leaf_gap * if ring == 1 { 2.6 } else { 1.0 };
        radii.push(room_for_labels.max(room_for_spacing).max(140.0 * ring as f64));
    }
    let (cx, cy) = (0.0, 0.0);
    let index_of: BTreeMap<NodeIndex, usize> = order.iter().enumerate().map(|(i, &n)| (n, i)).collect();
    let mut nodes: Vec<PlacedNode> = order
        .iter()
        .map(|&n| {
            let ring = ring_of(n);
            let a = angle.get(&n).copied().unwrap_or(-PI / 2.0);
            let (x, y) = if n == centre { (cx, cy) } else { (cx + radii[ring] * a.cos(), cy + radii[ring] * a.sin()) };
            let radius = if n == centre { radius_of(n).max(14.0) } else { radius_of(n) };
            let text = one_line(&g[n].label);
            let label = if n == centre {
                let font = NODE_FONT + 2.0;
                let half_w = text_width(&text, font) / 2.0;
                Label { text, x, y, angle: 0.0, anchor: "middle", font, area: Box2 { cx: x, cy: y, ux: 1.0, uy: 0.0, half_w, half_h: font * 0.6 } }
            } else {
                ray_label(&text, x + (radius + 4.0) * a.cos(), y + (radius + 4.0) * a.sin(), a, NODE_FONT)
            };
            PlacedNode { index: n, x, y, radius, class: g[n].class, ring, label }
        })
        .collect();
    // Node labels that still collide move outwards a little, in node order.
    for i in 0..nodes.len() {
        for _ in 0..6 {
            let collides = (0..i).any(|j| nodes[j].label.area.overlaps(&nodes[i].label.area))
                || nodes.iter().enumerate().any(|(j, m)| j != i && m.index != centre && nodes[i].label.area.touches_circle(m.x, m.y, m.radius));
            if !collides {
                break;
            }
            // Ray labels slide outwards along their ray, the centre's label slides down.
            let label = &mut nodes[i].label;
            let (dx, dy) = if label.anchor == "middle" { (0.0, NODE_FONT) } else { (label.area.ux * NODE_FONT, label.area.uy * NODE_FONT) };
            label.x += dx;
            label.y += dy;
            label.area.cx += dx;
            label.area.cy += dy;
        }
    }
    // Edges: tree edges and short ones straight, the rest bend towards the centre.
    let mut placed: Vec<Box2> = nodes.iter().map(|n| n.label.area).collect();
    let mut edges = Vec::new();
    let mut pairs: Vec<_> = g.edge_indices().map(|e| (g.edge_endpoints(e).expect("edge of this graph"), e)).collect();
    pairs.sort_by_key(|&((s, o), e)| (std::cmp::Reverse(g[e].weight()), index_of[&s], index_of[&o]));
    for ((s, o), e) in pairs {
        let (a, b) = (&nodes[index_of[&s]], &nodes[index_of[&o]]);
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let length = dx.hypot(dy).max(1e-6);
        let (ux, uy) = (dx / length, dy / length);
        let start = (a.x + ux * a.radius, a.y + uy * a.radius);
        let end = (b.x - ux * (b.radius + 3.0), b.y - uy * (b.radius + 3.0));
        let straight = a.ring.abs_diff(b.ring) == 1 || a.ring == 0 || b.ring == 0;
        let mid = ((start.0 + end.0) / 2.0, (start.1 + end.1) / 2.0);
        let control = if straight { mid } else { (mid.0 + (cx - mid.0) * 0.35, mid.1 + (cy - mid.1) * 0.35) };
        let text = one_line(&edge_label(&g[e]));
        let mut label = None;
        let spots = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.85, 0.15].into_iter().flat_map(|t| [(t, 1.0), (t, -1.0)]);
        for (t, side) in spots {
            let (px, py) = bezier(start, control, end, t);
            let (tx, ty) = tangent(start, control, end, t);
            let candidate = centred_label(&text, px, py, tx, ty, EDGE_FONT, side);
            let free = !placed.iter().any(|p| p.overlaps(&candidate.area)) && !nodes.iter().any(|n| candidate.area.touches_circle(n.x, n.y, n.radius + 1.0));
            if free {
                placed.push(candidate.area);
                label = Some(candidate);
                break;
            }
        }
        let width = 1.0 + 1.5 * (g[e].weight() as f64).ln();
        edges.push(PlacedEdge { from: index_of[&s], to: index_of[&o], width, path: [start, control, end], label, text });
    }
    let mut d = Diagram { title: title.to_string(), width: 0.0, height: 0.0, nodes, edges };
    d.fit();
    d
}

impl Diagram {
    /// Moves the drawing right of the legend and below the title, and sizes the canvas
    /// to what is drawn.
    fn fit(&mut self) {
        let mut points: Vec<(f64, f64)> = Vec::new();
        for n in &self.nodes {
            points.extend([(n.x - n.radius, n.y - n.radius), (n.x + n.radius, n.y + n.radius)]);
            points.extend(n.label.area.corners());
        }
        for e in &self.edges {
            points.extend(e.path);
            points.extend(e.label.iter().flat_map(|l| l.area.corners()));
        }
        let min_x = points.iter().map(|p| p.0).fold(f64::MAX, f64::min);
        let min_y = points.iter().map(|p| p.1).fold(f64::MAX, f64::min);
        let max_x = points.iter().map(|p| p.0).fold(f64::MIN, f64::max);
        let max_y = points.iter().map(|p| p.1).fold(f64::MIN, f64::max);
        let (dx, dy) = (MARGIN + LEGEND_WIDTH - min_x, MARGIN + 40.0 - min_y);
        let shift_label = |l: &mut Label| {
            l.x += dx;
            l.y += dy;
            l.area.cx += dx;
            l.area.cy += dy;
        };
        for n in &mut self.nodes {
            n.x += dx;
            n.y += dy;
            shift_label(&mut n.label);
        }
        for e in &mut self.edges {
            for p in &mut e.path {
                *p = (p.0 + dx, p.1 + dy);
            }
            if let Some(l) = &mut e.label {
                shift_label(l);
            }
        }
        let legend_height = 22.0 * self.nodes.iter().map(|n| n.class).collect::<BTreeSet<_>>().len() as f64 + 80.0;
        let title_width = text_width(&self.title, 16.0) + 2.0 * MARGIN;
        self.width = (max_x - min_x + 2.0 * MARGIN + LEGEND_WIDTH).max(title_width).ceil();
        self.height = (max_y - min_y + 2.0 * MARGIN + 40.0).max(legend_height + MARGIN).ceil();
    }
}

fn bezier(a: (f64, f64), c: (f64, f64), b: (f64, f64), t: f64) -> (f64, f64) {
    let u = 1.0 - t;
    (u * u * a.0 + 2.0 * u * t * c.0 + t * t * b.0, u * u * a.1 + 2.0 * u * t * c.1 + t * t * b.1)
}

fn tangent(a: (f64, f64), c: (f64, f64), b: (f64, f64), t: f64) -> (f64, f64) {
    let (dx, dy) = (2.0 * (1.0 - t) * (c.0 - a.0) + 2.0 * t * (b.0 - c.0), 2.0 * (1.0 - t) * (c.1 - a.1) + 2.0 * t * (b.1 - c.1));
    let l = dx.hypot(dy).max(1e-9);
    (dx / l, dy / l)
}

/// The SVG element (open tag) of a node's shape: Graphviz's shape for its class
/// (`export::dot::type_shape`) drawn as a circle or a regular polygon.
fn shape(class: EntityType, x: f64, y: f64, r: f64) -> String {
    let polygon = |sides: usize, turn: f64| {
        let points: Vec<String> = (0..sides)
            .map(|i| {
                let a = turn + 2.0 * PI * i as f64 / sides as f64;
                format!("{:.1},{:.1}", x + r * a.cos(), y + r * a.sin())
            })
            .collect();
        format!("<polygon points=\"{}\"", points.join(" "))
    };
    match type_shape(class) {
        Shape::Octagon => polygon(8, PI / 8.0),
        Shape::Box => polygon(4, PI / 4.0),
        Shape::Hexagon => polygon(6, 0.0),
        Shape::Triangle => polygon(3, -PI / 2.0),
        Shape::Diamond => polygon(4, 0.0),
        Shape::Pentagon => polygon(5, -PI / 2.0),
        Shape::InvTriangle => polygon(3, PI / 2.0),
        Shape::Septagon => polygon(7, -PI / 2.0),
        Shape::Ellipse => format!("<circle cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"{r:.1}\""),
    }
}

fn shape_tag(class: EntityType) -> &'static str {
    if type_shape(class) == Shape::Ellipse {
        "circle"
    } else {
        "polygon"
    }
}

/// Nodes in the whole-graph diagram.
pub const CORE_NODES: usize = 40;
/// Nodes in an ego diagram.
pub const EGO_NODES: usize = 60;

/// Whether `build` may draw an ego diagram of an entity of this class: actors and
/// undertakings, not places, events or goods.
fn drawn_alone(class: EntityType) -> bool {
    match class {
        EntityType::Country | EntityType::Person | EntityType::Company | EntityType::Organization | EntityType::Project | EntityType::Initiative => true,
        EntityType::Place | EntityType::Event | EntityType::Commodity => false,
    }
}

/// The ten most connected actors and projects: the ones `build` draws a diagram of.
pub fn subjects(kg: &KnowledgeGraph) -> Vec<NodeIndex> {
    let g = &kg.graph;
    let mut ranked: Vec<_> = g.node_indices().filter(|&n| drawn_alone(g[n].class) && kg.degree(n) > 0).collect();
    ranked.sort_by_key(|&n| (std::cmp::Reverse(kg.degree(n)), std::cmp::Reverse(kg.strength(n)), g[n].id.clone()));
    ranked.truncate(10);
    ranked
}

/// Who draws a diagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// The built-in renderer for .svg, Graphviz for .png.
    Auto,
    /// The built-in radial layout (SVG only).
    Builtin,
    /// Graphviz's twopi.
    Graphviz,
}

/// `diagram`: the filtered graph drawn around its focus (or its core) into `output`
/// (.svg, .png, .dot/.gv or .mmd).
pub fn draw(kg: &KnowledgeGraph, filter: &Filter, output: &Path, engine: Engine) -> Result<()> {
    let mut filter = filter.clone();
    if filter.focus.is_some() && filter.max_nodes.is_none() {
        filter.max_nodes = Some(EGO_NODES);
    }
    let kept = kg.filtered(&filter)?;
    let (sub, centre, title) = match &filter.focus {
        Some(name) => {
            let centre = kept.find(name).with_context(|| format!("no entity named {name:?}"))?;
            let title = ego_title(&kept.graph[centre]);
            (kept, Some(centre), title)
        }
        None => {
            let (core, centre) = core(&kept, filter.max_nodes.unwrap_or(CORE_NODES));
            (core, centre, "newsgraph: the most connected entities".to_string())
        }
    };
    let Some(centre) = centre else { bail!("nothing to draw: no relations left after the filters") };
    let extension = output.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let root = [("root", sub.graph[centre].id.clone()), ("ranksep", "1.6".to_string())];
    match extension.as_str() {
        "dot" | "gv" => write_file(output, dot::write_with(&sub, &root).as_bytes()),
        "mmd" => write_file(output, mermaid::write(&sub).as_bytes()),
        "svg" | "png" => {
            let use_graphviz = match engine {
                Engine::Builtin => false,
                Engine::Graphviz => true,
                Engine::Auto => extension == "png" && graphviz_available(),
            };
            if use_graphviz {
                let bytes = graphviz(&dot::write_with(&sub, &root), &extension)?;
                write_file(output, &bytes)
            } else if extension == "png" {
                bail!("{}: PNG needs Graphviz (apt-get install graphviz); the built-in renderer writes .svg", output.display())
            } else {
                write_file(output, svg(&layout(&sub, centre, &title)).as_bytes())
            }
        }
        _ => bail!("{}: diagrams are .svg, .png, .dot or .mmd", output.display()),
    }
}

/// Whether Graphviz's `twopi` is on the PATH.
pub fn graphviz_available() -> bool {
    std::process::Command::new("twopi").arg("-V").output().is_ok_and(|o| o.status.success())
}

/// Renders DOT with Graphviz's radial `twopi` to `svg` or `png`; an SVG gets the class
/// legend added on its left.
pub fn graphviz(dot: &str, format: &str) -> Result<Vec<u8>> {
    use std::io::Write as _;
    let mut child = std::process::Command::new("twopi")
        .arg(format!("-T{format}"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .context("cannot run Graphviz's twopi (apt-get install graphviz, or use --engine builtin)")?;
    child.stdin.take().expect("piped stdin").write_all(dot.as_bytes())?;
    let out = child.wait_with_output()?;
    if !out.status.success() {
        bail!("twopi failed: {}", String::from_utf8_lossy(&out.stderr).trim());
    }
    if format != "svg" {
        return Ok(out.stdout);
    }
    let svg = String::from_utf8(out.stdout).context("twopi wrote SVG that is not UTF-8")?;
    Ok(with_legend(&svg, &classes_in_dot(dot)).into_bytes())
}

/// The classes a DOT text of ours uses (its nodes carry `type="…"`), by name.
fn classes_in_dot(dot: &str) -> BTreeMap<&'static str, EntityType> {
    by_name(dot.split("type=\"").skip(1).filter_map(|rest| EntityType::parse(rest.split('"').next()?)))
}

/// Classes keyed by name, so a legend lists them in alphabetical order.
fn by_name(classes: impl IntoIterator<Item = EntityType>) -> BTreeMap<&'static str, EntityType> {
    classes.into_iter().map(|c| (c.as_str(), c)).collect()
}

/// Graphviz's SVG widened on the left to hold the legend.
fn with_legend(svg: &str, classes: &BTreeMap<&'static str, EntityType>) -> String {
    let Some(start) = svg.find("viewBox=\"") else { return svg.to_string() };
    let rest = &svg[start + 9..];
    let Some(end) = rest.find('"') else { return svg.to_string() };
    let numbers: Vec<f64> = rest[..end].split_whitespace().filter_map(|n| n.parse().ok()).collect();
    let [x, y, w, h] = numbers[..] else { return svg.to_string() };
    let height = h.max(22.0 * classes.len() as f64 + 90.0);
    let view = format!("viewBox=\"{:.2} {y:.2} {:.2} {height:.2}\"", x - LEGEND_WIDTH, w + LEGEND_WIDTH);
    let mut out = format!("{}{view}{}", &svg[..start], &rest[end + 1..]);
    out = out.replacen(&format!("width=\"{}pt\"", fmt_pt(w)), &format!("width=\"{}pt\"", fmt_pt(w + LEGEND_WIDTH)), 1);
    out = out.replacen(&format!("height=\"{}pt\"", fmt_pt(h)), &format!("height=\"{}pt\"", fmt_pt(height)), 1);
    let mut legend_svg = String::new();
    legend_at(&mut legend_svg, classes, x - LEGEND_WIDTH + MARGIN, y + 10.0);
    match out.rfind("</svg>") {
        Some(i) => format!("{}{legend_svg}{}", &out[..i], &out[i..]),
        None => out,
    }
}

fn fmt_pt(v: f64) -> String {
    format!("{v:.0}")
}

fn text(out: &mut String, label: &Label, class: &str) {
    let _ = writeln!(
        out,
        "    <text class=\"{class}\" x=\"{:.1}\" y=\"{:.1}\" font-size=\"{:.1}\" text-anchor=\"{}\" dominant-baseline=\"central\" transform=\"rotate({:.1} {:.1} {:.1})\">{}</text>",
        label.x,
        label.y,
        label.font,
        label.anchor,
        label.angle,
        label.x,
        label.y,
        xml_escape(&label.text)
    );
}

/// The picture as a standalone SVG document.
pub fn svg(d: &Diagram) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w:.0}\" height=\"{h:.0}\" viewBox=\"0 0 {w:.0} {h:.0}\" font-family=\"Helvetica, Arial, 'Noto Sans', sans-serif\">",
        w = d.width,
        h = d.height
    );
    let _ = writeln!(out, "  <title>{}</title>", xml_escape(&d.title));
    out.push_str(concat!(
        "  <defs>\n",
        "    <marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" markerUnits=\"userSpaceOnUse\" orient=\"auto\">\n",
        "      <path d=\"M0,0 L10,5 L0,10 z\" fill=\"#777777\"/>\n",
        "    </marker>\n",
        "  </defs>\n",
    ));
    out.push_str(
        "  <style>text { paint-order: stroke; stroke: #ffffff; stroke-width: 3px; stroke-linejoin: round; fill: #1a1a1a; } text.edge { fill: #555555; } text.title { font-weight: bold; }</style>\n",
    );
    let _ = writeln!(out, "  <rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>");
    let _ = writeln!(out, "  <text class=\"title\" x=\"{MARGIN:.1}\" y=\"{:.1}\" font-size=\"16\">{}</text>", MARGIN, xml_escape(&d.title));
    out.push_str("  <g class=\"edges\" fill=\"none\" stroke=\"#9a9a9a\">\n");
    for e in &d.edges {
        let [(x0, y0), (cx, cy), (x1, y1)] = e.path;
        let _ =
            writeln!(out, "    <path d=\"M{x0:.1},{y0:.1} Q{cx:.1},{cy:.1} {x1:.1},{y1:.1}\" stroke-width=\"{:.1}\" marker-end=\"url(#arrow)\"><title>{}</title></path>", e.width, xml_escape(&e.text));
    }
    out.push_str("  </g>\n  <g class=\"nodes\">\n");
    for n in &d.nodes {
        let (r, g, b) = type_colour(n.class);
        let _ = writeln!(
            out,
            "    {} fill=\"rgb({r},{g},{b})\" fill-opacity=\"0.85\" stroke=\"#333333\"><title>{}</title></{}>",
            shape(n.class, n.x, n.y, n.radius),
            xml_escape(&n.label.text),
            shape_tag(n.class)
        );
    }
    out.push_str("  </g>\n  <g class=\"labels\">\n");
    for e in &d.edges {
        if let Some(label) = &e.label {
            text(&mut out, label, "edge");
        }
    }
    for n in &d.nodes {
        text(&mut out, &n.label, "node");
    }
    out.push_str("  </g>\n");
    legend(&mut out, d);
    out.push_str("</svg>\n");
    out
}

fn legend(out: &mut String, d: &Diagram) {
    legend_at(out, &by_name(d.nodes.iter().map(|n| n.class)), MARGIN, MARGIN + 24.0);
}

/// The class legend (shape, colour, name) with its top-left corner near (left, top).
fn legend_at(out: &mut String, classes: &BTreeMap<&'static str, EntityType>, left: f64, top: f64) {
    let _ = writeln!(
        out,
        "  <g class=\"legend\" font-family=\"Helvetica, Arial, sans-serif\">\n    <rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#f7f7f7\" stroke=\"#cccccc\"/>",
        left - 8.0,
        top - 4.0,
        LEGEND_WIDTH - 20.0,
        22.0 * classes.len() as f64 + 30.0
    );
    for (i, (name, &class)) in classes.iter().enumerate() {
        let y = top + 14.0 + 22.0 * i as f64;
        let _ = writeln!(out, "    {} fill=\"{}\" fill-opacity=\"0.85\" stroke=\"#333333\"/>", shape(class, left + 6.0, y, 7.0), type_hex(class));
        let _ = writeln!(out, "    <text x=\"{:.1}\" y=\"{y:.1}\" font-size=\"12\" dominant-baseline=\"central\">{name}</text>", left + 20.0);
    }
    let y = top + 14.0 + 22.0 * classes.len() as f64;
    let _ = writeln!(out, "    <text x=\"{:.1}\" y=\"{y:.1}\" font-size=\"10\" dominant-baseline=\"central\">edge width: statements</text>\n  </g>", left - 2.0);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{ByName, Edge, Node, Statement};
    use crate::model::Predicate;

    fn node(id: &str, class: &str) -> Node {
        Node { id: id.into(), label: format!("Entity {id} with a longish name"), class: EntityType::parse(class).unwrap(), aliases: Default::default(), wikidata: None, documents: Default::default() }
    }

    fn edge(predicate: &str, n: usize) -> Edge {
        let statement = Statement { document: "d".into(), evidence: "e".into(), year: Some(2018), status: None };
        Edge { relations: BTreeMap::from([(ByName(Predicate::parse(predicate).unwrap()), vec![statement; n])]) }
    }

    /// A star of `n` neighbours with a second ring hanging off every third one.
    fn star(n: usize) -> KnowledgeGraph {
        let mut nodes = vec![node("centre", "Country")];
        let mut edges = BTreeMap::new();
        for i in 0..n {
            let id = format!("n{i:02}");
            nodes.push(node(&id, ["Company", "Person", "Project"][i % 3]));
            edges.insert(("centre".to_string(), id.clone()), edge("investsIn", 1 + i % 4));
            if i % 3 == 0 {
                let far = format!("m{i:02}");
                nodes.push(node(&far, "Place"));
                edges.insert((id.clone(), far), edge("locatedIn", 1));
            }
            if i % 5 == 1 && i + 1 < n {
                edges.insert((id, format!("n{:02}", i + 1)), edge("supplies", 1));
            }
        }
        KnowledgeGraph::from_parts(nodes, edges)
    }

    fn assert_no_overlaps(d: &Diagram) {
        let mut labels: Vec<&Label> = d.nodes.iter().map(|n| &n.label).collect();
        labels.extend(d.edges.iter().filter_map(|e| e.label.as_ref()));
        for (i, a) in labels.iter().enumerate() {
            for b in &labels[i + 1..] {
                assert!(!a.area.overlaps(&b.area), "labels overlap: {:?} and {:?}", a.text, b.text);
            }
        }
    }

    #[test]
    fn without_a_focus_a_big_graph_is_cut_to_its_most_connected_core() {
        // A star of 200 around "centre", plus a strongly tied pair apart from it and a loner.
        let mut kg = star(200);
        let mut nodes: Vec<Node> = kg.graph.node_weights().cloned().collect();
        let mut edges: BTreeMap<(String, String), Edge> = kg
            .graph
            .edge_indices()
            .map(|e| {
                let (a, b) = kg.graph.edge_endpoints(e).unwrap();
                ((kg.graph[a].id.clone(), kg.graph[b].id.clone()), kg.graph[e].clone())
            })
            .collect();
        nodes.extend([node("apart1", "Company"), node("apart2", "Company"), node("loner", "Person")]);
        edges.insert(("apart1".into(), "apart2".into()), edge("trades", 50));
        kg = KnowledgeGraph::from_parts(nodes, edges);
        assert!(kg.graph.node_count() > 250);
        let (core, centre) = core(&kg, CORE_NODES);
        assert_eq!(core.graph.node_count(), CORE_NODES, "the core is cut to {CORE_NODES} nodes");
        assert_eq!(core.graph[centre.unwrap()].id, "centre", "the strongest node is the centre");
        let ids: BTreeSet<&str> = core.graph.node_weights().map(|n| n.id.as_str()).collect();
        assert!(!ids.contains("apart1") && !ids.contains("loner"), "only the centre's connected part: {ids:?}");
        // Every node of the core is reached from the centre: one piece.
        assert_eq!(core.neighbourhood(centre.unwrap(), usize::MAX).len(), CORE_NODES);
        // The strongest neighbours are kept before weaker ones (n03 has 4 statements, n00 one).
        assert!(ids.contains("n03") && !ids.contains("m00"), "{ids:?}");
    }

    #[test]
    fn rotated_boxes_overlap_only_when_they_meet() {
        let a = Box2 { cx: 0.0, cy: 0.0, ux: 1.0, uy: 0.0, half_w: 10.0, half_h: 2.0 };
        let s = std::f64::consts::FRAC_1_SQRT_2;
        assert!(a.overlaps(&Box2 { cx: 5.0, cy: 3.0, ux: s, uy: s, half_w: 3.0, half_h: 2.0 }));
        assert!(!a.overlaps(&Box2 { cx: 0.0, cy: 10.0, ux: s, uy: s, half_w: 3.0, half_h: 2.0 }));
        assert!(a.touches_circle(12.0, 0.0, 2.5));
        assert!(!a.touches_circle(12.0, 5.0, 2.5));
    }

    #[test]
    fn ego_networks_up_to_sixty_nodes_have_no_overlapping_labels() {
        for n in [3, 12, 30, 45] {
            let kg = star(n);
            assert!(kg.graph.node_count() <= 61);
            let centre = kg.find("centre").unwrap();
            let d = layout(&kg, centre, "test");
            assert_eq!(d.nodes.len(), kg.graph.node_count());
            assert_no_overlaps(&d);
            let labelled = d.edges.iter().filter(|e| e.label.is_some()).count();
            let unlabelled: Vec<String> = d.edges.iter().filter(|e| e.label.is_none()).map(|e| format!("{}->{}", kg.graph[d.nodes[e.from].index].id, kg.graph[d.nodes[e.to].index].id)).collect();
            assert!(labelled * 10 >= d.edges.len() * 8, "{labelled} of {} edges labelled for n = {n}: {unlabelled:?}", d.edges.len());
        }
    }

    #[test]
    fn the_focus_is_in_the_centre_and_rings_grow_outwards() {
        let kg = star(12);
        let d = layout(&kg, kg.find("centre").unwrap(), "test");
        let centre = d.nodes.iter().find(|n| kg.graph[n.index].id == "centre").unwrap();
        let distance = |n: &PlacedNode| (n.x - centre.x).hypot(n.y - centre.y);
        let ring1 = d.nodes.iter().filter(|n| n.ring == 1).map(distance).fold(f64::MAX, f64::min);
        let ring2 = d.nodes.iter().filter(|n| n.ring == 2).map(distance).fold(f64::MAX, f64::min);
        assert!(ring1 > 50.0 && ring2 > ring1 + 50.0, "rings at {ring1} and {ring2}");
        assert_eq!(centre.ring, 0);
    }

    #[test]
    fn svg_is_deterministic_and_carries_legend_and_labels() {
        let kg = star(8);
        let d = layout(&kg, kg.find("centre").unwrap(), "Ego <test> & co");
        let a = svg(&d);
        assert_eq!(a, svg(&layout(&kg, kg.find("centre").unwrap(), "Ego <test> & co")));
        assert!(a.contains("Ego &lt;test&gt; &amp; co"));
        for kind in ["Country", "Company", "Person", "Project", "Place"] {
            assert!(a.contains(&format!(">{kind}</text>")), "legend has {kind}");
        }
        assert!(a.contains("investsIn"));
    }
}
