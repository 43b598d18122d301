//! Candidates: every pair of entities named in one sentence, with what the scorer reads
//! of it.
//!
//! Owns the features of a pair (`scorer::Features`): the frames that put the two in
//! their slots, the cue words around them, distance, lists, clauses, prepositions,
//! and the constructions that related them. Decides nothing.

use super::clauses::SentenceView;
use super::frames::{FrameMatch, Frames};
use super::resolution::{Draft, Resolved};
use rustc_hash::{FxHashMap, FxHashSet};
use super::mentions::Target;
use super::scorer::{distance_bucket, Config, FrameEvidence, Features, Shared};
use crate::model::{EntityType, Predicate};

/// One pair of mentions of a sentence (positions in the view; `first` before `second`)
/// and its features.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub first: usize,
    pub second: usize,
    pub features: Features,
}

/// The bit of `predicate` in `Features::cues_between` / `cues_in_sentence`.
fn bit(predicate: Predicate) -> u32 {
    1 << predicate as u32
}

/// What the document tells of its entities beyond one sentence: how often it names each
/// one and each pair in one sentence, and which of them the gazetteer places in another
/// ("Vladivostok" in "Russia").
#[derive(Debug, Default)]
pub struct DocumentCounts {
    mentions: FxHashMap<usize, u32>,
    together: FxHashMap<(usize, usize), u32>,
    /// (entity, the entity of its gazetteer country).
    placed: FxHashSet<(usize, usize)>,
}

impl DocumentCounts {
    /// The counts of the resolved mentions of a document (in sentence order).
    pub fn new(resolved: &[Resolved], drafts: &[Draft]) -> DocumentCounts {
        let mut counts = DocumentCounts::default();
        let by_id: FxHashMap<&str, usize> = drafts.iter().enumerate().map(|(i, d)| (d.id.as_str(), i)).collect();
        for (i, d) in drafts.iter().enumerate() {
            if let Some(&country) = d.country.as_deref().and_then(|c| by_id.get(c)) {
                counts.placed.insert((i, country));
            }
        }
        let mut sentence: Vec<usize> = Vec::new();
        let mut i = 0;
        while i < resolved.len() {
            let si = resolved[i].sentence;
            sentence.clear();
            while i < resolved.len() && resolved[i].sentence == si {
                *counts.mentions.entry(resolved[i].entity).or_default() += 1;
                sentence.push(resolved[i].entity);
                i += 1;
            }
            sentence.sort_unstable();
            sentence.dedup();
            for (n, &a) in sentence.iter().enumerate() {
                for &b in &sentence[n + 1..] {
                    *counts.together.entry((a, b)).or_default() += 1;
                }
            }
        }
        counts
    }

    fn together(&self, a: usize, b: usize) -> u32 {
        self.together.get(&(a.min(b), a.max(b))).copied().unwrap_or(0)
    }

    /// The gazetteer places entity `a` in entity `b`.
    fn placed_in(&self, a: usize, b: usize) -> bool {
        self.placed.contains(&(a, b))
    }

    fn frequent(&self, entity: usize) -> bool {
        self.mentions.get(&entity).is_some_and(|&n| n >= 4)
    }
}

/// The candidate pairs of the sentence of `view`, given its frame matches and the
/// relations the constructions found in it (subject and object positions, predicate).
pub fn candidates(frames: &Frames, view: &SentenceView, matches: &[FrameMatch], constructions: &[(usize, usize, Predicate)], headline: bool, counts: &DocumentCounts) -> Vec<Candidate> {
    let n = view.mentions.len();
    let mut out = Vec::new();
    if n < 2 {
        return out;
    }
    let finder = view.finder;
    // Where each frame's cue stands, and the predicates cued in the sentence.
    let mut cues_in_sentence = 0;
    let cue_at: Vec<(usize, u32)> = matches.iter().map(|m| (m.cue, bit(frames.frames[m.frame as usize].predicate))).collect();
    for &(_, b) in &cue_at {
        cues_in_sentence |= b;
    }
    let mention = |m: usize| &view.resolved[view.mentions[m]];
    let preps: Vec<u8> = (0..n).map(|m| view.preposition_before(m).map_or(0, |p| p + 1)).collect();
    let bare_adjective = |m: usize| {
        let r = mention(m);
        matches!(r.mention.target, Target::Adjective(_)) && !finder.is_actor_noun_after(r.mention.last)
    };
    let reference = |m: usize| mention(m).referring;
    // "Fund (RDIF)": the name in brackets is its head's, not a pair of its own; "Khasan
    // (Russia)" names another entity.
    let bracketed = |m: usize| view.head[m] != m && !matches!(mention(m).mention.target, Target::Adjective(_)) && mention(view.head[m]).entity == mention(m).entity;
    for a in 0..n {
        for b in a + 1..n {
            let (ra, rb) = (mention(a), mention(b));
            if ra.entity == rb.entity || bracketed(a) || bracketed(b) {
                continue;
            }
            let (gap_start, gap_end) = (ra.mention.last, rb.mention.first.max(ra.mention.last));
            let mut shared = Vec::with_capacity(8);
            shared.push(match b - a - 1 {
                0 => Shared::MentionsBetween0,
                1 => Shared::MentionsBetween1,
                2 => Shared::MentionsBetween2,
                _ => Shared::MentionsBetween3,
            });
            if view.list(a).contains(&b) {
                shared.push(Shared::SameList);
            }
            let clause = |k: usize| view.clause[k - view.tokens.start];
            if clause(ra.mention.first) != clause(rb.mention.first) {
                shared.push(Shared::ClauseBreak);
            }
            let words = || (gap_start..gap_end).map(|k| finder.lower(k));
            if gap_start == gap_end {
                shared.push(Shared::Adjacent);
            } else if words().all(|w| w == ",") {
                shared.push(Shared::CommaOnly);
            }
            if words().any(|w| matches!(w, "(" | ")")) {
                shared.push(Shared::OneAside);
            }
            if bare_adjective(a) {
                shared.push(Shared::BareAdjectiveFirst);
            }
            if bare_adjective(b) {
                shared.push(Shared::BareAdjectiveSecond);
            }
            if reference(a) {
                shared.push(Shared::ReferenceFirst);
            }
            if reference(b) {
                shared.push(Shared::ReferenceSecond);
            }
            if cues_in_sentence == 0 {
                shared.push(Shared::NoCueInSentence);
            }
            shared.push(match n {
                2 => Shared::SentenceMentions2,
                3 => Shared::SentenceMentions3,
                4..=5 => Shared::SentenceMentions5,
                6..=8 => Shared::SentenceMentions8,
                _ => Shared::SentenceMentionsMore,
            });
            if a == 0 {
                shared.push(Shared::FirstOfSentence);
            }
            if ra.kind == rb.kind {
                shared.push(Shared::SameType);
            }
            if headline {
                shared.push(Shared::Headline);
            }
            if view.head[a] == b {
                shared.push(Shared::Modifies);
            }
            shared.push(match counts.together(ra.entity, rb.entity) {
                0 | 1 => Shared::TogetherOnce,
                2 => Shared::TogetherTwice,
                _ => Shared::TogetherOften,
            });
            if counts.frequent(ra.entity) {
                shared.push(Shared::FrequentFirst);
            }
            if counts.frequent(rb.entity) {
                shared.push(Shared::FrequentSecond);
            }
            let adjective = matches!(ra.mention.target, Target::Adjective(_));
            if adjective && rb.kind == EntityType::Commodity && rb.mention.first <= ra.mention.last + 2 {
                shared.push(Shared::AdjectiveOfCommodity);
            }
            let cues_between = cue_at.iter().filter(|(k, _)| gap_start <= *k && *k < gap_end).fold(0, |all, (_, b)| all | b);
            let frames_here = matches
                .iter()
                .filter(|m| (m.subject == a && m.object == b) || (m.subject == b && m.object == a))
                .map(|m| FrameEvidence {
                    predicate: frames.frames[m.frame as usize].predicate,
                    forward: m.subject == a,
                    config: Config { pos: frames.frames[m.frame as usize].pos, subject: m.subject_slot, object: m.object_slot, passive: m.passive },
                })
                .collect();
            let constructions_here = constructions.iter().filter(|(s, o, _)| (*s == a && *o == b) || (*s == b && *o == a)).map(|&(s, _, p)| (p, s == a)).collect();
            out.push(Candidate {
                first: a,
                second: b,
                features: Features {
                    kinds: [Some(ra.kind), Some(rb.kind)],
                    shared,
                    distance: distance_bucket(gap_end - gap_start),
                    prepositions: [preps[a], preps[b]],
                    frames: frames_here,
                    cues_between,
                    cues_in_sentence,
                    constructions: constructions_here,
                    placed: [counts.placed_in(ra.entity, rb.entity), counts.placed_in(rb.entity, ra.entity)],
                },
            });
        }
    }
    let mut out = one_per_entity_pair(out, |m| mention(m).entity);
    // Names sixteen words or more apart are a pair only when a frame or construction relates them.
    out.retain(|c| c.features.distance < FAR || !c.features.frames.is_empty() || !c.features.constructions.is_empty());
    out
}

/// The first distance bucket (`scorer::DISTANCES`: 16–25 words) at which a pair needs
/// evidence: without a frame or construction, so far apart, few pairs are related (in the annotated
/// articles, 19 of 168 were; the scorer had found 5 of them and 11 that were not).
const FAR: u8 = 6;

/// One candidate per pair of entities: the mention pair with frame or construction evidence, else
/// the closest, holding the frames and constructions of all of them (turned to its order).
fn one_per_entity_pair(mut all: Vec<Candidate>, entity: impl Fn(usize) -> usize) -> Vec<Candidate> {
    let key = |c: &Candidate| {
        let (a, b) = (entity(c.first), entity(c.second));
        (a.min(b), a.max(b))
    };
    let rank = |c: &Candidate| (c.features.frames.is_empty() && c.features.constructions.is_empty(), c.features.distance);
    all.sort_by(|x, y| key(x).cmp(&key(y)).then(rank(x).cmp(&rank(y))));
    let mut out: Vec<Candidate> = Vec::with_capacity(all.len());
    for c in all {
        match out.last_mut() {
            Some(kept) if key(kept) == key(&c) => {
                let same_order = entity(kept.first) == entity(c.first);
                for mut f in c.features.frames {
                    f.forward ^= !same_order;
                    if !kept.features.frames.contains(&f) {
                        kept.features.frames.push(f);
                    }
                }
                for (p, forward) in c.features.constructions {
                    let construction = (p, forward ^ !same_order);
                    if !kept.features.constructions.contains(&construction) {
                        kept.features.constructions.push(construction);
                    }
                }
            }
            _ => out.push(c),
        }
    }
    out.sort_by_key(|c| (c.first, c.second));
    out
}
