//! Candidates: every pair of entities named in one sentence, with what the scorer reads
//! of it.
//!
//! Owns the features of a pair (`scorer::Features`): the frames that put the two in
//! their slots, the cue words around them, distance, lists, clauses, prepositions,
//! and the constructions that related them. Decides nothing.

use super::clauses::SentenceView;
use super::frames::{FrameMatch, Frames};
use super::mentions::Target;
use super::resolution::{Draft, Resolved};
use super::scorer::{distance_bucket, Config, Features, FrameEvidence, Shared};
use crate::model::{EntityType, Predicate};
use rustc_hash::FxHashMap;

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
    /// Entity → the entity of its gazetteer country.
    placed: FxHashMap<usize, usize>,
    /// Per entity, its own id and its gazetteer country's id, as keys of one table: whether
    /// one is at home in another needs no mention of the state.
    own: Vec<u32>,
    home: Vec<Option<u32>>,
}

impl DocumentCounts {
    /// The counts of the resolved mentions of a document (in sentence order).
    pub fn new(resolved: &[Resolved], drafts: &[Draft]) -> DocumentCounts {
        let mut counts = DocumentCounts::default();
        let by_id: FxHashMap<&str, usize> = drafts.iter().enumerate().map(|(i, d)| (d.id.as_str(), i)).collect();
        for (i, d) in drafts.iter().enumerate() {
            if let Some(&country) = d.country.as_deref().and_then(|c| by_id.get(c)) {
                counts.placed.insert(i, country);
            }
        }
        let mut keys: FxHashMap<&str, u32> = FxHashMap::default();
        for id in drafts.iter().flat_map(|d| std::iter::once(d.id.as_str()).chain(d.country.as_deref())) {
            let next = u32::try_from(keys.len()).unwrap_or(u32::MAX);
            keys.entry(id).or_insert(next);
        }
        counts.own = drafts.iter().map(|d| keys[d.id.as_str()]).collect();
        counts.home = drafts.iter().map(|d| d.country.as_deref().map(|c| keys[c])).collect();
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
        self.placed.get(&a) == Some(&b)
    }

    /// Entity `a` is the gazetteer's of state `b`, or of the state that holds `b` ("Putin"
    /// and Russia or Moscow), whether or not the document names the state.
    fn at_home(&self, a: usize, b: usize) -> bool {
        self.home[a].is_some_and(|state| state == self.own[b] || self.home[b] == Some(state))
    }

    fn frequent(&self, entity: usize) -> bool {
        self.mentions.get(&entity).is_some_and(|&n| n >= 4)
    }
}

/// The candidate pairs of the sentence of `view`, given its frame matches and the
/// relations the constructions found in it (subject and object positions, predicate).
pub fn candidates(frames: &Frames, view: &SentenceView, matches: &[FrameMatch], constructions: &[(usize, usize, Predicate)], headline: bool, counts: &DocumentCounts) -> Vec<Candidate> {
    let n = view.mentions.len();
    if n < 2 {
        return Vec::new();
    }
    let finder = view.finder;
    // Where each frame's cue stands, and the predicates cued in the sentence.
    let mut cues_in_sentence = 0;
    let cue_at: Vec<(usize, u32)> = matches.iter().map(|m| (m.cue, bit(frames.frames[m.frame as usize].predicate))).collect();
    for &(_, b) in &cue_at {
        cues_in_sentence |= b;
    }
    let mention = |m: usize| &view.resolved[view.mentions[m]];
    let bare_adjective = |m: usize| {
        let r = mention(m);
        matches!(r.mention.target, Target::Adjective(_)) && !finder.is_actor_noun_after(r.mention.last)
    };
    let reference = |m: usize| mention(m).referring;
    // An elided share's reference ("Novatek controls 60%") is a pair only where a frame reads
    // it, and no mention the sentence counts.
    let share: Vec<bool> = (0..n).map(|m| view.is_share_reference(m)).collect();
    let counted = |from: usize, to: usize| (from..to).filter(|&m| !share[m]).count();
    let named = counted(0, n);
    // "Fund (RDIF)": the name in brackets is its head's, not a pair of its own; "Khasan
    // (Russia)" names another entity.
    let bracketed = |m: usize| view.head[m] != m && !matches!(mention(m).mention.target, Target::Adjective(_)) && mention(view.head[m]).entity == mention(m).entity;
    // "a KIC spokesman told Infrastructure Investor": the audience of what is said is no party
    // (`lexicon/audience_verbs.txt`).
    let addressed = |m: usize| {
        let first = mention(m).mention.first;
        first > view.tokens.start && finder.lex.audience_verbs.contains(finder.lower(first - 1))
    };
    // Nor is the outlet that reports it, whatever frames say ("…, Nikkei reported on
    // Tuesday", "according to Reuters, India's …"): an organisation right before "reported"
    // or right after "according to".
    let reporting = |m: usize| {
        let r = mention(m);
        let (first, last) = (r.mention.first, r.mention.last);
        let reports = last < view.tokens.end && matches!(finder.lower(last), "reported" | "reports" | "reporting");
        let according = first >= view.tokens.start + 2 && finder.lower(first - 2) == "according" && finder.lower(first - 1) == "to";
        r.class == EntityType::Organization && (reports || according)
    };
    // The words between the two mentions of a pair.
    let gap = |a: usize, b: usize| {
        let (ra, rb) = (mention(a), mention(b));
        (ra.mention.last, rb.mention.first.max(ra.mention.last))
    };
    // ("Putin met President Khurelsukh during his visit to Russia": no one visits or meets
    // the state the gazetteer makes theirs, or a place in it; `drop_meetings_at_home` holds
    // the same for relations without a frame.)
    let own_state = |m: &FrameMatch| {
        let (s, o) = (mention(m.subject), mention(m.object));
        frames.frames[m.frame as usize].predicate == Predicate::MeetsWith
            && s.class == EntityType::Person
            && matches!(o.class, EntityType::Country | EntityType::Place)
            && counts.at_home(s.entity, o.entity)
    };
    // The frames a pair is judged by: those of no one at home, and the visit of one at home
    // as the other one's, the person they meet ("Putin met President Khurelsukh during his
    // visit to Russia": Khurelsukh visits Russia).
    let mut judged: Vec<FrameMatch> = matches.iter().filter(|m| !own_state(m)).copied().collect();
    let visitors = matches.iter().filter(|m| own_state(m)).filter_map(|m| {
        let state = mention(m.object).entity;
        let host = m.subject;
        let guest = matches.iter().filter(|n| frames.frames[n.frame as usize].predicate == Predicate::MeetsWith).find_map(|n| {
            let other = if n.subject == host {
                n.object
            } else if n.object == host {
                n.subject
            } else {
                return None;
            };
            (mention(other).class == EntityType::Person && !counts.at_home(mention(other).entity, state)).then_some(other)
        })?;
        Some(FrameMatch { subject: guest, ..*m })
    });
    judged.extend(visitors);
    let frames_of = |a: usize, b: usize| {
        judged.iter().filter(move |m| (m.subject == a && m.object == b) || (m.subject == b && m.object == a)).map(move |m| FrameEvidence {
            predicate: frames.frames[m.frame as usize].predicate,
            forward: m.subject == a,
            config: Config { pos: frames.frames[m.frame as usize].pos, subject: m.subject_slot, object: m.object_slot, passive: m.passive },
        })
    };
    let constructions_of = |a: usize, b: usize| constructions.iter().filter(move |(s, o, _)| (*s == a && *o == b) || (*s == b && *o == a)).map(move |&(s, _, p)| (p, s == a));
    // Every mention pair, with what ranks it among the pairs of its two entities: one
    // with frame or construction evidence first, then the closest (then the earliest).
    let mut pairs: Vec<PairRank> = Vec::with_capacity(n * (n - 1) / 2);
    for a in 0..n {
        for b in a + 1..n {
            let (ra, rb) = (mention(a), mention(b));
            if ra.entity == rb.entity || bracketed(a) || bracketed(b) || reporting(a) || reporting(b) {
                continue;
            }
            let (gap_start, gap_end) = gap(a, b);
            let evidence = frames_of(a, b).next().is_some() || constructions_of(a, b).next().is_some();
            if !evidence && (addressed(a) || addressed(b) || share[a] || share[b]) {
                continue;
            }
            let entities = (ra.entity.min(rb.entity), ra.entity.max(rb.entity));
            pairs.push(PairRank { entities, no_evidence: !evidence, distance: distance_bucket(gap_end - gap_start), first: a, second: b });
        }
    }
    pairs.sort_by_key(|p| (p.entities, p.no_evidence, p.distance));
    // The preposition governing each mention (0 for none), found when first asked.
    let mut preps: Vec<Option<u8>> = vec![None; n];
    let mut preposition = |m: usize| *preps[m].get_or_insert_with(|| view.preposition_before(m).map_or(0, |p| p + 1));
    let mut out = Vec::with_capacity(pairs.len());
    for group in pairs.chunk_by(|x, y| x.entities == y.entities) {
        let kept = &group[0];
        // Names sixteen words or more apart are a pair only when a frame or construction relates them.
        if kept.distance >= FAR && kept.no_evidence {
            continue;
        }
        let (a, b) = (kept.first, kept.second);
        let (ra, rb) = (mention(a), mention(b));
        let (gap_start, gap_end) = gap(a, b);
        let mut shared = Vec::with_capacity(16);
        shared.push(match counted(a + 1, b) {
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
        shared.push(match named {
            0..=2 => Shared::SentenceMentions2,
            3 => Shared::SentenceMentions3,
            4..=5 => Shared::SentenceMentions5,
            6..=8 => Shared::SentenceMentions8,
            _ => Shared::SentenceMentionsMore,
        });
        if counted(0, a) == 0 {
            shared.push(Shared::FirstOfSentence);
        }
        if ra.class == rb.class {
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
        if adjective && rb.class == EntityType::Commodity && rb.mention.first <= ra.mention.last + 2 {
            shared.push(Shared::AdjectiveOfCommodity);
        }
        let cues_between = cue_at.iter().filter(|(k, _)| gap_start <= *k && *k < gap_end).fold(0, |all, (_, b)| all | b);
        let mut features = Features {
            kinds: [Some(ra.class), Some(rb.class)],
            shared,
            distance: kept.distance,
            prepositions: [preposition(a), preposition(b)],
            frames: frames_of(a, b).collect(),
            cues_between,
            cues_in_sentence,
            constructions: constructions_of(a, b).collect(),
            placed: [counts.placed_in(ra.entity, rb.entity), counts.placed_in(rb.entity, ra.entity)],
        };
        // The frames and constructions of the other mention pairs of the two, turned to its order.
        for other in &group[1..] {
            let same_order = mention(other.first).entity == ra.entity;
            for mut f in frames_of(other.first, other.second) {
                f.forward ^= !same_order;
                if !features.frames.contains(&f) {
                    features.frames.push(f);
                }
            }
            for (p, forward) in constructions_of(other.first, other.second) {
                let construction = (p, forward ^ !same_order);
                if !features.constructions.contains(&construction) {
                    features.constructions.push(construction);
                }
            }
        }
        out.push(Candidate { first: a, second: b, features });
    }
    out.sort_by_key(|c| (c.first, c.second));
    out
}

/// A mention pair of a sentence as `candidates` ranks it among the pairs of its two entities.
struct PairRank {
    /// The two entities, the smaller first.
    entities: (usize, usize),
    no_evidence: bool,
    /// `distance_bucket` of the words between the two.
    distance: u8,
    first: usize,
    second: usize,
}

/// The first distance bucket (`scorer::DISTANCES`: 16–25 words) at which a pair needs
/// evidence: without a frame or construction, so far apart, few pairs are related (in the annotated
/// articles, 19 of 168 were; the scorer had found 5 of them and 11 that were not).
const FAR: u8 = 6;
