//! Frames: the cue lexicon of relations (`ontology/frames.csv`) and its matches in a
//! sentence.
//!
//! Owns the frame entries, English inflection (one lemma gives every form a sentence may
//! use: "invest", "invests", "invested", "investing"), finding cue words and titles, voice
//! (a passive verb's by-agent fills its subject slot, its clause subject its object slot),
//! the progressive, and filling a frame's slots through the sentence's clause reading
//! (`clauses.rs`), lists included ("A and B signed": a symmetric cue relates them). One
//! entry covers "X invested in Y", "investment by X in Y", "X's investment in Y" and "the
//! plant was built by X". A match is evidence for the scorer, not a relation by itself.

use super::clauses::SentenceView;
use super::lexicon::{fold, read_csv, read_list, WordKinds};
use super::mentions::{Finder, Target};
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
    fn slot_kind(self) -> SlotKind {
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
    /// Words that must follow the cue word, in order, each within four words of the
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
    /// Auxiliaries, copulas, adverbs and light verbs: words between a subject and its verb
    /// or cue noun.
    verb_group: FxHashSet<String>,
    /// Token keys of the titles and role nouns "@title" stands for.
    titles: FxHashSet<String>,
    /// Keys of the first words of titles of several words, the whole title excluded.
    title_starts: FxHashSet<String>,
    max_title_words: usize,
    /// Every form of the verbs a route runs by ("runs", "ran", "crossing": `lexicon/route_verbs.txt`).
    route_verbs: FxHashSet<String>,
    /// Their "-ing" forms ("a line connecting Urumqi and Almaty").
    route_gerunds: FxHashSet<String>,
    /// The prepositions that name a place a route passes (`lexicon/route_prepositions.txt`).
    route_prepositions: FxHashSet<String>,
    /// Words that give examples of a plural noun ("including", "such as"), as word lists.
    example_markers: Vec<Vec<String>>,
    /// Every form of the words of desire before "to" or "in" (`lexicon/desire_words.txt`).
    desire_words: FxHashSet<String>,
    /// Every form of the verbs whose object does what the infinitive after it says ("urged
    /// X to invest": `lexicon/control_verbs.txt`).
    control_verbs: FxHashSet<String>,
    /// Every form of the verbs of trade whose bare object is a good (`lexicon/goods_verbs.txt`).
    goods_verbs: FxHashSet<String>,
    /// Nouns of a party a person heads ("delegation": `lexicon/delegation_nouns.txt`).
    delegation_nouns: FxHashSet<String>,
    /// Nouns of a boundary ("border": `lexicon/boundary_nouns.txt`): a state's adjective
    /// before one names a neighbour, not where a thing lies.
    boundary_nouns: FxHashSet<String>,
    /// Words of a time phrase after a fronted venue ("on", "last", "week": `lexicon/time_words.txt`).
    pub time_words: FxHashSet<String>,
    /// Per frame, its interestedIn twin when it is a verb of taking part or investing: what
    /// it cues after a word of desire ("wants to join", "keen to invest in").
    desired: Vec<Option<u32>>,
    /// Per cooperatesWith frame, its meetsWith twin: what it cues between two people
    /// ("Mirziyoyev and Erdogan signed a declaration": leaders who sign together meet).
    between_people: Vec<Option<u32>>,
}

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
        for verb in read_list(&lexicon.join("route_verbs.txt"))? {
            let base = fold(&verb);
            for (form, kind) in verb_forms(&base, irregular.get(&base)) {
                if kind == Form::GERUND {
                    frames.route_gerunds.insert(form.clone());
                }
                frames.route_verbs.insert(form);
            }
        }
        frames.route_prepositions = read_list(&lexicon.join("route_prepositions.txt"))?.iter().map(|w| fold(w)).collect();
        // Every form of every verb of a list.
        let inflected = |file: &str| -> Result<Vec<String>> {
            Ok(read_list(&lexicon.join(file))?
                .iter()
                .flat_map(|verb| {
                    let base = fold(verb);
                    verb_forms(&base, irregular.get(&base)).into_iter().map(|(form, _)| form)
                })
                .collect())
        };
        frames.verb_group.extend(inflected("light_verbs.txt")?);
        frames.desire_words.extend(inflected("desire_words.txt")?);
        frames.control_verbs.extend(inflected("control_verbs.txt")?);
        frames.goods_verbs.extend(inflected("goods_verbs.txt")?);
        frames.delegation_nouns = read_list(&lexicon.join("delegation_nouns.txt"))?.iter().map(|w| fold(w)).collect();
        frames.boundary_nouns = read_list(&lexicon.join("boundary_nouns.txt"))?.iter().map(|w| fold(w)).collect();
        frames.time_words = read_list(&lexicon.join("time_words.txt"))?.iter().map(|w| fold(w)).collect();
        frames.example_markers = read_list(&lexicon.join("example_markers.txt"))?.iter().map(|m| m.split_whitespace().map(fold).collect()).collect();
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
        // "wants to join", "keen to invest in", "is seeking a stake in", "interest in
        // developing": taking part, investing or building, desired, is interest.
        frames.desired = vec![None; frames.frames.len()];
        for f in 0..frames.frames.len() {
            let frame = &frames.frames[f];
            if matches!(frame.pos, Pos::Verb | Pos::Noun) && matches!(frame.predicate, Predicate::ParticipatesIn | Predicate::InvestsIn | Predicate::Builds) {
                let twin = Frame { id: format!("{} (desired)", frame.id), predicate: Predicate::InterestedIn, ..frame.clone() };
                frames.desired[f] = Some(u32::try_from(frames.frames.len()).context("too many frames")?);
                frames.frames.push(twin);
            }
        }
        // "Mirziyoyev and Erdogan upgraded relations": people who cooperate meet.
        frames.between_people = vec![None; frames.frames.len()];
        for f in 0..frames.frames.len() {
            let frame = &frames.frames[f];
            if frame.predicate == Predicate::CooperatesWith {
                let twin = Frame { id: format!("{} (between people)", frame.id), predicate: Predicate::MeetsWith, ..frame.clone() };
                frames.between_people[f] = Some(u32::try_from(frames.frames.len()).context("too many frames")?);
                frames.frames.push(twin);
            }
        }
        Ok(frames)
    }

    /// Whether lowercase `word` is a cue word only as a noun ("subsidiary", "investors"),
    /// never as a verb's form: before a name it may be the name's description.
    pub(super) fn is_noun_cue_only(&self, word: &str) -> bool {
        self.forms.get(word).is_some_and(|entries| entries.iter().all(|&(f, _)| matches!(self.frames[f as usize].pos, Pos::Noun | Pos::Agent)))
    }

    /// Whether lowercase `word` is a form of a verb of holding a share: a verb of investing
    /// alone ("fund", "own"), or one with a row for a percentage ("hold %", "retain percent").
    pub(super) fn is_share_verb(&self, word: &str) -> bool {
        self.cues(word, |f, _| {
            f.predicate == Predicate::InvestsIn && f.pos == Pos::Verb && f.subject.contains(&Slot::Subj) && f.then.first().is_none_or(|w| matches!(w.as_str(), "%" | "percent" | "per"))
        })
    }

    /// Whether lowercase `word` is a form of a noun of a stake: of investing, with the
    /// modifier before it as its object ("a 49% stake"; not "share", a market's too).
    pub(super) fn is_stake_noun(&self, word: &str) -> bool {
        self.cues(word, |f, _| f.predicate == Predicate::InvestsIn && f.pos == Pos::Noun && f.object.contains(&Slot::Adj))
    }

    /// Whether a word of desire governs the cue at token `k`: "wants to join", "ready to
    /// invest in", "interest in joining".
    fn desired_at(&self, view: &SentenceView, k: usize, form: Form) -> bool {
        // ("interest in jointly developing": past an adverb.)
        let adverb = k > view.tokens.start + 2 && view.word(k - 1).len() > 4 && view.word(k - 1).ends_with("ly") && view.finder.is_plain_word(k - 1);
        let k = if adverb { k - 1 } else { k };
        k >= view.tokens.start + 2 && {
            let desire = view.word(k - 2);
            match view.word(k - 1) {
                "to" => self.desire_words.contains(desire),
                "in" => form.is_gerund() && matches!(desire, "interest" | "interested"),
                // "eyeing stakes in", "may consider investing in", "is seeking a stake in": the
                // cue is the object of the word of desire.
                "a" | "an" => self.desire_words.contains(desire),
                before => self.desire_words.contains(before),
            }
        }
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

    /// Whether the lowercase `word` is a form of a verb of asking or allowing ("urged").
    pub fn is_control_verb(&self, word: &str) -> bool {
        self.control_verbs.contains(word)
    }

    /// Whether the lowercase `word` is a form of a word of desire ("wants", "sought").
    pub fn is_desire_word(&self, word: &str) -> bool {
        self.desire_words.contains(word)
    }

    /// Whether the lowercase `word` is the "-ing" form of a route verb ("connecting").
    pub fn is_route_gerund(&self, word: &str) -> bool {
        self.route_gerunds.contains(word)
    }

    /// Whether the lowercase `word` is a form of a route verb ("runs", "crossed").
    pub fn is_route_verb(&self, word: &str) -> bool {
        self.route_verbs.contains(word)
    }

    /// Whether the lowercase `word` is a form of a cue for which `test` holds of its frame
    /// and the form.
    fn cues(&self, word: &str, test: impl Fn(&Frame, Form) -> bool) -> bool {
        self.forms.get(word).is_some_and(|entries| entries.iter().any(|&(f, form)| test(&self.frames[f as usize], form)))
    }

    /// Whether the lowercase `word` cues frames as a verb only ("ink", "signed"; not
    /// "trade", "supply", which are nouns too).
    pub fn is_verb_only(&self, word: &str) -> bool {
        self.forms.get(word).is_some_and(|entries| entries.iter().all(|&(f, _)| self.frames[f as usize].pos == Pos::Verb))
    }

    /// Whether the lowercase `word` is a past or participle form of a frame's verb
    /// ("visited", "met", "signed"): a name right after it is its object.
    pub fn is_past_verb(&self, word: &str) -> bool {
        self.cues(word, |frame, form| frame.pos == Pos::Verb && form.is_participle())
    }

    /// Whether the lowercase `word` is a past or participle form of a frame's verb of a deed,
    /// not of meeting ("sold", "built", "won"; not "met": people meet).
    pub fn is_past_deed(&self, word: &str) -> bool {
        self.cues(word, |frame, form| frame.pos == Pos::Verb && form.is_participle() && frame.predicate != Predicate::MeetsWith)
    }

    /// Whether the lowercase `word` is a form of a verb whose direct object may be an
    /// undertaking: the verbs of the `builds`, `investsIn`, `proposes`, `participatesIn`,
    /// `interestedIn` and `hinders` frames with a `dobj` object and no words after the cue
    /// ("build", "financed", "launched", "joins", "explores", "suspended", also "hosts",
    /// "signed", "attacked").
    pub fn takes_undertaking_object(&self, word: &str) -> bool {
        self.cues(word, |frame, _| {
            frame.pos == Pos::Verb
                && frame.then.is_empty()
                && matches!(frame.predicate, Predicate::Builds | Predicate::InvestsIn | Predicate::Proposes | Predicate::ParticipatesIn | Predicate::InterestedIn | Predicate::Hinders)
                && frame.object.contains(&Slot::Dobj)
        })
    }

    /// Whether the lowercase `word` is a form of a verb of trade whose bare object is a good
    /// ("exports", "sold": `lexicon/goods_verbs.txt`).
    pub fn is_goods_verb(&self, word: &str) -> bool {
        self.goods_verbs.contains(word)
    }

    /// Whether the lowercase `word` is a form of a noun cue of `sanctions` ("sanctions",
    /// "embargo", "tariffs").
    pub fn is_sanction_noun(&self, word: &str) -> bool {
        self.cues(word, |frame, _| frame.predicate == Predicate::Sanctions && frame.pos == Pos::Noun)
    }

    /// Whether the lowercase `word` names a place a route passes ("through", "into").
    pub fn is_route_preposition(&self, word: &str) -> bool {
        self.route_prepositions.contains(word)
    }

    /// The example markers ("including", "such as": `lexicon/example_markers.txt`).
    pub fn example_markers(&self) -> &[Vec<String>] {
        &self.example_markers
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
        // The first words of titles: a word inside a long title ("economic" of "minister of
        // economic development") is not flagged, as flagging it makes every such adjective
        // a title word (measured: pairs F1 0.02 lower across the 21 articles).
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
    // ("running", "setting", "beginning": an irregular verb's gerund doubles a final
    // consonant after one vowel, whatever its syllables: its past says nothing of it.)
    let double = doubled || if irregular.is_none() { doubles_last(base) } else { ends_consonant_vowel_consonant(base) };
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
    let mut forms = vec![(base.to_string(), Form::PLAIN), (third, Form::PLAIN), (past, Form::PLAIN), (participle, Form::PARTICIPLE), (gerund, Form::GERUND)];
    // British spelling doubles a final "l" after one vowel: "travelled", "cancelling".
    let b = base.as_bytes();
    let n = b.len();
    if irregular.is_none() && !double && n >= 4 && b[n - 1] == b'l' && is_vowel(b[n - 2]) && !is_vowel(b[n - 3]) {
        forms.extend([(format!("{base}led"), Form::PLAIN), (format!("{base}led"), Form::PARTICIPLE), (format!("{base}ling"), Form::GERUND)]);
    }
    forms
}

/// The forms of a noun: singular and plural ("talks" and "relations" are given as written).
fn noun_forms(singular: &str) -> Vec<(String, Form)> {
    std::iter::once((singular.to_string(), Form::PLAIN)).chain(plural(singular).map(|p| (p, Form::PLAIN))).collect()
}

/// The plural of a lowercase noun ("minister" → "ministers", "secretary" → "secretaries"),
/// None for one that ends in "s" already ("talks", "relations").
pub(super) fn plural(singular: &str) -> Option<String> {
    if singular.ends_with('s') && !singular.ends_with("ss") {
        None
    } else if ends_in_sibilant(singular) {
        Some(format!("{singular}es"))
    } else if consonant_y(singular) {
        Some(format!("{}ies", &singular[..singular.len() - 1]))
    } else {
        Some(format!("{singular}s"))
    }
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
    syllables == 1 && ends_consonant_vowel_consonant(word)
}

/// The word ends in a consonant, one vowel and a consonant that doubles (not w, x or y).
fn ends_consonant_vowel_consonant(word: &str) -> bool {
    let b = word.as_bytes();
    let n = b.len();
    n >= 3 && !is_vowel(b[n - 3]) && is_vowel(b[n - 2]) && !is_vowel(b[n - 1]) && !matches!(b[n - 1], b'w' | b'x' | b'y')
}

/// How a verb cue is used: passive ("was built by"), progressive ("is building").
#[derive(Debug, Clone, Copy, Default)]
struct Voice {
    passive: bool,
    progressive: bool,
    /// A participle right after the name it modifies ("crude oil produced in Russia", "the
    /// tankers ordered for the project"): that name (a mention index) fills its object slot.
    reduced: Option<usize>,
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

impl Frames {
    /// Every frame matched in the sentence of `view`.
    pub(super) fn matches(&self, view: &SentenceView, out: &mut Vec<FrameMatch>) {
        let from = out.len();
        self.cue_matches(view, out);
        coordinated_phrases(view, out, from);
        owned_places(view, out, from);
        gapped_shares(view, out, from);
        self.meeting_companions(view, out, from);
        self.delegation_leaders(view, out, from);
        self.fronted_venues(view, out, from);
    }

    /// "In Astana on Wednesday, Yoon and Tokayev agreed …", "Earlier in the week in
    /// Ashgabat, Yoon met Berdimuhamedov": the parties of a meeting told after a
    /// sentence-opening place (`SentenceView::fronted_venue`) meet there, too; an event
    /// the sentence's clause tells of takes place there, and the project its clause builds
    /// or pays for is there ("At Aktau, a container hub is being developed by KTZ").
    fn fronted_venues(&self, view: &SentenceView, out: &mut Vec<FrameMatch>, from: usize) {
        let Some((venue, at, comma)) = view.fronted_venue() else { return };
        let entity = |i: usize| view.resolved[view.mentions[i]].entity;
        let mut venues = Vec::new();
        // (The meeting's cue may open the sentence with the place: "Following talks in
        // Pyongyang, Putin and Kim signed …".)
        for m in out[from..].iter().filter(|m| self.frames[m.frame as usize].predicate == Predicate::MeetsWith) {
            if matches!(view.class(m.object), EntityType::Place) || view.first(m.subject) < comma || view.first(m.object) < comma {
                continue;
            }
            for party in [m.subject, m.object] {
                if entity(party) != entity(venue) {
                    venues.push(FrameMatch { subject: party, object: venue, subject_slot: SlotKind::Subj, object_slot: SlotKind::Prep, ..*m });
                }
            }
        }
        // ("In Moscow, the 23rd session of the commission was completed": an event that
        // opens the clause after it took place there, as "in" or "at" would place it.)
        let event = (comma + 1..view.tokens.end.min(comma + 3)).find_map(|k| view.mention_at(k)).filter(|&e| view.class(e) == EntityType::Event && view.preposition_before(e).is_none());
        let placing = self.forms.get(view.word(at)).into_iter().flatten().find(|&&(f, _)| self.frames[f as usize].predicate == Predicate::LocatedIn && self.frames[f as usize].pos == Pos::Prep);
        // ("In Georgia, the long-delayed Anaklia deep-sea port was revived": a project or place
        // opening the clause after a state, past an article and modifiers, lies in it.)
        let site = (comma + 1..view.tokens.end.min(comma + 6))
            .take_while(|&k| view.mention_at(k).is_some() || view.finder.is(k, WordKinds::DETERMINER) || view.finder.is_plain_word(k) || view.finder.is_dash(k))
            .find_map(|k| view.mention_at(k))
            .filter(|&p| view.class(venue) == EntityType::Country && matches!(view.class(p), EntityType::Project | EntityType::Place) && view.preposition_before(p).is_none() && !view.possessor(p))
            // (The clause's subject, its verb or a comma after it: not "In Korea, Arctic LNG 2
            // sanctions worried", a modifier.)
            .filter(|&p| {
                let next = view.last(p);
                next < view.tokens.end
                    && view.mention_at(next).is_none()
                    && (view.finder.is(next, WordKinds::VERB_GROUP.with(WordKinds::COPULA)) || matches!(view.word(next), "," | "(") || view.word(next).ends_with("ed"))
            });
        if let Some(&(frame, _)) = placing {
            let place = |subject: usize| FrameMatch { frame, subject, object: venue, subject_slot: SlotKind::Subj, object_slot: SlotKind::Prep, passive: false, progressive: false, cue: at };
            venues.extend(event.into_iter().chain(site).filter(|&e| entity(e) != entity(venue)).map(place));
            // ("At Aktau, a container hub is being developed by KTZ", "In Vietnam, Samsung is
            // building a plant": what the clause builds or pays for is there too.)
            // (Not past a verb of saying or another cue: "In Moscow, Rosneft said it would
            // finance …" was said there, "In Beijing, the two sides agreed to build …" agreed
            // there; nor what is placed already: "… to build a pipeline in Mongolia".)
            let verb_cue = |k: usize| view.finder.is(k, WordKinds::FRAME_CUE) && view.mention_at(k).is_none() && self.cues(view.word(k), |frame, _| frame.pos == Pos::Verb);
            let said = |cue: usize| (comma + 1..cue).any(|k| view.finder.lex.descriptions.is_reporting_verb(view.word(k)) || verb_cue(k));
            let placed = |p: usize| out.iter().any(|m| self.frames[m.frame as usize].predicate == Predicate::LocatedIn && entity(m.subject) == entity(p));
            let built = |m: &&FrameMatch| matches!(self.frames[m.frame as usize].predicate, Predicate::Builds | Predicate::InvestsIn) && m.cue > comma && !said(m.cue);
            for m in out[from..].iter().filter(built) {
                if view.class(m.object) == EntityType::Project && view.first(m.object) > comma && entity(m.object) != entity(venue) && !placed(m.object) {
                    venues.push(place(m.object));
                }
            }
            // ("In neighbouring Uzbekistan, Rosatom is building a plant in the Jizzakh Region":
            // a place the gazetteer does not know, where the clause puts something, lies in
            // the state the sentence opens with.)
            let unknown = |p: usize| matches!(view.resolved[view.mentions[p]].mention.target, Target::Unknown);
            if view.class(venue) == EntityType::Country {
                let located = |m: &&FrameMatch| self.frames[m.frame as usize].predicate == Predicate::LocatedIn && m.cue > comma;
                for m in out[from..].iter().filter(located) {
                    if view.class(m.object) == EntityType::Place && unknown(m.object) && entity(m.object) != entity(venue) && !venues.iter().any(|v: &FrameMatch| v.subject == m.object) {
                        venues.push(place(m.object));
                    }
                }
            }
        }
        push_new(out, venues);
    }

    /// "received the delegation of the Russian Federation headed by First Deputy Prime
    /// Minister Denis Manturov", "met a team led by X": whoever meets a party
    /// (`lexicon/delegation_nouns.txt`) meets the person heading it, too.
    fn delegation_leaders(&self, view: &SentenceView, out: &mut Vec<FrameMatch>, from: usize) {
        let mut leaders = Vec::new();
        for m in out[from..].iter().filter(|m| self.frames[m.frame as usize].predicate == Predicate::MeetsWith && m.object_slot == SlotKind::Dobj) {
            let end = view.tokens.end;
            let Some(party) = (m.cue + 1..end.min(m.cue + 6)).find(|&k| view.mention_at(k).is_none() && self.delegation_nouns.contains(view.word(k))) else { continue };
            let Some(by) = (party + 1..end.min(party + 10)).find(|&k| matches!(view.word(k), "headed" | "led") && k + 1 < end && view.word(k + 1) == "by") else { continue };
            // The first person after "by", past a title and the body in it ("First Deputy
            // Chairman of the Government of the Russian Federation Denis Manturov").
            let person = (by + 2..end.min(by + 16))
                .take_while(|&k| view.mention_at(k).is_some() || view.in_title(k) || view.finder.is_capitalised(k) || view.finder.is(k, WordKinds::FUNCTION))
                .find_map(|k| view.mention_at(k).filter(|&l| view.class(l) == EntityType::Person));
            if let Some(leader) = person.filter(|&l| l != m.subject) {
                leaders.push(FrameMatch { object: leader, ..*m });
            }
        }
        push_new(out, leaders);
    }

    /// "his meeting with Kim in Moscow", "held talks with Putin in Sochi": whoever a meeting
    /// cue pairs with its subject meets where the cue places the meeting, too, and takes
    /// part in the event the subject takes part in there ("on the sidelines of the summit").
    fn meeting_companions(&self, view: &SentenceView, out: &mut Vec<FrameMatch>, from: usize) {
        let meets = |m: &FrameMatch| self.frames[m.frame as usize].predicate == Predicate::MeetsWith;
        let at_place = |m: &FrameMatch| view.class(m.object) == EntityType::Place;
        let entity = |i: usize| view.resolved[view.mentions[i]].entity;
        let mut companions = Vec::new();
        for place in out[from..].iter().filter(|m| meets(m) && at_place(m)) {
            for partner in out[from..].iter().filter(|m| meets(m) && !at_place(m) && m.cue == place.cue && m.subject == place.subject) {
                if entity(partner.object) != entity(place.object) {
                    companions.push(FrameMatch { subject: partner.object, subject_slot: partner.object_slot, ..*place });
                }
            }
        }
        // ("Xi held talks with Modi on the sidelines of the G20 summit": the partner takes
        // part in the event where the meeting's subject does, in the clause of the meeting,
        // no comma between: not "Putin, who met Modi last year, attended the summit".)
        let takes_part = |m: &FrameMatch| self.frames[m.frame as usize].predicate == Predicate::ParticipatesIn && view.class(m.object) == EntityType::Event;
        for event in out[from..].iter().filter(|m| takes_part(m)) {
            for partner in out[from..].iter().filter(|m| {
                meets(m) && !at_place(m) && m.subject == event.subject && m.cue < event.cue && view.clause_of(m.cue) == view.clause_of(event.cue) && !(m.cue..event.cue).any(|k| view.word(k) == ",")
            }) {
                if entity(partner.object) != entity(event.object) {
                    companions.push(FrameMatch { subject: partner.object, subject_slot: partner.object_slot, ..*event });
                }
            }
        }
        push_new(out, companions);
    }

    /// The frames whose cue words the sentence of `view` holds, with their slots filled.
    fn cue_matches(&self, view: &SentenceView, out: &mut Vec<FrameMatch>) {
        let finder = view.finder;
        for k in view.tokens.clone() {
            if let Some(m) = view.mention_at(k) {
                // "the Hanoi summit between Trump and Kim": an event's head noun is a cue
                // for the names after its "between".
                if view.class(m) == EntityType::Event && view.last(m) == k + 1 && finder.is(k, WordKinds::FRAME_CUE) {
                    let from = out.len();
                    for &(f, form) in self.forms.get(finder.lower(k)).into_iter().flatten().filter(|&&(f, _)| self.frames[f as usize].pos == Pos::Noun) {
                        self.match_at(view, f, form, k, out);
                    }
                    let between: Vec<FrameMatch> = out.drain(from..).filter(|found| found.subject_slot == SlotKind::Between).collect();
                    out.extend(between);
                }
                continue;
            }
            // The flag first: few words are cue forms ("in_compound" reads the neighbours).
            if let Some(entries) = finder.is(k, WordKinds::FRAME_CUE).then(|| view.in_compound(k)).filter(|&compound| !compound).and_then(|_| self.forms.get(finder.lower(k))) {
                for &(f, form) in entries {
                    self.match_at(view, f, form, k, out);
                }
            }
            if !self.title_frames.is_empty() {
                if let Some(mut end) = self.title_at(finder, k, view.tokens.end) {
                    // "president and chief executive Mark Bristow": two titles of one person.
                    if end + 1 < view.tokens.end && finder.lower(end) == "and" {
                        end = self.title_at(finder, end + 1, view.tokens.end).unwrap_or(end);
                    }
                    for &f in &self.title_frames {
                        self.fill(view, f, k, end, Voice::default(), out);
                    }
                }
            }
        }
    }

    /// Frame `f` with its cue word at `k`: its following words, voice and slots.
    fn match_at(&self, view: &SentenceView, f: u32, form: Form, k: usize, out: &mut Vec<FrameMatch>) {
        let f = match self.desired[f as usize] {
            Some(twin) if self.desired_at(view, k, form) => twin,
            _ => f,
        };
        let frame = &self.frames[f as usize];
        // The cue's other words, each within four words of the last ("sell a 10 percent stake").
        let mut end = k + 1;
        // ("co-chaired": the verb's prefix starts the cue.)
        let k = if view.verb_prefix_before(k) { k - 2 } else { k };
        // "an order", "the supply": after an article a verb's form is a noun.
        if frame.pos == Pos::Verb && k > view.tokens.start && matches!(view.word(k - 1), "a" | "an" | "the") {
            return;
        }
        for w in &frame.then {
            // (An elided share's reference is no name: "Novatek controls 60%".)
            let free = |j: usize| view.mention_at(j).is_none() || view.share_reference_at(j).is_some();
            let found = (end..view.tokens.end.min(end + 4)).find(|&j| free(j) && (view.word(j) == w || fold_plural_eq(view.word(j), w)));
            match found {
                Some(j) => end = j + 1,
                None => return,
            }
        }
        let passive = frame.pos == Pos::Verb && form.is_participle() && {
            // "was (jointly) built", or a participle right before "by" ("the plant built by",
            // "owned equally by").
            let mut j = k;
            let mut aux = false;
            while j > view.tokens.start && view.finder.is(j - 1, WordKinds::VERB_GROUP) {
                j -= 1;
                aux |= view.finder.is(j, WordKinds::COPULA) || view.word(j) == "been";
            }
            // ("owned equally by", "funded largely by": an adverb in "-ly" between.)
            let adverb = |j: usize| view.finder.is(j, WordKinds::VERB_GROUP) || (view.word(j).len() >= 6 && view.word(j).ends_with("ly") && view.finder.is_plain_word(j));
            let by = (end..view.tokens.end.min(end + 3)).find(|&j| !adverb(j)).is_some_and(|j| view.word(j) == "by");
            // ("the plant, built in 2010,"; not "Tokayev, president of Kazakhstan, met": the
            // comma closes an apposition.)
            aux || by || (k > view.tokens.start && view.word(k - 1) == "," && view.mention_at(k.saturating_sub(2)).is_some() && view.before_apposition(k).is_none() && !view.closes_examples(k - 1))
        };
        // A reduced relative clause: a participle right after a name that can only be its
        // object (the ontology allows its class as the object, not as the subject), with a
        // preposition, not an object, after it: "crude oil produced in Russia".
        let signatures = &view.finder.lex.signatures;
        let reduced = (frame.pos == Pos::Verb && form.is_participle() && k > view.tokens.start && end < view.tokens.end && frame.object.contains(&Slot::Dobj))
            .then(|| view.mention_at(k - 1))
            .flatten()
            .filter(|&m| signatures.allows_object(frame.predicate, view.class(m)) && !signatures.allows_subject(frame.predicate, view.class(m)) && view.finder.preposition(end).is_some());
        let passive = passive || reduced.is_some();
        // "is now building": a form of "be", adverbs, then the "-ing" form.
        let progressive = frame.pos == Pos::Verb && form.is_gerund() && {
            let mut j = k;
            while j > view.tokens.start && view.finder.is(j - 1, WordKinds::VERB_GROUP) && !view.finder.is(j - 1, WordKinds::COPULA) {
                j -= 1;
            }
            j > view.tokens.start && view.finder.is(j - 1, WordKinds::COPULA)
        };
        self.fill(view, f, k, end, Voice { passive, progressive, reduced }, out);
    }

    /// "India's purchases of Russian oil", "Japan imports Qatari LNG", "China buys
    /// Turkmenistan's gas": for a buying cue whose seller stands after "from", with no "from"
    /// there, the state whose adjective or possessive marks the good bought (its object, or
    /// its "of" for a noun) sells it.
    fn origin_of_good(&self, view: &SentenceView, frame: &Frame, p: u8, end: usize) -> Option<usize> {
        if frame.predicate != Predicate::Supplies || self.preposition("from") != Some(p) {
            return None;
        }
        let good = match frame.pos {
            Pos::Verb => view.object_after(end),
            // ("the largest buyer of Russian oil": the good, not the adjective before it.)
            _ => view.prep_object_after(end, self.preposition("of")?).map(|m| view.past_adjective(m)),
        }?;
        // ("China buys Turkmenistan's gas": the state owning it, right before its "'s", too.)
        let owner = || view.possessor_right_before(good).filter(|&p| view.class(p) == EntityType::Country);
        (view.class(good) == EntityType::Commodity).then(|| view.adjective_before(good).or_else(owner)).flatten()
    }

    /// Fills the slots of frame `f` whose cue spans `[k, end)`.
    fn fill(&self, view: &SentenceView, f: u32, k: usize, end: usize, voice: Voice, out: &mut Vec<FrameMatch>) {
        let passive = voice.passive;
        let frame = &self.frames[f as usize];
        // ("met Gazprom CEO Alexei Miller", "met with …": a meeting is with the body's titled holder.)
        let person_met = |o: usize| if frame.predicate == Predicate::MeetsWith { view.titled_holder_after(o).unwrap_or(o) } else { o };
        let find = |slot: Slot| -> Option<usize> {
            match (slot, passive) {
                (Slot::Subj, true) => view.agent_after(end),
                (Slot::Dobj, true) => voice.reduced.or_else(|| view.subject_before(k)),
                (Slot::Subj, false) if frame.pos == Pos::Adj => view.subject_before(k).filter(|&m| view.described_by_adjective(m, k)),
                // ("increased oil exports to India": a good right before the cue modifies it; the
                // subject is the state whose adjective marks the good, else the clause's.)
                (Slot::Subj, false) => match view.subject_before(k) {
                    Some(m) if view.class(m) == EntityType::Commodity && view.last(m) == k && !view.finder.lex.signatures.allows_subject(frame.predicate, EntityType::Commodity) => {
                        view.adjective_before(m).or_else(|| view.subject_before(view.first(m)))
                    }
                    subject => subject,
                },
                // ("meets a quarter of India's gas demand": a meeting's object is no quantity's.)
                (Slot::Dobj, false) if frame.predicate == Predicate::MeetsWith => {
                    view.relative_object_before(k).or_else(|| view.object_after(end).filter(|&o| !view.counted_between(end, view.first(o))).map(person_met))
                }
                (Slot::Dobj, false) => view.relative_object_before(k).or_else(|| view.object_after(end)),
                (Slot::Poss, _) => view.possessor_before(k),
                (Slot::Adj, _) => view.modifier_before(k),
                (Slot::Appos, _) => view.described_by(k),
                // "mediated between A and B": the list after "between" (within the clause).
                (Slot::Between, _) => view.between_after(end, 8),
                (Slot::Left, _) => view.left_of(k),
                (Slot::Right, _) => view.right_after(end).or_else(|| view.after_seat(end)),
                (Slot::Prep(p), _) => view.prep_object_after(end, p).map(person_met).or_else(|| view.fronted_relative(k, p)).or_else(|| self.origin_of_good(view, frame, p, end)),
            }
        };
        // Every mention a filled slot stands for: a modifier (the "Russian" of "Russian
        // President") itself, the name right after a title alone, else the list of the
        // name it is or is attached to.
        let fillers = |m: usize, slot: Slot| -> &[usize] {
            match slot {
                // "U.S. and EU sanctions", "Russian and Chinese investment", "U.S., EU and
                // other sanctions": the modifiers coordinated with the one right before the cue.
                Slot::Adj if (view.last(m) == k || view.and_other_before(k) && view.last(m) == k - 2) && view.list(m).len() > 1 && view.list(m).last() == Some(&m) => view.list(m),
                // "the Donetsk and Luhansk regions of Ukraine": a plural noun after the list.
                Slot::Left if k > view.tokens.start + 1 && view.mention_at(k - 1).is_none() && view.word(k - 1).ends_with('s') && view.last(m) == k - 1 => view.list(m),
                Slot::Adj | Slot::Left => std::slice::from_ref(&view.mentions_index[m]),
                // "between Xi'an and Poti, Georgia's main port on …": a singular apposition
                // describes the name before its comma only, not the list that name ends.
                Slot::Appos if !view.word(end - 1).ends_with('s') => std::slice::from_ref(&view.mentions_index[m]),
                // ("President Putin and Xi": a singular title is the first name's alone;
                // "NATO members Poland and Lithuania": a plural one is the list's.)
                // ("the Kazakh ports of Aktau and Kuryk": the cue's first word is its noun.)
                Slot::Right if frame.pos == Pos::Agent && !view.word(end - 1).ends_with('s') && !view.word(k).ends_with('s') => std::slice::from_ref(&view.head[m]),
                // ("Rosneft and Uzbekistan's Uzbekneftegaz": what a possessive owns is the
                // name right after it, not a list that began before the owner; "Japan's
                // Hokkaido and Okinawa" are both Japan's.)
                Slot::Right if matches!(view.word(k), "'s" | "’s") && view.list(m).first().is_some_and(|&f| view.first(f) < k) => std::slice::from_ref(&view.mentions_index[m]),
                _ => view.list(m),
            }
        };
        let symmetric = frame.predicate.is_symmetric() || frame.predicate == Predicate::MeetsWith;
        // (`people_meet`: the subject is the cue's own subject or "between" list, not a name
        // its "of" reaches: "the administrations of Park and Moon … joint ventures".)
        let push = |out: &mut Vec<FrameMatch>, s: usize, o: usize, subject_slot, object_slot, people_meet: bool| {
            if view.resolved[view.mentions[s]].entity != view.resolved[view.mentions[o]].entity {
                let people = people_meet && view.class(s) == EntityType::Person && view.class(o) == EntityType::Person;
                let frame = self.between_people.get(f as usize).copied().flatten().filter(|_| people).unwrap_or(f);
                out.push(FrameMatch { frame, subject: s, object: o, subject_slot, object_slot, passive, progressive: voice.progressive, cue: k });
            }
        };
        let pairs_within = |out: &mut Vec<FrameMatch>, list: &[usize], slot: SlotKind, people_meet: bool| {
            for (i, &a) in list.iter().enumerate() {
                for &b in &list[i + 1..] {
                    push(out, a, b, slot, slot, people_meet);
                }
            }
        };
        // "cooperation between A and B": every pair of the list, for a symmetric cue (for
        // others, "between" names the object: "mediated between A and B").
        if symmetric && (frame.subject.contains(&Slot::Between) || frame.object.contains(&Slot::Between)) {
            // ("Talks were held in Ankara between A and B": past a passive verb and its venue,
            // nothing else: "the meeting discussed the border dispute between A and B" is
            // the dispute's.)
            let held_at_venue = || {
                let Some(between) = (end..view.tokens.end.min(end + 8)).find(|&j| view.word(j) == "between") else { return false };
                (end..between).all(|j| match view.mention_at(j) {
                    Some(v) => matches!(view.class(v), EntityType::Place | EntityType::Country),
                    None => {
                        let w = view.word(j);
                        view.finder.is(j, WordKinds::VERB_GROUP.with(WordKinds::COPULA).with(WordKinds::DETERMINER).with(WordKinds::DATE_WORD))
                            || view.finder.text.tokens[j].kind == TokenKind::Number
                            || matches!(w, "held" | "took" | "place" | "in" | "at" | "on")
                            || (w.len() > 4 && w.ends_with("ed") && !view.finder.is_capitalised(j))
                    }
                })
            };
            if let Some(m) = view.between_after(end, 3).or_else(|| view.between_after(end, 8).filter(|_| held_at_venue())) {
                pairs_within(out, view.list(m), SlotKind::Between, true);
            }
        }
        // ("oil exports": a good modifying the cue is what is traded, not who trades it; in
        // "Russian gas supplies" the state whose adjective marks the good is the subject.)
        let past_good = |m: usize, slot: Slot| {
            if slot != Slot::Adj || view.class(m) != EntityType::Commodity {
                return Some(m);
            }
            view.adjective_before(m)
        };
        let subject = frame.subject.iter().find_map(|&slot| find(slot).and_then(|m| past_good(m, slot)).map(|m| (m, slot))).filter(|&(_, slot)| slot != Slot::Between);
        // "A and B signed": a symmetric cue relates the members of its subject's list.
        // (Not rivals: "Emirati and Saudi funds are competing with Chinese firms" names whom
        // both compete with, not each other.)
        let rivals_named = frame.predicate == Predicate::CompetesWith && frame.object.iter().any(|&slot| find(slot).is_some());
        // (Not a plural agent noun's list: "Rosatom partners Egypt and Turkey" are not partners
        // of each other.)
        if let Some((s, slot)) = subject.filter(|&(_, slot)| symmetric && !rivals_named && slot != Slot::Right) {
            let governed = view.list(s).first().is_some_and(|&m| view.preposition_before(m).is_some());
            pairs_within(out, fillers(s, slot), SlotKind::Coordinated, slot == Slot::Subj && !governed);
        }
        let Some((s, subject_slot)) = subject else { return };
        // The object is the first slot filled by another entity than the subject, of a class
        // the predicate takes ("supplied the army with shells": the shells are traded).
        let entity = |m: usize| view.resolved[view.mentions[m]].entity;
        // ("with oil giant Saudi Aramco": a good attached to a company stands for it.)
        let takes = |o: usize| {
            let allows = |m: usize| view.finder.lex.signatures.allows_object(frame.predicate, view.class(m));
            allows(o) || (view.class(o) == EntityType::Commodity && view.head[o] != o && allows(view.head[o]))
        };
        // ("concerned about North Korea's arms transfers": an owned good the predicate does not
        // take gives way to its owner, right before the "'s", or to the state whose adjective
        // marks it; "the largest buyer of Russian crude": a state's adjective to the name it
        // modifies, right after it.)
        // ("runs along the Iranian border": a state's adjective before a boundary noun is no
        // place a thing lies in.)
        let adjective = |o: usize| matches!(view.resolved[view.mentions[o]].mention.target, Target::Adjective(_));
        // (The head: "the Russian border town of Blagoveshchensk" lies in Russia.)
        let at_border = |o: usize| {
            let noun = view.last(o);
            let head = || noun + 1 >= view.tokens.end || !view.finder.is_plain_word(noun + 1) || view.finder.is(noun + 1, WordKinds::FUNCTION);
            frame.predicate == Predicate::LocatedIn && adjective(o) && noun < view.tokens.end && self.boundary_nouns.contains(view.word(noun)) && head()
        };
        let owner_if_untaken = |o: usize| {
            if at_border(o) {
                None
            } else if takes(o) {
                Some(o)
            } else if adjective(o) {
                // ("the copper unit of Brazilian miner Vale": past the descriptor, too.)
                view.mention_at(view.last(o)).filter(|&m| takes(m)).or_else(|| view.named_after_descriptor(o).filter(|&m| takes(m)))
            } else if let Some(named) = view.named_after_descriptor(o).filter(|&m| takes(m)) {
                // ("the mining arm of Abu Dhabi conglomerate International Holding Company": a
                // place modifying a descriptor, the name after it the one meant.)
                Some(named)
            } else if view.class(o) == EntityType::Commodity && frame.predicate != Predicate::InvestsIn {
                // ("banned imports of Russian oil": the state whose adjective marks the good;
                // not for an investment: "buys Turkmenistan's gas" buys no stake in the state.)
                let adjective = view.adjective_before(o).filter(|&a| takes(a));
                adjective.or_else(|| view.possessor_right_before(o).filter(|&p| takes(p)))
            } else {
                None
            }
        };
        // An elided share's reference (`coreference.rs`: "Novatek controls 60%", "has a 12%
        // stake") is a share held by a firm or body only: a state's "controls 18%" is of land or
        // a market as often as of a project.
        let holder = matches!(view.class(s), EntityType::Company | EntityType::Organization);
        let held = |o: usize| holder || !view.is_share_reference(o);
        let filled = |slot: Slot| find(slot).and_then(owner_if_untaken).filter(|&o| entity(view.head[o]) != entity(view.head[s]) && entity(o) != entity(s) && held(o)).map(|o| (o, slot));
        // ("located on the Gydan peninsula in Russia's far north": where a thing lies is the
        // object of the preposition nearest the cue, of those the frame takes.)
        let object = match frame.object.iter().find_map(|&slot| filled(slot)) {
            Some(first @ (_, Slot::Prep(_))) if frame.predicate == Predicate::LocatedIn => {
                let preps = frame.object.iter().filter(|slot| matches!(slot, Slot::Prep(_))).filter_map(|&slot| filled(slot));
                Some(preps.min_by_key(|&(o, _)| view.first(o)).unwrap_or(first))
            }
            found => found,
        };
        // "Novatek controls 60%": with no object named, the share the cue ends on stands for
        // a share of what it refers to.
        let share = || view.share_reference_at(end - 1).filter(|&o| holder && !frame.then.is_empty() && takes(o) && entity(o) != entity(s)).map(|o| (o, Slot::Dobj));
        let Some((o, object_slot)) = object.or_else(share) else { return };
        // "located in the Turkestan, Kyzylorda and Ulytau regions", "Tashkent, Almaty and
        // Bishkek": names of one class in one list are not related by a cue outside it or by
        // a list's comma (a cue word inside may: "Belarus and its ally Russia").
        let list = view.list(s);
        let outside = list.first().zip(list.last()).is_none_or(|(&a, &b)| k < view.first(a) || k >= view.last(b));
        // (Of any classes in a list of three or more: "crosses Kazakhstan, the Caspian Sea,
        // Azerbaijan and Georgia".)
        if (view.class(s) == view.class(o) || list.len() > 2) && list.len() > 1 && list.contains(&o) && (outside || frame.pos == Pos::Prep) {
            return;
        }
        for &s in fillers(s, subject_slot) {
            for &o in fillers(o, object_slot) {
                push(out, s, o, subject_slot.slot_kind(), object_slot.slot_kind(), matches!(subject_slot, Slot::Subj | Slot::Between));
            }
        }
    }
}

/// "the plant in India's southern state of Tamil Nadu": what lies in a state's place lies
/// in the place the cue after the possessive names ("state of", `lexicon/place_cues.txt`), too.
fn owned_places(view: &SentenceView, out: &mut Vec<FrameMatch>, from: usize) {
    let mut more = Vec::new();
    for m in out[from..].iter().filter(|m| matches!(m.object_slot, SlotKind::Prep | SlotKind::Right) && view.class(m.object) == EntityType::Country) {
        let end = view.tokens.end;
        let owner_end = view.last(m.object);
        if owner_end + 2 >= end || view.word(owner_end) != "'s" {
            continue;
        }
        // Past up to two lowercase modifiers ("southern"), then the cue and the place.
        let place = (owner_end + 1..end.min(owner_end + 4))
            .take_while(|&j| view.mention_at(j).is_none() && !view.finder.is_capitalised(j))
            .find_map(|j| view.finder.place_cue_at(j, end).and_then(|after| view.mention_at(after)).filter(|&p| view.class(p) == EntityType::Place));
        if let Some(place) = place.filter(|&p| p != m.subject) {
            more.push(FrameMatch { object: place, ..*m });
        }
    }
    push_new(out, more);
}

/// "his meeting with Kim in Moscow in August 2001 and in Vladivostok in August 2002",
/// "invested in Kazakhstan in 2019 and in Uzbekistan": an object after a preposition
/// stands for the name of the same class after "and" and the same preposition too.
fn coordinated_phrases(view: &SentenceView, out: &mut Vec<FrameMatch>, from: usize) {
    let mut more = Vec::new();
    for m in out[from..].iter().filter(|m| m.object_slot == SlotKind::Prep) {
        let Some(p) = view.preposition_before(m.object) else { continue };
        let object = view.resolved[view.mentions[m.object]].entity;
        let end = view.tokens.end.min(view.last(m.object) + 8);
        for k in view.last(m.object)..end {
            if matches!(view.word(k), "," | ";" | "but" | "while") || view.mention_at(k).is_some() {
                break;
            }
            if view.word(k) == "and" && k + 2 < view.tokens.end && view.finder.preposition(k + 1) == Some(p) {
                let other = view.right_after(k + 2).filter(|&o| view.class(o) == view.class(m.object) && view.resolved[view.mentions[o]].entity != object && view.preposition_before(o) == Some(p));
                if let Some(o) = other {
                    more.push(FrameMatch { object: o, ..*m });
                }
                break;
            }
        }
    }
    push_new(out, more);
}

/// "Yamal LNG, in which Novatek holds 50.1%, TotalEnergies 20% and CNPC 20%", "Novatek holds
/// 50.1% of Yamal LNG, TotalEnergies 20%": a holding whose verb the list leaves out. A name
/// after a comma or "and" right before its own percentage, after the subject's percentage
/// in the same clause, holds a share of the same object; so does the subject of a later
/// clause's share verb with a percentage and no object.
fn gapped_shares(view: &SentenceView, out: &mut Vec<FrameMatch>, from: usize) {
    let percent_at = |k: usize| k + 1 < view.tokens.end && view.finder.text.tokens[k].kind == TokenKind::Number && view.finder.is_percent_at(k + 1);
    let mut more = Vec::new();
    for m in out[from..].iter().filter(|m| view.finder.lex.frames.frames[m.frame as usize].predicate == Predicate::InvestsIn && m.subject_slot == SlotKind::Subj) {
        let (subject, object) = (view.resolved[view.mentions[m.subject]].entity, view.resolved[view.mentions[m.object]].entity);
        // The subject's own percentage, right after the cue.
        let Some(own) = (m.cue..view.tokens.end.min(m.cue + 4)).find(|&k| percent_at(k)) else { continue };
        let clause = view.clause_of(own);
        for k in own + 2..view.tokens.end {
            if view.clause_of(k) != clause {
                break;
            }
            let Some(n) = view.mention_at(k) else { continue };
            let listed = view.first(n) > view.tokens.start && matches!(view.word(view.first(n) - 1), "," | "and" | "the");
            let entity = view.resolved[view.mentions[n]].entity;
            if listed && percent_at(view.last(n)) && entity != subject && entity != object {
                more.push(FrameMatch { subject: n, subject_slot: SlotKind::Coordinated, ..*m });
            }
        }
        // "…, while TotalEnergies, CNPC and CNOOC each own 10%", "and ZCCM-IH will retain the
        // remaining 49%": a later clause's share verb with its percentage and no name after
        // it holds a share of the same object, for each name of its subject.
        for k in own + 2..view.tokens.end {
            if view.clause_of(k) == clause || view.mention_at(k).is_some() {
                continue;
            }
            let share_verb = view.finder.lex.frames.is_share_verb(view.word(k));
            let Some(percent) = share_verb.then(|| (k + 1..view.tokens.end.min(k + 5)).find(|&j| percent_at(j))).flatten() else { continue };
            let unnamed = (percent + 2..view.tokens.end).take_while(|&j| view.clause_of(j) == view.clause_of(percent)).all(|j| view.mention_at(j).is_none());
            let Some(holder) = view.subject_before(k).filter(|&n| unnamed && view.first(n) > own) else { continue };
            for &n in view.list(holder) {
                let entity = view.resolved[view.mentions[n]].entity;
                if entity != subject && entity != object {
                    more.push(FrameMatch { subject: n, subject_slot: SlotKind::Coordinated, cue: k, ..*m });
                }
            }
        }
    }
    push_new(out, more);
}

/// Adds the matches of `more` that `out` does not hold yet.
fn push_new(out: &mut Vec<FrameMatch>, more: Vec<FrameMatch>) {
    for m in more {
        if !out.contains(&m) {
            out.push(m);
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
        assert_eq!(forms("travel"), ["travel", "travels", "traveled", "traveled", "traveling", "travelled", "travelled", "travelling"]);
        let built: Vec<String> = verb_forms("build", Some(&("built".into(), "built".into()))).into_iter().map(|(w, _)| w).collect();
        assert_eq!(built, ["build", "builds", "built", "built", "building"]);
        let committed: Vec<String> = verb_forms("commit", Some(&("committed".into(), "committed".into()))).into_iter().map(|(w, _)| w).collect();
        assert_eq!(committed, ["commit", "commits", "committed", "committed", "committing"]);
        let irregular = |base: &str, past: &str, participle: &str| verb_forms(base, Some(&(past.into(), participle.into()))).into_iter().map(|(w, _)| w).collect::<Vec<_>>();
        assert_eq!(irregular("run", "ran", "run"), ["run", "runs", "ran", "run", "running"]);
        assert_eq!(irregular("set", "set", "set"), ["set", "sets", "set", "set", "setting"]);
        assert_eq!(irregular("begin", "began", "begun"), ["begin", "begins", "began", "begun", "beginning"]);
        assert_eq!(irregular("lead", "led", "led"), ["lead", "leads", "led", "led", "leading"]);
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
