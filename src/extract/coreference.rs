//! Coreference: definite descriptions and "its" as mentions of entities named before.
//!
//! Owns "the company", "the plant", "the ministry" (`ontology/lexicon/descriptions.csv`):
//! each refers to the nearest entity of the noun's class named in this sentence before it
//! or in the three sentences before, preferring one whose name holds the noun ("the
//! plant" → "Nakhodka fertilizer plant"), else to the only entity named anywhere before whose
//! name holds it, and, after a state's adjective, one of that state ("the South
//! Korean shipbuilder" is not Sovcomflot; past a region's adjective no name stands for, "the
//! Central Asian country", any); and "its" → the nearest company, organisation or
//! state before it (a description of a company before it in the sentence counts: "the
//! South Korean conglomerate as its late founder"); "it" after a verb of saying ("Hyundai said it had won") → the company,
//! organisation or state that speaks; "it" as a clause's subject ("Months later it formed
//! …", "In Uzbekistan, it is building …") → the company, organisation or state that is the
//! subject here (named first in this sentence, no preposition before it) or in the nearest
//! sentence before that names one; "it" as the subject of an
//! object's relative clause ("the corridor, which it is building") → the one company,
//! organisation or state named before it in the sentence; "the Company" capitalised, a
//! press release's defined term, → the first company named; "the two firms", "both sides", "all three leaders" → the two (three) nearest
//! different entities of the class (`lexicon/pair_descriptions.csv`; "the two countries", unless
//! the nearest two are coordinated by "and" just before: the two states the document has named
//! most so far), as two (three) mentions that
//! `clauses.rs` coordinates; and a share held with nothing named after it ("Novatek controls
//! 60%", "COSCO holds a 49% stake") → the project named most so far among those in the window,
//! a reference the share frames read as their object and nothing else pairs with. The new mentions join the resolved ones, so frames and candidates see
//! them like names; each keeps its own words as its span, so evidence stays exact.

use super::lexicon::{fold, read_csv, read_list, WordKinds};
use super::mentions::{Finder, Mention, Target};
use super::resolution::{Draft, Resolved};
use crate::model::EntityType;
use crate::text::{Text, TokenKind};
use anyhow::{Context, Result};
use rustc_hash::{FxHashMap, FxHashSet};
use std::path::Path;

/// How many sentences back a description looks for what it refers to.
const WINDOW: usize = 3;

/// The nouns of definite descriptions and the class each refers to.
#[derive(Debug, Default)]
pub struct Descriptions {
    /// Lowercase token key ("joint venture") → class.
    nouns: FxHashMap<String, EntityType>,
    max_words: usize,
    /// Verbs of saying (`lexicon/reporting_verbs.txt`, beside the descriptions): "said it".
    reporting_verbs: FxHashSet<String>,
    /// Plural nouns of "the two …" and "both …" and the classes they refer to
    /// (`lexicon/pair_descriptions.csv`, beside the descriptions).
    pairs: FxHashMap<String, Vec<EntityType>>,
}

impl Descriptions {
    /// Reads `lexicon/descriptions.csv` (`noun,type`) and `reporting_verbs.txt` beside it.
    pub fn load(path: &Path) -> Result<Descriptions> {
        let reporting_verbs = read_list(&path.with_file_name("reporting_verbs.txt"))?.iter().map(|w| fold(w)).collect();
        let mut out = Descriptions { reporting_verbs, ..Descriptions::default() };
        let pairs_path = path.with_file_name("pair_descriptions.csv");
        for (line, row) in read_csv(&pairs_path)? {
            let noun = row.get("noun").map(|n| fold(n.trim())).unwrap_or_default();
            let types = row.get("types").map(String::as_str).unwrap_or_default();
            let classes = types.split('|').map(|t| EntityType::parse(t.trim()).with_context(|| format!("{}:{line}: unknown type {t:?}", pairs_path.display()))).collect::<Result<Vec<_>>>()?;
            out.pairs.insert(noun, classes);
        }
        for (line, row) in read_csv(path)? {
            let noun = row.get("noun").map(|n| fold(n.trim())).unwrap_or_default();
            let class = row.get("type").and_then(|t| EntityType::parse(t)).with_context(|| format!("{}:{line}: unknown type {:?}", path.display(), row.get("type")))?;
            out.max_words = out.max_words.max(noun.split(' ').count());
            out.nouns.insert(noun, class);
        }
        Ok(out)
    }

    /// Whether `word` (lowercase) is a verb of saying ("said", "announced").
    pub(super) fn is_reporting_verb(&self, word: &str) -> bool {
        self.reporting_verbs.contains(word)
    }

    /// Whether lowercase `noun` describes a company or organisation ("giant", "producer"):
    /// "oil giant Saudi Aramco" is Saudi Aramco.
    pub(super) fn names_body(&self, noun: &str) -> bool {
        self.nouns.get(noun).is_some_and(|class| matches!(class, EntityType::Company | EntityType::Organization))
    }
}

/// Adds a mention for every definite description and "its" that refers to an entity
/// named before, keeping `resolved` in sentence order, each sentence's mentions by position.
pub(super) fn refer(descriptions: &Descriptions, finder: &Finder, text: &Text, drafts: &[Draft], resolved: &mut Vec<Resolved>) {
    let mut added = Vec::new();
    // Where each sentence's mentions start in `resolved`.
    let mut starts = vec![resolved.len(); text.sentences.len() + 1];
    for (i, r) in resolved.iter().enumerate().rev() {
        starts[r.sentence] = i;
    }
    for si in (0..text.sentences.len()).rev() {
        starts[si] = starts[si].min(starts[si + 1]);
    }
    for (si, sentence) in text.sentences.iter().enumerate() {
        let this = &resolved[starts[si]..starts[si + 1]];
        let covered = |k: usize| this.iter().any(|r| r.mention.first <= k && k < r.mention.last);
        // The mentions a reference at token `k` may point back to, nearest first.
        let before = |k: usize| {
            let earlier = &resolved[starts[si.saturating_sub(WINDOW)]..starts[si]];
            this.iter().filter(move |r| r.mention.last <= k).rev().chain(earlier.iter().rev())
        };
        for k in sentence.tokens.clone() {
            let word = finder.lower(k);
            if word == "its" && !covered(k) {
                // A company or organisation before a state, and this sentence before the earlier ones.
                // ("NextStar Energy, its joint venture with LGES": not the name it stands beside.)
                let apposed = (k > sentence.tokens.start && finder.lower(k - 1) == ",").then(|| this.iter().find(|r| r.mention.last + 1 == k).map(|r| r.entity)).flatten();
                let body = |r: &&Resolved| matches!(r.class, EntityType::Company | EntityType::Organization) && !r.referring && Some(r.entity) != apposed;
                let state = |r: &&Resolved| r.class == EntityType::Country && Some(r.entity) != apposed;
                // ("the South Korean conglomerate as its late founder": a description before it
                // in this sentence is the body it refers to, nearer than the state's adjective.)
                let described = added.iter().rev().find(|r: &&Resolved| r.sentence == si && r.mention.last <= k && matches!(r.class, EntityType::Company | EntityType::Organization));
                let here = || this.iter().filter(|r| r.mention.last <= k).rev();
                let earlier = || resolved[starts[si.saturating_sub(WINDOW)]..starts[si]].iter().rev();
                let named_body = here().find(body).filter(|b| described.is_none_or(|d| d.mention.first < b.mention.first));
                let antecedent = named_body.or(described).or_else(|| here().find(state)).or_else(|| earlier().find(body)).or_else(|| earlier().find(state));
                if let Some(r) = antecedent {
                    added.push(reference(finder, si, k, k + 1, r));
                }
                continue;
            }
            // "Hyundai said it had won": the speaker, named before the verb in this sentence
            // (not an owner: "KOGAS, South Korea's gas company, said it").
            if word == "it" && !covered(k) {
                let possessor = |r: &Resolved| r.mention.last < sentence.tokens.end && finder.lower(r.mention.last) == "'s";
                // Past "that" and a day: "said on Monday that it", "said last month it".
                let mut verb = k;
                while verb > sentence.tokens.start && k - verb < 4 && (matches!(finder.lower(verb - 1), "that" | "on" | "last" | "this" | "earlier") || finder.is(verb - 1, WordKinds::DATE_WORD)) {
                    verb -= 1;
                }
                let verb = verb.wrapping_sub(1);
                if verb >= sentence.tokens.start && verb < k && descriptions.is_reporting_verb(finder.lower(verb)) {
                    // (A description resolved before it counts: "The bank said it would lend".)
                    let mut speakers: Vec<&Resolved> = this.iter().chain(added.iter().filter(|r| r.sentence == si)).filter(|r| r.mention.last <= verb).collect();
                    speakers.sort_by_key(|r| r.mention.first);
                    let speaker = speakers
                        .into_iter()
                        .rev()
                        .find(|r| matches!(r.class, EntityType::Company | EntityType::Organization | EntityType::Country) && !matches!(r.mention.target, Target::Adjective(_)) && !possessor(r));
                    if let Some(r) = speaker {
                        added.push(reference(finder, si, k, k + 1, r));
                    }
                } else if subject_it(finder, sentence.tokens.clone(), k) {
                    // "Baykar bought Piaggio in 2024. It also formed …": the body or state that is
                    // the subject here (named first in this sentence), else in the nearest sentence
                    // before that names one.
                    let subject = |r: &&Resolved| matches!(r.class, EntityType::Company | EntityType::Organization | EntityType::Country) && !matches!(r.mention.target, Target::Adjective(_));
                    // (A description resolved before it in this sentence counts: "The company's … when it".)
                    // (Not the place of a phrase opening the sentence with a preposition, past a
                    // determiner and modifiers: "In neighbouring Uzbekistan, it is building".)
                    let modifier = |j: usize| finder.is(j, WordKinds::DETERMINER) || (finder.is_plain_word(j) && !finder.is(j, WordKinds::FRAME_CUE.with(WordKinds::VERB_GROUP)));
                    let governed = |r: &&Resolved| {
                        let at = (sentence.tokens.start..r.mention.first).rev().take(4).find(|&j| !modifier(j));
                        at.is_some_and(|j| j == sentence.tokens.start && finder.preposition(j).is_some())
                    };
                    let named_here = this.iter().filter(|r| r.mention.last <= k && !governed(r)).find(subject);
                    let referred_here = added.iter().filter(|r: &&Resolved| r.sentence == si && r.mention.last <= k).find(subject);
                    let here = named_here.into_iter().chain(referred_here).min_by_key(|r| r.mention.first);
                    let earlier = || (si.saturating_sub(WINDOW - 1)..si).rev().find_map(|sj| resolved[starts[sj]..starts[sj + 1]].iter().find(subject));
                    if let Some(r) = here.or_else(earlier) {
                        added.push(reference(finder, si, k, k + 1, r));
                    }
                } else if passive_it(finder, sentence.tokens.clone(), k) {
                    // "The line is modest … It is being built by Yapı Merkezi": in this sentence
                    // before it, else in the nearest sentence before that names or refers to a
                    // project, the one project, or the one that opens the sentence (its subject;
                    // "Rosatom discussed the Amur Bridge, and Rostec the Lena Tunnel. It was …": neither).
                    let project = |r: &&Resolved| r.class == EntityType::Project && !matches!(r.mention.target, Target::Adjective(_));
                    let in_sentence = |sj: usize| {
                        let named = resolved[starts[sj]..starts[sj + 1]].iter();
                        let referred = added.iter().filter(move |r: &&Resolved| r.sentence == sj);
                        let mut all: Vec<&Resolved> = named.chain(referred).filter(|r| sj < si || r.mention.last <= k).collect();
                        all.sort_by_key(|r| r.mention.first);
                        all
                    };
                    let antecedent = (si.saturating_sub(WINDOW - 1)..=si).rev().map(in_sentence).find(|all| all.iter().any(project)).and_then(|all| {
                        let first = all.iter().copied().find(project)?;
                        let one = all.iter().copied().filter(project).all(|r| r.entity == first.entity);
                        let opens = all.first().is_some_and(|r| r.entity == first.entity);
                        (one || opens).then_some(first)
                    });
                    if let Some(r) = antecedent {
                        added.push(reference(finder, si, k, k + 1, r));
                    }
                } else if relative_it(finder, sentence.tokens.clone(), k) {
                    // The one body or state named before it in this sentence ("Tokyo protested
                    // to Beijing over the field that it is developing" names two: neither).
                    let actor = |r: &&Resolved| matches!(r.class, EntityType::Company | EntityType::Organization | EntityType::Country) && !matches!(r.mention.target, Target::Adjective(_));
                    let mut before = this.iter().filter(|r| r.mention.last <= k).filter(actor);
                    if let Some(first) = before.next() {
                        if before.all(|r| r.entity == first.entity) {
                            added.push(reference(finder, si, k, k + 1, first));
                        }
                    }
                }
                continue;
            }
            // "Arctic LNG 2 is … Novatek controls 60%", "COSCO holds a 49% stake": a share held
            // with nothing named after it is a share of a project: in the nearest sentence that
            // names or refers to one (this one before the share, then back, not past a
            // paragraph's end), the one named most so far, the nearest of equals.
            if !covered(k) {
                if let Some(end) = elided_share(finder, sentence.tokens.clone(), k) {
                    let project = |r: &Resolved| r.class == EntityType::Project && !matches!(r.mention.target, Target::Adjective(_));
                    let named = |e: usize| resolved[..starts[si]].iter().chain(this.iter().filter(|r| r.mention.last <= k)).filter(|r| r.entity == e).count();
                    let paragraph_ends = |sj: usize| finder.body[text.sentences[sj].end..text.sentences[sj + 1].start].contains("\n\n");
                    // ("Gazprom controlled 40% of Europe's gas market. Today it controls 10%": a
                    // share of something not a project, just before, is what this one is of.)
                    let from = text.sentences[si.saturating_sub(1)].tokens.start;
                    let project_at = |t: usize| resolved[starts[si.saturating_sub(1)]..starts[si + 1]].iter().any(|r| r.mention.first <= t && t < r.mention.last && project(r));
                    let measured = (from..k).any(|j| finder.is_percent_at(j) && j + 2 < k && finder.lower(j + 1) == "of" && !project_at(j + 2) && !project_at(j + 3));
                    if measured {
                        continue;
                    }
                    let mut share = None;
                    for sj in (si.saturating_sub(WINDOW)..=si).rev() {
                        if sj < si && paragraph_ends(sj) {
                            break;
                        }
                        let here = resolved[starts[sj]..starts[sj + 1]].iter().chain(added.iter().filter(|r| r.sentence == sj));
                        let best = here.filter(|r| project(r) && (sj < si || r.mention.last <= k)).max_by_key(|r| (named(r.entity), r.mention.first));
                        if let Some(r) = best {
                            share = Some(reference(finder, si, k, end, r));
                            break;
                        }
                    }
                    added.extend(share);
                    continue;
                }
            }
            // "the two firms", "both sides", "all three leaders": the two (three) nearest
            // different entities of a class.
            let before_word = (k > sentence.tokens.start).then(|| finder.lower(k - 1));
            let count = match (word, before_word) {
                ("both", _) | ("two", Some("the")) => 2,
                ("three", Some("the" | "all")) if !covered(k - 1) => 3,
                _ => 0,
            };
            if count > 0 {
                let adjective = this.iter().find(|r| r.mention.first == k + 1 && matches!(r.mention.target, Target::Adjective(_)));
                let noun = adjective.map_or(k + 1, |r| r.mention.last);
                let classes = (noun < sentence.tokens.end && !covered(k) && !covered(noun)).then(|| descriptions.pairs.get(finder.lower(noun))).flatten();
                let next_is_name = noun + 1 < sentence.tokens.end && (covered(noun + 1) || finder.lower(noun + 1) == "of");
                if let Some(classes) = classes.filter(|_| !next_is_name) {
                    let named = |r: &&Resolved| classes.contains(&r.class) && !r.referring && !matches!(r.mention.target, Target::Adjective(_));
                    if let Some(a) = before(k).find(named) {
                        let mut found = vec![a];
                        for r in before(k).filter(named).filter(|r| r.class == a.class) {
                            if found.len() < count && !found.iter().any(|f| f.entity == r.entity) {
                                found.push(r);
                            }
                        }
                        // ("Armenia and Azerbaijan signed a treaty. The two countries …": the
                        // nearest two, coordinated by "and" in this sentence or the one before,
                        // no preposition governing them.)
                        let coordinated = found.len() == 2 && {
                            let (x, y) = if (found[0].sentence, found[0].mention.first) < (found[1].sentence, found[1].mention.first) { (found[0], found[1]) } else { (found[1], found[0]) };
                            let opens = x.mention.first == text.sentences[x.sentence].tokens.start;
                            x.sentence == y.sentence
                                && x.sentence + 1 >= si
                                && y.mention.first == x.mention.last + 1
                                && finder.lower(x.mention.last) == "and"
                                && (opens || finder.preposition(x.mention.first - 1).is_none())
                        };
                        // ("the two countries" of an article about South Korea and Uzbekistan,
                        // after an aside naming two others: the states the document has named
                        // most so far, nearest first among equals.)
                        if a.class == EntityType::Country && count == 2 && !coordinated {
                            let so_far = || resolved[..starts[si]].iter().chain(this.iter().filter(|r| r.mention.last <= k)).filter(|r| r.class == EntityType::Country);
                            let mut counts: FxHashMap<usize, (usize, usize)> = FxHashMap::default();
                            for (i, r) in so_far().enumerate() {
                                let c = counts.entry(r.entity).or_default();
                                c.0 += 1;
                                c.1 = i;
                            }
                            let mut ranked: Vec<(usize, (usize, usize))> = counts.into_iter().collect();
                            ranked.sort_by_key(|&(_, rank)| std::cmp::Reverse(rank));
                            let salient: Vec<usize> = ranked.iter().take(count).map(|&(e, _)| e).collect();
                            if salient.len() == count {
                                let last_named = |e: usize| before(k).filter(named).find(|r| r.entity == e).or_else(|| so_far().rfind(|r| r.entity == e));
                                let chosen: Option<Vec<&Resolved>> = salient.iter().map(|&e| last_named(e)).collect();
                                if let Some(mut chosen) = chosen {
                                    chosen.sort_by_key(|r| std::cmp::Reverse((r.sentence, r.mention.first)));
                                    found = chosen;
                                }
                            }
                        }
                        // One token for each: "[two] [firms]", "[all] [three] [leaders]".
                        let tokens = [k - 1, k, noun];
                        if found.len() == count {
                            added.extend(tokens[3 - count..].iter().zip(found).map(|(&at, r)| reference(finder, si, at, at + 1, r)));
                        }
                    }
                }
                continue;
            }
            if word != "the" || k + 1 >= sentence.tokens.end {
                continue;
            }
            // "the South Korean conglomerate": past a nationality adjective.
            let adjective = this.iter().find(|r| r.mention.first == k + 1 && matches!(r.mention.target, Target::Adjective(_)));
            // ("the Central Asian country": past a region's adjective no name stands for.)
            let regional = || {
                let end = (k + 1..sentence.tokens.end.min(k + 3)).take_while(|&j| finder.is_capitalised(j) && !covered(j)).last().map_or(k + 1, |j| j + 1);
                if end > k + 1 && finder.lower(end - 1).ends_with("an") {
                    end
                } else {
                    k + 1
                }
            };
            let from = adjective.map_or_else(regional, |r| r.mention.last);
            // ("the state-run gas company": a good among the modifiers leaves it a description.)
            let good_at = |j: usize| this.iter().any(|r| r.mention.first <= j && j < r.mention.last && r.class == EntityType::Commodity && !finder.is_capitalised(j));
            if from >= sentence.tokens.end || (covered(from) && !good_at(from)) {
                continue;
            }
            let Some((end, class, noun)) = description_at(descriptions, finder, from, sentence.tokens.end) else { continue };
            // "the company Samsung", "the plant of": the name or its complement follows.
            let next_is_name = end < sentence.tokens.end && (covered(end) || finder.text.tokens[end].text(finder.body).starts_with(char::is_uppercase) || finder.lower(end) == "of");
            // "Hyundai is the contractor for the complex", "Hyundai, the contractor for …": a
            // noun that cues a frame, said of a name (after a copula, or set off by a comma
            // right after it), is the frame's cue, not a mention of that name again.
            let predicated = k > sentence.tokens.start && (finder.is(k - 1, WordKinds::COPULA) || (k >= sentence.tokens.start + 2 && finder.lower(k - 1) == "," && covered(k - 2)));
            let cue = predicated && finder.is(end - 1, WordKinds::FRAME_CUE);
            if next_is_name || cue || (from..end).any(|j| covered(j) && !good_at(j)) {
                continue;
            }
            // "the South Korean shipbuilder" is none the gazetteer ties to another state, and
            // one it ties to South Korea before one it ties to none.
            let state = adjective.map(|a| drafts[a.entity].id.as_str());
            let of_state = |r: &&Resolved| state.is_some() && drafts[r.entity].country.as_deref() == state;
            let named = |r: &&Resolved| r.class == class && !r.referring && (state.is_none() || drafts[r.entity].country.is_none() || of_state(r));
            let holds_noun = |r: &&Resolved| drafts[r.entity].label.split_whitespace().any(|w| fold(w) == noun || fold(w).trim_end_matches('s') == noun);
            // "the Company" capitalised is what a press release defined it as: the first named.
            let defined_term = finder.text.tokens[end - 1].text(finder.body).starts_with(char::is_uppercase);
            let first_named = || resolved[..starts[si]].iter().chain(this.iter().filter(|r| r.mention.last <= k)).find(named);
            // Past the window, the one entity named anywhere before whose name holds the noun
            // ("the railway", paragraphs after "the China–Kyrgyzstan–Uzbekistan railway"); a
            // noun with words of its own ("the pilot route") may name a new one.
            let bare = from + 1 == end;
            let sole_holder = || {
                if !bare {
                    return None;
                }
                let mut holders = resolved[..starts[si]].iter().rev().filter(named).filter(holds_noun);
                let nearest = holders.next()?;
                holders.all(|r| r.entity == nearest.entity).then_some(nearest)
            };
            let antecedent = if defined_term {
                first_named()
            } else {
                // ("The bank" after the European Bank for Reconstruction and Development: a
                // company's noun names an organisation whose name holds it, and the reverse.)
                let body = |c: EntityType| matches!(c, EntityType::Company | EntityType::Organization);
                let other_body = |r: &&Resolved| body(class) && body(r.class) && r.class != class && !r.referring;
                before(k)
                    .filter(named)
                    .find(holds_noun)
                    .or_else(|| before(k).filter(other_body).find(holds_noun))
                    .or_else(|| before(k).filter(named).find(of_state))
                    .or_else(|| before(k).find(named))
                    .or_else(sole_holder)
            };
            if let Some(r) = antecedent {
                added.push(reference(finder, si, end - 1, end, r));
            }
        }
    }
    if added.is_empty() {
        return;
    }
    resolved.extend(added);
    resolved.sort_by_key(|r| (r.sentence, r.mention.first));
}

/// Token `k`, "it", is the subject of a clause about something named before: it opens the
/// sentence or follows a conjunction or comma, and no copula follows it, alone or after a
/// word of a verb group (`lexicon/auxiliaries.csv`: "It is expected that …", "it has been
/// reported" say nothing of it), but for a copula before a frame cue's gerund ("it is
/// building a plant").
fn subject_it(finder: &Finder, tokens: std::ops::Range<usize>, k: usize) -> bool {
    // (After a time: "Months later it formed", "In 2024 it bought".)
    let opens = k == tokens.start
        || matches!(finder.lower(k - 1), "," | "and" | "but" | "because" | "after" | "while" | "since" | "when" | "as" | "so" | "later" | "then" | "now" | "\"" | "“")
        || finder.is(k - 1, WordKinds::DATE_WORD)
        || finder.text.tokens[k - 1].kind == TokenKind::Number;
    // ("it's" and "it seems" too.)
    let be = |j: usize| j < tokens.end && (finder.is(j, WordKinds::COPULA) || matches!(finder.lower(j), "'s" | "’s" | "seems" | "seemed" | "appears" | "appeared"));
    let modal_be = k + 1 < tokens.end && finder.is(k + 1, WordKinds::VERB_GROUP) && be(k + 2);
    // (Inside brackets the subject is the aside's: "(to date, it covers 1,431 items)".)
    let bracketed = (tokens.start..k).rev().map(|j| finder.lower(j)).find(|w| matches!(*w, "(" | ")")) == Some("(");
    // ("In Uzbekistan, it is building a plant": a copula before a cue's gerund is no copula.)
    let progressive = k + 2 < tokens.end && finder.is(k + 2, WordKinds::FRAME_CUE) && finder.lower(k + 2).ends_with("ing");
    opens && !bracketed && (!be(k + 1) || progressive) && !modal_be && k + 1 < tokens.end && finder.text.tokens[k + 1].kind == TokenKind::Word
}

/// Token `k`, "it", opening a clause (as in `subject_it`), is the subject of a passive
/// frame cue with its agent: "It is being built by", "it will be financed by".
fn passive_it(finder: &Finder, tokens: std::ops::Range<usize>, k: usize) -> bool {
    let opens = k == tokens.start || matches!(finder.lower(k - 1), "," | "and" | "but" | "\"" | "“") || finder.is(k - 1, WordKinds::DATE_WORD);
    let mut j = k + 1;
    while j < tokens.end && j < k + 5 && (finder.is(j, WordKinds::COPULA) || finder.is(j, WordKinds::VERB_GROUP)) {
        j += 1;
    }
    opens && j > k + 1 && j + 1 < tokens.end && finder.is(j, WordKinds::FRAME_CUE) && finder.lower(j).ends_with(|c: char| c.is_alphabetic()) && finder.lower(j + 1) == "by"
}

/// Token `k`, "it", is the subject of an object's relative clause whose verb is a frame's
/// cue, after "which" or "that" or right after the name ("the corridor, which it is building
/// with Iran", "the Tarsk Corridor it is building"), a copula or auxiliary there only before
/// the cue ("is building").
fn relative_it(finder: &Finder, tokens: std::ops::Range<usize>, k: usize) -> bool {
    if k <= tokens.start || k + 1 >= tokens.end {
        return false;
    }
    let introduced = matches!(finder.lower(k - 1), "which" | "that") || finder.is_capitalised(k - 1);
    let cue = |j: usize| j < tokens.end && finder.is(j, WordKinds::FRAME_CUE);
    let auxiliary = finder.is(k + 1, WordKinds::COPULA) || finder.is(k + 1, WordKinds::VERB_GROUP);
    introduced && (cue(k + 1) || (auxiliary && cue(k + 2)))
}

/// Token `k` is a percentage ("%", "percent", "per cent") held with nothing named after
/// it: a number before it, a verb of holding a share (`Frames::is_share_verb`) up to three
/// lowercase words before that ("holds a combined 10%") or a noun of a stake after it ("has
/// a 12% stake"), and after it, past that noun, the clause's end. Its end.
fn elided_share(finder: &Finder, tokens: std::ops::Range<usize>, k: usize) -> Option<usize> {
    if !finder.is_percent_at(k) || k < tokens.start + 2 || finder.text.tokens[k - 1].kind != TokenKind::Number {
        return None;
    }
    let frames = &finder.lex.frames;
    let lowercase = |j: usize| finder.text.tokens[j].kind == TokenKind::Word && !finder.is_capitalised(j);
    let end = if finder.lower(k) == "per" { k + 2 } else { k + 1 };
    let noun = end < tokens.end && frames.is_stake_noun(finder.lower(end));
    let verb = (tokens.start..k - 1).rev().take(4).take_while(|&j| lowercase(j)).find(|&j| frames.is_share_verb(finder.lower(j)));
    // ("has a 12% stake": a noun of investing after it will do for the verb.)
    let from = match verb {
        Some(verb) => verb,
        None if noun => k - 1,
        None => return None,
    };
    // ("a vehicle in which JOGMEC owns 75%": the relative names what it is a share of.)
    if (tokens.start.max(from.saturating_sub(4))..from).any(|j| matches!(finder.lower(j), "which" | "whom")) {
        return None;
    }
    let after = if noun { end + 1 } else { end };
    // (The clause ends there, or goes on through a holder: "controls 60%, while", "holds 10%
    // through Japan Arctic LNG"; not "holds 5% more gas".)
    let closes = after >= tokens.end || finder.is(after, WordKinds::CLAUSE_BREAK) || matches!(finder.lower(after), "." | "," | ")" | "and" | "through" | "via" | "each");
    (closes && end <= tokens.end).then_some(end)
}

/// "[measure] [modifiers] noun" at token `at` (up to two lowercase modifiers, a hyphenated one
/// counting once: "the new plant", "the state-owned firm"): its end, class and last word.
fn description_at<'f>(descriptions: &Descriptions, finder: &'f Finder, at: usize, limit: usize) -> Option<(usize, EntityType, &'f str)> {
    // ("the 43-kilometer corridor", "the $17 billion project": past a measure.)
    let mut first = finder.past_measure(at, limit);
    for modifiers in 0..3 {
        if modifiers > 0 {
            // Past the modifier at `first`, and "-owned" after it.
            first += 1;
            while first + 1 < limit && finder.lower(first) == "-" && finder.text.tokens[first].joined && finder.text.tokens[first + 1].kind == TokenKind::Word {
                first += 2;
            }
        }
        // ("the Company", "the Group": a defined term of a press release, capitalised.)
        let defined_term = modifiers == 0 && descriptions.nouns.contains_key(finder.lower(first));
        if first >= limit || finder.text.tokens[first].kind != TokenKind::Word || (finder.text.tokens[first].text(finder.body).starts_with(char::is_uppercase) && !defined_term) {
            return None;
        }
        let mut key = String::new();
        let mut found = None;
        for end in first + 1..=limit.min(first + descriptions.max_words) {
            if !key.is_empty() {
                key.push(' ');
            }
            key.push_str(finder.lower(end - 1));
            if let Some(&class) = descriptions.nouns.get(&key) {
                found = Some((end, class, finder.lower(end - 1)));
            }
        }
        if found.is_some() {
            return found;
        }
    }
    None
}

/// A mention of `antecedent`'s entity at tokens `[first, last)` of sentence `si`.
fn reference(finder: &Finder, si: usize, first: usize, last: usize, antecedent: &Resolved) -> Resolved {
    let mention = Mention { first, last, class: antecedent.class, target: Target::Unknown, surface: finder.surface(first, last), titled: false, short: None };
    Resolved { mention, sentence: si, entity: antecedent.entity, class: antecedent.class, referring: true }
}
