//! Extract: one document in, its entities and relations out.
//!
//! Wires the stages a document passes through, in order: sentences → mentions
//! (`mentions`, `agreements`) → entities (`resolution`) → definite descriptions and "its"
//! as mentions of them (`coreference`) → per sentence, the frames whose
//! cues and slots it holds (`frames`) and the fixed constructions (`constructions`) →
//! every pair of entities in a sentence with its features (`candidates`) → the scorer's
//! decision (`scorer`) → relations with their attributes (`attributes`) → the sorted
//! `Extraction`. Pure: no I/O (the `Lexicon` is loaded once by the caller), never fails
//! on odd text.

mod agreements;
mod attributes;
mod candidates;
mod clauses;
mod constructions;
mod coreference;
pub mod frames;
pub mod lexicon;
pub mod mentions;
mod resolution;
pub mod scorer;
mod signatures;

use crate::corpus::Document;
use crate::model::{Entity, EntityType, Evidence, Extraction, Predicate, Relation, Status};
use attributes::{CueCache, Facts, Found};
use clauses::SentenceView;
use mentions::{Finder, Lowered};
use resolution::{clean_label, Draft, Resolved};
use rustc_hash::FxHashMap;
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
        self.run(doc, None)
    }

    /// The document's entities (every one found, related or not) and its candidate pairs
    /// with their features, undecided: what `newsgraph train` learns from.
    pub fn candidates(&self, doc: &Document) -> (Vec<Entity>, Vec<PairFeatures>) {
        let mut pairs = Vec::new();
        let extraction = self.run(doc, Some(&mut pairs));
        (extraction.entities, pairs)
    }

    /// Extracts one document; with `training`, collects the candidate pairs there instead
    /// of deciding them, and keeps every entity.
    fn run(&self, doc: &Document, mut training: Option<&mut Vec<PairFeatures>>) -> Extraction {
        let body = doc.body.as_str();
        let lex = &self.lexicon;
        let text = lex.splitter.split(body);
        let lowered = Lowered::new(body, &text);
        let finder = Finder::new(lex, body, &text, &lowered);
        let resolution = self.resolve_document(&finder, &text);
        let (mut drafts, mut draft_index, mut resolved) = (resolution.drafts, resolution.index, resolution.resolved);
        coreference::refer(&lex.descriptions, &finder, &text, &drafts, &mut resolved);
        resolution::merge_names_given(&finder, &mut drafts, &mut resolved);
        let pairs = self.pair_adjectives(&finder, &text, &resolved, &mut drafts, &mut draft_index);
        let state_pairs = self.state_pairs(&finder, &text, &resolved, &mut drafts, &mut draft_index);
        let named_states = self.named_states(&finder, &resolved, &mut drafts, &mut draft_index);
        let named_places = self.named_places(&finder, &resolved, &mut drafts, &mut draft_index);
        let cues = CueCache(vec![OnceCell::new(); text.sentences.len()]);
        // The constructions' relations, made as they are and shown to the scorer by sentence.
        let mut relations = self.constructions(&finder, &text, &resolved, &drafts, &cues);
        let mut by_construction: FxHashMap<usize, Vec<&Found>> = FxHashMap::default();
        for r in &relations {
            by_construction.entry(r.start).or_default().push(r);
        }
        let counts = candidates::DocumentCounts::new(&resolved, &drafts);
        let mut decided = Vec::new();
        let mut matches = Vec::new();
        let (mut scores, mut classes) = (Vec::new(), Vec::new());
        let mut run_start = 0;
        while run_start < resolved.len() {
            let si = resolved[run_start].sentence;
            let run_end = run_start + resolved[run_start..].iter().take_while(|r| r.sentence == si).count();
            let sentence = &text.sentences[si];
            // A view holds at most the sentence's resolved mentions: one alone is no pair.
            if run_end - run_start < 2 {
                run_start = run_end;
                continue;
            }
            let view = SentenceView::new(&finder, sentence.tokens.clone(), &resolved, run_start..run_end);
            run_start = run_end;
            if view.mentions.len() < 2 {
                continue;
            }
            matches.clear();
            lex.frames.matches(&view, &mut matches);
            let id_of = |m: usize| drafts[resolved[view.mentions[m]].entity].id.as_str();
            let mut constructions: Vec<(usize, usize, Predicate)> = Vec::new();
            for r in by_construction.get(&sentence.start).into_iter().flatten() {
                let (subject, object) = (drafts[r.subject].id.as_str(), drafts[r.object].id.as_str());
                for s in (0..view.mentions.len()).filter(|&m| id_of(m) == subject) {
                    constructions.extend((0..view.mentions.len()).filter(|&m| id_of(m) == object).map(|o| (s, o, r.predicate)));
                }
            }
            let last = sentence.tokens.end - 1;
            let headline = !matches!(finder.lower(last), "." | "!" | "?" | "\"" | "”" | ":" | "'");
            for c in candidates::candidates(&lex.frames, &view, &matches, &constructions, headline, &counts) {
                let (a, b) = (&resolved[view.mentions[c.first]], &resolved[view.mentions[c.second]]);
                if let Some(training) = training.as_deref_mut() {
                    let (first, second) = (drafts[a.entity].id.clone(), drafts[b.entity].id.clone());
                    training.push(PairFeatures { first, second, sentence: (sentence.start, sentence.end), features: c.features });
                    continue;
                }
                lex.scorer.decide(&c.features, &mut scores, &mut classes);
                for &(class, p) in &classes {
                    let (s, o): (&Resolved, &Resolved) = if class.forward { (a, b) } else { (b, a) };
                    if !lex.signatures.allows(class.predicate, s.class, o.class) {
                        continue;
                    }
                    // The frame that agreed names the relation's rule.
                    // (by entity: the candidate holds the frames of every mention pair of its two entities).
                    let entity = |p: usize| resolved[view.mentions[p]].entity;
                    let frame = matches.iter().find(|m| {
                        let (ms, mo) = (entity(m.subject), entity(m.object));
                        let forward = ms == a.entity && mo == b.entity;
                        let backward = ms == b.entity && mo == a.entity;
                        lex.frames.frames[m.frame as usize].predicate == class.predicate && (forward || backward) && (forward == class.forward || class.predicate.is_symmetric())
                    });
                    if frame.is_none() && p < lex.scorer.unframed_floor(class.predicate, &c.features) {
                        continue;
                    }
                    let rule = frame.map_or("scorer", |m| lex.frames.frames[m.frame as usize].id.as_str());
                    // "is building": the frame's verb says the undertaking is underway.
                    let status = frame.filter(|m| m.progressive && class.predicate.has_stages()).map(|_| Status::Underway);
                    let facts = Facts { predicate: class.predicate, confidence: p, status, rule };
                    // (The span reaches the frame's cue: "Japan and Russia have never signed a
                    // peace treaty" is negated by the word before "signed".)
                    let span = (a.mention.first.min(b.mention.first), a.mention.last.max(b.mention.last));
                    let span = frame.map_or(span, |m| (span.0.min(m.cue), span.1.max(m.cue + 1)));
                    decided.extend(self.relation(&finder, &text, si, span, s, o, facts, &cues));
                }
            }
        }
        constructions::drop_roles_in_other_states(&drafts, &relations, &mut decided);
        constructions::drop_roles_in_other_firms(&drafts, &mut decided);
        constructions::drop_meetings_at_home(&drafts, &mut decided);
        constructions::drop_places_of_others(&drafts, &mut decided);
        relations.append(&mut decided);
        relations.extend(constructions::roles_in_organs(&drafts, &relations));
        relations.extend(pairs.into_iter().filter_map(|(si, a, b)| {
            let facts = self.named_facts(Predicate::CooperatesWith, 0.75, "pair-adjective");
            self.relation(&finder, &text, si, (a.mention.first, a.mention.last + 1), &a, &b, facts, &cues)
        }));
        relations.extend(state_pairs.into_iter().filter_map(|(si, side, target, predicate)| {
            let undertaking = &resolved[target];
            let facts = self.named_facts(predicate, 0.7, "state-pair");
            let span = (side.mention.first.min(undertaking.mention.first), side.mention.last.max(undertaking.mention.last));
            match predicate {
                // The project is located in the place, the state takes part in the undertaking.
                Predicate::LocatedIn => self.relation(&finder, &text, si, span, undertaking, &side, facts, &cues),
                _ => self.relation(&finder, &text, si, span, &side, undertaking, facts, &cues),
            }
        }));
        relations.extend(named_states.into_iter().filter_map(|(si, state, target)| {
            let place = &resolved[target];
            let facts = self.named_facts(Predicate::LocatedIn, 0.7, "state-name");
            self.relation(&finder, &text, si, (state.mention.first, place.mention.last), place, &state, facts, &cues)
        }));
        relations.extend(named_places.into_iter().filter_map(|(si, place, target)| {
            let named = &resolved[target];
            let facts = self.named_facts(Predicate::LocatedIn, 0.7, "place-name");
            self.relation(&finder, &text, si, (named.mention.first, named.mention.last), named, &place, facts, &cues)
        }));
        finish(body, drafts, relations, doc.publisher.as_deref(), training.is_some())
    }
}

/// A candidate pair as `newsgraph train` sees it: the entity ids of its earlier and later
/// mention, its sentence's byte span, and its features.
#[derive(Debug, Clone)]
pub struct PairFeatures {
    pub first: String,
    pub second: String,
    pub sentence: (usize, usize),
    pub features: scorer::Features,
}

/// Builds the sorted `Extraction`: entities used, commodities only in relations (`all`:
/// every entity found), not the outlet that published the document ("… told Andes Trade
/// Monitor" in its own pages). Relations are sorted and deduplicated as found, then
/// written out.
fn finish(body: &str, drafts: Vec<Draft>, mut found: Vec<Found>, publisher: Option<&str>, all: bool) -> Extraction {
    // ("The Andes Trade Monitor" is the outlet "Andes Trade Monitor".)
    let bare = |name: &str| {
        let lower = name.trim().to_lowercase();
        lower.strip_prefix("the ").map(str::to_string).unwrap_or(lower)
    };
    let outlet = publisher.map(bare);
    let is_outlet: Vec<bool> = drafts.iter().map(|d| outlet.as_ref().is_some_and(|o| bare(&d.label) == *o || d.surfaces.iter().any(|s| bare(s) == *o))).collect();
    found.retain(|f| !is_outlet[f.subject] && !is_outlet[f.object]);
    // Each draft's rank among the ids (equal ids, equal ranks): comparing ranks is comparing ids.
    let mut order: Vec<usize> = (0..drafts.len()).collect();
    order.sort_unstable_by(|&a, &b| drafts[a].id.cmp(&drafts[b].id));
    let mut rank = vec![0u32; drafts.len()];
    for n in 1..order.len() {
        let step = u32::from(drafts[order[n - 1]].id != drafts[order[n]].id);
        rank[order[n]] = rank[order[n - 1]] + step;
    }
    // Among duplicates, keep the one with a status, then the most confident, then by rule.
    let key = |r: &Found<'_>| (r.start, rank[r.subject], r.predicate, rank[r.object], r.status.is_none(), -((r.confidence * 100.0) as i32));
    found.sort_by(|a, b| key(a).cmp(&key(b)).then_with(|| a.rule.cmp(b.rule)));
    found.dedup_by(|a, b| rank[a.subject] == rank[b.subject] && a.predicate == b.predicate && rank[a.object] == rank[b.object] && a.start == b.start);
    // Two drafts that share an id are one entity: a relation between them relates nothing.
    found.retain(|f| rank[f.subject] != rank[f.object]);
    let relations: Vec<Relation> = found
        .into_iter()
        .map(|f| Relation {
            subject: drafts[f.subject].id.clone(),
            predicate: f.predicate,
            object: drafts[f.object].id.clone(),
            evidence: Evidence { start: f.start, end: f.end, text: body[f.start..f.end].to_string() },
            confidence: f.confidence,
            year: f.year,
            amount: f.amount,
            status: f.status,
            negated: f.negated,
            rule: f.rule.to_string(),
        })
        .collect();
    let in_relation: BTreeSet<&str> = relations.iter().flat_map(|r| [r.subject.as_str(), r.object.as_str()]).collect();
    let mut entities: BTreeMap<String, Entity> = BTreeMap::new();
    for (d, outlet) in drafts.into_iter().zip(is_outlet) {
        if outlet {
            continue;
        }
        if d.surfaces.is_empty() && !in_relation.contains(d.id.as_str()) && !all {
            continue;
        }
        if d.class == EntityType::Commodity && !in_relation.contains(d.id.as_str()) && !all {
            continue;
        }
        let entity = entities.entry(d.id.clone()).or_insert_with(|| Entity { id: d.id.clone(), label: d.label.clone(), class: d.class, aliases: Vec::new(), wikidata: d.wikidata.clone() });
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Format, Reader};
    use std::path::Path;
    use std::sync::OnceLock;

    fn extractor() -> &'static Extractor {
        static EXTRACTOR: OnceLock<Extractor> = OnceLock::new();
        EXTRACTOR.get_or_init(|| Extractor::new(Lexicon::load_untrained(&Path::new(env!("CARGO_MANIFEST_DIR")).join("ontology")).unwrap()))
    }

    /// The extractor with the scorer's weights too (`extractor()` leaves them out).
    fn trained_extractor() -> &'static Extractor {
        static TRAINED: OnceLock<Extractor> = OnceLock::new();
        TRAINED.get_or_init(|| Extractor::new(Lexicon::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("ontology")).unwrap()))
    }

    /// The frames matched in `text`, as "predicate subject → object (slot/slot[/passive])".
    pub(crate) fn frames_in(text: &str) -> Vec<String> {
        let ex = extractor();
        let lex = &ex.lexicon;
        let doc = Reader::default().parse(Path::new("case.txt"), "case.txt", Format::Text, text.as_bytes()).unwrap();
        let body = doc.body.as_str();
        let parsed = lex.splitter.split(body);
        let lowered = Lowered::new(body, &parsed);
        let finder = Finder::new(lex, body, &parsed, &lowered);
        let mut resolution = ex.resolve_document(&finder, &parsed);
        coreference::refer(&lex.descriptions, &finder, &parsed, &resolution.drafts, &mut resolution.resolved);
        let mut out = Vec::new();
        for (si, sentence) in parsed.sentences.iter().enumerate() {
            let run_start = resolution.resolved.iter().position(|r| r.sentence == si).unwrap_or(0);
            let run_end = run_start + resolution.resolved[run_start..].iter().take_while(|r| r.sentence == si).count();
            let view = SentenceView::new(&finder, sentence.tokens.clone(), &resolution.resolved, run_start..run_end);
            let mut matches = Vec::new();
            lex.frames.matches(&view, &mut matches);
            for m in matches {
                let label = |p: usize| resolution.drafts[resolution.resolved[view.mentions[p]].entity].label.clone();
                let f = &lex.frames.frames[m.frame as usize];
                out.push(format!("{} {} → {} ({}/{}{})", f.predicate, label(m.subject), label(m.object), m.subject_slot.as_str(), m.object_slot.as_str(), if m.passive { "/passive" } else { "" }));
            }
        }
        out
    }

    #[test]
    fn route_projects_with_the_same_ends_and_head_are_one_unless_a_good_differs() {
        let projects = |text: &str| {
            let doc = Reader::default().parse(Path::new("case.txt"), "case.txt", Format::Text, text.as_bytes()).unwrap();
            trained_extractor().extract(&doc).entities.into_iter().filter(|e| e.class == EntityType::Project).map(|e| e.label).collect::<Vec<_>>()
        };
        assert_eq!(projects("They plan a railway corridor from Busan to Europe. The transport corridor from Busan to Europe would pass Russia."), ["Busan–Europe railway corridor"]);
        assert_eq!(projects("Russia built a gas pipeline from Siberia to China. A new oil pipeline from Siberia to China opened too."), ["Siberia–China gas pipeline", "Siberia–China oil pipeline"]);
    }

    #[test]
    fn a_sentence_opening_with_a_lowercase_good_after_a_heading_reads() {
        // The good's designation looked one token before the sentence (a panic, once).
        let doc = Reader::default().parse(Path::new("case.txt"), "case.txt", Format::Text, b"Analysis\nweapons shipments rose.\n").unwrap();
        let found = extractor().extract(&doc);
        assert!(found.entities.iter().all(|e| e.label != "Analysis weapons"), "{:?}", found.entities);
    }

    #[test]
    fn an_acronym_the_text_spells_out_as_another_name_is_not_the_known_one() {
        let doc = Reader::default()
            .parse(Path::new("case.txt"), "case.txt", Format::Text, "A ruling by the International Chamber of Commerce (ICC) ordered Turkey to pay. The ICC sits in Paris.".as_bytes())
            .unwrap();
        let found = trained_extractor().extract(&doc);
        let icc: Vec<_> = found.entities.iter().filter(|e| e.aliases.iter().any(|a| a == "ICC")).collect();
        assert_eq!(icc.len(), 1, "{:?}", found.entities);
        assert_eq!((icc[0].label.as_str(), icc[0].id.as_str()), ("International Chamber of Commerce", "organization/international_chamber_of_commerce"));
        // A known body whose label is its acronym stays itself, however the text spells it out.
        let doc = Reader::default().parse(Path::new("case.txt"), "case.txt", Format::Text, "The US Agency for International Development (USAID) funded it.".as_bytes()).unwrap();
        let found = trained_extractor().extract(&doc);
        assert!(found.entities.iter().any(|e| e.id == "organization/usaid"), "{:?}", found.entities);
    }

    #[test]
    fn one_frame_reads_every_form_of_its_cue() {
        let has = |text: &str, wanted: &str| {
            let found = frames_in(text);
            assert!(found.iter().any(|f| f.starts_with(wanted)), "{text}\n  wanted {wanted}\n  found {found:?}");
        };
        // Active, passive (with and without "be"), nominal with a possessor or "by", relative clause.
        has("Norvik Group invested in the Baltic Ferry Terminal.", "investsIn Norvik Group → Baltic Ferry Terminal (subj/prep)");
        has("The Baltic Ferry Terminal was built by Norvik Group.", "builds Norvik Group → Baltic Ferry Terminal (subj/dobj/passive)");
        has("The Baltic Ferry Terminal, built by Norvik Group, opened.", "builds Norvik Group → Baltic Ferry Terminal (subj/dobj/passive)");
        has("Norvik Group's investment in the Baltic Ferry Terminal grew.", "investsIn Norvik Group → Baltic Ferry Terminal (poss/prep)");
        has("The investment by Norvik Group in the Baltic Ferry Terminal grew.", "investsIn Norvik Group → Baltic Ferry Terminal (prep/prep)");
        has("Calder Holdings, which operates the Baltic Ferry Terminal, grew.", "builds Calder Holdings → Baltic Ferry Terminal (subj/dobj)");
        // Agent nouns in apposition and after a copula; titles.
        has("Norvik Group, the main investor in the Baltic Ferry Terminal, grew.", "investsIn Norvik Group → Baltic Ferry Terminal (appos/prep)");
        has("Chile is a close ally of Peru.", "alliedWith Chile → Peru (appos/prep)");
        has("Anna Kim, chief executive of Calder Holdings, resigned.", "holdsRole Anna Kim → Calder Holdings (appos/prep)");
        // Coordination: a symmetric cue relates its subjects; lists share a role.
        has("Chile and Peru signed a trade agreement.", "cooperatesWith Chile → Peru (coord/coord)");
        has("Chile and Peru joined the Pacific Alliance.", "memberOf Peru → Pacific Alliance (subj/dobj)");
        has("Talks between Chile and Peru resumed.", "meetsWith Chile → Peru (between/between)");
        // A verb's object is not the subject of a phrase after it, except in apposition or
        // before a gerund.
        has("Anna Kim visited Lima for talks with Pedro Castillo.", "meetsWith Anna Kim → Pedro Castillo (subj/prep)");
        has("Anna Kim formed Calder Holdings, a joint venture with Norvik Group.", "cooperatesWith Calder Holdings → Norvik Group (subj/prep)");
        has("Anna Kim praised Chile for supporting Peru.", "cooperatesWith Chile → Peru (subj/dobj)");
        // Inversion: the importer is the supplier's object.
        has("Chile imports copper from Peru.", "supplies Peru → Chile (prep/subj)");
    }

    #[test]
    fn a_verb_between_two_names_joins_no_list() {
        // "exports" is no modifier of "copper": Chile is not coordinated with Peru.
        let found = frames_in("Chile exports copper and Peru signed a trade agreement.");
        assert!(!found.iter().any(|f| f.starts_with("cooperatesWith Chile → Peru")), "{found:?}");
        // A modifier after "and" still joins: "Gazprom and Korean KOGAS".
        let found = frames_in("Chile and Andean Peru signed a trade agreement.");
        assert!(found.iter().any(|f| f.starts_with("cooperatesWith Chile → Peru (coord/coord)")), "{found:?}");
    }
}
