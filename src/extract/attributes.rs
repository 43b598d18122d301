//! Attributes: what a relation carries besides its two ends.
//!
//! Owns a relation's evidence span, year, amount, status and negation, read from the
//! sentence that states it, and the per-sentence cache of status, negation and weakening
//! cues and years.

use super::lexicon::{CueSet, WordKinds};
use super::mentions::Finder;
use super::resolution::Resolved;
use super::Extractor;
use crate::model::{EntityType, Predicate, Status};
use crate::text::{Text, TokenKind};
use std::cell::OnceCell;

impl Extractor {
    /// One relation with its evidence and the sentence's year, amount, status, negation.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn relation<'r>(&self, finder: &Finder, text: &Text, si: usize, span: (usize, usize), s: &Resolved, o: &Resolved, facts: Facts<'r>, cues: &CueCache) -> Option<Found<'r>> {
        if s.entity == o.entity {
            return None;
        }
        let sentence = &text.sentences[si];
        let cues = cues.0[si].get_or_init(|| self.sentence_cues(finder, sentence.tokens.clone()));
        let distance = |k: usize| if k < span.0 { span.0 - k } else { k.saturating_sub(span.1) };
        let year = cues.years.iter().min_by_key(|(k, _)| distance(*k)).map(|(_, y)| *y);
        let amount = amount_near(finder, span, sentence.tokens.clone());
        // A status cue of the sentence ("planned", "suspended") stages undertakings only (a
        // project's route among them): a role or a criticism is not planned or suspended.
        let staged = facts.predicate.has_stages() || (facts.predicate == Predicate::LocatedIn && s.class == EntityType::Project);
        let status = facts.status.or_else(|| cues.status.iter().filter(|_| staged).min_by_key(|(k, _)| distance(*k)).map(|(_, st)| *st));
        let near = |k: &usize| k + 4 >= span.0 && *k < span.1;
        let negated = cues.negations.iter().any(near) || (!facts.predicate.is_adversarial() && cues.weakenings.iter().any(near));
        Some(Found {
            subject: s.entity,
            predicate: facts.predicate,
            object: o.entity,
            start: sentence.start,
            end: sentence.end,
            confidence: (facts.confidence * 100.0).round() / 100.0,
            year,
            amount,
            status,
            negated,
            rule: facts.rule,
        })
    }

    /// Where the status and negation cues and the years of a sentence stand (token index of each hit).
    pub(super) fn sentence_cues(&self, finder: &Finder, tokens: std::ops::Range<usize>) -> SentenceCues {
        let lex = &self.lexicon;
        let mut cues = SentenceCues::default();
        cues.years.extend(tokens.clone().filter_map(|k| finder.year_at(k).map(|y| (k, y))));
        let mut hits = Vec::new();
        for k in tokens.clone() {
            // Most words start no cue: the word table and the cue prefixes say which may.
            let word = finder.lower(k);
            if !finder.is(k, WordKinds::CUE_START) && !lex.cue_prefixes.may_match(word) {
                continue;
            }
            let starting = |set: &CueSet, hits: &mut Vec<usize>| {
                hits.clear();
                set.starting_at(k, tokens.end, |k| finder.lower(k), finder.is(k, set.first_word), hits);
                !hits.is_empty()
            };
            if starting(&lex.status_cues, &mut hits) {
                cues.status.extend(hits.iter().map(|&i| (k, lex.statuses[i])));
            }
            if starting(&lex.negation_cues, &mut hits) {
                cues.negations.push(k);
            }
            if starting(&lex.weakening_cues, &mut hits) {
                cues.weakenings.push(k);
            }
        }
        cues
    }
}

/// A relation as extraction makes it: its ends are drafts (by index) and its evidence a
/// byte span of the body. Its strings (ids, evidence text, rule) are made in `finish`, only
/// for the relations kept.
#[derive(Debug)]
pub(super) struct Found<'r> {
    pub(super) subject: usize,
    pub(super) predicate: Predicate,
    pub(super) object: usize,
    /// The sentence's byte span.
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) confidence: f32,
    pub(super) year: Option<i32>,
    pub(super) amount: Option<String>,
    pub(super) status: Option<Status>,
    pub(super) negated: bool,
    pub(super) rule: &'r str,
}

/// Per sentence, its cues, found when a relation there first needs them.
pub(super) struct CueCache(pub(super) Vec<OnceCell<SentenceCues>>);

/// Status and negation cues found in one sentence, and its years.
#[derive(Default, Clone)]
pub(super) struct SentenceCues {
    /// The years (1900–2099) written in the sentence, with their token indexes.
    years: Vec<(usize, i32)>,
    status: Vec<(usize, Status)>,
    negations: Vec<usize>,
    weakenings: Vec<usize>,
}

pub(super) struct Facts<'r> {
    pub(super) predicate: Predicate,
    pub(super) confidence: f32,
    pub(super) status: Option<Status>,
    pub(super) rule: &'r str,
}

/// "$6 billion", "2.1 million tonnes", "23.3%", "KRW 1 trillion" inside or next to the span.
pub(super) fn amount_near(finder: &Finder, span: (usize, usize), tokens: std::ops::Range<usize>) -> Option<String> {
    let (toks, lex) = (&finder.text.tokens, finder.lex);
    let text = |k: usize| finder.lower(k);
    let lo = span.0.saturating_sub(3).max(tokens.start);
    let hi = (span.1 + 6).min(tokens.end);
    for k in lo..hi {
        if toks[k].kind != TokenKind::Number {
            continue;
        }
        if finder.year_at(k).is_some() {
            continue;
        }
        let mut first = k;
        if k > tokens.start && lex.currencies.contains(text(k - 1)) {
            first = k - 1;
        }
        let mut last = k + 1;
        if last < tokens.end && lex.amount_scales.contains(text(last)) {
            last += 1;
        }
        let mut has_unit = first < k;
        if last < tokens.end && lex.amount_units.contains(text(last)) {
            last += 1;
            has_unit = true;
            if text(last - 1) == "cubic" && last < tokens.end {
                last += 1;
            }
        }
        if has_unit {
            return Some(finder.body[toks[first].start..toks[last - 1].end].to_string());
        }
    }
    None
}
