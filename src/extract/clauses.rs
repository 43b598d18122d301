//! Clauses: one sentence as the relation stages read it.
//!
//! Owns `SentenceView`: the sentence's mentions in order (none inside another), the name
//! each one is attached to ("Russian" to "President Putin", "(RDIF)" to the fund), their
//! coordination lists, clause numbers, the tokens inside parentheses and ", which … ,", and
//! the shallow reading that finds where a name stands relative to a cue word: the clause's
//! subject, a direct object, the object of a preposition, a possessor, a modifier, the name
//! an agent noun describes, "between A and B". The frames (`frames.rs`) fill their slots
//! with it; the candidates (`candidates.rs`) read lists, clauses and prepositions from it.

use super::lexicon::WordKinds;
use super::mentions::{Finder, Target};
use super::resolution::Resolved;
use crate::model::EntityType;
use crate::text::TokenKind;

/// Relative pronouns: the verb after one has the name before it as its subject (flagged
/// `WordKinds::RELATIVE`).
pub(super) const RELATIVE: &[&str] = &["which", "who", "that"];

/// The longest apposition between commas read as describing the name before it, in tokens.
const APPOSITION_WORDS: usize = 24;

/// One sentence as the relation stages read it: its tokens, its mentions in order (none
/// inside another), their coordination lists, its clauses, and the tokens inside
/// parentheses or non-restrictive relative clauses.
pub(super) struct SentenceView<'a> {
    pub finder: &'a Finder<'a>,
    pub tokens: std::ops::Range<usize>,
    /// Indexes into the document's resolved mentions, in order.
    pub mentions: Vec<usize>,
    pub resolved: &'a [Resolved],
    /// Per token of the sentence (from `tokens.start`), the mention covering it.
    covering: Vec<Option<u32>>,
    /// 0, 1, 2, …: each mention's own position, to borrow a one-mention list from.
    pub mentions_index: Vec<usize>,
    /// Per mention, the mention it is attached to (`attach`), itself when none.
    pub head: Vec<usize>,
    /// Per mention, its coordination list as a range of `members` (empty when in none).
    list_of: Vec<(u32, u32)>,
    /// The members of every coordination list of head mentions, list after list.
    members: Vec<usize>,
    /// Per token, its clause number.
    pub clause: Vec<u16>,
    /// Per token, whether it lies inside parentheses or ", which … ,".
    aside: Vec<bool>,
}

impl<'a> SentenceView<'a> {
    /// The view of the sentence with tokens `tokens` whose resolved mentions are
    /// `resolved[run]` (sorted by first token).
    pub fn new(finder: &'a Finder<'a>, tokens: std::ops::Range<usize>, resolved: &'a [Resolved], run: std::ops::Range<usize>) -> SentenceView<'a> {
        let n = tokens.len();
        let mut mentions = Vec::with_capacity(run.len());
        let mut covering = vec![None; n];
        let mut end = tokens.start;
        for ri in run {
            let m = &resolved[ri].mention;
            if m.first < end || m.first < tokens.start || m.last > tokens.end {
                continue;
            }
            end = m.last;
            for k in m.first..m.last {
                covering[k - tokens.start] = Some(mentions.len() as u32);
            }
            mentions.push(ri);
        }
        let word = |k: usize| finder.lower(k);
        // Clauses and asides.
        let mut clause = vec![0u16; n];
        let mut aside = vec![false; n];
        let mut c = 0u16;
        let mut depth = 0usize;
        let mut relative_from: Option<usize> = None;
        // Two dashes between spaces ("—", "–" fold to "-") set off an aside ("Manara Minerals
        // - a joint venture between Ma'aden and the PIF - agreed"); one ends a clause; a hyphen
        // joins words.
        let spaced_dash = |k: usize| word(k) == "-" && !finder.text.tokens[k].joined;
        let dashes: Vec<usize> = tokens.clone().filter(|&k| spaced_dash(k)).collect();
        let dashed_aside = match dashes[..] {
            [open, close] if close > open + 1 => Some(open..=close),
            _ => None,
        };
        for k in tokens.clone() {
            let w = word(k);
            let i = k - tokens.start;
            let dash = spaced_dash(k) && dashed_aside.is_none();
            if dashed_aside.as_ref().is_some_and(|d| d.contains(&k)) {
                aside[i] = true;
            }
            if finder.is(k, WordKinds::CLAUSE_BREAK) || dash {
                c = c.saturating_add(1);
                relative_from = None;
            }
            match w {
                "(" => depth += 1,
                ")" => depth = depth.saturating_sub(1),
                // (Not a comma between two names: "which India, Iran and Russia launched".)
                "," if relative_from.is_some() && !(i > 0 && i + 1 < n && covering[i - 1].is_some() && covering[i + 1].is_some()) => {
                    // ", which … ," ends at the next comma.
                    if let Some(from) = relative_from.take() {
                        aside[from..=i].iter_mut().for_each(|a| *a = true);
                    }
                }
                _ => {}
            }
            if depth > 0 || w == ")" {
                aside[i] = true;
            }
            // ", which …", and with the preposition fronted: ", in which …", ", of whom …".
            if matches!(w, "which" | "who" | "whom") && i > 0 {
                if word(k - 1) == "," {
                    relative_from = Some(i);
                } else if i > 1 && word(k - 2) == "," && finder.preposition(k - 1).is_some() {
                    relative_from = Some(i - 1);
                } else if word(k - 1) == "of" {
                    // ", 75% of which …", ", most of whom …": a part of it, fronted.
                    if let Some(comma) = (tokens.start.max(k.saturating_sub(5))..k - 1).rev().find(|&j| word(j) == ",") {
                        relative_from = Some(comma + 1 - tokens.start);
                    }
                }
            }
            clause[i] = c;
        }
        let mentions_index = (0..mentions.len()).collect();
        let mut view = SentenceView { finder, tokens, mentions, mentions_index, resolved, covering, head: Vec::new(), list_of: Vec::new(), members: Vec::new(), clause, aside };
        view.attach();
        view.coordinate();
        view
    }

    /// Which mention each one belongs to: a nationality adjective to the name it modifies
    /// ("Russian President Vladimir Putin", "Korean KOGAS"; not a commodity: "Russian
    /// gas" is Russia's), a good to the company its noun describes ("oil giant Saudi
    /// Aramco"), a name in brackets to the name before it ("… Fund (RDIF)").
    fn attach(&mut self) {
        let n = self.mentions.len();
        self.head = (0..n).collect();
        for i in (0..n.saturating_sub(1)).rev() {
            let (r, next) = (&self.resolved[self.mentions[i]], &self.resolved[self.mentions[i + 1]]);
            let gap = r.mention.last..next.mention.first;
            let modifies = matches!(r.mention.target, Target::Adjective(_))
                && next.class != EntityType::Commodity
                && gap.len() <= 3
                && gap.clone().all(|k| self.finder.text.tokens[k].kind == TokenKind::Word && (!self.finder.is(k, WordKinds::FUNCTION) || self.in_title(k)));
            // "oil giant Saudi Aramco", "gas producer Novatek": a good before a noun that
            // describes the company or organisation named next modifies that noun.
            let describes = r.class == EntityType::Commodity
                && matches!(next.class, EntityType::Company | EntityType::Organization)
                && (1..=2).contains(&gap.len())
                && gap.clone().all(|k| self.finder.text.tokens[k].kind == TokenKind::Word && !self.finder.is_capitalised(k) && !self.finder.is(k, WordKinds::FUNCTION))
                && self.finder.lex.descriptions.names_body(self.word(next.mention.first - 1));
            // "Indiana Gov. Mike Braun": a place or state before a title of the person named
            // next is the title's, not a party (not a body: "APLN Vice Chair Chung-in Moon"
            // holds a role in it, which `frames` finds only while it stands apart).
            // ("US Secretary of the Navy John Phelan": a title with its portfolio.)
            // ("and India's Prime Minister Narendra Modi": past the possessive too.)
            let gap = if gap.len() > 1 && matches!(self.word(gap.start), "'s" | "’s") { gap.start + 1..gap.end } else { gap };
            let titles = matches!(r.class, EntityType::Place | EntityType::Country)
                && next.class == EntityType::Person
                && (((1..=4).contains(&gap.len())
                    && gap.clone().any(|k| self.in_title(k))
                    && gap.clone().all(|k| self.in_title(k) || (self.word(k) == "." && self.finder.text.tokens[k].joined)))
                    // ("the U.S. Secretary of Commerce, Howard Lutnick,": in apposition.)
                    || (!gap.is_empty() && self.past_title(gap.start).is_some_and(|end| end == gap.end || (gap.len() > 2 && end == gap.end - 1 && self.word(end) == ","))));
            // "talks with Prime Minister of Japan Naoto Kan", "Governor of Primorye Oleg
            // Kozhemyako": a state or place after a title's "of", right before the person, is
            // the title's too.
            let first = r.mention.first;
            let title_of = matches!(r.class, EntityType::Country | EntityType::Place)
                && next.class == EntityType::Person
                && gap.is_empty()
                && first >= self.tokens.start + 2
                && self.word(first - 1) == "of"
                && self.finder.title_ending_at(self.tokens.start, first - 1).is_some();
            if modifies || describes || titles || title_of {
                self.head[i] = self.head[i + 1];
            }
        }
        for i in 1..n {
            let (first, last) = (self.first(i), self.last(i));
            let bracketed = first > self.tokens.start && self.word(first - 1) == "(" && last < self.tokens.end && self.word(last) == ")" && self.last(i - 1) + 1 == first;
            // "Khasan (Russia)": a state or place in brackets after another entity says where it is.
            let (r, before) = (&self.resolved[self.mentions[i]], &self.resolved[self.mentions[i - 1]]);
            let gloss = matches!(r.class, EntityType::Country | EntityType::Place) && r.entity != before.entity;
            if bracketed && !gloss {
                self.head[i] = self.head[i - 1];
            }
        }
    }

    /// Token `k` is the "'s" of a mention attached to the name after it ("and India's Prime
    /// Minister Narendra Modi": India is the title's).
    fn attached_possessive(&self, k: usize) -> bool {
        matches!(self.word(k), "'s" | "’s") && k > self.tokens.start && self.mention_at(k - 1).is_some_and(|a| self.head[a] != a)
    }

    /// Token `k` is a word of a title or role ("president", "chief executive").
    pub(super) fn in_title(&self, k: usize) -> bool {
        self.finder.is(k, WordKinds::TITLE_WORD)
    }

    /// Where person `m` begins with the title right before the name and that title's
    /// portfolio ("by Transport and Infrastructure Minister Abdulkadir Uraloğlu": at
    /// "Transport"; `Finder::title_before`); the name's first token when no title comes
    /// right before it.
    fn title_start_before(&self, m: usize) -> usize {
        let first = self.first(m);
        if self.class(m) != EntityType::Person {
            return first;
        }
        self.finder.title_before(self.tokens.start, first).unwrap_or(first)
    }

    /// Where the next name may start after a title that starts at token `k`, its portfolio
    /// included: "Secretary of the Navy John Phelan", "Minister of Economy, Trade and
    /// Industry Yoji Muto" (capitalised words after "of" or "for", "the" and joining words
    /// among them, up to the next mention). None when no title starts at `k`.
    pub(super) fn past_title(&self, k: usize) -> Option<usize> {
        let finder = self.finder;
        let mut end = finder.title_at(k, self.tokens.end)?;
        end = finder.title_after_and(end, self.tokens.end).unwrap_or(end);
        if end + 1 < self.tokens.end && matches!(self.word(end), "of" | "for") && self.mention_at(end + 1).is_none() {
            let mut j = end + 1;
            if self.word(j) == "the" {
                j += 1;
            }
            let portfolio = |j: usize| finder.is_capitalised(j) || matches!(self.word(j), "," | "and" | "&");
            let start = j;
            while j < self.tokens.end && self.mention_at(j).is_none() && portfolio(j) {
                j += 1;
            }
            // (It ends on a capitalised word: "Secretary of Commerce, Howard Lutnick".)
            while j > start && !finder.is_capitalised(j - 1) {
                j -= 1;
            }
            if j > start {
                end = j;
            }
        }
        Some(end)
    }

    /// Coordination lists of head mentions: neighbours joined by ",", "and", "or", "&",
    /// "as well as", past the mentions attached to them and title words, with "and"/"or"
    /// somewhere in the list.
    fn coordinate(&mut self) {
        let n = self.mentions.len();
        // ("Abe and his counterpart Li": the pronoun stands in the gap, as a determiner.)
        let heads: Vec<usize> = (0..n).filter(|&i| self.head[i] == i && !(self.possessive_pronoun(i) && self.title_follows(self.last(i)))).collect();
        // "the Akkuyu plant in Türkiye, El Dabaa in Egypt and Rooppur in Bangladesh": a place
        // after "in" right after a name, before a list's joining word and a name of that
        // name's class, says where that name is; the list runs past it.
        let place_in = |h: usize| -> bool {
            let (Some(&before), Some(&after)) = (heads.get(h.wrapping_sub(1)), heads.get(h + 1)) else { return false };
            let p = heads[h];
            let place = matches!(self.class(p), EntityType::Place | EntityType::Country) && !matches!(self.resolved[self.mentions[p]].mention.target, Target::Adjective(_));
            let (first, last) = (self.first(p), self.last(p));
            let gap_after = (last..self.first(after)).map(|k| self.word(k)).collect::<Vec<_>>();
            place
                && !matches!(self.class(before), EntityType::Place | EntityType::Country)
                && self.class(before) == self.class(after)
                && first > self.tokens.start
                && self.word(first - 1) == "in"
                && self.last(before) + 1 == first
                && matches!(gap_after[..], ["," | "and"] | [",", "and"])
        };
        let placed: Vec<usize> = (0..heads.len()).filter(|&h| place_in(h)).map(|h| heads[h]).collect();
        let heads: Vec<usize> = heads.into_iter().filter(|i| !placed.contains(i)).collect();
        let placed_in: Vec<usize> = placed.iter().map(|&p| self.first(p) - 1).collect();
        self.list_of = vec![(0, 0); n];
        let mut run: Vec<usize> = Vec::with_capacity(heads.len());
        let mut conjunction = false;
        let flush = |view: &mut SentenceView, run: &mut Vec<usize>, conjunction: &mut bool| {
            // ("U.S., EU and other sanctions": "and other" after the last name closes a list.)
            let and_other = run.last().is_some_and(|&l| view.and_other_before(view.last(l) + 2));
            if run.len() > 1 && (*conjunction || and_other) {
                let range = (view.members.len() as u32, (view.members.len() + run.len()) as u32);
                view.members.extend_from_slice(run);
                for &m in run.iter() {
                    view.list_of[m] = range;
                }
            }
            run.clear();
            *conjunction = false;
        };
        for (h, &m) in heads.iter().enumerate() {
            run.push(m);
            let Some(&next) = heads.get(h + 1) else { break };
            // "Rosneft and Uzbekistan's Uzbekneftegaz signed": a state or place owning the
            // actor named right after its "'s" gives that actor its place in the list.
            let owner = self.last(m) + 1 == self.first(next)
                && matches!(self.word(self.last(m)), "'s" | "’s")
                && matches!(self.class(m), EntityType::Country | EntityType::Place)
                && matches!(self.class(next), EntityType::Company | EntityType::Organization | EntityType::Person);
            if owner {
                run.pop();
                continue;
            }
            // The words between, past attached mentions, brackets and titles (with their
            // portfolios: "Lutnick and Secretary of the Navy John Phelan").
            let portfolio = (self.last(m)..self.first(next)).find_map(|k| self.past_title(k).filter(|&end| end == self.first(next)).map(|end| k..end));
            let gap = || {
                (self.last(m)..self.first(next)).filter(|&k| {
                    self.mention_at(k).is_none()
                        && !self.is_aside(k)
                        && !self.in_title(k)
                        && !portfolio.as_ref().is_some_and(|p| p.contains(&k))
                        && !placed_in.contains(&k)
                        && !self.attached_possessive(k)
                })
            };
            // One modifier may stand right before the next name: "Gazprom and Korean KOGAS".
            let modifier = |k: usize| k + 1 == self.first(next) && !self.finder.is(k, WordKinds::FUNCTION) && self.word(k).chars().all(char::is_alphabetic);
            // At most four words join (more are no list), so only so many are kept.
            let mut words = [""; 4];
            let mut count = 0;
            for k in gap() {
                if count < words.len() {
                    words[count] = self.word(k);
                }
                count += 1;
            }
            let words = &words[..count.min(4)];
            // "as" joins only in "as well as": "sees Russia as China's ally" is no list.
            let as_well_as = words.windows(3).any(|w| w == ["as", "well", "as"]);
            // (A modifier only after a joining word: "Mongolia exports coal" is no list.)
            let joins = |w: &str| matches!(w, "," | "and" | "or" | "&");
            let joined = count > 0
                && count <= 4
                && (as_well_as || words.iter().any(|w| joins(w)))
                && gap().all(|k| joins(self.word(k)) || matches!(self.word(k), "both" | "the") || (as_well_as && matches!(self.word(k), "as" | "well")) || modifier(k));
            // "the two firms", "both sides" (`coreference.rs`): two references side by side.
            let (a, b) = (&self.resolved[self.mentions[m]], &self.resolved[self.mentions[next]]);
            let pair = count == 0 && a.referring && b.referring && a.class == b.class && a.entity != b.entity;
            // "supplies gas to China, and Kazakhstan exports uranium": ", and" between one name
            // and one followed by its verb starts a new clause (a list of three may end so:
            // "Japan, Korea, and China signed").
            let new_clause = run.len() == 1 && words == [",", "and"] && self.verb_after(self.last(next));
            let joined = (joined && !new_clause) || pair;
            conjunction |= pair || (joined && (as_well_as || words.iter().any(|w| matches!(*w, "and" | "or" | "&"))));
            if !joined {
                flush(self, &mut run, &mut conjunction);
            }
        }
        flush(self, &mut run, &mut conjunction);
        // An attached mention is in its head's list.
        for i in 0..n {
            self.list_of[i] = self.list_of[self.head[i]];
        }
    }

    /// A verb starts at token `k`, past adverbs: an auxiliary or copula ("has", "will"), a
    /// frame's cue ("exports") or a word in "-ed" ("joined").
    fn verb_after(&self, k: usize) -> bool {
        let mut k = k;
        while k < self.tokens.end && self.word(k).ends_with("ly") {
            k += 1;
        }
        k < self.tokens.end
            && self.mention_at(k).is_none()
            && !self.finder.is_capitalised(k)
            && (self.finder.is(k, WordKinds::VERB_GROUP.with(WordKinds::FRAME_CUE)) || (self.word(k).len() > 4 && self.word(k).ends_with("ed")))
    }

    /// The first word from token `k` on that no mention covers is a title: "[his] Chinese
    /// counterpart Li".
    fn title_follows(&self, k: usize) -> bool {
        (k..self.tokens.end).find(|&j| self.mention_at(j).is_none()).is_some_and(|j| self.in_title(j))
    }

    /// Mention `m` is the reference an elided share makes: "Novatek controls 60%", the
    /// percentage standing for a share of the project named before (`coreference.rs`).
    pub(super) fn is_share_reference(&self, m: usize) -> bool {
        self.resolved[self.mentions[m]].referring && self.finder.is_percent_at(self.first(m))
    }

    /// The reference an elided share makes at token `k`, if any.
    pub(super) fn share_reference_at(&self, k: usize) -> Option<usize> {
        self.mention_at(k).filter(|&m| self.is_share_reference(m))
    }

    /// The mention position covering token `k`, if any.
    pub fn mention_at(&self, k: usize) -> Option<usize> {
        self.covering.get(k.wrapping_sub(self.tokens.start)).copied().flatten().map(|m| m as usize)
    }

    pub(super) fn first(&self, m: usize) -> usize {
        self.resolved[self.mentions[m]].mention.first
    }

    /// The first token of the list mention `m` is in ("India, Iran and Russia"), or of `m`.
    fn list_first(&self, m: usize) -> usize {
        self.list(m).iter().map(|&n| self.first(n)).min().unwrap_or(self.first(m)).min(self.first(m))
    }

    pub(super) fn last(&self, m: usize) -> usize {
        self.resolved[self.mentions[m]].mention.last
    }

    pub fn class(&self, m: usize) -> EntityType {
        self.resolved[self.mentions[m]].class
    }

    /// The coordination list of mention `m`'s head (the head alone when in none).
    pub fn list(&self, m: usize) -> &[usize] {
        match self.list_of[m] {
            (0, 0) => std::slice::from_ref(&self.head[m]),
            (start, end) => &self.members[start as usize..end as usize],
        }
    }

    pub(super) fn word(&self, k: usize) -> &'a str {
        self.finder.lower(k)
    }

    fn is_aside(&self, k: usize) -> bool {
        self.aside[k - self.tokens.start]
    }

    pub(super) fn clause_of(&self, k: usize) -> u16 {
        self.clause[k - self.tokens.start]
    }

    /// The preposition governing mention `m`: the word before it, past determiners and
    /// up to two modifiers ("in the new Zvezda shipyard").
    pub fn preposition_before(&self, m: usize) -> Option<u8> {
        // "met with President Yoon", "represented by Transport Minister Jassim Al-Sulaiti":
        // a preposition before a person's title governs the person (not "as", which joins
        // clauses: "as President Yoon held talks").
        let titled = self.title_start_before(m);
        let mut k = if titled < self.first(m) && titled > self.tokens.start && self.word(titled - 1) != "as" { titled } else { self.first(m) };
        let mut modifiers = 0;
        // Modifiers stand after the determiner: "reports that North Korea" is no phrase.
        let mut determined = false;
        while k > self.tokens.start {
            k -= 1;
            let w = self.word(k);
            if let Some(p) = self.finder.preposition(k) {
                // "in the town of Bolshoy Kamen": a place cue names the place, not its owner.
                if let Some(start) = self.finder.place_cue_ending(self.tokens.start, k + 1) {
                    // ("lies 200 km north of Almaty": a direction no preposition governs is one.)
                    let governed = start > self.tokens.start && self.finder.preposition(start - 1).is_some();
                    if !governed && !self.finder.is(start, WordKinds::DETERMINER) && !self.finder.lexicon_place_noun(start) {
                        return Some(p);
                    }
                    k = start;
                    continue;
                }
                // "at the plenary session of the EEF", "in the construction of the railway":
                // the preposition before the noun the "of" depends on governs the name.
                // ("with Prime Minister of Japan Naoto Kan": the title's "of" governs the state
                // that names the person's title; the preposition before the title governs both.)
                let titled_state = self.head[m] != m && matches!(self.class(m), EntityType::Country | EntityType::Place) && self.class(self.head[m]) == EntityType::Person;
                if w == "of" && titled_state && k > self.tokens.start && self.in_title(k - 1) {
                    while k > self.tokens.start && self.in_title(k - 1) {
                        k -= 1;
                    }
                    continue;
                }
                if w == "of" {
                    if let Some(before) = self.nominal_before(k).and_then(|j| j.checked_sub(1)).filter(|&j| j >= self.tokens.start) {
                        if let Some(outer) = self.finder.preposition(before) {
                            return Some(outer);
                        }
                    }
                }
                return Some(p);
            }
            if self.finder.is(k, WordKinds::DETERMINER) || (w == "-" && self.finder.text.tokens[k].joined) {
                determined |= w != "-";
                continue;
            }
            let lowercase_word = self.mention_at(k).is_none() && w.chars().all(|c| c.is_alphabetic() || c == '-') && !self.finder.text.tokens[k].text(self.finder.body).starts_with(char::is_uppercase);
            // A modifier, not a verb: "state-run", "the new", "local subsidiary", not "build"
            // in "to build X".
            let cue_noun = || self.finder.is(k, WordKinds::FRAME_CUE) && self.finder.lex.frames.is_noun_cue_only(w);
            let modifier = lowercase_word
                && !self.finder.is(k, WordKinds::FUNCTION)
                && (self.in_compound(k) || !self.finder.is(k, WordKinds::VERB_GROUP.with(WordKinds::FRAME_CUE)) || (!self.finder.is(k, WordKinds::VERB_GROUP) && cue_noun()));
            if modifier && modifiers < 2 && !determined {
                modifiers += 1;
                continue;
            }
            return None;
        }
        None
    }

    /// The first token of "[the] noun [noun]" ending right before token `end` ("the
    /// plenary session", "the deployment"): lowercase words that are no function word,
    /// title, verb or cue, after an optional determiner.
    fn nominal_before(&self, end: usize) -> Option<usize> {
        let mut k = end;
        let mut nouns = 0;
        while k > self.tokens.start && nouns < 3 {
            let j = k - 1;
            let w = self.word(j);
            // ("the first batch": an ordinal is a word of the noun phrase.)
            let noun = self.mention_at(j).is_none()
                && self.finder.text.tokens[j].kind == TokenKind::Word
                && w.chars().all(char::is_lowercase)
                && (!self.finder.is(j, WordKinds::FUNCTION.with(WordKinds::VERB_GROUP).with(WordKinds::TITLE_WORD)) || (nouns > 0 && self.finder.lex.ordinals.contains(w)));
            if !noun {
                break;
            }
            nouns += 1;
            k = j;
        }
        if nouns == 0 {
            return None;
        }
        if k > self.tokens.start && self.finder.is(k - 1, WordKinds::DETERMINER) {
            k -= 1;
        }
        Some(k)
    }

    /// Token `k` is part of a hyphenated compound ("state-run", "Korean-built").
    pub(super) fn in_compound(&self, k: usize) -> bool {
        let tokens = &self.finder.text.tokens;
        let dash = |j: usize| self.word(j) == "-";
        (k > self.tokens.start && dash(k - 1) && tokens[k].joined && !self.verb_prefix_before(k)) || (k + 1 < self.tokens.end && dash(k + 1) && tokens[k + 1].joined)
    }

    /// The word at `k` follows a verb's prefix and a hyphen: "co-chaired", "re-signed".
    pub(super) fn verb_prefix_before(&self, k: usize) -> bool {
        k >= self.tokens.start + 2 && self.word(k - 1) == "-" && self.finder.text.tokens[k].joined && self.finder.text.tokens[k - 1].joined && matches!(self.word(k - 2), "co" | "re")
    }

    /// "the corridor, which India, Iran and Russia launched", "the fuel North Korea can
    /// import": the name an object relative clause refers to, when the verb at `k` follows its
    /// subject right after "which" or "that", or right after a good or project with neither
    /// (the verb's object, not its subject: "X, which has invested" is `subject_before`'s).
    pub(super) fn relative_object_before(&self, k: usize) -> Option<usize> {
        let mut j = k;
        while j > self.tokens.start && (self.finder.is(j - 1, WordKinds::VERB_GROUP) || self.word(j - 1).ends_with("ly")) {
            j -= 1;
        }
        let subject = (j > self.tokens.start).then(|| self.mention_at(j - 1)).flatten()?;
        let first = self.list_first(subject);
        if first <= self.tokens.start {
            return None;
        }
        // "the fuel North Korea can import", "the tankers Zvezda built": a thing named right
        // before the subject, with no "which" or "that", is the object of its clause.
        if let Some(thing) = self.mention_at(first - 1).filter(|&t| matches!(self.class(t), EntityType::Commodity | EntityType::Project)) {
            let actor = !matches!(self.class(subject), EntityType::Commodity | EntityType::Project | EntityType::Place);
            return actor.then_some(thing);
        }
        if !matches!(self.word(first - 1), "which" | "that") {
            return None;
        }
        let mut r = first - 1;
        if r > self.tokens.start && self.word(r - 1) == "," {
            r -= 1;
        }
        (r > self.tokens.start).then(|| self.mention_at(r - 1)).flatten()
    }

    /// The subject of the clause a cue at token `k` is in: the mention "which"/"who"
    /// refers to for a relative clause, the name after "with" before an "-ing" cue ("with
    /// Uzbekistan exporting"), else the nearest mention to the left in the same clause that
    /// is no preposition's object, past asides.
    pub(super) fn subject_before(&self, k: usize) -> Option<usize> {
        if let Some(m) = self.infinitive_subject(k) {
            return Some(m);
        }
        // A relative clause: "X, which has invested", "X who heads".
        let mut j = k;
        while j > self.tokens.start && (self.finder.is(j - 1, WordKinds::VERB_GROUP) || self.word(j - 1).ends_with("ly")) {
            j -= 1;
        }
        if let Some(m) = (j > self.tokens.start && self.finder.is(j - 1, WordKinds::RELATIVE)).then(|| self.antecedent(j - 1)).flatten() {
            return Some(m);
        }
        if let Some(m) = self.before_apposition(j) {
            return Some(m);
        }
        // "with Uzbekistan exporting cotton": the name between "with" and an "-ing" form is its subject.
        if let Some(m) = (j > self.tokens.start && self.word(k).ends_with("ing")).then(|| self.mention_at(j - 1)).flatten() {
            let first = self.list_first(m);
            if first > self.tokens.start && self.word(first - 1) == "with" {
                return Some(m);
            }
        }
        let clause = self.clause_of(k);
        let inside = self.is_aside(k);
        let mut j = k;
        let mut seen = 0;
        let mut reached_start = true;
        // "Rosneft's cooperation with HHI to build a shipyard": a verb whose clause has no
        // subject of its own takes the owner of the noun it completes.
        let mut owner = None;
        while j > self.tokens.start && seen < 30 {
            j -= 1;
            seen += 1;
            if self.clause_of(j) != clause {
                reached_start = false;
                break;
            }
            // ("More than 40 countries, including Russia, China and Iran, attended": the
            // examples of a subject noun, in an aside, are the subject.)
            if let Some(m) = self.mention_at(j).filter(|&m| self.example_of_subject(m, k)) {
                return Some(m);
            }
            if self.is_aside(j) && !inside {
                continue;
            }
            // "talks with President Pezeshkian, who is on a visit to Iran": the name a
            // relative pronoun refers to is the subject of the clause it opens.
            // (Not "that", which also opens what is said: "warned Japan that a visit".)
            if let Some(m) = matches!(self.word(j), "who" | "which").then(|| self.antecedent(j)).flatten() {
                return Some(m);
            }
            // "Manara, the vehicle set up by Ma'aden, has agreed to buy a stake": the name
            // before an apposition that closes before the cue's verb phrase.
            if self.word(j) == "," {
                if let Some(m) = self.before_apposition(j + 1) {
                    return Some(m);
                }
            }
            // (An elided share's reference is no subject: "Samsung has a 12% stake".)
            if let Some(m) = self.mention_at(j).filter(|&m| !self.is_share_reference(m)) {
                // "a South Korean politician who chairs": an adjective of a plain noun is no subject.
                let describing = matches!(self.resolved[self.mentions[m]].mention.target, Target::Adjective(_)) && !self.finder.is_actor_noun_after(self.last(m)) && self.head[m] == m;
                if (self.preposition_before(m).is_none() || self.of_unnamed_official(m) || self.of_subject_noun(m))
                    && !self.possessor(m)
                    && !describing
                    && !self.object_of_past_verb(m, k)
                    && !self.owned_in_phrase(m)
                {
                    return Some(m);
                }
                if self.agent_before_phrase(m, k) {
                    return Some(m);
                }
                if self.possessor(m) {
                    owner = owner.or(Some(m));
                }
                j = self.first(m);
            }
        }
        let infinitive = k > self.tokens.start && self.word(k - 1) == "to";
        if infinitive && owner.is_some() {
            return owner;
        }
        // "At the forum, Novak said": a phrase before the subject, closed by a comma.
        (reached_start && j == self.tokens.start && owner.is_none()).then(|| self.subject_after_fronted(k)).flatten()
    }

    /// The name right before the relative pronoun at token `relative` (past its comma): what
    /// "which" or "who" refers to.
    fn antecedent(&self, relative: usize) -> Option<usize> {
        let mut r = relative;
        if r > self.tokens.start && self.word(r - 1) == "," {
            r -= 1;
        }
        (r > self.tokens.start).then(|| self.mention_at(r - 1)).flatten()
    }

    /// The subject of an infinitive cue at `k` that is not its clause's: the object of a verb
    /// of asking or allowing before "to" ("Putin urged South Korean companies to invest",
    /// "invited Seoul to take part": `lexicon/control_verbs.txt`), or the owner of the noun
    /// the infinitive completes ("Seoul blocked Hanwha's plan to sell warships", "the decision
    /// by Finland to join NATO").
    fn infinitive_subject(&self, k: usize) -> Option<usize> {
        if k < self.tokens.start + 3 || self.word(k - 1) != "to" {
            return None;
        }
        let mut end = k - 1;
        // ("South Korean companies to invest": a state's adjective before an actor noun.)
        if self.mention_at(end - 1).is_none() && self.finder.is(end - 1, WordKinds::ACTOR_NOUN) {
            end -= 1;
        }
        if end > self.tokens.start + 1 && self.mention_at(end - 1).is_none() && self.word(end - 2) == "'s" && self.finder.is_plain_word(end - 1) {
            return self.mention_at(end - 3);
        }
        let m = self.mention_at(end - 1)?;
        let verb = self.past_determiners(self.list_first(m)).checked_sub(1).filter(|&v| v >= self.tokens.start)?;
        // ("the decision by Finland to join NATO": the agent of the noun the infinitive completes.)
        let agent_of_noun = self.word(verb) == "by"
            && verb > self.tokens.start
            && self.mention_at(verb - 1).is_none()
            && self.finder.is_plain_word(verb - 1)
            && !self.finder.lex.frames.is_past_verb(self.word(verb - 1));
        (agent_of_noun || self.finder.lex.frames.is_control_verb(self.word(verb))).then_some(m)
    }

    /// "The plant is being built by NPCIL in technical cooperation with Rosatom": mention `m`
    /// is the agent right after a passive verb ("built by"), and the cue at `k` is in a
    /// prepositional phrase after it (up to three words from a preposition): the agent does
    /// what the cue says.
    fn agent_before_phrase(&self, m: usize, k: usize) -> bool {
        // (Past the title of the first name: "by President Xi Jinping during a visit".)
        let listed = self.list_first(m);
        let first = self.past_determiners(self.mention_at(listed).map_or(listed, |f| self.title_start_before(f)));
        // ("put forward by", "set up by": a particle may stand between the verb and "by".)
        let past_verb_at = |j: usize| self.finder.lex.frames.is_past_verb(self.word(j));
        let particle = |j: usize| matches!(self.word(j), "forward" | "up" | "out" | "down" | "off" | "over");
        let by = first > self.tokens.start + 1 && self.word(first - 1) == "by" && (past_verb_at(first - 2) || (first > self.tokens.start + 2 && particle(first - 2) && past_verb_at(first - 3)));
        // ("by the Nuclear Power Corporation of India (NPCIL) in cooperation with": past its
        // acronym in brackets, and past the seat its name is written with: "of India (NPCIL)".)
        let mut after = self.last(m);
        if after + 1 < k && self.word(after) == "of" {
            if let Some(seat) = self.mention_at(after + 1) {
                after = self.last(seat);
            }
        }
        if after < k && self.word(after) == "(" {
            after = (after..k).find(|&j| self.word(j) == ")").map_or(k, |j| j + 1);
        }
        let between = after..k;
        by && (1..=4).contains(&between.len())
            && matches!(self.word(after), "in" | "with" | "under" | "through" | "during" | "on" | "at")
            && between.clone().skip(1).all(|j| self.finder.text.tokens[j].kind == TokenKind::Word && !self.finder.is(j, WordKinds::VERB_GROUP) && self.mention_at(j).is_none())
    }

    /// Mention `m` is the object of a verb in the past right before it, and the cue at `k`
    /// begins a phrase of its own after it ("Modi visited Tokyo for talks with Ishiba",
    /// "joined NATO and signed"): not the cue's subject. Not so for a noun in apposition
    /// ("formed LBA, a venture with Leonardo") or a gerund ("praised Pyongyang for
    /// supporting Russia": the object acts). The verb is a frame's ("visited", "met") or a
    /// lowercase word in "-ed" after no article ("reached"; "the newly formed X" is a modifier).
    fn object_of_past_verb(&self, m: usize, k: usize) -> bool {
        let between = self.last(m)..k;
        let own_phrase = between.clone().any(|j| self.finder.preposition(j).is_some() || self.word(j) == "and") && !between.clone().any(|j| self.word(j) == ",");
        if !own_phrase || self.word(k).ends_with("ing") {
            return false;
        }
        let v = self.past_determiners(self.first(m));
        if v == self.tokens.start {
            return false;
        }
        let verb = v - 1;
        let w = self.word(verb);
        let token = &self.finder.text.tokens[verb];
        if token.kind != TokenKind::Word || self.finder.is_capitalised(verb) || self.mention_at(verb).is_some() {
            return false;
        }
        let determined = verb > self.tokens.start && (self.finder.is(verb - 1, WordKinds::DETERMINER) || self.word(verb - 1).ends_with("ly") || self.word(verb - 1) == "-");
        self.finder.lex.frames.is_past_verb(w) || (w.len() > 4 && w.ends_with("ed") && !determined && !token.joined)
    }

    /// Whether the adjective or participle cue at token `k` ("based", "interested") can be
    /// said of mention `m` before it: no verb stands between them but the copula, relative
    /// pronoun, adverbs and quotes the cue's own clause opens with ("X, which is based in",
    /// "X is very much interested in", "have now become \"allied\""). In "OFAC
    /// is sanctioning four companies based in Hong Kong" it is the companies that are based
    /// there, not OFAC; "Hanmi, a chipmaker based in Incheon" keeps Hanmi.
    pub(super) fn described_by_adjective(&self, m: usize, k: usize) -> bool {
        let mut j = k;
        let adverb = |t: usize| self.word(t).ends_with("ly") || (self.finder.is(t, WordKinds::FUNCTION) && !self.finder.is(t, WordKinds::PREPOSITION.with(WordKinds::DETERMINER)));
        let punctuation = |t: usize| matches!(self.word(t), "," | "\"" | "“" | "”" | "'" | "‘");
        while j > self.last(m) && (self.finder.is(j - 1, WordKinds::VERB_GROUP.with(WordKinds::RELATIVE)) || adverb(j - 1) || punctuation(j - 1)) {
            j -= 1;
        }
        let verb = |t: usize| self.finder.is(t, WordKinds::VERB_GROUP) || (!self.finder.is_capitalised(t) && (self.word(t).ends_with("ing") || self.word(t).ends_with("ed")));
        !(self.last(m)..j).any(verb)
    }

    /// "Linda Park, his U.S. counterpart, accused", "Gazprom, the Russian gas giant, said",
    /// "Manara, the vehicle set up by Ma'aden and the fund (PIF), has agreed": the name
    /// before an apposition (set off by commas, opening with a determiner or a possessive,
    /// at most `APPOSITION_WORDS` tokens) that ends right before token `j`.
    pub(super) fn before_apposition(&self, j: usize) -> Option<usize> {
        let start = self.tokens.start;
        if j < start + 4 || self.word(j - 1) != "," {
            return None;
        }
        let close = j - 1;
        let open = (close.saturating_sub(APPOSITION_WORDS).max(start + 1)..close).rev().find(|&t| self.word(t) == ",")?;
        // (Or a bare title: "Tokayev, president of Kazakhstan, met"; "Sechin, Rosneft's chief
        // executive, said".)
        let title_at = |t: usize| {
            let t = match self.mention_at(t) {
                Some(owner) => self.last(owner) + usize::from(self.last(owner) < close && self.word(self.last(owner)) == "'s"),
                None => t,
            };
            t < close && self.in_title(t)
        };
        // (Or a state's or firm's noun: "Rosneft, Russia's top oil company, will supply"; not
        // a list's name: "Gazprom, Russia's Novatek, and CNPC".)
        let owned_noun = || self.mention_at(open + 1).is_some_and(|o| self.first(o) == open + 1 && self.possessor(o)) && self.mention_at(close - 1).is_none() && !self.finder.is_capitalised(close - 1);
        if !matches!(self.word(open + 1), "his" | "her" | "its" | "their" | "the" | "a" | "an") && !title_at(open + 1) && !owned_noun() {
            return None;
        }
        let m = self.mention_at(open - 1)?;
        (self.preposition_before(m).is_none() && !self.possessor(m) && !self.is_aside(open - 1)).then_some(m)
    }

    /// The subject of the main clause when token `k` lies in a phrase fronted before it
    /// ("At the 2018 forum, then-minister Novak said"; "During his visit to Seoul, Putin
    /// signed"): the first name after the comma that closes the phrase, with no
    /// preposition and owning nothing.
    fn subject_after_fronted(&self, k: usize) -> Option<usize> {
        let comma = (k..self.tokens.end.min(k + 12)).find(|&j| self.word(j) == "," && !self.is_aside(j))?;
        let mut j = comma + 1;
        while j < self.tokens.end.min(comma + 6) {
            if let Some(m) = self.mention_at(j) {
                // "Russian Energy Minister Alexander Novak": the modifier stands for its head.
                let m = self.head[m];
                let adjective = matches!(self.resolved[self.mentions[m]].mention.target, Target::Adjective(_));
                return (self.preposition_before(m).is_none() && !self.possessor(m) && !adjective).then_some(m);
            }
            if !(self.in_title(j) || self.finder.is(j, WordKinds::DETERMINER) || self.word(j).starts_with("then") || self.word(j) == "-") {
                return None;
            }
            j += 1;
        }
        None
    }

    /// The first of the determiners right before token `k` ("the", "its"), `k` when none.
    fn past_determiners(&self, k: usize) -> usize {
        let mut first = k;
        while first > self.tokens.start && self.finder.is(first - 1, WordKinds::DETERMINER) {
            first -= 1;
        }
        first
    }

    /// "the deputy defence minister of X visited": X acts through an official the
    /// sentence does not name (no name stands before the title).
    fn of_unnamed_official(&self, m: usize) -> bool {
        let k = self.past_determiners(self.first(m));
        if k < self.tokens.start + 2 || self.word(k - 1) != "of" || !self.in_title(k - 2) {
            return false;
        }
        let mut t = k - 2;
        while t > self.tokens.start && (self.in_title(t - 1) || self.mention_at(t - 1).is_some_and(|a| self.head[a] != a)) {
            t -= 1;
        }
        let t = self.past_determiners(t);
        // "Sergei Lavrov, the foreign minister of Russia": the official is named.
        let named = t >= self.tokens.start + 2 && self.word(t - 1) == "," && self.mention_at(t - 2).is_some();
        !named && (t == self.tokens.start || self.mention_at(t - 1).is_none())
    }

    /// "Work on X is being carried out by", "The ceremony in X was witnessed by": X after a
    /// preposition of a noun that begins its clause (`lexicon/subject_nouns.csv`).
    fn of_subject_noun(&self, m: usize) -> bool {
        let k = self.past_determiners(self.first(m));
        if k < self.tokens.start + 2 {
            return false;
        }
        let preposition = self.word(k - 1);
        if !self.finder.lex.subject_nouns.get(self.word(k - 2)).is_some_and(|after| after.iter().any(|p| p == preposition)) {
            return false;
        }
        // ("The meeting of the Council took place in Lima": an actor after "of" holds the
        // gathering, it does not stand for it; an event, a project or a place does.)
        if preposition == "of" && self.class(m).is_actor() {
            return false;
        }
        // What stands before the noun: at most a determiner, lowercase modifiers and a
        // quantity ("Much of the civil work on").
        let mut t = k - 2;
        while t > self.tokens.start && self.mention_at(t - 1).is_none() && self.word(t - 1) != "," {
            let quantity = t >= self.tokens.start + 2 && self.word(t - 1) == "of" && matches!(self.word(t - 2), "much" | "most" | "part" | "some" | "all");
            if self.finder.preposition(t - 1).is_some() && !quantity {
                break;
            }
            t -= 1;
        }
        t == self.tokens.start || self.clause_of(t - 1) != self.clause_of(k) || self.word(t - 1) == ","
    }

    /// Mention `m` is "its", "their", "his" or "her" resolved to its owner: a determiner of
    /// the next name, no argument of a verb or preposition ("building its Zvezda shipyard").
    fn possessive_pronoun(&self, m: usize) -> bool {
        let r = &self.resolved[self.mentions[m]];
        r.referring && r.mention.last == r.mention.first + 1 && matches!(self.word(r.mention.first), "its" | "their" | "his" | "her")
    }

    /// Mention `m` is a place or good right after "'s", modifying the noun after it:
    /// "Russia's Arctic port", "Korea's LNG imports".
    fn modifies_after_possessive(&self, m: usize) -> bool {
        if !matches!(self.class(m), EntityType::Place | EntityType::Commodity) {
            return false;
        }
        // ("China's largest oil supplier": past up to two lowercase words.)
        let mut j = self.first(m);
        while j > self.tokens.start + 1 && self.first(m) - j < 2 && self.mention_at(j - 1).is_none() && self.finder.is_plain_word(j - 1) {
            j -= 1;
        }
        j > self.tokens.start && self.word(j - 1) == "'s"
    }

    /// Mention `m` follows an owner that a preposition governs ("in Bangladesh's Pabna
    /// district"): it is inside that phrase, no clause's subject.
    fn owned_in_phrase(&self, m: usize) -> bool {
        let first = self.first(m);
        first >= self.tokens.start + 2 && self.word(first - 1) == "'s" && self.mention_at(first - 2).is_some_and(|owner| self.preposition_before(owner).is_some())
    }

    /// Mention `m` is followed by "'s": it owns the next noun, it is not the subject.
    pub(super) fn possessor(&self, m: usize) -> bool {
        let last = self.last(m);
        last < self.tokens.end && self.word(last) == "'s"
    }

    /// The first mention after token `from` (within a few words, no preposition or
    /// clause break between): a verb's direct object.
    pub(super) fn object_after(&self, from: usize) -> Option<usize> {
        let mut k = from;
        let mut skipped = 0;
        let mut quantity = false;
        let mut past_compound = false;
        while k < self.tokens.end && skipped <= 7 {
            if let Some(m) = self.mention_at(k).filter(|&m| !self.possessive_pronoun(m)) {
                // "five US-linked subsidiaries of X": a name joined by a hyphen to the
                // lowercase word after it modifies the noun, it is not the object.
                let last = self.last(m);
                let compound = last + 1 < self.tokens.end && self.word(last) == "-" && self.finder.text.tokens[last].joined && !self.finder.is_capitalised(last + 1);
                // ("operates the Kazakh section of the pipeline": a state's adjective before a
                // part of something modifies the part; the object is what it is part of.)
                let part_of = matches!(self.resolved[self.mentions[m]].mention.target, Target::Adjective(_))
                    && last + 1 < self.tokens.end
                    && self.finder.lex.part_heads.contains(self.word(last))
                    && self.word(last + 1) == "of";
                if part_of {
                    skipped += last - k;
                    k = last;
                    past_compound = true;
                    continue;
                }
                if !compound {
                    // "joined China's Belt and Road Initiative": the owned name is the object.
                    return Some(self.holder_after(m).unwrap_or_else(|| self.past_adjective(self.owned_by(m))));
                }
                skipped += last + 2 - k;
                k = last + 2;
                past_compound = true;
                continue;
            }
            // "met Secretary of Commerce Howard Lutnick": past a title and its portfolio.
            if let Some(end) = self.past_title(k).filter(|&end| end > k + 1 && self.mention_at(end).is_some()) {
                skipped += end - k;
                k = end;
                continue;
            }
            let w = self.word(k);
            let number = self.is_count(k);
            quantity |= number;
            // "about 20 million tonnes of coal": a hedge before the count.
            if let Some(next) = self.finder.approximator_at(k).filter(|&next| next < self.tokens.end) {
                skipped += next - k;
                k = next;
                continue;
            }
            // "by 2022", "in 2019": a date between a verb and its object.
            if matches!(w, "by" | "in" | "until") && k + 1 < self.tokens.end && self.finder.text.tokens[k + 1].kind == TokenKind::Number {
                k += 2;
                skipped += 2;
                continue;
            }
            // "2.1 million tonnes of LNG": the object is what is counted; "the deployment of
            // THAAD": what the noun is of.
            // ("sanctioned two units of X", "five US-linked subsidiaries of X": the noun
            // phrase starts at the verb's object, or past a name joined to it.)
            let counted = w == "of" && (quantity || self.nominal_before(k).is_some_and(|start| start <= from || past_compound));
            // ("met the head of Rosatom, Alexey Likhachev": the title's holder, set off by a comma.)
            let title_object = w == "of" && k > from && (from..k).all(|j| self.in_title(j) || self.finder.is(j, WordKinds::DETERMINER));
            if let Some(holder) = (title_object && k + 1 < self.tokens.end).then(|| self.mention_at(k + 1).and_then(|m| self.holder_after(m))).flatten() {
                return Some(holder);
            }
            // ("proposed a \"nine-bridge\" strategy": quotes inside the noun phrase, after its
            // determiner, are no boundary.)
            let opening = || matches!(w, "\"" | "“" | "”") && self.finder.is(k - 1, WordKinds::DETERMINER);
            let closing = || matches!(w, "\"" | "”") && self.finder.is_plain_word(k - 1) && (from..k).any(|j| self.finder.is(j, WordKinds::DETERMINER));
            let quoted = k > from && (opening() || closing());
            let punctuation = !quoted && matches!(w, "." | "," | "\"" | "“" | "”" | "(" | ")");
            // "exports goods such as cars and chips": a plain noun's examples stand for it.
            let plain_noun = k > from && (from..k).all(|j| self.finder.is_plain_word(j) || self.finder.is(j, WordKinds::DETERMINER));
            if let Some(example) = plain_noun.then(|| self.finder.examples_after(k, self.tokens.end)).flatten().and_then(|first| self.mention_at(first)) {
                return Some(example);
            }
            if !counted && (self.finder.is(k, WordKinds::PREPOSITION.with(WordKinds::CLAUSE_BREAK)) || punctuation || self.finder.is(k, WordKinds::RELATIVE)) {
                return None;
            }
            k += 1;
            skipped += 1;
        }
        None
    }

    /// Token `k` counts: a number, or a quantity noun, which counts as a number does
    /// ("record volumes of Russian crude": `lexicon/quantity_nouns.txt`).
    fn is_count(&self, k: usize) -> bool {
        self.finder.text.tokens[k].kind == TokenKind::Number || self.finder.lex.quantity_nouns.contains(self.word(k))
    }

    /// A count of something lies between tokens `from` and `to`: a number, a percentage or
    /// a quantity noun and "of" ("9% of", "a quarter of": `lexicon/quantity_nouns.txt`; not
    /// "met two Chinese officials").
    pub(super) fn counted_between(&self, from: usize, to: usize) -> bool {
        (from..to).any(|k| self.is_count(k) && [k + 1, k + 2].into_iter().find(|&j| j < to && !self.finder.is_percent_at(j)).is_some_and(|j| self.word(j) == "of"))
    }

    /// The first mention after token `from`, in the same clause (and aside) and within 15
    /// words, governed by preposition `p`.
    pub(super) fn prep_object_after(&self, from: usize, p: u8) -> Option<usize> {
        let clause = (from < self.tokens.end).then(|| self.clause_of(from))?;
        let inside = self.is_aside(from);
        let mut k = from;
        // "sold to more than 30 countries, including Poland": the preposition governs a
        // plural noun without a name, and the names given as its examples stand for it.
        let mut governs_noun = false;
        // ("the sidelines of the forum", "the acquisition of X": the "of" right after the cue
        // is the cue's own, whatever governs the cue's noun phrase.)
        let cue_of = self.word(from) == "of" && self.finder.preposition(from) == Some(p);
        while k < self.tokens.end && k < from + 15 {
            if self.clause_of(k) != clause || (inside && !self.is_aside(k)) {
                return None;
            }
            if let Some(m) = self.mention_at(k).filter(|&m| !self.possessive_pronoun(m)) {
                // ("in the U.S.-backed IMEC corridor": a name joined by a hyphen to a participle
                // modifies the name after it, which the preposition governs.)
                let last = self.last(m);
                let modified = (last + 2 < self.tokens.end && self.word(last) == "-" && self.finder.text.tokens[last].joined && !self.finder.is_capitalised(last + 1))
                    .then(|| self.mention_at(last + 2))
                    .flatten();
                if let Some(next) = modified.filter(|_| self.preposition_before(m) == Some(p)) {
                    return Some(self.owned_by(next));
                }
                // "near Mongolia's Ulan Bator", the owned name unread: the owner is not it.
                let own_of = cue_of && (from + 1..self.first(m)).all(|j| self.finder.preposition(j).is_none());
                if (own_of || self.preposition_before(m) == Some(p)) && !self.owns_unread_name(m) {
                    return Some(self.holder_after(m).unwrap_or_else(|| self.owned_by(m)));
                }
                // ("met with the CEO of TotalEnergies, Patrick Pouyanné": the title governed.)
                if let Some(holder) = self.holder_after(m).filter(|_| self.first(m).checked_sub(2).and_then(|k| self.title_governed_by(k)) == Some(p)) {
                    return Some(holder);
                }
                if governs_noun && self.example_of_noun(m) {
                    return Some(m);
                }
                governs_noun = false;
                k = self.last(m);
                continue;
            }
            // The noun phrase goes on over numbers, lowercase words and the comma before the marker.
            let token = &self.finder.text.tokens[k];
            let in_noun = self.word(k).chars().all(|c| c.is_ascii_digit()) || self.word(k) == "," || (token.kind == TokenKind::Word && !self.finder.is_capitalised(k));
            governs_noun = self.finder.preposition(k) == Some(p) || (governs_noun && in_noun);
            // "interest in increasing imports of Russian LNG": a gerund's object stands for it.
            if self.finder.preposition(k) == Some(p) && k + 1 < self.tokens.end && self.word(k + 1).ends_with("ing") && self.mention_at(k + 1).is_none() {
                if let Some(m) = self.object_of_gerund(k + 1) {
                    return Some(m);
                }
            }
            k += 1;
        }
        None
    }

    /// Mention `m` follows ", including" or another example marker (`lexicon/example_markers.txt`).
    fn example_of_noun(&self, m: usize) -> bool {
        self.example_comma(m).is_some()
    }

    /// The comma of ", including" or another example marker right before mention `m`.
    fn example_comma(&self, m: usize) -> Option<usize> {
        let first = self.first(m);
        self.finder.lex.frames.example_markers().iter().find_map(|marker| {
            let n = marker.len();
            let found = first > self.tokens.start + n && self.word(first - n - 1) == "," && self.finder.words_at(first - n, marker);
            found.then(|| first - n - 1)
        })
    }

    /// The comma of the example marker before the list mention `m` is in ("countries,
    /// including Russia and Iran").
    fn examples_comma(&self, m: usize) -> Option<usize> {
        let first = self.list(m).iter().copied().min_by_key(|&n| self.first(n)).filter(|&n| self.first(n) < self.first(m)).unwrap_or(m);
        self.example_comma(first)
    }

    /// The comma at token `comma` closes a list of examples ("countries, including Russia and
    /// Iran, attended"): what follows is the noun's verb, no participle describing the last.
    pub(super) fn closes_examples(&self, comma: usize) -> bool {
        comma > self.tokens.start && self.word(comma) == "," && self.mention_at(comma - 1).is_some_and(|m| self.examples_comma(m).is_some())
    }

    /// Mention `m` is in the list of examples a subject noun gives, closed by a comma before
    /// `k` ("More than 40 countries, including Russia, China and Iran, attended"): no
    /// preposition governs the noun.
    fn example_of_subject(&self, m: usize, k: usize) -> bool {
        let last = self.list(m).iter().map(|&n| self.last(n)).max().unwrap_or(self.last(m)).max(self.last(m));
        let Some(comma) = self.examples_comma(m) else { return false };
        let closed = last < k && self.word(last) == ",";
        let noun = self.nominal_before(comma).filter(|&start| start > self.tokens.start && self.finder.preposition(start - 1).is_none() && !self.finder.is(start - 1, WordKinds::FRAME_CUE));
        closed && noun.is_some()
    }

    /// "In Astana on Wednesday, …", "Earlier in the week in Ashgabat, …", "Following talks in
    /// Pyongyang, …": the place (or state) of an "in" or "at" phrase in the words opening the
    /// sentence, with nothing after it before the comma but a time ("on Wednesday", "last
    /// month": `lexicon/time_words.txt`), its preposition's token and that comma. Not "In
    /// Moscow's view," nor "In Russia and China, …" (one name only).
    pub(super) fn fronted_venue(&self) -> Option<(usize, usize, usize)> {
        let start = self.tokens.start;
        let comma = (start..self.tokens.end.min(start + 12)).find(|&k| self.word(k) == ",")?;
        let mut venue = None;
        let mut k = start;
        while k < comma {
            if let Some(m) = self.mention_at(k) {
                // ("In neighbouring Uzbekistan", "In northern Iraq": past a lowercase modifier.)
                let modifier = k > start + 1 && self.word(k - 1).chars().all(char::is_lowercase) && self.finder.is_plain_word(k - 1);
                let at = if modifier { k - 1 } else { k };
                let after_preposition = at > start && matches!(self.word(at - 1), "in" | "at");
                if venue.is_some() || !after_preposition || !matches!(self.class(m), EntityType::Place | EntityType::Country) {
                    return None;
                }
                venue = Some((m, at - 1));
                k = self.last(m);
                continue;
            }
            let w = self.word(k);
            let time = self.finder.lex.frames.time_words.contains(w) || w.starts_with(|c: char| c.is_ascii_digit()) || self.finder.is(k, WordKinds::DATE_WORD);
            if venue.is_some() && !time {
                return None;
            }
            k += 1;
        }
        venue.map(|(m, preposition)| (m, preposition, comma))
    }

    /// "Nayara, in which Rosneft holds a stake", "the bloc, of which Turkey is a member", "the
    /// island project in which Mitsui has kept its stake",
    /// "Beijing, where Putin held talks" (as "in" or "at"): the name a relative clause fronted
    /// by preposition `p` refers to, for a cue at `k` inside that clause.
    pub(super) fn fronted_relative(&self, k: usize, p: u8) -> Option<usize> {
        let clause = self.clause_of(k);
        let mut j = k;
        while j > self.tokens.start + 3 && k - j < 12 {
            j -= 1;
            // ("in which Tarsk Energy Corp. holds a stake": past the name's words.)
            if let Some(m) = self.mention_at(j) {
                j = self.first(m);
                continue;
            }
            let w = self.word(j);
            if self.clause_of(j) != clause || w == "," {
                return None;
            }
            // (Set off by a comma or not: "the Pacific island project in which Mitsui has kept its stake".)
            if matches!(w, "which" | "whom") {
                if self.finder.preposition(j - 1) != Some(p) {
                    return None;
                }
                let named = if self.word(j - 2) == "," { self.mention_at(j - 3) } else { self.mention_at(j - 2) };
                // ("Japan Arctic LNG, a joint vehicle in which JOGMEC owns 75%": the name that a
                // lowercase apposition opening with an article describes.)
                let apposed = || {
                    let comma = (j.saturating_sub(8).max(self.tokens.start + 1)..j - 1).rev().find(|&t| self.word(t) == ",")?;
                    let plain = (comma + 1..j - 1).all(|t| self.mention_at(t).is_none() && !self.finder.is_capitalised(t));
                    // (A firm's or an undertaking's: not "the plant in Mozambique, a project in which".)
                    let undertaking = |m: &usize| matches!(self.class(*m), EntityType::Project | EntityType::Company | EntityType::Organization);
                    (plain && matches!(self.word(comma + 1), "a" | "an" | "the")).then(|| self.mention_at(comma - 1)).flatten().filter(undertaking)
                };
                return named.or_else(apposed);
            }
            // "in Beijing, where Putin held talks with Xi": "where" is "in" or "at" the place.
            if w == "where" {
                let frames = &self.finder.lex.frames;
                let locative = frames.preposition("in") == Some(p) || frames.preposition("at") == Some(p);
                return (locative && self.word(j - 1) == ",").then(|| self.mention_at(j - 2)).flatten();
            }
        }
        None
    }

    /// The first name within six words after the gerund at `k`, past "of" and lowercase words only.
    fn object_of_gerund(&self, k: usize) -> Option<usize> {
        (k + 1..self.tokens.end.min(k + 7)).find_map(|j| match self.mention_at(j) {
            Some(m) => Some(Some(self.past_adjective(m))),
            None => {
                let w = self.word(j);
                let plain = w.chars().all(|c| c.is_alphabetic() || c == '-') && (!self.finder.is(j, WordKinds::PREPOSITION) || w == "of");
                (!plain).then_some(None)
            }
        })?
    }

    /// The name whose "'s" stands right before mention `m` ("Turkmenistan" of
    /// "Turkmenistan's gas"), if one does.
    pub(super) fn possessor_right_before(&self, m: usize) -> Option<usize> {
        self.possessor_before(self.first(m)).filter(|&p| self.last(p) + 1 == self.first(m))
    }

    /// The state's adjective right before mention `m`, touching it ("Russian" in "Russian
    /// gas"), if one is.
    pub(super) fn adjective_before(&self, m: usize) -> Option<usize> {
        m.checked_sub(1).filter(|&a| self.last(a) == self.first(m) && matches!(self.resolved[self.mentions[a]].mention.target, Target::Adjective(_)))
    }

    /// "buying Australian coal": the commodity a nationality adjective stands before, not
    /// the adjective's state; "attended the Shanghai Cooperation Organisation (SCO) summit":
    /// the event named after the body.
    pub(super) fn past_adjective(&self, m: usize) -> usize {
        let adjective = matches!(self.resolved[self.mentions[m]].mention.target, Target::Adjective(_));
        let last = self.last(m);
        // "the Shanghai Cooperation Organisation (SCO) summit": the acronym and its head
        // name the body's event.
        let bracketed = (last + 1 < self.tokens.end && self.word(last) == "(").then(|| self.mention_at(last + 1)).flatten();
        if let Some(event) = bracketed.filter(|&n| matches!(self.class(n), EntityType::Event | EntityType::Project | EntityType::Initiative) && self.word(self.first(n) + 1) == ")") {
            return event;
        }
        // ("met his South Korean counterpart, Han Duck-soo": the person set off after the
        // title the adjective opens.)
        let holder = || {
            let k = self.past_title(last).filter(|&k| k + 1 < self.tokens.end && self.word(k) == ",")?;
            self.mention_at(k + 1).filter(|&p| self.class(p) == EntityType::Person && self.first(p) == k + 1)
        };
        match self.mention_at(last) {
            Some(next) if adjective && self.class(next) == EntityType::Commodity => next,
            _ if adjective => holder().unwrap_or(m),
            _ => m,
        }
    }

    /// "Abu Dhabi conglomerate International Holding Company", "Moscow-based miner Nornickel":
    /// the name after a place or state that modifies one or two lowercase descriptor words
    /// before it (no comma, no function word between).
    pub(super) fn named_after_descriptor(&self, m: usize) -> Option<usize> {
        if !matches!(self.class(m), EntityType::Place | EntityType::Country) {
            return None;
        }
        let mut k = self.last(m);
        // ("Moscow-based": a hyphenated participle is one descriptor word.)
        if k + 1 < self.tokens.end && self.finder.inner_dash(k) && self.word(k + 1) == "based" {
            k += 2;
        }
        let descriptor = |t: usize| t < self.tokens.end && self.mention_at(t).is_none() && self.word(t).chars().all(char::is_lowercase) && !self.finder.is(t, WordKinds::FUNCTION);
        let words = (k..k + 3).take_while(|&t| descriptor(t)).count();
        (1..=2).contains(&words).then(|| self.mention_at(k + words)).flatten().filter(|&n| self.first(n) == k + words)
    }

    /// The by-agent of a passive verb ending at `from`: a name after "by", or the name after
    /// "from" that follows a noun after "by" ("blocked by objections from Moscow", "financed
    /// by a loan from JICA").
    pub(super) fn agent_after(&self, from: usize) -> Option<usize> {
        let by = self.finder.lex.frames.preposition("by")?;
        self.prep_object_after(from, by).or_else(|| self.agent_noun_from(from, by))
    }

    /// "by [a] noun(s) from X" in the clause of token `from`, within 15 words: X.
    fn agent_noun_from(&self, from: usize, by: u8) -> Option<usize> {
        let end = self.tokens.end.min(from + 15);
        let clause = (from < self.tokens.end).then(|| self.clause_of(from))?;
        for k in (from..end).filter(|&k| self.finder.preposition(k) == Some(by) && self.clause_of(k) == clause) {
            let mut j = self.skip_determiners(k + 1);
            let mut nouns = 0;
            while j < end
                && nouns < 3
                && self.mention_at(j).is_none()
                && self.finder.text.tokens[j].kind == TokenKind::Word
                && !self.finder.is_capitalised(j)
                && !self.finder.is(j, WordKinds::FUNCTION)
            {
                j += 1;
                nouns += 1;
            }
            if nouns == 0 || j >= end || self.word(j) != "from" {
                continue;
            }
            if let Some(m) = self.mention_at(self.skip_determiners(j + 1)) {
                return Some(m);
            }
        }
        None
    }

    /// The first token at or after `k` that is no determiner.
    fn skip_determiners(&self, mut k: usize) -> usize {
        while k < self.tokens.end && self.finder.is(k, WordKinds::DETERMINER) {
            k += 1;
        }
        k
    }

    /// "X's [modifiers] cue": X.
    pub(super) fn possessor_before(&self, k: usize) -> Option<usize> {
        let mut j = k;
        let mut skipped = 0;
        while j > self.tokens.start && skipped <= 3 {
            j -= 1;
            if self.word(j) == "'s" {
                // "the Russian president's visit": the state of the titled owner.
                return (self.tokens.start..j).rev().take(3).find_map(|i| match self.mention_at(i) {
                    Some(m) => Some(Some(m)),
                    None => (!self.in_title(i)).then_some(None),
                })?;
            }
            if let Some(m) = self.mention_at(j) {
                // "Russia's Arctic port", "Korea's LNG imports": a modifier, not the owner.
                if self.modifies_after_possessive(m) {
                    j = self.first(m);
                    skipped += 1;
                    continue;
                }
                // "its chief executive": a possessive pronoun resolved to its owner.
                return matches!(self.word(j), "its" | "their" | "his" | "her").then_some(m);
            }
            skipped += 1;
        }
        None
    }

    /// "Korean investment", "Russian gas supplies", "KIC chief executive": the mention
    /// right before the cue, past up to two lowercase modifiers and one commodity.
    pub(super) fn modifier_before(&self, k: usize) -> Option<usize> {
        let mut j = if self.and_other_before(k) { k - 2 } else { k };
        let mut words = 0;
        let mut commodity = false;
        while j > self.tokens.start {
            j -= 1;
            if let Some(m) = self.mention_at(j) {
                if self.class(m) == EntityType::Commodity && !commodity && self.first(m) > self.tokens.start && self.mention_at(self.first(m) - 1).is_some() {
                    commodity = true;
                    j = self.first(m);
                    continue;
                }
                return (!self.possessor(m)).then_some(m);
            }
            let w = self.word(j);
            // ("Kazakhstan and Uzbekistan discussed cooperation": a verb in the past after a
            // name ends it; not a compound's participle, "Korean-backed investment", nor an
            // adjective after a state's: "Chinese advanced reactor exports".)
            let after_name = j > self.tokens.start && self.mention_at(j - 1).is_some_and(|m| !matches!(self.resolved[self.mentions[m]].mention.target, Target::Adjective(_)));
            let past_verb = (self.finder.lex.frames.is_past_verb(w) || (w.len() > 4 && w.ends_with("ed"))) && after_name && !self.in_compound(j);
            let verb_or_function = self.finder.is(j, WordKinds::VERB_GROUP.with(WordKinds::FUNCTION)) || past_verb;
            if words >= 2 || verb_or_function || !w.chars().all(|c| c.is_alphabetic() || c == '-') {
                return None;
            }
            words += 1;
        }
        None
    }

    /// "and other" (or "or other") right before token `k`: "U.S., EU and other sanctions"
    /// names the modifiers before it as some of the cue's.
    pub(super) fn and_other_before(&self, k: usize) -> bool {
        k >= self.tokens.start + 3 && k <= self.tokens.end && self.word(k - 1) == "other" && matches!(self.word(k - 2), "and" | "or")
    }

    /// The "(" of a name's acronym in brackets ending right before token `j` ("(ICC)" in "the
    /// International Chamber of Commerce (ICC) in"), else `j`.
    fn past_bracketed_acronym(&self, j: usize) -> usize {
        let bracketed = j > self.tokens.start + 3 && self.word(j - 1) == ")" && self.word(j - 3) == "(" && self.mention_at(j - 2).is_some();
        if bracketed {
            j - 3
        } else {
            j
        }
    }

    /// "X, the main investor", "X is the main investor", "X as the main investor", "X and
    /// other investors": X.
    pub(super) fn described_by(&self, k: usize) -> Option<usize> {
        let mut j = k;
        let mut skipped = 0;
        while j > self.tokens.start && skipped <= 7 {
            j -= 1;
            let w = self.word(j);
            if w == "," {
                // ("International Resources Holding (IRH), the mining arm of": past the name's
                // acronym in brackets.)
                let before = self.past_bracketed_acronym(j);
                return (before > self.tokens.start).then(|| self.mention_at(before - 1)).flatten();
            }
            if w == "other" {
                // "Russia, China and other SCO members", "Samsung and other investors": the name
                // (and its list) before "and other" is one too.
                return (j >= self.tokens.start + 2 && matches!(self.word(j - 1), "and" | "or")).then(|| self.mention_at(j - 2)).flatten();
            }
            if w == "as" {
                // "with Novatek as the main investor", "acted as a mediator".
                return (j > self.tokens.start).then(|| self.mention_at(j - 1)).flatten().or_else(|| self.subject_before(j + 1));
            }
            if self.finder.is(j, WordKinds::COPULA) {
                return self.subject_before(j + 1).or_else(|| (j > self.tokens.start).then(|| self.mention_at(j - 1)).flatten());
            }
            if let Some(m) = self.mention_at(j) {
                // "Sergei Lavrov, Russia's foreign minister", "Denis Alipov, the Russian
                // ambassador", "Han Duck-soo, his South Korean counterpart": past the owner of
                // the title or its state's adjective.
                let first = self.first(m);
                let article = |at: usize| at > self.tokens.start && matches!(self.word(at - 1), "the" | "a" | "an" | "his" | "her" | "its" | "their");
                let adjective = matches!(self.resolved[self.mentions[m]].mention.target, Target::Adjective(_)) && article(first);
                // "Turkey, a NATO member", "became the first NATO member": the name that
                // modifies the cue itself.
                let ordinal = first > self.tokens.start + 1 && self.finder.lex.ordinals.contains(self.word(first - 1)) && article(first - 1);
                // ("Qatar, a major LNG exporter", "the world's biggest uranium producer": up to
                // five lowercase words or dashes between the article or possessive and the modifier.)
                let described = || {
                    let lowercase = |at: usize| (self.word(at).chars().all(char::is_lowercase) && !self.finder.is(at, WordKinds::FUNCTION)) || self.finder.is_dash(at);
                    let words = (first.saturating_sub(5).max(self.tokens.start)..first).rev().take_while(|&at| lowercase(at)).count();
                    words > 0 && (article(first - words) || (first - words > self.tokens.start && self.word(first - words - 1) == "'s"))
                };
                // ("Vale Base Metals, the copper and nickel unit of": goods named in lowercase
                // before the cue, joined by "and", modify it too.)
                let goods = || {
                    let plain = |at: usize| self.word(at) == "and" || (self.word(at).chars().all(char::is_lowercase) && !self.finder.is(at, WordKinds::FUNCTION));
                    let opening = (first.saturating_sub(4).max(self.tokens.start)..first).rev().take_while(|&at| plain(at)).last().unwrap_or(first);
                    self.class(m) == EntityType::Commodity
                        && self.word(first).chars().all(char::is_lowercase)
                        && (self.last(m)..k).all(plain)
                        && (opening..first).any(|at| self.word(at) == "and") != (self.last(m)..k).any(|at| self.word(at) == "and")
                        && article(opening)
                };
                let other = |at: usize| at > self.tokens.start && self.word(at - 1) == "other";
                let modifier = (self.last(m) == k && (article(first) || ordinal || described() || other(first))) || goods();
                // "Arkhangelsk, Russia's Arctic port".
                if !self.possessor(m) && !adjective && !modifier && !self.modifies_after_possessive(m) {
                    return None;
                }
                j = self.first(m);
            }
            // (Title words do not count: "Qatar's Minister of State for Energy Affairs and
            // President and CEO of QatarEnergy".)
            if !self.in_title(j) {
                skipped += 1;
            }
        }
        None
    }

    /// The mention right before token `k`, or before one lowercase noun that heads it
    /// ("the Far East region in Russia"), or the name that noun describes ("Zarubino is a
    /// port in …", "Harbin, a city in …"), or the name a phrase set off by a comma after it
    /// describes ("the Amur plant, near Svobodny"), or the name a description set off by a
    /// comma describes ("Arctic LNG 2, the $21 billion project in …").
    pub(super) fn left_of(&self, k: usize) -> Option<usize> {
        let before = |j: usize| (j > self.tokens.start).then(|| self.mention_at(j - 1)).flatten();
        if let Some(m) = before(k) {
            return Some(m);
        }
        // "the International Chamber of Commerce (ICC) in Paris": past the name's acronym in brackets.
        let open = self.past_bracketed_acronym(k);
        if open < k {
            let entity = |m: usize| self.resolved[self.mentions[m]].entity;
            let spelled_by_acronym = |n: usize| self.mention_at(k - 2).is_some_and(|a| entity(a) == entity(n));
            if let Some(name) = before(open).filter(|&n| spelled_by_acronym(n)) {
                return Some(name);
            }
        }
        // "The plant is in Mersin province": past a copula.
        if k > self.tokens.start + 1 && self.finder.is(k - 1, WordKinds::COPULA) {
            if let Some(m) = before(k - 1) {
                return Some(m);
            }
        }
        // "the Amur plant, near Svobodny,", "the Baimskaya project, also in Chukotka": a
        // phrase set off by a comma describes the name before it, unless that name is the
        // object of the same preposition ("in Yamal, in Sakhalin": a list).
        let comma = (k > self.tokens.start + 1)
            .then(|| if self.finder.is(k - 1, WordKinds::VERB_GROUP) && !self.finder.is(k - 1, WordKinds::COPULA) { k - 1 } else { k })
            .filter(|&c| c > self.tokens.start + 1 && self.word(c - 1) == ",");
        if let Some(c) = comma {
            let same_preposition = |m: usize| self.first(m) > self.tokens.start && self.word(self.first(m) - 1) == self.word(k);
            return before(c - 1).filter(|&m| !same_preposition(m));
        }
        let noun = k > self.tokens.start && self.finder.text.tokens[k - 1].kind == TokenKind::Word && !self.finder.is(k - 1, WordKinds::FUNCTION) && self.word(k - 1).chars().all(char::is_lowercase);
        if !noun {
            return None;
        }
        let mut j = k - 1;
        // "Arctic LNG 2, a huge gas project in …": a longer description (past a name in it).
        if let Some(comma) = self.finder.appositive_comma_before(j, self.tokens.start) {
            return before(comma);
        }
        if let Some(m) = before(j) {
            return Some(m);
        }
        if j > self.tokens.start && matches!(self.word(j - 1), "a" | "an" | "the") {
            j -= 1;
        }
        if j <= self.tokens.start {
            return None;
        }
        match self.word(j - 1) {
            "," => before(j - 1),
            _ if self.finder.is(j - 1, WordKinds::COPULA) => self.subject_before(j - 1),
            _ => None,
        }
    }

    /// The mention right after token `k`, past determiners, a compass adjective and a place
    /// cue ("in the town of Bolshoy Kamen", "Gliwice, southern Poland", "in the eastern state
    /// of Odisha").
    pub(super) fn right_after(&self, k: usize) -> Option<usize> {
        let mut j = self.finder.place_cue_at(k, self.tokens.end).unwrap_or(k);
        // "the 2018 Eastern Economic Forum": a year or number after the determiner.
        let determiner = |j: usize| {
            self.finder.is(j, WordKinds::DETERMINER)
                || (j > k && self.finder.is(j - 1, WordKinds::DETERMINER) && self.word(j).starts_with(|c: char| c.is_ascii_digit()))
                || self.finder.lex.compass_words.contains(self.word(j))
                // "of southern and central Kazakhstan".
                || (self.word(j) == "and" && j > k && j + 1 < self.tokens.end && self.finder.lex.compass_words.contains(self.word(j - 1)) && self.finder.lex.compass_words.contains(self.word(j + 1)))
        };
        // "in south-western Poland", "in north-east China": a compass word written with a hyphen.
        let hyphenated_compass = |j: usize| {
            j + 2 < self.tokens.end
                && matches!(self.word(j), "north" | "south")
                && self.word(j + 1) == "-"
                && self.finder.text.tokens[j + 1].joined
                && (self.finder.lex.compass_words.contains(self.word(j + 2)) || matches!(self.word(j + 2), "east" | "west"))
        };
        while j < self.tokens.end && self.mention_at(j).is_none_or(|m| self.possessive_pronoun(m)) {
            if hyphenated_compass(j) {
                j += 3;
            } else if determiner(j) {
                j += 1;
            } else {
                break;
            }
        }
        // "in the eastern state of Odisha": the cue after a compass word.
        if j > k && self.mention_at(j).is_none() {
            j = self.finder.place_cue_at(j, self.tokens.end).unwrap_or(j);
        }
        let m = (j < self.tokens.end).then(|| self.mention_at(j)).flatten()?;
        Some(self.owned_by(m))
    }

    /// "Mongolia's Ulan Bator" where "Ulan Bator" is no mention: `m` owns a name not read.
    fn owns_unread_name(&self, m: usize) -> bool {
        let next = self.last(m) + 1;
        // (Not a title before a person: "Iran's Foreign Minister Abbas Araghchi".)
        self.possessor(m) && next < self.tokens.end && self.mention_at(next).is_none() && self.finder.is_capitalised(next) && self.owned_by(m) == m
    }

    /// "met with Gazprom CEO Alexei Miller", "with Kurdistan Regional Government (KRG)
    /// President Nechirvan Barzani": the person after the title of body `m` (past its acronym
    /// in brackets), whom a meeting with the body's title is with.
    pub(super) fn titled_holder_after(&self, m: usize) -> Option<usize> {
        if !matches!(self.class(m), EntityType::Company | EntityType::Organization) {
            return None;
        }
        let mut after = self.last(m);
        if after + 2 < self.tokens.end && self.word(after) == "(" && self.word(after + 2) == ")" {
            after += 3;
        }
        self.past_title(after).filter(|&k| k < self.tokens.end).and_then(|k| self.mention_at(k)).filter(|&p| self.class(p) == EntityType::Person)
    }

    /// "met with the CEO of TotalEnergies, Patrick Pouyanné": the person set off by a comma
    /// after mention `m`, the body of a title's "of", holds the title and stands for it.
    fn holder_after(&self, m: usize) -> Option<usize> {
        let (first, last) = (self.first(m), self.last(m));
        let titled = first >= self.tokens.start + 2 && self.word(first - 1) == "of" && self.in_title(first - 2);
        let person = (titled && last + 1 < self.tokens.end && self.word(last) == ",").then(|| self.mention_at(last + 1)).flatten()?;
        (self.class(person) == EntityType::Person).then_some(person)
    }

    /// The preposition before the title whose last word is token `k` (and its determiner).
    fn title_governed_by(&self, k: usize) -> Option<u8> {
        let mut j = k;
        while j > self.tokens.start && self.in_title(j - 1) {
            j -= 1;
        }
        if j > self.tokens.start && self.finder.is(j - 1, WordKinds::DETERMINER) {
            j -= 1;
        }
        (j > self.tokens.start).then(|| self.finder.preposition(j - 1)).flatten()
    }

    /// "in China's Jilin province": what mention `m` owns when it is an owner, else `m`.
    fn owned_by(&self, m: usize) -> usize {
        let mut next = self.last(m) + 1;
        // ("Kazakhstan's first nuclear power plant": past an ordinal.)
        if next < self.tokens.end && self.mention_at(next).is_none() && self.finder.lex.ordinals.contains(self.word(next)) {
            next += 1;
        }
        if !self.possessor(m) || next >= self.tokens.end {
            return m;
        }
        // ("met Russia's Foreign Minister Sergei Lavrov": past a title, the person holding it.)
        let titled = || self.past_title(next).filter(|&k| k < self.tokens.end).and_then(|k| self.mention_at(k)).filter(|&p| self.class(p) == EntityType::Person);
        self.mention_at(next).or_else(titled).unwrap_or(m)
    }

    /// "Ambassador to Seoul Georgy Zinoviev": the name after the place a title is held at.
    pub(super) fn after_seat(&self, k: usize) -> Option<usize> {
        if k >= self.tokens.end || !matches!(self.word(k), "to" | "in" | "at") {
            return None;
        }
        let seat = self.right_after(k + 1)?;
        self.right_after(self.last(seat))
    }

    /// "between A and B" within `reach` words after the cue: A's list.
    pub(super) fn between_after(&self, k: usize, reach: usize) -> Option<usize> {
        let mut j = k;
        while j < self.tokens.end && j < k + reach {
            if matches!(self.word(j), "between" | "among") {
                // ("between President Anna Orlova and …": past a title.)
                let first = (j + 1..self.tokens.end).find(|&at| !self.in_title(at) || self.mention_at(at).is_some())?;
                return self.right_after(first).filter(|&m| self.list(m).len() > 1);
            }
            j += 1;
        }
        None
    }
}
