//! Extract: one document in, its entities and relations out.
//!
//! Wires the stages a document passes through, in order: sentences → mentions
//! (`mentions`, `agreements`) → entities (`resolution`) → relations (`rules`) with their
//! attributes (`attributes`) → the sorted `Extraction`. Pure: no I/O (the `Lexicon` is
//! loaded once by the caller), never fails on odd text.

mod agreements;
mod attributes;
pub mod lexicon;
pub mod mentions;
pub mod patterns;
mod resolution;
mod rules;

use crate::corpus::Document;
use crate::model::{Entity, EntityType, Extraction, Predicate, Relation};
use attributes::CueCache;
use mentions::{Finder, Lowered};
use resolution::{clean_label, Draft};
use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet};

pub use lexicon::Lexicon;

/// Runs the extractors over documents with one loaded lexicon.
pub struct Extractor {
    pub lexicon: Lexicon,
}

impl Extractor {
    pub fn new(lexicon: Lexicon) -> Self {
        Extractor { lexicon }
    }

    /// Extracts entities and relations from one document.
    pub fn extract(&self, doc: &Document) -> Extraction {
        let body = doc.body.as_str();
        let text = self.lexicon.splitter.split(body);
        let lowered = Lowered::new(body, &text);
        let finder = Finder::new(&self.lexicon, body, &text, &lowered);
        let resolution = self.resolve_document(&finder, &text);
        let (mut drafts, mut draft_index, resolved) = (resolution.drafts, resolution.index, resolution.resolved);
        let pairs = self.pair_adjectives(&finder, &text, &mut drafts, &mut draft_index);
        let cues = CueCache(vec![OnceCell::new(); text.sentences.len()]);
        let mut relations = self.relations(&finder, &text, &resolved, &drafts, &cues);
        relations.extend(pairs.into_iter().filter_map(|(si, a, b)| {
            let facts = self.named_facts(Predicate::CooperatesWith, 0.75, "pair-adjective");
            self.relation(&finder, &text, si, (a.mention.first, a.mention.last + 1), &a, &b, &drafts, facts, &cues)
        }));
        finish(drafts, relations)
    }
}

/// Builds the sorted `Extraction`: entities used, commodities only in relations.
fn finish(drafts: Vec<Draft>, mut relations: Vec<Relation>) -> Extraction {
    // Among duplicates, keep the one with a status, then the most confident, then by rule.
    fn key(r: &Relation) -> (usize, &str, Predicate, &str, bool, i32, &str) {
        (r.evidence.start, &r.subject, r.predicate, &r.object, r.status.is_none(), -((r.confidence * 100.0) as i32), &r.rule)
    }
    relations.sort_by(|a, b| key(a).cmp(&key(b)));
    relations.dedup_by(|a, b| a.subject == b.subject && a.predicate == b.predicate && a.object == b.object && a.evidence.start == b.evidence.start);
    let in_relation: BTreeSet<&str> = relations.iter().flat_map(|r| [r.subject.as_str(), r.object.as_str()]).collect();
    let mut entities: BTreeMap<String, Entity> = BTreeMap::new();
    for d in drafts {
        if d.surfaces.is_empty() && !in_relation.contains(d.id.as_str()) {
            continue;
        }
        if d.kind == EntityType::Commodity && !in_relation.contains(d.id.as_str()) {
            continue;
        }
        let entity = entities.entry(d.id.clone()).or_insert_with(|| Entity { id: d.id.clone(), label: d.label.clone(), kind: d.kind, aliases: Vec::new(), wikidata: d.wikidata.clone() });
        for s in d.surfaces {
            let s = clean_label(&s);
            if s != entity.label && !entity.aliases.contains(&s) {
                entity.aliases.push(s);
            }
        }
        entity.aliases.sort();
    }
    Extraction { entities: entities.into_values().collect(), relations }
}
