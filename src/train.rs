//! Train: learns the relation scorer's weights (`ontology/scorer.csv`) from annotated
//! articles, and measures them honestly by leave-one-article-out cross-validation: each
//! article is extracted with weights learned from all the others, then scored against
//! its gold as `newsgraph eval` scores it.
//!
//! Owns the labelling of candidate pairs from gold files (a pair is labelled by the gold
//! relations between the gold entities its two ends match; a pair whose gold relation
//! is evidenced in another sentence is left out), the threshold sweep, and the report.
//! The model itself is `extract::scorer`.

use crate::corpus::{article_named, Document};
use crate::eval::{self, Annotated};
use crate::extract::lexicon::fold_mark;
use crate::extract::scorer::{Class, Example, Scorer};
use crate::extract::{Extractor, Lexicon, PairFeatures};
use crate::model::Entity;
use anyhow::{Context, Result};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// What `newsgraph train` is asked to do.
pub struct Options {
    /// Gold files (`<article>.json`).
    pub gold: Vec<PathBuf>,
    /// Folders holding the articles the gold files are named after.
    pub corpus: Vec<PathBuf>,
    pub l2: f32,
    pub rounds: usize,
    /// Where to write every candidate pair with its gold classes and its cross-validated
    /// probabilities (TSV), for reading what the scorer gets wrong.
    pub dump: Option<PathBuf>,
}

/// One annotated article, extracted once.
struct Article {
    name: String,
    document: Document,
    gold: Annotated,
    examples: Vec<Example>,
    /// Per example, where it comes from.
    sources: Vec<Source>,
}

/// Where a training example comes from: the gold ids of its two ends (`?` and its own
/// id for an end gold does not have) and its sentence's byte span.
struct Source {
    first: String,
    second: String,
    sentence: (usize, usize),
}

/// The figures of one threshold over every article.
pub struct Sweep {
    pub threshold: f32,
    pub summary: eval::Summary,
}

/// The trained scorer and the cross-validated figures behind it.
pub struct Trained {
    pub scorer: Scorer,
    /// Leave-one-article-out figures per threshold.
    pub sweep: Vec<Sweep>,
    /// Leave-one-article-out figures per article at the chosen threshold.
    pub per_article: Vec<(String, eval::DocScore)>,
    pub articles: usize,
    pub examples: usize,
    pub positives: usize,
}

const THRESHOLDS: [f32; 15] = [0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8];
/// How far below the best sum of pair and typed F1 a lower threshold may be and still be
/// chosen (see `train`).
const FLAT_OPTIMUM: f64 = 0.005;

/// Learns the weights and cross-validates them.
pub fn train(ontology: &Path, options: &Options) -> Result<Trained> {
    let lexicon = Lexicon::load_untrained(ontology)?;
    let reader = lexicon.reader();
    let mut extractor = Extractor::new(lexicon);
    let classes = extractor.lexicon.scorer.classes().to_vec();
    let mut articles = Vec::new();
    for gold_path in &options.gold {
        let text = std::fs::read_to_string(gold_path).with_context(|| format!("{}: cannot read", gold_path.display()))?;
        let gold: Annotated = serde_json::from_str(&text).with_context(|| format!("{}: not a gold file", gold_path.display()))?;
        let stem = gold_path.file_stem().unwrap_or_default().to_string_lossy().into_owned();
        let article = article_named(options.corpus.iter().map(PathBuf::as_path), &stem).with_context(|| format!("{}: no article named {stem} in the corpus folders", gold_path.display()))?;
        let document = reader.read(&article)?;
        let (entities, pairs) = extractor.candidates(&document);
        let (examples, sources) = label(&gold, &document, &entities, pairs, &classes);
        articles.push(Article { name: stem, document, gold, examples, sources });
    }
    let fit = |skip: Option<usize>, scorer: &mut Scorer| {
        let examples: Vec<Example> = articles.iter().enumerate().filter(|(i, _)| Some(*i) != skip).flat_map(|(_, a)| a.examples.iter().cloned()).collect();
        scorer.fit(&examples, options.l2, options.rounds);
    };
    // Leave one article out: its extraction at every threshold, with the others' weights.
    let mut per_threshold: Vec<Vec<eval::DocScore>> = vec![Vec::new(); THRESHOLDS.len()];
    let mut dump = String::new();
    for (i, article) in articles.iter().enumerate() {
        let mut scorer = Scorer::new(extractor.lexicon.frames.prepositions.len());
        fit(Some(i), &mut scorer);
        if options.dump.is_some() {
            dump_article(&mut dump, article, &scorer);
        }
        for (t, &threshold) in THRESHOLDS.iter().enumerate() {
            scorer.threshold = threshold;
            extractor.lexicon.scorer = scorer.clone();
            let predicted = eval::predicted(&extractor.extract(&article.document));
            per_threshold[t].push(eval::score(&article.gold, &predicted));
        }
    }
    let sweep: Vec<Sweep> = THRESHOLDS.iter().zip(&per_threshold).map(|(&threshold, scores)| Sweep { threshold, summary: eval::summarize(scores) }).collect();
    // The best sum of pair and typed F1; where the optimum is flat (within 0.005), the
    // lowest such threshold, since recall is what articles unlike these lose first.
    let value = |s: &Sweep| s.summary.pair_f1 + s.summary.typed_f1;
    let top = sweep.iter().map(value).fold(f64::MIN, f64::max);
    let best = sweep.iter().position(|s| value(s) >= top - FLAT_OPTIMUM).unwrap_or(0);
    if let Some(path) = &options.dump {
        std::fs::write(path, dump).with_context(|| format!("{}: cannot write", path.display()))?;
    }
    let mut scorer = Scorer::new(extractor.lexicon.frames.prepositions.len());
    fit(None, &mut scorer);
    scorer.threshold = THRESHOLDS[best];
    let per_article = articles.iter().map(|a| a.name.clone()).zip(per_threshold.swap_remove(best)).collect();
    let examples = articles.iter().map(|a| a.examples.len()).sum();
    let positives = articles.iter().map(|a| a.examples.iter().filter(|e| !e.gold.is_empty()).count()).sum();
    Ok(Trained { scorer, sweep, per_article, articles: articles.len(), examples, positives })
}

/// The training examples of one article: each candidate pair with the indexes (into
/// `classes`) of the gold relations between the gold entities its ends match; none when
/// gold relates them not (or an end matches nothing). A pair whose gold relation has its
/// evidence in another sentence is left out: it may or may not be stated here.
fn label(gold: &Annotated, document: &Document, entities: &[Entity], pairs: Vec<PairFeatures>, classes: &[Class]) -> (Vec<Example>, Vec<Source>) {
    let predicted = eval::predicted_entities(entities);
    let matched = eval::match_entities(&gold.entities, &predicted);
    let to_gold: HashMap<&str, &str> = matched.iter().map(|(&p, &g)| (predicted[p].id.as_str(), gold.entities[g].id.as_str())).collect();
    let body = squeeze(&document.body);
    let mut out = Vec::with_capacity(pairs.len());
    let mut sources = Vec::with_capacity(pairs.len());
    for pair in pairs {
        let (Some(&a), Some(&b)) = (to_gold.get(pair.first.as_str()), to_gold.get(pair.second.as_str())) else {
            let name = |id: &str| to_gold.get(id).map_or(format!("?{id}"), |g| g.to_string());
            sources.push(Source { first: name(&pair.first), second: name(&pair.second), sentence: pair.sentence });
            out.push(Example { features: pair.features, gold: Vec::new() });
            continue;
        };
        let sentence = squeeze(&document.body[pair.sentence.0..pair.sentence.1]);
        let mut labels = Vec::new();
        let mut elsewhere = false;
        for r in gold.relations.iter().filter(|r| (r.subject == a && r.object == b) || (r.subject == b && r.object == a)) {
            let evidence = squeeze(&r.evidence);
            // Evidence found in the article but not in this sentence: stated elsewhere.
            if !evidence.is_empty() && body.contains(&evidence) && !sentence.contains(&evidence) {
                elsewhere = true;
                continue;
            }
            let Some(predicate) = crate::model::Predicate::parse(&r.predicate) else { continue };
            let forward = r.subject == a;
            if let Some(c) = classes.iter().position(|c| c.predicate == predicate && (c.forward == forward || predicate.is_symmetric())) {
                if !labels.contains(&c) {
                    labels.push(c);
                }
            }
        }
        if labels.is_empty() && elsewhere {
            continue;
        }
        sources.push(Source { first: a.to_string(), second: b.to_string(), sentence: pair.sentence });
        out.push(Example { features: pair.features, gold: labels });
    }
    (out, sources)
}

/// One TSV row per candidate pair of `article`: its ends, gold classes, the likeliest
/// class and its probability under `scorer`, P(related), the frames and constructions, the
/// sentence, the distance bucket.
fn dump_article(out: &mut String, article: &Article, scorer: &Scorer) {
    let name = |c: usize| {
        let class = scorer.classes()[c];
        format!("{}{}", class.predicate, if class.forward { ">" } else { "<" })
    };
    let mut p = Vec::new();
    for (Example { features, gold }, Source { first: a, second: b, sentence }) in article.examples.iter().zip(&article.sources) {
        scorer.probabilities(features, &mut p);
        let best = (1..p.len()).max_by(|&x, &y| p[x].total_cmp(&p[y])).unwrap_or(1);
        let gold: Vec<String> = gold.iter().map(|&c| name(c)).collect();
        let frames: Vec<String> = features
            .frames
            .iter()
            .map(|f| format!("{}{}:{:?}/{:?}/{:?}{}", f.predicate, if f.forward { ">" } else { "<" }, f.config.pos, f.config.subject, f.config.object, if f.config.passive { "/passive" } else { "" }))
            .collect();
        let constructions: Vec<String> = features.constructions.iter().map(|(p, fwd)| format!("{p}{}", if *fwd { ">" } else { "<" })).collect();
        let text = squeeze(&article.document.body[sentence.0..sentence.1]);
        let distance = crate::extract::scorer::DISTANCES[features.distance as usize];
        let _ = writeln!(
            out,
            "{}\t{a}\t{b}\t{}\t{}\t{:.2}\t{:.2}\t{}\t{}\t{text}\t{distance}",
            article.name,
            gold.join(" "),
            name(best - 1),
            p[best],
            1.0 - p[0],
            frames.join(" "),
            constructions.join(" ")
        );
    }
}

/// Lowercase text with runs of whitespace as one space, curly quotes straightened and
/// dashes as "-" (`lexicon::fold_mark`, as names are matched), for finding a gold evidence
/// fragment in a sentence.
fn squeeze(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            out.push(match fold_mark(c) {
                '\u{201C}' | '\u{201D}' => '"',
                c => c.to_lowercase().next().unwrap_or(c),
            });
        }
    }
    out
}

impl Trained {
    /// Writes the weights to `output` as `scorer.csv`, the report at its head; its weights
    /// are named with the prepositions of the ontology at `ontology`.
    pub fn write_weights(&self, ontology: &Path, output: &Path) -> Result<()> {
        let prepositions = Lexicon::load_untrained(ontology)?.frames.prepositions;
        let header = format!(
            "The relation scorer's weights (src/extract/scorer.rs), written by `newsgraph train`.\nDo not edit by hand: train again. Cross-validated figures of these weights:\n{}",
            self.report()
        );
        std::fs::write(output, self.scorer.to_csv(&header, &prepositions)).with_context(|| format!("{}: cannot write", output.display()))
    }

    /// The report printed by `newsgraph train` and written at the head of `scorer.csv`.
    pub fn report(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "{} articles, {} candidate pairs, {} of them related in gold", self.articles, self.examples, self.positives);
        let _ = writeln!(out, "leave-one-article-out, per threshold (entities hardly depend on it: only commodities need a relation):");
        let _ = writeln!(out, "threshold  pairs P / R / F1     typed P / R / F1");
        for s in &self.sweep {
            let m = &s.summary;
            let chosen = if s.threshold == self.scorer.threshold { "  <- chosen" } else { "" };
            let _ = writeln!(out, "{:>9.2}  {:.3} {:.3} {:.3}    {:.3} {:.3} {:.3}{chosen}", s.threshold, m.pair_p, m.pair_r, m.pair_f1, m.typed_p, m.typed_r, m.typed_f1);
        }
        let _ = writeln!(out, "per article at the chosen threshold (pairs hit/predicted/gold, typed hit/predicted/gold):");
        for (name, s) in &self.per_article {
            let _ = writeln!(out, "  {name}: pairs {}/{}/{}, typed {}/{}/{}", s.pair_hits, s.pred_pairs, s.gold_pairs, s.typed_hits, s.pred_typed, s.gold_typed);
        }
        out
    }
}
