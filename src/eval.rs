//! Eval: scores extractions against hand-made gold files, with the rules of the
//! project's scorer (`eval/SCHEMA.md`, `score.py`): one-to-one entity matching on
//! normalised names in tiers, relation pairs, and typed relations with direction.
//!
//! Owns the gold file format, the scoring arithmetic (pure), and `evaluate`, the `eval`
//! command's loop: each gold file's article read, extracted and scored.

use crate::corpus::article_named;
use crate::extract::Extractor;
use crate::model::{Entity, Extraction, Predicate};
use anyhow::{Context, Result};
use serde::Deserialize;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

#[derive(Debug, Clone, Deserialize)]
pub struct GoldEntity {
    pub id: String,
    pub label: String,
    #[serde(rename = "type", default)]
    pub class: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldRelation {
    pub subject: String,
    pub predicate: String,
    pub object: String,
    /// A verbatim fragment of the sentence that states it (empty when not given).
    #[serde(default)]
    pub evidence: String,
}

/// A gold file, or a prediction in the same shape (extra fields ignored).
#[derive(Debug, Clone, Deserialize, Default)]
pub struct Annotated {
    #[serde(default)]
    pub entities: Vec<GoldEntity>,
    #[serde(default)]
    pub relations: Vec<GoldRelation>,
}

/// An extraction in the gold file's shape, as the scorer sees it: its entities and its
/// relations that are not negated.
pub fn predicted(extraction: &Extraction) -> Annotated {
    Annotated {
        entities: predicted_entities(&extraction.entities),
        relations: extraction
            .relations
            .iter()
            .filter(|r| !r.negated)
            .map(|r| GoldRelation { subject: r.subject.clone(), predicate: r.predicate.to_string(), object: r.object.clone(), evidence: r.evidence.text.clone() })
            .collect(),
    }
}

/// Entities in the gold file's shape.
pub fn predicted_entities(entities: &[Entity]) -> Vec<GoldEntity> {
    entities.iter().map(|e| GoldEntity { id: e.id.clone(), label: e.label.clone(), class: e.class.to_string(), aliases: e.aliases.clone() }).collect()
}

/// Counts and misses for one document.
#[derive(Debug, Clone, Default)]
pub struct DocScore {
    pub gold_entities: usize,
    pub pred_entities: usize,
    pub matched: usize,
    pub typed_ok: usize,
    pub gold_pairs: usize,
    pub pred_pairs: usize,
    pub pair_hits: usize,
    pub gold_typed: usize,
    pub pred_typed: usize,
    pub typed_hits: usize,
    pub missed_entities: Vec<String>,
    pub spurious_entities: Vec<String>,
    pub wrong_types: Vec<String>,
    pub missed_pairs: Vec<String>,
    pub spurious_pairs: Vec<String>,
}

/// The scorer's name normalisation.
pub fn norm(name: &str) -> String {
    let s: String = name.nfkd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)).collect::<String>().to_lowercase();
    let s: String = s.chars().map(|c| if ('\u{2010}'..='\u{2015}').contains(&c) || matches!(c, '-' | '_' | '/') { ' ' } else { c }).collect();
    // Possessive 's (straight or curly) before a non-word character or the end.
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if (c == '\'' || c == '\u{2019}') && chars.get(i + 1) == Some(&'s') && chars.get(i + 2).is_none_or(|n| !is_word(*n)) {
            i += 2;
            continue;
        }
        if is_word(c) || c.is_whitespace() || c == '&' {
            out.push(c);
        }
        i += 1;
    }
    let mut s = out.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(rest) = s.strip_prefix("the ") {
        s = rest.to_string();
    }
    s.split(' ').filter(|w| !w.is_empty()).map(fold_plural).collect::<Vec<_>>().join(" ")
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn fold_plural(word: &str) -> String {
    if word.chars().count() > 3 && word.ends_with('s') && !word.ends_with("ss") {
        word[..word.len() - 1].to_string()
    } else {
        word.to_string()
    }
}

fn overlap(a: &str, b: &str) -> bool {
    let wa: HashSet<&str> = a.split(' ').collect();
    let wb: HashSet<&str> = b.split(' ').collect();
    if wa.len() < 2 || wb.len() < 2 {
        return false;
    }
    let shared = wa.intersection(&wb).count();
    shared >= 2 && shared as f64 >= 0.6 * wa.union(&wb).count() as f64
}

fn names(e: &GoldEntity) -> Vec<String> {
    std::iter::once(&e.label).chain(&e.aliases).map(|n| norm(n)).filter(|n| !n.is_empty()).collect()
}

/// One-to-one matching, strongest evidence first: pred index → gold index.
pub fn match_entities(gold: &[GoldEntity], pred: &[GoldEntity]) -> HashMap<usize, usize> {
    let mut tiers = Vec::new();
    let pred_names: Vec<(String, HashSet<String>)> = pred.iter().map(|p| (norm(&p.label), names(p).into_iter().collect())).collect();
    for (gi, g) in gold.iter().enumerate() {
        let gl = norm(&g.label);
        let gn: HashSet<String> = names(g).into_iter().collect();
        for (pi, (pl, pn)) in pred_names.iter().enumerate() {
            let tier = if !gl.is_empty() && gl == *pl {
                0
            } else if gn.contains(pl) || pn.contains(&gl) {
                1
            } else if !gn.is_disjoint(pn) {
                2
            } else if gn.iter().any(|a| pn.iter().any(|b| overlap(a, b))) {
                3
            } else {
                continue;
            };
            tiers.push((tier, gi, pi));
        }
    }
    tiers.sort();
    let (mut used_g, mut used_p, mut pairs) = (HashSet::new(), HashSet::new(), HashMap::new());
    for (_, gi, pi) in tiers {
        if used_g.contains(&gi) || used_p.contains(&pi) {
            continue;
        }
        used_g.insert(gi);
        used_p.insert(pi);
        pairs.insert(pi, gi);
    }
    pairs
}

fn local_name(term: &str) -> String {
    term.rsplit('#').next().unwrap_or("").rsplit('/').next().unwrap_or("").rsplit(':').next().unwrap_or("").to_lowercase()
}

fn canon(s: &str, p: &str, o: &str) -> (String, String, String) {
    // The symmetric predicates of the ontology (`Predicate::is_symmetric`; score.py's SYMMETRIC).
    if Predicate::parse(p).is_some_and(Predicate::is_symmetric) && o < s {
        (o.to_string(), p.to_string(), s.to_string())
    } else {
        (s.to_string(), p.to_string(), o.to_string())
    }
}

/// The predicted entities the scorer sees (labelled ones) and each one's gold match.
fn matched<'a>(gold: &'a Annotated, pred: &Annotated) -> (Vec<GoldEntity>, HashMap<usize, usize>, HashMap<String, &'a str>) {
    let pred_e: Vec<GoldEntity> = pred.entities.iter().filter(|e| !e.label.is_empty()).cloned().collect();
    let pairs = match_entities(&gold.entities, &pred_e);
    let pred_to_gold = pairs.iter().map(|(&pi, &gi)| (pred_e[pi].id.clone(), gold.entities[gi].id.as_str())).collect();
    (pred_e, pairs, pred_to_gold)
}

/// A predicted relation in gold terms: (subject, predicate, object) with unmatched
/// entities as `?id`, symmetric predicates ordered; `None` when both ends are one entity.
fn in_gold_terms(pred_to_gold: &HashMap<String, &str>, r: &GoldRelation) -> Option<(String, String, String)> {
    let s = pred_to_gold.get(r.subject.as_str()).map_or(format!("?{}", r.subject), |g| g.to_string());
    let o = pred_to_gold.get(r.object.as_str()).map_or(format!("?{}", r.object), |g| g.to_string());
    (s != o).then(|| canon(&s, &local_name(&r.predicate), &o))
}

/// Per predicted relation, in order: whether gold has it with its type and direction.
pub fn typed_hits(gold: &Annotated, pred: &Annotated) -> Vec<bool> {
    let (_, _, pred_to_gold) = matched(gold, pred);
    let gold_typed: HashSet<(String, String, String)> = gold.relations.iter().map(|r| canon(&r.subject, &r.predicate.to_lowercase(), &r.object)).collect();
    pred.relations.iter().map(|r| in_gold_terms(&pred_to_gold, r).is_some_and(|t| gold_typed.contains(&t))).collect()
}

/// Scores one predicted document against its gold.
pub fn score(gold: &Annotated, pred: &Annotated) -> DocScore {
    let (pred_e, pairs, pred_to_gold) = matched(gold, pred);
    let typed_ok = pairs.iter().filter(|(&pi, &gi)| local_name(&pred_e[pi].class) == gold.entities[gi].class.to_lowercase()).count();
    let wrong_types = pairs
        .iter()
        .filter(|(&pi, &gi)| local_name(&pred_e[pi].class) != gold.entities[gi].class.to_lowercase())
        .map(|(&pi, &gi)| format!("{} ({} ≠ gold {})", pred_e[pi].label, pred_e[pi].class, gold.entities[gi].class))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut gold_pairs = BTreeSet::new();
    let mut gold_typed = BTreeSet::new();
    for r in &gold.relations {
        let p = r.predicate.to_lowercase();
        let mut pair = [r.subject.clone(), r.object.clone()];
        pair.sort();
        gold_pairs.insert(pair);
        gold_typed.insert(canon(&r.subject, &p, &r.object));
    }
    let mut pred_pairs = BTreeSet::new();
    let mut pred_typed = BTreeSet::new();
    for (s, p, o) in pred.relations.iter().filter_map(|r| in_gold_terms(&pred_to_gold, r)) {
        let mut pair = [s.clone(), o.clone()];
        pair.sort();
        pred_pairs.insert(pair);
        pred_typed.insert((s, p, o));
    }
    let matched_gold: HashSet<usize> = pairs.values().copied().collect();
    let show = |p: &[String; 2]| format!("{} — {}", p[0], p[1]);
    DocScore {
        gold_entities: gold.entities.len(),
        pred_entities: pred_e.len(),
        matched: pairs.len(),
        typed_ok,
        gold_pairs: gold_pairs.len(),
        pred_pairs: pred_pairs.len(),
        pair_hits: pred_pairs.intersection(&gold_pairs).count(),
        gold_typed: gold_typed.len(),
        pred_typed: pred_typed.len(),
        typed_hits: pred_typed.intersection(&gold_typed).count(),
        missed_entities: gold.entities.iter().enumerate().filter(|(i, _)| !matched_gold.contains(i)).map(|(_, e)| e.label.clone()).collect(),
        spurious_entities: pred_e.iter().enumerate().filter(|(i, _)| !pairs.contains_key(i)).map(|(_, e)| e.label.clone()).collect(),
        wrong_types,
        missed_pairs: gold_pairs.difference(&pred_pairs).map(show).collect(),
        spurious_pairs: pred_pairs.difference(&gold_pairs).map(show).collect(),
    }
}

/// Precision, recall and F1 over summed counts.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Summary {
    pub entity_p: f64,
    pub entity_r: f64,
    pub entity_f1: f64,
    pub type_acc: f64,
    pub pair_p: f64,
    pub pair_r: f64,
    pub pair_f1: f64,
    pub typed_p: f64,
    pub typed_r: f64,
    pub typed_f1: f64,
}

fn prf(hit_p: usize, n_p: usize, hit_r: usize, n_r: usize) -> (f64, f64, f64) {
    let p = if n_p > 0 { hit_p as f64 / n_p as f64 } else { 0.0 };
    let r = if n_r > 0 { hit_r as f64 / n_r as f64 } else { 0.0 };
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f)
}

pub fn summarize(scores: &[DocScore]) -> Summary {
    let sum = |f: fn(&DocScore) -> usize| scores.iter().map(f).sum::<usize>();
    let (matched, pred_e, gold_e) = (sum(|s| s.matched), sum(|s| s.pred_entities), sum(|s| s.gold_entities));
    let (entity_p, entity_r, entity_f1) = prf(matched, pred_e, matched, gold_e);
    let (pair_p, pair_r, pair_f1) = prf(sum(|s| s.pair_hits), sum(|s| s.pred_pairs), sum(|s| s.pair_hits), sum(|s| s.gold_pairs));
    let (typed_p, typed_r, typed_f1) = prf(sum(|s| s.typed_hits), sum(|s| s.pred_typed), sum(|s| s.typed_hits), sum(|s| s.gold_typed));
    let type_acc = if matched > 0 { sum(|s| s.typed_ok) as f64 / matched as f64 } else { 0.0 };
    Summary { entity_p, entity_r, entity_f1, type_acc, pair_p, pair_r, pair_f1, typed_p, typed_r, typed_f1 }
}

/// `eval`: extracts the article of every gold file (`<article>.json`) in `gold_dir` from
/// `corpus`, scores it, and writes the figures (with every miss when `verbose`) to `out`.
pub fn evaluate(extractor: &Extractor, gold_dir: &Path, corpus: &Path, verbose: bool, out: &mut impl Write) -> Result<()> {
    let reader = extractor.lexicon.reader();
    let mut gold_files: Vec<PathBuf> = std::fs::read_dir(gold_dir)
        .with_context(|| format!("{}: cannot read gold folder", gold_dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    gold_files.sort();
    let mut scores = Vec::new();
    for gold_path in gold_files {
        let text = std::fs::read_to_string(&gold_path).with_context(|| format!("{}: cannot read", gold_path.display()))?;
        let gold: Annotated = serde_json::from_str(&text).with_context(|| format!("{}: not a gold file", gold_path.display()))?;
        let stem = gold_path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
        let article = article_named([corpus], &stem);
        let predicted = match article {
            Some(path) => {
                let doc = reader.read(&path)?;
                predicted(&extractor.extract(&doc))
            }
            None => {
                eprintln!("warning: no article for {} in {}", gold_path.display(), corpus.display());
                Annotated::default()
            }
        };
        let s = score(&gold, &predicted);
        if verbose {
            writeln!(out, "## {stem}")?;
            writeln!(out, "  missed entities: {:?}", s.missed_entities)?;
            writeln!(out, "  spurious entities: {:?}", s.spurious_entities)?;
            writeln!(out, "  wrong types: {:?}", s.wrong_types)?;
            writeln!(out, "  missed pairs: {:?}", s.missed_pairs)?;
            writeln!(out, "  spurious pairs: {:?}", s.spurious_pairs)?;
        }
        scores.push(s);
    }
    let s = summarize(&scores);
    writeln!(out, "documents: {}", scores.len())?;
    writeln!(out, "entities  P {:.3}  R {:.3}  F1 {:.3}  type accuracy {:.3}", s.entity_p, s.entity_r, s.entity_f1, s.type_acc)?;
    writeln!(out, "pairs     P {:.3}  R {:.3}  F1 {:.3}", s.pair_p, s.pair_r, s.pair_f1)?;
    writeln!(out, "typed     P {:.3}  R {:.3}  F1 {:.3}", s.typed_p, s.typed_r, s.typed_f1)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ent(id: &str, label: &str, class: &str, aliases: &[&str]) -> GoldEntity {
        GoldEntity { id: id.into(), label: label.into(), class: class.into(), aliases: aliases.iter().map(|a| a.to_string()).collect() }
    }

    fn rel(s: &str, p: &str, o: &str) -> GoldRelation {
        GoldRelation { subject: s.into(), predicate: p.into(), object: o.into(), evidence: String::new() }
    }

    #[test]
    fn normalisation_follows_the_scorer() {
        assert_eq!(norm("The Russia’s Far-East"), "russia far east");
        assert_eq!(norm("U.S."), "us");
        assert_eq!(norm("Smartphones"), "smartphone");
        assert_eq!(norm("Congress"), "congress");
        assert_eq!(norm("Élysée"), "elysee");
        assert_eq!(norm("AT&T"), "at&t");
    }

    #[test]
    fn matching_prefers_exact_labels_and_is_one_to_one() {
        let gold = vec![ent("rok", "Republic of Korea", "Country", &["South Korea", "Seoul"]), ent("seoul", "Seoul", "Place", &[])];
        let pred = vec![ent("p1", "Seoul", "Place", &[]), ent("p2", "South Korea", "Country", &["Seoul"])];
        let m = match_entities(&gold, &pred);
        assert_eq!(m.get(&0), Some(&1));
        assert_eq!(m.get(&1), Some(&0));
    }

    #[test]
    fn scores_pairs_and_typed_relations_with_symmetry() {
        let gold = Annotated {
            entities: vec![ent("a", "Russia", "Country", &[]), ent("b", "China", "Country", &[]), ent("c", "Gazprom", "Company", &[])],
            relations: vec![rel("a", "cooperatesWith", "b"), rel("c", "supplies", "b")],
        };
        let pred = Annotated {
            entities: vec![ent("x", "China", "Country", &[]), ent("y", "Russia", "Country", &[]), ent("z", "Gazprom", "Organization", &[]), ent("w", "Nobody", "Person", &[])],
            relations: vec![rel("x", "ng:cooperatesWith", "y"), rel("z", "supplies", "y"), rel("w", "meetsWith", "x")],
        };
        let s = score(&gold, &pred);
        assert_eq!((s.matched, s.typed_ok), (3, 2));
        assert_eq!((s.pair_hits, s.pred_pairs, s.gold_pairs), (1, 3, 2));
        assert_eq!((s.typed_hits, s.pred_typed, s.gold_typed), (1, 3, 2));
        let sum = summarize(&[s]);
        assert!((sum.entity_p - 0.75).abs() < 1e-9 && (sum.entity_r - 1.0).abs() < 1e-9);
        // Per relation: the symmetric cooperation (written the other way round) is in gold,
        // Gazprom supplies Russia is the wrong direction, the unmatched person's meeting is not.
        assert_eq!(typed_hits(&gold, &pred), [true, false, false]);
    }
}
