//! Frames: the cue lexicon of relations (`ontology/frames.csv`) and where a cue's
//! arguments stand in a sentence.
//!
//! Owns the frame entries, English inflection (one lemma gives every form a sentence may
//! use), and the shallow clause reading that fills a frame's slots: the subject of a
//! clause (past relative clauses and parentheses, through "which"/"who"), the direct
//! object, the object of a preposition, a possessor, a modifier, an apposition or
//! copula, "between A and B", voice (a passive verb's by-agent is its subject), and
//! coordination ("A and B signed": each of a list fills the slot). One entry covers
//! "X invested in Y", "Y, in which X invested", "investment by X in Y", "X's investment
//! in Y" and "the plant was built by X". A match is evidence for the scorer, not a
//! relation by itself.

use super::lexicon::{fold, read_csv, read_list, WordKinds};
use super::mentions::{Finder, Target};
use super::resolution::Resolved;
use crate::model::{EntityType, Predicate};
use crate::text::TokenKind;
use anyhow::{bail, Context, Result};
use rustc_hash::{FxHashMap, FxHashSet};
use std::path::Path;

/// What a cue is: which word class, so which slots it can fill and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pos {
    Verb,
    Noun,
    /// A noun naming the subject itself: "investor", "ally", a title.
    Agent,
    Adj,
    /// A preposition or mark between two names: "in", "'s", ",".
    Prep,
}

impl Pos {
    pub const ALL: [Pos; 5] = [Pos::Verb, Pos::Noun, Pos::Agent, Pos::Adj, Pos::Prep];

    pub fn as_str(self) -> &'static str {
        match self {
            Pos::Verb => "verb",
            Pos::Noun => "noun",
            Pos::Agent => "agent",
            Pos::Adj => "adj",
            Pos::Prep => "prep",
        }
    }
}

/// Where an argument of a cue stands (see the head of `ontology/frames.csv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot {
    Subj,
    Dobj,
    Poss,
    Adj,
    Appos,
    Between,
    Left,
    Right,
    /// The object of a preposition, by its index in `Frames::prepositions`.
    Prep(u8),
}

/// The kinds of slot, for features: every preposition is one kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SlotKind {
    Subj,
    Dobj,
    Poss,
    Adj,
    Appos,
    Between,
    Left,
    Right,
    Prep,
    /// Both ends in one list filling the subject of a symmetric cue ("A and B signed").
    Coordinated,
}

impl SlotKind {
    pub const ALL: [SlotKind; 10] =
        [SlotKind::Subj, SlotKind::Dobj, SlotKind::Poss, SlotKind::Adj, SlotKind::Appos, SlotKind::Between, SlotKind::Left, SlotKind::Right, SlotKind::Prep, SlotKind::Coordinated];

    pub fn as_str(self) -> &'static str {
        match self {
            SlotKind::Subj => "subj",
            SlotKind::Dobj => "dobj",
            SlotKind::Poss => "poss",
            SlotKind::Adj => "adj",
            SlotKind::Appos => "appos",
            SlotKind::Between => "between",
            SlotKind::Left => "left",
            SlotKind::Right => "right",
            SlotKind::Prep => "prep",
            SlotKind::Coordinated => "coord",
        }
    }
}

impl Slot {
    fn kind(self) -> SlotKind {
        match self {
            Slot::Subj => SlotKind::Subj,
            Slot::Dobj => SlotKind::Dobj,
            Slot::Poss => SlotKind::Poss,
            Slot::Adj => SlotKind::Adj,
            Slot::Appos => SlotKind::Appos,
            Slot::Between => SlotKind::Between,
            Slot::Left => SlotKind::Left,
            Slot::Right => SlotKind::Right,
            Slot::Prep(_) => SlotKind::Prep,
        }
    }
}

/// One row of `frames.csv`.
#[derive(Debug, Clone)]
pub struct Frame {
    /// `frames.csv:<line>`.
    pub id: String,
    pub predicate: Predicate,
    pub pos: Pos,
    /// Words that must follow the cue word, in order, each within three words of the
    /// last ("take part" → ["part"]).
    pub then: Vec<String>,
    pub subject: Vec<Slot>,
    pub object: Vec<Slot>,
}

/// How a word form relates to its lemma: which readings it may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Form(u8);

impl Form {
    const PLAIN: Form = Form(0);
    /// A past participle ("built", "invested"): may be passive.
    const PARTICIPLE: Form = Form(1);
    /// An "-ing" form.
    const GERUND: Form = Form(2);

    fn with(self, other: Form) -> Form {
        Form(self.0 | other.0)
    }

    fn is_participle(self) -> bool {
        self.0 & Form::PARTICIPLE.0 != 0
    }

    fn is_gerund(self) -> bool {
        self.0 & Form::GERUND.0 != 0
    }
}

/// What `frames.csv` and its word lists say, indexed by word form.
#[derive(Debug, Default)]
pub struct Frames {
    pub frames: Vec<Frame>,
    /// Per lowercase word form, the frames it is the cue word of, and how.
    forms: FxHashMap<String, Vec<(u32, Form)>>,
    /// Frames whose cue is "@title": every title and role noun.
    title_frames: Vec<u32>,
    pub prepositions: Vec<String>,
    preposition_index: FxHashMap<String, u8>,
    clause_breaks: FxHashSet<String>,
    copulas: FxHashSet<String>,
    /// Auxiliaries, copulas and adverbs: words between a subject and its verb.
    verb_group: FxHashSet<String>,
    /// Token keys of the titles and role nouns "@title" stands for.
    titles: FxHashSet<String>,
    /// Keys of the first words of titles of several words, the whole title excluded.
    title_starts: FxHashSet<String>,
    max_title_words: usize,
}

/// Determiners and possessive pronouns that may stand between a preposition or verb and
/// the name it governs.
const DETERMINERS: &[&str] = &["the", "a", "an", "its", "their", "his", "her", "our", "this", "that", "these", "those", "both", "all", "some", "other", "another", "each", "two", "three", "several", "many"];

/// Relative pronouns: the verb after one has the name before it as its subject.
const RELATIVE: &[&str] = &["which", "who", "that"];

impl Frames {
    /// Loads `frames.csv` and the word lists it relies on from `ontology/`; `titles` are
    /// the lowercase token keys of every title and role noun, which "@title" stands for.
    pub fn load<'t>(root: &Path, titles: impl Iterator<Item = &'t String>) -> Result<Frames> {
        let lexicon = root.join("lexicon");
        let mut frames = Frames::default();
        for (i, p) in read_list(&lexicon.join("prepositions.txt"))?.into_iter().enumerate() {
            let i = u8::try_from(i).context("prepositions.txt: more than 255 prepositions")?;
            frames.preposition_index.insert(fold(&p), i);
            frames.prepositions.push(fold(&p));
        }
        frames.clause_breaks = read_list(&lexicon.join("clause_breaks.txt"))?.iter().map(|w| fold(w)).collect();
        let aux_path = lexicon.join("auxiliaries.csv");
        for (line, row) in read_csv(&aux_path)? {
            let word = fold(row.get("word").map(String::as_str).unwrap_or(""));
            match row.get("kind").map(String::as_str) {
                Some("copula") => {
                    frames.copulas.insert(word.clone());
                }
                Some("aux" | "adverb") => {}
                other => bail!("{}:{line}: kind must be copula, aux or adverb, not {other:?}", aux_path.display()),
            }
            frames.verb_group.insert(word);
        }
        let irregular_path = lexicon.join("irregular_verbs.csv");
        let mut irregular: FxHashMap<String, (String, String)> = FxHashMap::default();
        for (line, row) in read_csv(&irregular_path)? {
            let field = |c: &str| row.get(c).map(|s| fold(s)).filter(|s| !s.is_empty()).with_context(|| format!("{}:{line}: no {c}", irregular_path.display()));
            irregular.insert(field("base")?, (field("past")?, field("participle")?));
        }
        for title in titles {
            let words: Vec<&str> = title.split(' ').collect();
            frames.max_title_words = frames.max_title_words.max(words.len());
            for n in 1..words.len() {
                frames.title_starts.insert(words[..n].join(" "));
            }
            frames.titles.insert(title.clone());
        }
        let path = root.join("frames.csv");
        for (line, row) in read_csv(&path)? {
            let at = || format!("{}:{line}", path.display());
            let get = |c: &str| row.get(c).map(String::as_str).unwrap_or("").trim();
            let predicate = Predicate::parse(get("predicate")).with_context(|| format!("{}: unknown predicate {:?}", at(), get("predicate")))?;
            let pos = Pos::ALL.into_iter().find(|p| p.as_str() == get("pos")).with_context(|| format!("{}: pos must be verb, noun, agent, adj or prep, not {:?}", at(), get("pos")))?;
            let slots = |column: &str| -> Result<Vec<Slot>> {
                let text = get(column);
                if text.is_empty() {
                    bail!("{}: no {column}", at());
                }
                text.split('|').map(|s| frames.slot(s.trim()).with_context(|| format!("{}: {column}: unknown place {s:?}", at()))).collect()
            };
            let (subject, object) = (slots("subject")?, slots("object")?);
            let cue = get("cue");
            let mut words = cue.split_whitespace().map(fold);
            let Some(head) = words.next() else { bail!("{}: empty cue", at()) };
            let id = u32::try_from(frames.frames.len()).context("too many frames")?;
            frames.frames.push(Frame { id: format!("frames.csv:{line}"), predicate, pos, then: words.collect(), subject, object });
            if head == "@title" {
                frames.title_frames.push(id);
                continue;
            }
            let forms: Vec<(String, Form)> = match pos {
                Pos::Verb => verb_forms(&head, irregular.get(&head)),
                Pos::Noun | Pos::Agent => noun_forms(&head),
                Pos::Adj | Pos::Prep => vec![(head.clone(), Form::PLAIN)],
            };
            for (word, form) in forms {
                let entries = frames.forms.entry(word).or_default();
                match entries.iter_mut().find(|(f, _)| *f == id) {
                    Some(entry) => entry.1 = entry.1.with(form),
                    None => entries.push((id, form)),
                }
            }
        }
        Ok(frames)
    }

    fn slot(&self, name: &str) -> Option<Slot> {
        Some(match name {
            "subj" => Slot::Subj,
            "dobj" => Slot::Dobj,
            "poss" => Slot::Poss,
            "adj" => Slot::Adj,
            "appos" => Slot::Appos,
            "between" => Slot::Between,
            "left" => Slot::Left,
            "right" => Slot::Right,
            other => Slot::Prep(*self.preposition_index.get(other)?),
        })
    }

    /// The end of the title ("Prime Minister", "chief executive") or role noun ("head")
    /// starting at token `k`, if one does.
    fn title_at(&self, finder: &Finder, k: usize, limit: usize) -> Option<usize> {
        if !finder.is(k, WordKinds::TITLE_WORD) {
            return None;
        }
        let first = finder.lower(k);
        let mut found = self.titles.contains(first).then_some(k + 1);
        if !self.title_starts.contains(first) {
            return found;
        }
        let mut key = first.to_string();
        for j in k + 1..limit.min(k + self.max_title_words) {
            key.push(' ');
            key.push_str(finder.lower(j));
            if self.titles.contains(&key) {
                found = Some(j + 1);
            }
            if !self.title_starts.contains(&key) {
                break;
            }
        }
        found
    }

    /// The index of a folded preposition, if it is one.
    pub fn preposition(&self, word: &str) -> Option<u8> {
        self.preposition_index.get(word).copied()
    }

    /// Every word form that is the cue word of some frame (for the word table).
    pub fn cue_words(&self) -> impl Iterator<Item = &str> {
        self.forms.keys().map(String::as_str)
    }

    /// The word lists of the clause reading, each with the word-table flag that marks it:
    /// the matcher asks the flags, not the lists.
    pub fn word_lists(&self) -> [(Vec<&String>, WordKinds); 4] {
        let title_words = self.titles.iter().chain(&self.title_starts).filter(|t| !t.contains(' ')).collect();
        [
            (self.clause_breaks.iter().collect(), WordKinds::CLAUSE_BREAK),
            (self.verb_group.iter().collect(), WordKinds::VERB_GROUP),
            (self.copulas.iter().collect(), WordKinds::COPULA),
            (title_words, WordKinds::TITLE_WORD),
        ]
    }
}

/// The forms of a verb: base, third person, past, past participle, "-ing".
fn verb_forms(base: &str, irregular: Option<&(String, String)>) -> Vec<(String, Form)> {
    let third = if ends_in_sibilant(base) || base.ends_with('o') {
        format!("{base}es")
    } else if consonant_y(base) {
        format!("{}ies", &base[..base.len() - 1])
    } else {
        format!("{base}s")
    };
    let doubled = irregular.is_some_and(|(past, _)| past.len() == base.len() + 3 && past.ends_with("ed") && past.as_bytes()[base.len()] == *base.as_bytes().last().unwrap_or(&0));
    let double = doubled || (irregular.is_none() && doubles_last(base));
    let stem = if double { format!("{base}{}", &base[base.len() - 1..]) } else { base.to_string() };
    let regular_past = if base.ends_with('e') {
        format!("{base}d")
    } else if consonant_y(base) {
        format!("{}ied", &base[..base.len() - 1])
    } else {
        format!("{stem}ed")
    };
    let gerund = if let Some(stem) = base.strip_suffix("ie") {
        format!("{stem}ying")
    } else if base.ends_with('e') && !base.ends_with("ee") && !base.ends_with("ye") && base.len() > 2 {
        format!("{}ing", &base[..base.len() - 1])
    } else {
        format!("{stem}ing")
    };
    let (past, participle) = irregular.cloned().unwrap_or((regular_past.clone(), regular_past));
    vec![
        (base.to_string(), Form::PLAIN),
        (third, Form::PLAIN),
        (past, Form::PLAIN),
        (participle, Form::PARTICIPLE),
        (gerund, Form::GERUND),
    ]
}

/// The forms of a noun: singular and plural ("talks" and "relations" are given as written).
fn noun_forms(singular: &str) -> Vec<(String, Form)> {
    let plural = if singular.ends_with('s') && !singular.ends_with("ss") {
        None
    } else if ends_in_sibilant(singular) {
        Some(format!("{singular}es"))
    } else if consonant_y(singular) {
        Some(format!("{}ies", &singular[..singular.len() - 1]))
    } else {
        Some(format!("{singular}s"))
    };
    std::iter::once((singular.to_string(), Form::PLAIN)).chain(plural.map(|p| (p, Form::PLAIN))).collect()
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

fn ends_in_sibilant(word: &str) -> bool {
    word.ends_with('s') || word.ends_with('x') || word.ends_with('z') || word.ends_with("ch") || word.ends_with("sh")
}

fn consonant_y(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() >= 2 && b[b.len() - 1] == b'y' && !is_vowel(b[b.len() - 2])
}

/// A word of one syllable ending consonant–vowel–consonant doubles its last letter before
/// -ed and -ing ("ship" → "shipped"); longer words that do are listed as irregular.
fn doubles_last(word: &str) -> bool {
    let b = word.as_bytes();
    let syllables = b.iter().enumerate().filter(|&(i, &c)| is_vowel(c) && (i == 0 || !is_vowel(b[i - 1]))).count();
    let n = b.len();
    syllables == 1 && n >= 3 && !is_vowel(b[n - 3]) && is_vowel(b[n - 2]) && !is_vowel(b[n - 1]) && !matches!(b[n - 1], b'w' | b'x' | b'y')
}

/// How a verb cue is used: passive ("was built by"), progressive ("is building").
#[derive(Debug, Clone, Copy, Default)]
struct Voice {
    passive: bool,
    progressive: bool,
}

/// A frame's slots filled in one sentence: the subject and the object mention (indexes
/// into `SentenceView::mentions`) and where each stood.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FrameMatch {
    pub frame: u32,
    pub subject: usize,
    pub object: usize,
    pub subject_slot: SlotKind,
    pub object_slot: SlotKind,
    pub passive: bool,
    /// A verb in the progressive ("is building"): the undertaking is underway.
    pub progressive: bool,
    /// The cue's first token.
    pub cue: usize,
}

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
    mentions_index: Vec<usize>,
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
        for k in tokens.clone() {
            let w = word(k);
            let i = k - tokens.start;
            // A dash between spaces ("—", "–" fold to "-") ends a clause; a hyphen joins words.
            let dash = w == "-" && !finder.text.tokens[k].joined;
            if finder.is(k, WordKinds::CLAUSE_BREAK) || dash {
                c += 1;
                relative_from = None;
            }
            match w {
                "(" => depth += 1,
                ")" => depth = depth.saturating_sub(1),
                "," if relative_from.is_some() => {
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
            if matches!(w, "which" | "who") && i > 0 && word(k - 1) == "," {
                relative_from = Some(i);
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
    /// gas" is Russia's), a name in brackets to the name before it ("… Fund (RDIF)").
    fn attach(&mut self) {
        let n = self.mentions.len();
        self.head = (0..n).collect();
        for i in (0..n.saturating_sub(1)).rev() {
            let (r, next) = (&self.resolved[self.mentions[i]], &self.resolved[self.mentions[i + 1]]);
            let gap = r.mention.last..next.mention.first;
            let modifies = matches!(r.mention.target, Target::Adjective(_))
                && next.kind != EntityType::Commodity
                && gap.len() <= 3
                && gap.clone().all(|k| self.finder.text.tokens[k].kind == TokenKind::Word && (!self.finder.is(k, WordKinds::FUNCTION) || self.in_title(k)));
            if modifies {
                self.head[i] = self.head[i + 1];
            }
        }
        for i in 1..n {
            let (first, last) = (self.first(i), self.last(i));
            let bracketed = first > self.tokens.start && self.word(first - 1) == "(" && last < self.tokens.end && self.word(last) == ")" && self.last(i - 1) + 1 == first;
            if bracketed {
                self.head[i] = self.head[i - 1];
            }
        }
    }

    /// Token `k` is a word of a title or role ("president", "chief executive").
    fn in_title(&self, k: usize) -> bool {
        self.finder.is(k, WordKinds::TITLE_WORD)
    }

    /// Coordination lists of head mentions: neighbours joined by ",", "and", "or", "&",
    /// "as well as", past the mentions attached to them and title words, with "and"/"or"
    /// somewhere in the list.
    fn coordinate(&mut self) {
        let n = self.mentions.len();
        let heads: Vec<usize> = (0..n).filter(|&i| self.head[i] == i).collect();
        self.list_of = vec![(0, 0); n];
        let mut run: Vec<usize> = Vec::new();
        let mut conjunction = false;
        let flush = |view: &mut SentenceView, run: &mut Vec<usize>, conjunction: &mut bool| {
            if run.len() > 1 && *conjunction {
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
            // The words between, past attached mentions, brackets and titles.
            let gap = || (self.last(m)..self.first(next)).filter(|&k| self.mention_at(k).is_none() && !self.is_aside(k) && !self.in_title(k));
            // One modifier may stand right before the next name: "Gazprom and Korean KOGAS".
            let modifier = |k: usize| k + 1 == self.first(next) && !self.finder.is(k, WordKinds::FUNCTION) && self.word(k).chars().all(char::is_alphabetic);
            let joined = gap().next().is_some() && gap().count() <= 4 && gap().all(|k| matches!(self.word(k), "," | "and" | "or" | "&" | "as" | "well" | "both" | "the") || modifier(k));
            let gap = || gap().map(|k| self.word(k));
            conjunction |= joined && gap().any(|w| matches!(w, "and" | "or" | "&" | "as"));
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

    /// The mention position covering token `k`, if any.
    pub fn mention_at(&self, k: usize) -> Option<usize> {
        self.covering.get(k.wrapping_sub(self.tokens.start)).copied().flatten().map(|m| m as usize)
    }

    fn first(&self, m: usize) -> usize {
        self.resolved[self.mentions[m]].mention.first
    }

    fn last(&self, m: usize) -> usize {
        self.resolved[self.mentions[m]].mention.last
    }

    pub fn kind(&self, m: usize) -> EntityType {
        self.resolved[self.mentions[m]].kind
    }

    /// The coordination list of mention `m`'s head (the head alone when in none).
    pub fn list(&self, m: usize) -> &[usize] {
        match self.list_of[m] {
            (0, 0) => std::slice::from_ref(&self.head[m]),
            (start, end) => &self.members[start as usize..end as usize],
        }
    }

    fn word(&self, k: usize) -> &'a str {
        self.finder.lower(k)
    }

    fn is_aside(&self, k: usize) -> bool {
        self.aside[k - self.tokens.start]
    }

    fn clause_of(&self, k: usize) -> u16 {
        self.clause[k - self.tokens.start]
    }

    /// The preposition governing mention `m`: the word before it, past determiners and
    /// up to two modifiers ("in the new Zvezda shipyard").
    pub fn preposition_before(&self, m: usize) -> Option<u8> {
        let mut k = self.first(m);
        let mut modifiers = 0;
        while k > self.tokens.start {
            k -= 1;
            let w = self.word(k);
            if let Some(p) = self.finder.preposition(k) {
                // "in the town of Bolshoy Kamen": a place cue names the place, not its owner.
                if let Some(start) = self.place_cue_ending(k + 1) {
                    k = start;
                    continue;
                }
                // "at the plenary session of the EEF", "in the construction of the railway":
                // the preposition before the noun the "of" depends on governs the name.
                if w == "of" {
                    if let Some(before) = self.nominal_before(k).and_then(|j| j.checked_sub(1)).filter(|&j| j >= self.tokens.start) {
                        if let Some(outer) = self.finder.preposition(before) {
                            return Some(outer);
                        }
                    }
                }
                return Some(p);
            }
            if DETERMINERS.contains(&w) || (w == "-" && self.finder.text.tokens[k].joined) {
                continue;
            }
            let lowercase_word = self.mention_at(k).is_none() && w.chars().all(|c| c.is_alphabetic() || c == '-') && !self.finder.text.tokens[k].text(self.finder.body).starts_with(char::is_uppercase);
            // A modifier, not a verb: "state-run", "the new", not "build" in "to build X".
            let modifier = lowercase_word && !self.finder.is(k, WordKinds::FUNCTION) && (self.in_compound(k) || !self.finder.is(k, WordKinds::VERB_GROUP.with(WordKinds::FRAME_CUE)));
            if modifier && modifiers < 2 {
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
            let noun = self.mention_at(j).is_none()
                && self.finder.text.tokens[j].kind == TokenKind::Word
                && w.chars().all(char::is_lowercase)
                && !self.finder.is(j, WordKinds::FUNCTION.with(WordKinds::VERB_GROUP).with(WordKinds::TITLE_WORD));
            if !noun {
                break;
            }
            nouns += 1;
            k = j;
        }
        if nouns == 0 {
            return None;
        }
        if k > self.tokens.start && DETERMINERS.contains(&self.word(k - 1)) {
            k -= 1;
        }
        Some(k)
    }

    /// The first token of a place cue ("the city of", `lexicon/place_cues.txt`) ending right
    /// before token `end`, if one does.
    fn place_cue_ending(&self, end: usize) -> Option<usize> {
        self.finder.lex.place_cues.iter().find_map(|cue| {
            let start = end.checked_sub(cue.len()).filter(|&s| s >= self.tokens.start)?;
            cue.iter().enumerate().all(|(i, w)| self.word(start + i) == w).then_some(start)
        })
    }

    /// Token `k` is part of a hyphenated compound ("state-run", "Korean-built").
    fn in_compound(&self, k: usize) -> bool {
        let tokens = &self.finder.text.tokens;
        let dash = |j: usize| self.word(j) == "-";
        (k > self.tokens.start && dash(k - 1) && tokens[k].joined) || (k + 1 < self.tokens.end && dash(k + 1) && tokens[k + 1].joined)
    }

    /// The subject of the clause a cue at token `k` is in: the mention "which"/"who"
    /// refers to for a relative clause, else the nearest mention to the left in the same
    /// clause that is no preposition's object, past asides.
    fn subject_before(&self, k: usize) -> Option<usize> {
        // A relative clause: "X, which has invested", "X who heads".
        let mut j = k;
        while j > self.tokens.start && (self.finder.is(j - 1, WordKinds::VERB_GROUP) || self.word(j - 1).ends_with("ly")) {
            j -= 1;
        }
        if j > self.tokens.start && RELATIVE.contains(&self.word(j - 1)) {
            let mut r = j - 1;
            if r > self.tokens.start && self.word(r - 1) == "," {
                r -= 1;
            }
            if let Some(m) = (r > self.tokens.start).then(|| self.mention_at(r - 1)).flatten() {
                return Some(m);
            }
        }
        let clause = self.clause_of(k);
        let inside = self.is_aside(k);
        let mut j = k;
        let mut seen = 0;
        // "Rosneft's cooperation with HHI to build a shipyard": a verb whose clause has no
        // subject of its own takes the owner of the noun it completes.
        let mut owner = None;
        while j > self.tokens.start && seen < 30 {
            j -= 1;
            seen += 1;
            if self.clause_of(j) != clause {
                break;
            }
            if self.is_aside(j) && !inside {
                continue;
            }
            if let Some(m) = self.mention_at(j) {
                // "a South Korean politician who chairs": an adjective of a plain noun is no subject.
                let describing = matches!(self.resolved[self.mentions[m]].mention.target, Target::Adjective(_)) && !self.finder.is_actor_noun_after(self.last(m)) && self.head[m] == m;
                if (self.preposition_before(m).is_none() || self.of_unnamed_official(m)) && !self.possessor(m) && !describing {
                    return Some(m);
                }
                if self.possessor(m) {
                    owner = owner.or(Some(m));
                }
                j = self.first(m);
            }
        }
        let infinitive = k > self.tokens.start && self.word(k - 1) == "to";
        owner.filter(|_| infinitive)
    }

    /// "the deputy defence minister of X visited": X acts through an official the
    /// sentence does not name (no name stands before the title).
    fn of_unnamed_official(&self, m: usize) -> bool {
        let first = self.first(m);
        let mut k = first;
        while k > self.tokens.start && DETERMINERS.contains(&self.word(k - 1)) {
            k -= 1;
        }
        if k < self.tokens.start + 2 || self.word(k - 1) != "of" || !self.in_title(k - 2) {
            return false;
        }
        let mut t = k - 2;
        while t > self.tokens.start && (self.in_title(t - 1) || self.mention_at(t - 1).is_some_and(|a| self.head[a] != a)) {
            t -= 1;
        }
        t == self.tokens.start || !matches!(self.word(t - 1), ",") && self.mention_at(t - 1).is_none()
    }

    /// Mention `m` is followed by "'s": it owns the next noun, it is not the subject.
    fn possessor(&self, m: usize) -> bool {
        let last = self.last(m);
        last < self.tokens.end && self.word(last) == "'s"
    }

    /// The first mention after token `from` (within a few words, no preposition or
    /// clause break between): a verb's direct object.
    fn object_after(&self, from: usize) -> Option<usize> {
        let mut k = from;
        let mut skipped = 0;
        let mut quantity = false;
        while k < self.tokens.end && skipped <= 7 {
            if let Some(m) = self.mention_at(k) {
                return Some(self.past_adjective(m));
            }
            let w = self.word(k);
            let number = self.finder.text.tokens[k].kind == TokenKind::Number;
            quantity |= number;
            // "by 2022", "in 2019": a date between a verb and its object.
            if matches!(w, "by" | "in" | "until") && k + 1 < self.tokens.end && self.finder.text.tokens[k + 1].kind == TokenKind::Number {
                k += 2;
                skipped += 2;
                continue;
            }
            // "2.1 million tonnes of LNG": the object is what is counted; "the deployment of
            // THAAD": what the noun is of.
            let counted = w == "of" && (quantity || self.nominal_before(k) == Some(from));
            if !counted && (self.finder.is(k, WordKinds::PREPOSITION.with(WordKinds::CLAUSE_BREAK)) || matches!(w, "." | "," | "\"" | "“" | "”" | "(" | ")") || RELATIVE.contains(&w)) {
                return None;
            }
            k += 1;
            skipped += 1;
        }
        None
    }

    /// The first mention after token `from`, in the same clause and within 15 words,
    /// governed by preposition `p`.
    fn prep_object_after(&self, from: usize, p: u8) -> Option<usize> {
        let clause = (from < self.tokens.end).then(|| self.clause_of(from))?;
        let mut k = from;
        while k < self.tokens.end && k < from + 15 {
            if self.clause_of(k) != clause {
                return None;
            }
            if let Some(m) = self.mention_at(k) {
                if self.preposition_before(m) == Some(p) {
                    return Some(self.owned_by(m));
                }
                k = self.last(m);
                continue;
            }
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

    /// "buying Australian coal": the commodity a nationality adjective stands before, not
    /// the adjective's state.
    fn past_adjective(&self, m: usize) -> usize {
        let adjective = matches!(self.resolved[self.mentions[m]].mention.target, Target::Adjective(_));
        match self.mention_at(self.last(m)) {
            Some(next) if adjective && self.kind(next) == EntityType::Commodity => next,
            _ => m,
        }
    }

    /// The by-agent of a passive verb ending at `from`.
    fn agent_after(&self, frames: &Frames, from: usize) -> Option<usize> {
        self.prep_object_after(from, frames.preposition("by")?)
    }

    /// "X's [modifiers] cue": X.
    fn possessor_before(&self, k: usize) -> Option<usize> {
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
                // "its chief executive": a possessive pronoun resolved to its owner.
                return matches!(self.word(j), "its" | "their" | "his" | "her").then_some(m);
            }
            skipped += 1;
        }
        None
    }

    /// "Korean investment", "Russian gas supplies", "KIC chief executive": the mention
    /// right before the cue, past up to two lowercase modifiers and one commodity.
    fn modifier_before(&self, k: usize) -> Option<usize> {
        let mut j = k;
        let mut words = 0;
        let mut commodity = false;
        while j > self.tokens.start {
            j -= 1;
            if let Some(m) = self.mention_at(j) {
                if self.kind(m) == EntityType::Commodity && !commodity && self.first(m) > self.tokens.start && self.mention_at(self.first(m) - 1).is_some() {
                    commodity = true;
                    j = self.first(m);
                    continue;
                }
                return (!self.possessor(m)).then_some(m);
            }
            let w = self.word(j);
            let verb_or_function = self.finder.is(j, WordKinds::VERB_GROUP.with(WordKinds::FUNCTION));
            if words >= 2 || verb_or_function || !w.chars().all(|c| c.is_alphabetic() || c == '-') {
                return None;
            }
            words += 1;
        }
        None
    }

    /// "X, the main investor", "X is the main investor", "X as the main investor": X.
    fn described_by(&self, k: usize) -> Option<usize> {
        let mut j = k;
        let mut skipped = 0;
        while j > self.tokens.start && skipped <= 7 {
            j -= 1;
            let w = self.word(j);
            if w == "," {
                return (j > self.tokens.start).then(|| self.mention_at(j - 1)).flatten();
            }
            if w == "as" {
                // "with Novatek as the main investor", "acted as a mediator".
                return (j > self.tokens.start).then(|| self.mention_at(j - 1)).flatten().or_else(|| self.subject_before(j + 1));
            }
            if self.finder.is(j, WordKinds::COPULA) {
                return self.subject_before(j + 1).or_else(|| (j > self.tokens.start).then(|| self.mention_at(j - 1)).flatten());
            }
            if let Some(m) = self.mention_at(j) {
                // "Sergei Lavrov, Russia's foreign minister": past the owner of the title.
                if !self.possessor(m) {
                    return None;
                }
                j = self.first(m);
            }
            skipped += 1;
        }
        None
    }

    /// The mention right before token `k`, or before one lowercase noun that heads it
    /// ("the Far East region in Russia"), or the name that noun describes ("Zarubino is a
    /// port in …", "Harbin, a city in …").
    fn left_of(&self, k: usize) -> Option<usize> {
        let before = |j: usize| (j > self.tokens.start).then(|| self.mention_at(j - 1)).flatten();
        if let Some(m) = before(k) {
            return Some(m);
        }
        let noun = k > self.tokens.start && self.finder.text.tokens[k - 1].kind == TokenKind::Word && !self.finder.is(k - 1, WordKinds::FUNCTION) && self.word(k - 1).chars().all(char::is_lowercase);
        if !noun {
            return None;
        }
        let mut j = k - 1;
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

    /// The mention right after token `k`, past determiners.
    fn right_after(&self, k: usize) -> Option<usize> {
        let mut j = k;
        while j < self.tokens.end && DETERMINERS.contains(&self.word(j)) && self.mention_at(j).is_none() {
            j += 1;
        }
        let m = (j < self.tokens.end).then(|| self.mention_at(j)).flatten()?;
        Some(self.owned_by(m))
    }

    /// "in China's Jilin province": what mention `m` owns when it is an owner, else `m`.
    fn owned_by(&self, m: usize) -> usize {
        let next = self.last(m) + 1;
        match (self.possessor(m) && next < self.tokens.end).then(|| self.mention_at(next)).flatten() {
            Some(owned) => owned,
            None => m,
        }
    }

    /// "Ambassador to Seoul Georgy Zinoviev": the name after the place a title is held at.
    fn after_seat(&self, k: usize) -> Option<usize> {
        if k >= self.tokens.end || !matches!(self.word(k), "to" | "in" | "at") {
            return None;
        }
        let seat = self.right_after(k + 1)?;
        self.right_after(self.last(seat))
    }

    /// "between A and B" within `reach` words after the cue: A's list.
    fn between_after(&self, k: usize, reach: usize) -> Option<usize> {
        let mut j = k;
        while j < self.tokens.end && j < k + reach {
            if matches!(self.word(j), "between" | "among") {
                return self.right_after(j + 1).filter(|&m| self.list(m).len() > 1);
            }
            j += 1;
        }
        None
    }
}

impl Frames {
    /// Every frame matched in the sentence of `view`.
    pub(super) fn matches(&self, view: &SentenceView, out: &mut Vec<FrameMatch>) {
        let finder = view.finder;
        for k in view.tokens.clone() {
            if view.mention_at(k).is_some() {
                continue;
            }
            if let Some(entries) = (!view.in_compound(k)).then_some(()).and(finder.is(k, WordKinds::FRAME_CUE).then(|| self.forms.get(finder.lower(k))).flatten()) {
                for &(f, form) in entries {
                    self.match_at(view, f, form, k, out);
                }
            }
            if !self.title_frames.is_empty() {
                if let Some(end) = self.title_at(finder, k, view.tokens.end) {
                    for &f in &self.title_frames {
                        self.fill(view, f, k, end, Voice::default(), out);
                    }
                }
            }
        }
    }

    /// Frame `f` with its cue word at `k`: its following words, voice and slots.
    fn match_at(&self, view: &SentenceView, f: u32, form: Form, k: usize, out: &mut Vec<FrameMatch>) {
        let frame = &self.frames[f as usize];
        // The cue's other words, each within three words of the last.
        let mut end = k + 1;
        for w in &frame.then {
            let found = (end..view.tokens.end.min(end + 3)).find(|&j| view.mention_at(j).is_none() && view.word(j) == w || fold_plural_eq(view.word(j), w));
            match found {
                Some(j) => end = j + 1,
                None => return,
            }
        }
        let passive = frame.pos == Pos::Verb && form.is_participle() && {
            // "was (jointly) built", or a participle right before "by" ("the plant built by").
            let mut j = k;
            let mut aux = false;
            while j > view.tokens.start && view.finder.is(j - 1, WordKinds::VERB_GROUP) {
                j -= 1;
                aux |= view.finder.is(j, WordKinds::COPULA) || view.word(j) == "been";
            }
            aux || (end < view.tokens.end && view.word(end) == "by") || (k > view.tokens.start && view.word(k - 1) == "," && view.mention_at(k.saturating_sub(2)).is_some())
        };
        // "is now building": a form of "be", adverbs, then the "-ing" form.
        let progressive = frame.pos == Pos::Verb && form.is_gerund() && {
            let mut j = k;
            while j > view.tokens.start && view.finder.is(j - 1, WordKinds::VERB_GROUP) && !view.finder.is(j - 1, WordKinds::COPULA) {
                j -= 1;
            }
            j > view.tokens.start && view.finder.is(j - 1, WordKinds::COPULA)
        };
        self.fill(view, f, k, end, Voice { passive, progressive }, out);
    }

    /// Fills the slots of frame `f` whose cue spans `[k, end)`.
    fn fill(&self, view: &SentenceView, f: u32, k: usize, end: usize, voice: Voice, out: &mut Vec<FrameMatch>) {
        let passive = voice.passive;
        let frame = &self.frames[f as usize];
        let find = |slot: Slot| -> Option<usize> {
            match (slot, passive) {
                (Slot::Subj, true) => view.agent_after(self, end),
                (Slot::Dobj, true) => view.subject_before(k),
                (Slot::Subj, false) => view.subject_before(k),
                (Slot::Dobj, false) => view.object_after(end),
                (Slot::Poss, _) => view.possessor_before(k),
                (Slot::Adj, _) => view.modifier_before(k),
                (Slot::Appos, _) => view.described_by(k),
                // "mediated between A and B": the list after "between" (within the clause).
                (Slot::Between, _) => view.between_after(end, 8),
                (Slot::Left, _) => view.left_of(k),
                (Slot::Right, _) => view.right_after(end).or_else(|| view.after_seat(end)),
                (Slot::Prep(p), _) => view.prep_object_after(end, p),
            }
        };
        let first = |slots: &[Slot]| slots.iter().find_map(|&s| find(s).map(|m| (m, s)));
        // Every mention a filled slot stands for: a modifier (the "Russian" of "Russian
        // President") itself, the name right after a title alone, else the list of the
        // name it is or is attached to.
        let fillers = |m: usize, slot: Slot| -> &[usize] {
            match slot {
                Slot::Adj | Slot::Left => std::slice::from_ref(&view.mentions_index[m]),
                Slot::Right if frame.pos == Pos::Agent => std::slice::from_ref(&view.head[m]),
                _ => view.list(m),
            }
        };
        let symmetric = frame.predicate.is_symmetric() || frame.predicate == Predicate::MeetsWith;
        let push = |out: &mut Vec<FrameMatch>, s: usize, o: usize, subject_slot, object_slot| {
            if view.resolved[view.mentions[s]].entity != view.resolved[view.mentions[o]].entity {
                out.push(FrameMatch { frame: f, subject: s, object: o, subject_slot, object_slot, passive, progressive: voice.progressive, cue: k });
            }
        };
        let pairs_within = |out: &mut Vec<FrameMatch>, list: &[usize], slot: SlotKind| {
            for (i, &a) in list.iter().enumerate() {
                for &b in &list[i + 1..] {
                    push(out, a, b, slot, slot);
                }
            }
        };
        // "cooperation between A and B": every pair of the list, for a symmetric cue (for
        // others, "between" names the object: "mediated between A and B").
        if symmetric && (frame.subject.contains(&Slot::Between) || frame.object.contains(&Slot::Between)) {
            if let Some(m) = view.between_after(end, 3) {
                pairs_within(out, view.list(m), SlotKind::Between);
            }
        }
        let subject = first(&frame.subject).filter(|&(_, slot)| slot != Slot::Between);
        // "A and B signed": a symmetric cue relates the members of its subject's list.
        if let Some((s, slot)) = subject.filter(|_| symmetric) {
            pairs_within(out, fillers(s, slot), SlotKind::Coordinated);
        }
        let Some((s, subject_slot)) = subject else { return };
        // The object is the first slot filled by another entity than the subject.
        let entity = |m: usize| view.resolved[view.mentions[m]].entity;
        let object = frame.object.iter().find_map(|&slot| find(slot).filter(|&o| entity(view.head[o]) != entity(view.head[s]) && entity(o) != entity(s)).map(|o| (o, slot)));
        let Some((o, object_slot)) = object else { return };
        for &s in fillers(s, subject_slot) {
            for &o in fillers(o, object_slot) {
                push(out, s, o, subject_slot.kind(), object_slot.kind());
            }
        }
    }
}

/// "agreements" for the cue word "agreement": a following word may be plural.
fn fold_plural_eq(word: &str, wanted: &str) -> bool {
    word.len() == wanted.len() + 1 && word.ends_with('s') && word.starts_with(wanted) || word.len() == wanted.len() + 2 && word.ends_with("es") && word.starts_with(wanted)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(base: &str) -> Vec<String> {
        verb_forms(base, None).into_iter().map(|(w, _)| w).collect()
    }

    #[test]
    fn verbs_inflect_by_rule() {
        assert_eq!(forms("invest"), ["invest", "invests", "invested", "invested", "investing"]);
        assert_eq!(forms("supply"), ["supply", "supplies", "supplied", "supplied", "supplying"]);
        assert_eq!(forms("ship"), ["ship", "ships", "shipped", "shipped", "shipping"]);
        assert_eq!(forms("finance"), ["finance", "finances", "financed", "financed", "financing"]);
        assert_eq!(forms("visit"), ["visit", "visits", "visited", "visited", "visiting"]);
        assert_eq!(forms("host"), ["host", "hosts", "hosted", "hosted", "hosting"]);
        assert_eq!(forms("approach"), ["approach", "approaches", "approached", "approached", "approaching"]);
        assert_eq!(forms("tie"), ["tie", "ties", "tied", "tied", "tying"]);
        let built: Vec<String> = verb_forms("build", Some(&("built".into(), "built".into()))).into_iter().map(|(w, _)| w).collect();
        assert_eq!(built, ["build", "builds", "built", "built", "building"]);
        let committed: Vec<String> = verb_forms("commit", Some(&("committed".into(), "committed".into()))).into_iter().map(|(w, _)| w).collect();
        assert_eq!(committed, ["commit", "commits", "committed", "committed", "committing"]);
    }

    #[test]
    fn nouns_take_their_plural() {
        let plural = |w: &str| noun_forms(w).into_iter().map(|(w, _)| w).collect::<Vec<_>>();
        assert_eq!(plural("investment"), ["investment", "investments"]);
        assert_eq!(plural("ally"), ["ally", "allies"]);
        assert_eq!(plural("talks"), ["talks"]);
        assert_eq!(plural("tax"), ["tax", "taxes"]);
    }
}
