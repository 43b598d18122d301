//! Lexicon: the extraction knowledge read from `ontology/` (gazetteers, name lists,
//! head words, titles, relation cues, status and negation cues).
//!
//! Owns the file formats of those data files and their indexes. Every error names the
//! file and line. The extractor only reads a `Lexicon`; it never names an entity itself.

use crate::model::{slug, EntityType, Predicate, Status};
use crate::text::Splitter;
use anyhow::{bail, Context, Result};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

/// How a gazetteer name refers to its entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    Label,
    Alias,
    /// A capital city: the state when it acts, the city when it is a place.
    Capital,
    /// "the Kremlin", "the White House": always the state.
    Metonym,
    /// "South Korean": credits actors of that nationality to the state; never an entity name.
    Adjective,
}

/// One known entity.
#[derive(Debug, Clone)]
pub struct Entry {
    /// `<type>/<slug>`, stable across runs.
    pub id: String,
    pub label: String,
    pub class: EntityType,
    pub wikidata: Option<String>,
    /// The entry id of the country it belongs to, if any.
    pub country: Option<String>,
    /// A country's first adjective ("Russian"), for the bodies it owns ("Russia's Foreign
    /// Ministry" is the Russian Foreign Ministry).
    pub adjective: Option<String>,
}

/// One way of writing a known entity, indexed by its lowercase token key.
#[derive(Debug, Clone)]
pub struct Name {
    pub entry: usize,
    pub kind: NameKind,
    /// Short or ambiguous names ("US", "LG") must match exactly as written.
    pub case_sensitive: bool,
    pub surface: String,
}

/// A token key of the gazetteer.
#[derive(Debug, Default)]
pub struct Key {
    /// The names written with exactly this key.
    pub names: Vec<Name>,
    /// Whether some name's key starts with this one (so a longer match may follow).
    pub is_prefix: bool,
}

/// Known entities and the index that finds them in tokens.
#[derive(Debug, Default)]
pub struct Gazetteer {
    pub entries: Vec<Entry>,
    by_id: HashMap<String, usize>,
    /// Per token key, its names and whether a longer key starts with it, as a trie over the
    /// keys' words: key 0 is the empty key (`Gazetteer::longer_key`).
    keys: Vec<Key>,
    /// Per key and the id of a next word, the key one word longer.
    longer_keys: FxHashMap<(usize, u32), usize>,
    /// Per word of any key, its id (`Word::name_word`).
    name_words: FxHashMap<String, u32>,
    pub max_tokens: usize,
    /// Per folded first or last name, the people whose full name it begins or ends.
    people_by_name_part: FxHashMap<String, Vec<usize>>,
}

impl Gazetteer {
    pub fn entry(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Names whose lowercase token key is `key`.
    pub fn lookup(&self, key: &str) -> &[Name] {
        let mut at = 0;
        for word in key.split(' ') {
            match self.name_words.get(word).and_then(|&w| self.longer_key(at, w)) {
                Some((longer, _)) => at = longer,
                None => return &[],
            }
        }
        &self.keys[at].names
    }

    /// The key one word longer than key `at` (0 for the empty key) when the next word has
    /// id `word`: its id and what the gazetteer knows of it (names, and whether a longer
    /// key starts with it). None when no name starts with it.
    pub fn longer_key(&self, at: usize, word: u32) -> Option<(usize, &Key)> {
        self.longer_keys.get(&(at, word)).map(|&k| (k, &self.keys[k]))
    }

    /// Key `at` (`Word::name_key`).
    pub fn key(&self, at: usize) -> &Key {
        &self.keys[at]
    }

    /// The key of `words`, added with its prefixes if new.
    fn add_key(&mut self, words: &[&str]) -> usize {
        if self.keys.is_empty() {
            self.keys.push(Key::default());
        }
        let mut at = 0;
        for word in words {
            let next_id = self.name_words.len() as u32;
            let word = *self.name_words.entry(word.to_string()).or_insert(next_id);
            self.keys[at].is_prefix = true;
            let next_key = self.keys.len();
            at = *self.longer_keys.entry((at, word)).or_insert(next_key);
            if at == next_key {
                self.keys.push(Key::default());
            }
        }
        at
    }

    fn add_entry(&mut self, entry: Entry) -> Result<usize> {
        if self.by_id.contains_key(&entry.id) {
            bail!("duplicate id {}", entry.id);
        }
        let index = self.entries.len();
        self.by_id.insert(entry.id.clone(), index);
        if let Some((first, last)) = name_ends(&entry.label).filter(|_| entry.class == EntityType::Person) {
            for part in [fold(first), fold(last)] {
                let people = self.people_by_name_part.entry(part).or_default();
                if people.last() != Some(&index) {
                    people.push(index);
                }
            }
        }
        self.entries.push(entry);
        Ok(index)
    }

    /// The people whose first or last name is the folded `word`, in entry order.
    pub fn people_named(&self, word: &str) -> &[usize] {
        self.people_by_name_part.get(word).map_or(&[], Vec::as_slice)
    }

    fn add_name(&mut self, splitter: &Splitter, common: &FxHashSet<String>, entry: usize, kind: NameKind, surface: &str) {
        // A leading article is not part of a name ("the UN", "the Kremlin"): the text's own
        // "the" stays outside the mention, as it does for every other name.
        let surface = surface.trim();
        let surface = surface.strip_prefix("the ").or_else(|| surface.strip_prefix("The ")).unwrap_or(surface);
        if surface.is_empty() {
            return;
        }
        let key = token_key(splitter, surface);
        if key.is_empty() {
            return;
        }
        let letters: Vec<char> = surface.chars().filter(|c| c.is_alphabetic()).collect();
        let all_caps = letters.iter().all(|c| c.is_uppercase());
        let case_sensitive = letters.len() <= 4 || (all_caps && letters.len() <= 6) || (common.contains(&key) && surface.chars().next().is_some_and(char::is_uppercase));
        let tokens: Vec<&str> = key.split(' ').collect();
        self.max_tokens = self.max_tokens.max(tokens.len());
        let at = self.add_key(&tokens);
        let names = &mut self.keys[at].names;
        if !names.iter().any(|n| n.entry == entry && n.kind == kind && n.surface == surface) {
            names.push(Name { entry, kind, case_sensitive, surface: surface.to_string() });
        }
        // An acronym of four to six letters is also written as a word by some house styles
        // ("Nato", "Opec", "Kogas"), unless that word is an ordinary one.
        if all_caps && (4..=6).contains(&letters.len()) && tokens.len() == 1 && !common.contains(&key) && surface.chars().all(char::is_alphabetic) {
            let mut chars = surface.chars();
            let word: String = chars.next().into_iter().chain(chars.flat_map(char::to_lowercase)).collect();
            if !names.iter().any(|n| n.entry == entry && n.surface == word) {
                names.push(Name { entry, kind, case_sensitive: true, surface: word });
            }
        }
    }
}

/// The word lists a lowercase word is in, one bit per list (`Lexicon::index_words`): one
/// lookup per token answers every "is it a …" question the mention finder asks of it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordKinds(u32);

impl WordKinds {
    pub const FUNCTION: WordKinds = WordKinds(1);
    pub const COMMON: WordKinds = WordKinds(1 << 1);
    pub const NON_NAME: WordKinds = WordKinds(1 << 2);
    /// An ordinary English word, not a name: a function word, a common word or a non-name.
    pub const ORDINARY: WordKinds = WordKinds(Self::FUNCTION.0 | Self::COMMON.0 | Self::NON_NAME.0);
    /// The first word of a title ("foreign" of "foreign minister").
    pub const TITLE_START: WordKinds = WordKinds(1 << 3);
    pub const ACTOR_NOUN: WordKinds = WordKinds(1 << 4);
    pub const KOREAN_SYLLABLE: WordKinds = WordKinds(1 << 5);
    /// A head key of one word ("plant").
    pub const HEAD: WordKinds = WordKinds(1 << 6);
    /// The first word of a gazetteer key ("south" of "south korea").
    pub const NAME_START: WordKinds = WordKinds(1 << 7);
    /// The first word of an agreement head ("memorandum" of "memorandum of understanding").
    pub const AGREEMENT_START: WordKinds = WordKinds(1 << 8);
    /// The first word of a status, a negation, a weakening cue (not a prefix: "plan*").
    pub const STATUS_START: WordKinds = WordKinds(1 << 9);
    pub const NEGATION_START: WordKinds = WordKinds(1 << 10);
    pub const WEAKENING_START: WordKinds = WordKinds(1 << 11);
    pub const CUE_START: WordKinds = WordKinds(Self::STATUS_START.0 | Self::NEGATION_START.0 | Self::WEAKENING_START.0);
    /// A noun after which a pair adjective means cooperation ("dialogue": `pair_nouns`).
    pub const PAIR_NOUN: WordKinds = WordKinds(1 << 12);
    pub const GIVEN_NAME: WordKinds = WordKinds(1 << 13);
    pub const SURNAME: WordKinds = WordKinds(1 << 14);
    /// The last word of a head key ("plant", "industries" of "heavy industries").
    pub const HEAD_LAST: WordKinds = WordKinds(1 << 15);
    /// "he", "his", "him", "she", "her": a pronoun for a person named before (`PERSONAL_PRONOUNS`).
    pub const PERSONAL_PRONOUN: WordKinds = WordKinds(1 << 16);
    /// "it", "project", "initiative": words that may refer to a project named before (`PROJECT_REFERENCES`).
    pub const PROJECT_REFERENCE: WordKinds = WordKinds(1 << 17);
    /// A form of a frame's cue word (`ontology/frames.csv`): "invested", "investors".
    pub const FRAME_CUE: WordKinds = WordKinds(1 << 18);
    /// Words of the frames' clause reading (`frames.rs`): a preposition, a word that ends a
    /// clause, a word of a verb group (auxiliary, copula, adverb), a copula, a word that is a
    /// title or starts one.
    pub const PREPOSITION: WordKinds = WordKinds(1 << 19);
    pub const CLAUSE_BREAK: WordKinds = WordKinds(1 << 20);
    pub const VERB_GROUP: WordKinds = WordKinds(1 << 21);
    pub const COPULA: WordKinds = WordKinds(1 << 22);
    pub const TITLE_WORD: WordKinds = WordKinds(1 << 23);
    /// The clause reading's determiners ("the", "its": `lexicon/determiners.txt`) and relative
    /// pronouns ("which": `clauses::RELATIVE`).
    pub const DETERMINER: WordKinds = WordKinds(1 << 24);
    pub const RELATIVE: WordKinds = WordKinds(1 << 25);
    /// A month or weekday (`date_words.txt`): also a non-name.
    pub const DATE_WORD: WordKinds = WordKinds(1 << 26);
    /// The head of an owner's programme ("program": `programme_heads.txt`).
    pub const PROGRAMME_HEAD: WordKinds = WordKinds(1 << 27);
    /// The head of a traded good written in lower case ("shells", "fuel": `goods_heads.csv`),
    /// and among those the heads that name a good by themselves ("fuel").
    pub const GOODS_HEAD: WordKinds = WordKinds(1 << 28);
    pub const GOODS_ALONE: WordKinds = WordKinds(1 << 29);
    /// The first word of an adjective of two states ("inter" of "inter-Korean": `pair_adjectives.csv`).
    pub const PAIR_ADJECTIVE_START: WordKinds = WordKinds(1 << 30);
    /// A surname written before the given name ("Wang" of "Wang Yi": `names/surname_first.txt`).
    pub const SURNAME_FIRST: WordKinds = WordKinds(1 << 31);

    /// The lists of `self` and of `other` together.
    pub const fn with(self, other: WordKinds) -> WordKinds {
        WordKinds(self.0 | other.0)
    }

    /// True when the word is in any of the lists of `kinds`.
    pub fn any(self, kinds: WordKinds) -> bool {
        self.0 & kinds.0 != 0
    }
}

/// Pronouns that refer to the one person named just before.
pub const PERSONAL_PRONOUNS: &[&str] = &["he", "his", "him", "she", "her"];

/// Words that may refer to the one project named just before: "It was initiated by …",
/// "the project", "the initiative".
pub const PROJECT_REFERENCES: &[&str] = &["it", "project", "initiative"];

/// What the lexicon knows of one lowercase word: found with one lookup per token. Its ids
/// are kept in 16 bytes, `u32::MAX` standing for none (ask them with the methods).
#[derive(Debug, Clone, Copy)]
pub struct Word {
    pub kinds: WordKinds,
    name_word: u32,
    name_key: u32,
    /// Its index among the frames' prepositions (`Frames::prepositions`), `u8::MAX` for none.
    preposition: u8,
}

impl Default for Word {
    fn default() -> Self {
        Word { kinds: WordKinds::default(), name_word: u32::MAX, name_key: u32::MAX, preposition: u8::MAX }
    }
}

/// An id of a `Word`, or `u32::MAX` for none.
fn word_id(id: usize) -> u32 {
    u32::try_from(id).ok().filter(|&id| id != u32::MAX).expect("word ids below u32::MAX")
}

impl Word {
    /// Its id among the words of gazetteer keys (`Gazetteer::longer_key`).
    pub fn name_word(&self) -> Option<u32> {
        (self.name_word != u32::MAX).then_some(self.name_word)
    }

    /// The gazetteer key of this word alone, when a name starts with it (`Gazetteer::key`).
    pub fn name_key(&self) -> Option<usize> {
        (self.name_key != u32::MAX).then_some(self.name_key as usize)
    }

    /// Its index among the frames' prepositions, if it is one.
    pub fn preposition(&self) -> Option<u8> {
        (self.preposition != u8::MAX).then_some(self.preposition)
    }
}

/// `Lexicon::words`: the words of up to 15 bytes, nearly all of them, are keyed by their
/// bytes and length packed into one integer (`packed_word`) in an open-addressing table,
/// cheaper to hash and compare than a string; words of one byte are read from an array.
#[derive(Debug, Default)]
struct WordTable {
    /// A power of two of slots, at most half full.
    slots: Vec<Slot>,
    /// Right shift that leaves a hash's top bits: the slot index.
    shift: u32,
    /// Per byte, the word of that one byte.
    single: Vec<Word>,
    /// The words too long to pack, and the empty word.
    long: FxHashMap<String, Word>,
}

/// One slot of `WordTable`: a packed key (0 when the slot is empty) and its word, in
/// 32 bytes: a lookup reads one cache line.
#[derive(Debug, Clone, Copy, Default)]
struct Slot {
    key: u128,
    word: Word,
}

impl WordTable {
    fn new(words: FxHashMap<String, Word>) -> WordTable {
        let bits = (2 * words.len()).max(2).next_power_of_two().trailing_zeros();
        let slots = 1usize << bits;
        let mut table = WordTable { slots: vec![Slot::default(); slots], shift: 64 - bits, single: vec![Word::default(); 256], long: FxHashMap::default() };
        for (word, info) in words {
            if let [b] = word.as_bytes() {
                table.single[*b as usize] = info;
            }
            let Some(key) = packed_word(word.as_bytes()) else {
                table.long.insert(word, info);
                continue;
            };
            let mut slot = table.slot(key);
            while table.slots[slot].key != 0 {
                slot = (slot + 1) & (slots - 1);
            }
            table.slots[slot] = Slot { key, word: info };
        }
        table
    }

    /// The first slot to probe for `key`: the top bits of a multiplicative hash.
    #[inline(always)]
    fn slot(&self, key: u128) -> usize {
        let mixed = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
        (mixed.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    #[inline(always)]
    fn get_packed(&self, key: u128) -> Word {
        let mut slot = self.slot(key);
        loop {
            match &self.slots[slot] {
                found if found.key == key => return found.word,
                empty if empty.key == 0 => return Word::default(),
                _ => slot = (slot + 1) & (self.slots.len() - 1),
            }
        }
    }

    /// The word `text[start..end]`. When 16 bytes follow `start`, its key is read from
    /// them at once (the bytes past `end` masked off) instead of copied byte by byte.
    #[inline(always)]
    fn get(&self, text: &str, start: usize, end: usize) -> Word {
        let bytes = text.as_bytes();
        let len = end - start;
        if len == 1 {
            return self.single[bytes[start] as usize];
        }
        let key = match bytes.get(start..start + 16) {
            Some(window) if (1..16).contains(&len) => {
                let all = u128::from_le_bytes(window.try_into().expect("16 bytes"));
                Some(all & LOW_BYTES[len] | (len as u128) << 120)
            }
            _ => packed_word(&bytes[start..end]),
        };
        match key {
            Some(key) => self.get_packed(key),
            None => self.long.get(&text[start..end]).copied().unwrap_or_default(),
        }
    }
}

/// Per length `n` below 16, the mask of the low `n` bytes of a `u128`.
const LOW_BYTES: [u128; 16] = {
    let mut masks = [0; 16];
    let mut n = 1;
    while n < 16 {
        masks[n] = (1 << (8 * n)) - 1;
        n += 1;
    }
    masks
};

/// A word of 1 to 15 bytes as one integer, never 0: its bytes, then its length in the last byte.
fn packed_word(bytes: &[u8]) -> Option<u128> {
    if bytes.is_empty() || bytes.len() >= 16 {
        return None;
    }
    let mut packed = [0u8; 16];
    packed[..bytes.len()].copy_from_slice(bytes);
    packed[15] = bytes.len() as u8;
    Some(u128::from_le_bytes(packed))
}

/// A head word ("Corporation", "heavy industries") that types a name.
#[derive(Debug, Clone)]
pub struct Head {
    pub class: EntityType,
    pub min_words: usize,
}

/// Words right before or after an unknown name that type it ("shares of X": Company).
#[derive(Debug, Clone)]
pub struct ContextCue {
    /// Lowercase tokens.
    pub words: Vec<String>,
    /// True when the words come before the name, false when after.
    pub before: bool,
    pub class: EntityType,
    /// The one word is the end of a closed compound ("-maker": "tankmaker", "chipmakers").
    pub suffix: bool,
}

impl ContextCue {
    /// Whether the lowercase `word` is this one-word cue (or its plural), or for a suffix
    /// cue a compound ending in it.
    pub fn is_word(&self, word: &str) -> bool {
        let cue = self.words[0].as_str();
        let one = word.strip_suffix('s').unwrap_or(word);
        match self.suffix {
            true => (word.ends_with(cue) && word.len() > cue.len()) || (one.ends_with(cue) && one.len() > cue.len()),
            false => word == cue || one == cue,
        }
    }
}

/// All extraction knowledge.
#[derive(Debug, Default)]
pub struct Lexicon {
    pub root: PathBuf,
    /// Names this extractor: crate version and a hash of the data files it reads (every
    /// file under `ontology/` but `tools/`).
    /// A stored document extracted by another fingerprint is extracted again.
    pub fingerprint: String,
    pub splitter: Splitter,
    pub furniture: Vec<String>,
    /// Headings of link blocks (`ontology/lexicon/link_headings.txt`): the corpus reader
    /// drops the lines under them.
    pub link_headings: Vec<String>,
    /// Share and follow buttons (`ontology/lexicon/share_buttons.txt`): the corpus reader
    /// drops a short paragraph made of them.
    pub share_buttons: Vec<String>,
    pub gazetteer: Gazetteer,
    /// Lowercase token key of a head → its type.
    pub heads: FxHashMap<String, Head>,
    pub max_head_tokens: usize,
    /// The last word of every head key: a name whose last word is not one has no head.
    head_last_words: FxHashSet<String>,
    /// Lowercase token keys of titles that precede a person's name.
    pub titles: FxHashSet<String>,
    /// Every key of the first words of a title, the whole title included ("foreign", "foreign minister").
    pub title_starts: FxHashSet<String>,
    /// Lowercase role nouns ("head", "chairman") for "X, head of Y".
    pub roles: FxHashSet<String>,
    /// The titles that are only courtesy ("Mr.", "Dr."): they mark a person but name no
    /// office, so they give no role in the person's state.
    pub honorifics: FxHashSet<String>,
    pub max_title_tokens: usize,
    pub given_names: FxHashSet<String>,
    pub surnames: FxHashSet<String>,
    pub korean_syllables: FxHashSet<String>,
    /// Surnames written first (`names/surname_first.txt`), also among `surnames`.
    pub surnames_first: FxHashSet<String>,
    pub common_words: FxHashSet<String>,
    pub non_names: FxHashSet<String>,
    pub date_words: FxHashSet<String>,
    pub function_words: FxHashSet<String>,
    /// Lowercase nouns for actors credited to their state: "South Korean investors".
    pub actor_nouns: FxHashSet<String>,
    /// Lowercase words that make "to/from <capital>" the city ("flights to Seoul").
    pub motion_words: FxHashSet<String>,
    /// Words before a capital that make it the city, not its state ("in", "visited":
    /// `locative_words.txt`).
    pub locative_words: FxHashSet<String>,
    /// Words of an amount: scales after its number ("billion": `amount_scales.txt`), units
    /// after it ("tonnes", "%": `amount_units.txt`), currencies before it ("$", "krw":
    /// `currencies.txt`).
    pub amount_scales: FxHashSet<String>,
    pub amount_units: FxHashSet<String>,
    pub currencies: FxHashSet<String>,
    /// Missions named by where they sit ("embassy": `seated_missions.txt`).
    pub seated_missions: FxHashSet<String>,
    /// Prepositions that attach a described project to a place ("near":
    /// `attaching_prepositions.txt`).
    pub attaching_prepositions: FxHashSet<String>,
    /// Lowercase connectors that may join the words of one name ("of", "&": `name_connectors.txt`).
    pub name_connectors: FxHashSet<String>,
    /// The clause reading's determiners ("the", "its": `determiners.txt`), flagged
    /// `WordKinds::DETERMINER` in the word table.
    determiners: FxHashSet<String>,
    /// Lowercase nouns for a leader's government: "the Biden administration".
    pub government_nouns: FxHashSet<String>,
    /// Lowercase heads of the bodies a portfolio names ("ministry", "department"):
    /// `constructions.rs`, a titled person's role in the body of their portfolio.
    pub portfolio_bodies: FxHashSet<String>,
    /// Lowercase heads of agreements ("agreement", "treaty", "regime"): `agreements.rs`.
    pub agreement_heads: Vec<Vec<String>>,
    /// Lowercase words that do not specify an agreement ("prospective", "new").
    pub vague_modifiers: FxHashSet<String>,
    /// Nouns a clause's subject is named through, each with the prepositions after which the
    /// name stands ("work" → on, of, at; "ceremony" → in, at: `lexicon/subject_nouns.csv`).
    pub subject_nouns: FxHashMap<String, Vec<String>>,
    /// Participles after a name and a hyphen ("Rosneft-controlled"): the predicate each
    /// gives, and whether the name before the hyphen is its subject
    /// (`lexicon/compound_participles.csv`).
    pub compound_participles: FxHashMap<String, (Predicate, bool)>,
    /// Heads of events named by the place they befall ("the invasion of Ukraine").
    pub place_events: FxHashSet<String>,
    /// The last words of titles of state offices ("Foreign Minister", "President"): a holder
    /// no state is named for serves the document's state (`constructions.rs`).
    pub state_offices: FxHashSet<String>,
    /// Ordinal words ("ninth": `lexicon/ordinals.txt`).
    pub ordinals: FxHashSet<String>,
    /// Compass adjectives ("southern": `lexicon/compass_words.txt`).
    pub compass_words: FxHashSet<String>,
    /// Verbs whose object is an audience ("told": `lexicon/audience_verbs.txt`).
    pub audience_verbs: FxHashSet<String>,
    /// Adjectives naming two states ("inter-Korean"): their tokens and gazetteer entries.
    pub pair_adjectives: Vec<(Vec<String>, usize, usize)>,
    /// Lowercase nouns after a pair adjective that make it cooperation ("dialogue").
    pub pair_nouns: FxHashSet<String>,
    /// Lowercase generic heads that name a known place itself: "Rajin Port" is Rajin.
    pub same_place_heads: FxHashSet<String>,
    /// Lowercase token keys of nouns that make a state's name or adjective the state itself
    /// ("the Russian government", "Government of Japan", "the Korean side"), each with
    /// whether it may be capitalised ("the Russian Government"; "the Peruvian Army" is a body).
    pub state_nouns: Vec<(Vec<String>, bool)>,
    /// Words around an unknown name that type it (`ontology/typing/context.csv`).
    pub context_cues: Vec<ContextCue>,
    /// Per word next to the name (a "before" cue's last word, an "after" cue's first), the
    /// cues of `context_cues` that have it there: most names have none beside them.
    pub context_cues_by_word: FxHashMap<String, Vec<usize>>,
    /// The suffix cues ("-maker") by their index in `context_cues`.
    pub context_suffix_cues: Vec<usize>,
    /// Word parts that type an unknown one-word name (`ontology/typing/name_parts.csv`):
    /// the part, whether it starts the word (else it ends it), the type.
    pub name_parts: Vec<(String, bool, EntityType)>,
    /// Word endings that make an unknown run of words a person's name
    /// (`ontology/names/name_endings.csv`): the ending, whether it ends the run's first word
    /// (else its last).
    pub name_endings: Vec<(String, bool)>,
    /// Place heads that name a place in lowercase after a name ("the Udokan deposit").
    pub lowercase_place_heads: FxHashSet<String>,
    /// Place heads that stand first in a name ("Lake Balkhash", "Port Qasim": `place_prefixes.txt`).
    pub place_prefixes: FxHashSet<String>,
    /// Firm heads that may stand before a name word ("Bank Mandiri", "PKO Bank Polski":
    /// `firm_prefixes.txt`).
    pub firm_prefixes: FxHashSet<String>,
    /// Prefixes of ships' names ("INS Tushil", "USS Nimitz": `ship_prefixes.txt`).
    pub ship_prefixes: FxHashSet<String>,
    /// Heads that name a part of a project ("a stretch in Gujarat": `part_heads.txt`): no
    /// described project of their own.
    pub part_heads: FxHashSet<String>,
    /// "joint venture", "JV": nouns of a firm its parties own (`venture_nouns.txt`), as
    /// lowercase words joined by a space.
    pub venture_nouns: Vec<Vec<String>>,
    /// Words after a known place naming its region ("the Zhambyl region": `region_heads.txt`).
    pub region_heads: FxHashSet<String>,
    /// "program", "programme": heads of an owner's programme (`programme_heads.txt`).
    pub programme_heads: FxHashSet<String>,
    /// "shells", "fuel": heads of a traded good, with whether they stand alone (`goods_heads.csv`).
    pub goods_heads: Vec<(String, bool)>,
    /// The singulars of the plural goods heads ("engine", "tank"): a head after a model's code
    /// ("the F414 engine", "the K2 tank"; `frames::plural` says which forms they are).
    pub goods_singulars: FxHashSet<String>,
    /// Nouns naming a form of a good ("concentrate": `goods_forms.txt`): "uranium
    /// concentrate" is uranium.
    pub goods_forms: FxHashSet<String>,
    /// Nouns counting what follows their "of" ("volumes", "millions": `quantity_nouns.txt`).
    pub quantity_nouns: FxHashSet<String>,
    /// Lowercase words that name a thing by the number after them, with its class: a legal
    /// act ("resolution 2397") or a licence block ("Block 09-1": `numbered_names.csv`).
    pub numbered_names: Vec<(String, EntityType)>,
    /// Legal forms a company's name may end in ("PJSC", "Co., Ltd."), lowercase without dots:
    /// stripped from the label, kept as an alias.
    pub legal_forms: FxHashSet<String>,
    /// Per lowercase word, the lists it is in; a word in none is absent.
    words: WordTable,
    /// Lowercase token keys of place cues before a name ("the city of").
    pub place_cues: Vec<Vec<String>>,
    /// The last words of `place_cues`, so a word that ends none is passed over at once.
    pub place_cue_ends: FxHashSet<String>,
    /// Lowercase token keys of words that hedge a number after them ("about", "up to").
    pub approximators: Vec<Vec<String>>,
    /// Status cues ("planned", "suspend*") and the status each gives, by cue index.
    pub status_cues: CueSet,
    pub statuses: Vec<Status>,
    pub negation_cues: CueSet,
    /// Cues that negate only relations that are not adversarial (`ontology/weakening.txt`).
    pub weakening_cues: CueSet,
    /// The argument frames of relation cues (`ontology/frames.csv`).
    pub frames: super::frames::Frames,
    /// Nouns of definite descriptions ("the company") and their classes.
    pub descriptions: super::coreference::Descriptions,
    /// The classes each predicate may relate (`newsgraph.ttl`).
    pub signatures: super::signatures::Signatures,
    /// The relation scorer's weights (`ontology/scorer.csv`).
    pub scorer: super::scorer::Scorer,
    /// The prefixes that start cues of the three sets ("suspend"): a word with none of them,
    /// and not `WordKinds::CUE_START`, starts no cue.
    pub cue_prefixes: Prefixes,
}

/// Prefixes ("invest", "suspend"), each with an id, found for a word without trying
/// each one: a bit per first two bytes says whether any prefix may match (most words fail
/// there); only the prefixes that share the word's first byte are compared.
#[derive(Debug, Clone)]
pub struct Prefixes {
    /// Per first byte, its prefixes and their ids, in the order they were added.
    by_first_byte: Vec<Vec<(String, usize)>>,
    /// Ids of empty prefixes: they match every word.
    empty: Vec<usize>,
    /// One bit per pair of first bytes (the second 0 for a one-byte word): set when some
    /// prefix may match a word starting with them (`pair_bit`).
    first_pairs: Vec<u64>,
}

impl Default for Prefixes {
    fn default() -> Self {
        Prefixes { by_first_byte: vec![Vec::new(); 256], empty: Vec::new(), first_pairs: vec![0; 65536 / 64] }
    }
}

/// The bit of `first_pairs` for a word's first two bytes.
fn pair_bit(first: u8, second: u8) -> usize {
    (first as usize) << 8 | second as usize
}

impl Prefixes {
    /// Adds `prefix` (lowercase) with its `id`; an empty prefix matches every word.
    pub fn add(&mut self, prefix: &str, id: usize) {
        match prefix.as_bytes() {
            [] => self.empty.push(id),
            [first, rest @ ..] => {
                self.by_first_byte[*first as usize].push((prefix.to_string(), id));
                // A one-byte prefix may match whatever byte follows it.
                let seconds = match rest.first() {
                    Some(&second) => second..=second,
                    None => 0..=255,
                };
                for second in seconds {
                    let bit = pair_bit(*first, second);
                    self.first_pairs[bit / 64] |= 1 << (bit % 64);
                }
            }
        }
    }

    /// Every prefix, with its id.
    pub fn all(&self) -> impl Iterator<Item = (&str, usize)> {
        self.empty.iter().map(|&id| ("", id)).chain(self.by_first_byte.iter().flatten().map(|(p, id)| (p.as_str(), *id)))
    }

    /// The ids of the prefixes `word` starts with: the empty ones first, then in the order added.
    pub fn matching<'a>(&'a self, word: &'a str) -> impl Iterator<Item = usize> + 'a {
        let candidates = match word.as_bytes().first() {
            Some(&first) if self.may_match(word) => &self.by_first_byte[first as usize][..],
            _ => &[][..],
        };
        self.empty.iter().copied().chain(candidates.iter().filter(|(p, _)| word.starts_with(p.as_str())).map(|&(_, id)| id))
    }

    /// False when no prefix can match `word`: a bit test that settles most words.
    #[inline]
    pub fn may_match(&self, word: &str) -> bool {
        let bytes = word.as_bytes();
        !self.empty.is_empty()
            || bytes.first().is_some_and(|&first| {
                let bit = pair_bit(first, bytes.get(1).copied().unwrap_or(0));
                self.first_pairs[bit / 64] & 1 << (bit % 64) != 0
            })
    }
}

/// Cues of one or more lowercase tokens (`ontology/status.csv`, `negation.txt`,
/// `weakening.txt`), found where they start. A token ending in `*` is a prefix ("suspend*").
#[derive(Debug, Default)]
pub struct CueSet {
    pub cues: Vec<Vec<String>>,
    /// Cue indexes by their first word, when it is not a prefix.
    by_first: FxHashMap<String, Vec<usize>>,
    /// The cues whose first word is a prefix, by that prefix.
    by_prefix: Prefixes,
    /// The flag the word table sets on the first words in `by_first`.
    pub first_word: WordKinds,
}

impl CueSet {
    pub fn new(cues: Vec<Vec<String>>, first_word: WordKinds) -> CueSet {
        let mut set = CueSet { cues, first_word, ..CueSet::default() };
        for (i, cue) in set.cues.iter().enumerate() {
            let first = cue.first().map_or("", String::as_str);
            match first.strip_suffix('*') {
                Some(prefix) => set.by_prefix.add(prefix, i),
                None => set.by_first.entry(first.to_string()).or_default().push(i),
            }
        }
        set
    }

    /// Appends to `out` the cues that start at token `k` and end before `end`, in cue order
    /// within each kind (exact first words, then prefixes). `lower(k)` is token `k` folded;
    /// `first_word` whether its word is `self.first_word` in the word table.
    pub fn starting_at<'w>(&self, k: usize, end: usize, lower: impl Fn(usize) -> &'w str, first_word: bool, out: &mut Vec<usize>) {
        let word = lower(k);
        let rest_hits = |i: &usize| self.cues[*i].iter().enumerate().skip(1).all(|(n, c)| k + n < end && cue_matches(c, lower(k + n)));
        if let Some(cues) = first_word.then(|| self.by_first.get(word)).flatten() {
            out.extend(cues.iter().copied().filter(rest_hits));
        }
        out.extend(self.by_prefix.matching(word).filter(rest_hits));
    }
}

/// Lowercase tokens joined by spaces, apostrophes and dashes folded: "Moon Jae-in" → "moon jae - in".
pub fn token_key(splitter: &Splitter, text: &str) -> String {
    let mut key = String::new();
    for token in splitter.tokenize(text) {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&fold(token.text(text)));
    }
    key
}

/// One token's comparable form: lowercase, ’ → ', dashes → -.
pub fn fold(token: &str) -> String {
    let mut folded = String::with_capacity(token.len());
    fold_into(token, &mut folded);
    folded
}

/// The first and last words of a name of two or more words ("Moon" and "Jae-in").
pub fn name_ends(label: &str) -> Option<(&str, &str)> {
    let mut parts = label.split(char::is_whitespace);
    let first = parts.next()?;
    Some((first, parts.next_back()?))
}

/// Whether `fold(text) == folded`, without allocating for ASCII text.
pub fn folds_to(text: &str, folded: &str) -> bool {
    if text.is_ascii() {
        text.eq_ignore_ascii_case(folded)
    } else {
        fold(text) == folded
    }
}

/// Appends `fold(token)` to `out` without allocating a string of its own (ASCII, the
/// usual case, is lowercased byte by byte).
pub fn fold_into(token: &str, out: &mut String) {
    if token.is_ascii() {
        let from = out.len();
        out.push_str(token);
        out[from..].make_ascii_lowercase();
        return;
    }
    // Turkish dotted "İ" lowercases to "i" and a combining dot: fold it to the plain "i"
    // the name lists write ("İlham" as "ilham").
    out.extend(token.chars().map(|c| if c == 'İ' { 'I' } else { fold_mark(c) }).flat_map(char::to_lowercase));
}

/// Curly apostrophes as "'" and the Unicode dashes as "-": the one place text and names
/// are made to agree on them.
pub fn fold_mark(c: char) -> char {
    match c {
        '\u{2019}' | '\u{2018}' => '\'',
        '\u{2010}'..='\u{2015}' => '-',
        c => c,
    }
}

/// Folders of `ontology/` the extractor never reads (scripts that make data files).
const NOT_READ: &[&str] = &["tools"];

/// `newsgraph <version> <hash>`: the hash covers every data file under `root` (its path and
/// its bytes) but those in `NOT_READ`, sorted by path.
fn fingerprint(root: &Path) -> Result<String> {
    use crate::files::{walk, Found};
    let (mut files, mut unlisted) = (Vec::new(), None);
    let read = |path: &Path| !NOT_READ.iter().any(|folder| path.strip_prefix(root).is_ok_and(|p| p.starts_with(folder)));
    walk(root, &mut Default::default(), &mut |found| match found {
        Found::File { path, .. } if read(&path) => files.push(path),
        Found::File { .. } => {}
        Found::Unlisted { path, error } => {
            unlisted.get_or_insert((path, error));
        }
    });
    if let Some((path, error)) = unlisted {
        return Err(error).with_context(|| format!("{}: cannot read the ontology folder", path.display()));
    }
    files.sort();
    let mut parts = Vec::new();
    for file in files {
        parts.push(file.strip_prefix(root).unwrap_or(&file).to_string_lossy().into_owned().into_bytes());
        parts.push(fs::read(&file).with_context(|| format!("{}: cannot read", file.display()))?);
    }
    Ok(format!("newsgraph {} {}", env!("CARGO_PKG_VERSION"), crate::model::short_hash(parts)))
}

/// Reads a list file: one entry per line, `#` comments and blank lines skipped.
pub(super) fn read_list(path: &Path) -> Result<Vec<String>> {
    let text = fs::read_to_string(path).with_context(|| format!("{}: cannot read", path.display()))?;
    Ok(text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_string).collect())
}

/// Reads a CSV with a header: one map per row (column → value) with its line number.
/// A row's word part ("neftegaz", "ov") from column `part`, lowercase letters, and whether
/// its place column holds the first of its two values ("start" of "start"/"end"): for
/// `typing/name_parts.csv` and `names/name_endings.csv`. Any other value is an error naming
/// the file and line.
fn word_part(path: &Path, line: usize, row: &HashMap<String, String>, part: &str, (column, yes, no): (&str, &str, &str)) -> Result<(String, bool)> {
    let text = row.get(part).map_or("", String::as_str).to_lowercase();
    let first = match row.get(column).map(String::as_str) {
        Some(value) if value == yes => true,
        Some(value) if value == no => false,
        other => bail!("{}:{line}: {column} must be {yes} or {no}, not {other:?}", path.display()),
    };
    if text.is_empty() || !text.chars().all(char::is_alphabetic) {
        bail!("{}:{line}: {part} must be letters, not {text:?}", path.display());
    }
    Ok((text, first))
}

pub(super) fn read_csv(path: &Path) -> Result<Vec<(usize, HashMap<String, String>)>> {
    let mut reader = csv::ReaderBuilder::new().comment(Some(b'#')).flexible(false).trim(csv::Trim::All).from_path(path).with_context(|| format!("{}: cannot read", path.display()))?;
    let header = reader.headers().with_context(|| format!("{}: no header row", path.display()))?;
    let header_line = header.position().map_or(1, |p| p.line());
    let headers: Vec<String> = header.iter().map(str::to_lowercase).collect();
    let (required, optional) = columns_of(path, &headers).with_context(|| format!("{}: a data file the loader does not know (declare its columns in lexicon::columns_of)", path.display()))?;
    let known = || required.iter().chain(optional).copied().collect::<Vec<_>>().join(", ");
    if let Some(unknown) = headers.iter().find(|h| !required.contains(&h.as_str()) && !optional.contains(&h.as_str())) {
        bail!("{}:{header_line}: unknown column {unknown:?} (the columns are {})", path.display(), known());
    }
    if let Some(missing) = required.iter().find(|r| !headers.iter().any(|h| h == *r)) {
        bail!("{}:{header_line}: no column {missing:?} (the columns are {})", path.display(), known());
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.with_context(|| format!("{}: malformed CSV", path.display()))?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let row = headers.iter().cloned().zip(record.iter().map(str::to_string)).collect();
        rows.push((line, row));
    }
    Ok(rows)
}

/// The columns of a CSV data file, required and optional: a header with another column (a
/// misspelling: `alias` for `aliases`) or without a required one is refused. Known by file
/// name; every CSV of the gazetteer folder is a country list (it has `capitals`) or a list
/// of other entities.
fn columns_of(path: &Path, header: &[String]) -> Option<(&'static [&'static str], &'static [&'static str])> {
    let in_gazetteer = path.parent().and_then(Path::file_name).is_some_and(|folder| folder == "gazetteer");
    if in_gazetteer && header.iter().any(|h| h == "capitals") {
        return Some((&["label"], &["id", "aliases", "adjectives", "capitals", "metonyms", "wikidata"]));
    }
    if in_gazetteer {
        return Some((&["label", "type"], &["id", "aliases", "wikidata", "country"]));
    }
    Some(match path.file_name()?.to_str()? {
        "heads.csv" => (&["head", "type"], &["min_words"]),
        "titles.csv" => (&["title", "kind"], &[]),
        "context.csv" => (&["cue", "side", "type"], &[]),
        "name_parts.csv" => (&["part", "at", "type"], &[]),
        "name_endings.csv" => (&["ending", "word"], &[]),
        "status.csv" => (&["cue", "status"], &[]),
        "pair_adjectives.csv" => (&["adjective", "first", "second"], &[]),
        "goods_heads.csv" => (&["head", "alone"], &[]),
        "descriptions.csv" => (&["noun", "type"], &[]),
        "subject_nouns.csv" => (&["noun", "prepositions"], &[]),
        "compound_participles.csv" => (&["participle", "predicate", "subject"], &[]),
        "pair_descriptions.csv" => (&["noun", "types"], &[]),
        "frames.csv" => (&["predicate", "cue", "pos", "subject", "object"], &[]),
        "auxiliaries.csv" => (&["word", "kind"], &[]),
        "irregular_verbs.csv" => (&["base", "past", "participle"], &[]),
        "numbered_names.csv" => (&["word", "type"], &[]),
        _ => return None,
    })
}

fn split_multi(value: Option<&String>) -> Vec<String> {
    value.map(|v| v.split('|').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()).unwrap_or_default()
}

fn non_empty(value: Option<&String>) -> Option<String> {
    value.map(|v| v.trim().to_string()).filter(|v| !v.is_empty())
}

impl Lexicon {
    /// The corpus reader with this lexicon's furniture phrases, link headings and share buttons.
    pub fn reader(&self) -> crate::corpus::Reader {
        crate::corpus::Reader::new(self.furniture.clone(), self.link_headings.clone(), self.share_buttons.clone())
    }

    /// Loads every data file of `ontology/` but the scorer's weights (`newsgraph train` makes those).
    pub fn load_untrained(root: &Path) -> Result<Lexicon> {
        let mut lex = Lexicon { root: root.to_path_buf(), fingerprint: fingerprint(root)?, ..Lexicon::default() };
        let lexicon_dir = root.join("lexicon");
        lex.splitter = Splitter::new(read_list(&lexicon_dir.join("abbreviations.txt"))?, read_list(&lexicon_dir.join("sentence_openers.txt"))?);
        lex.furniture = read_list(&lexicon_dir.join("furniture.txt"))?;
        lex.link_headings = read_list(&lexicon_dir.join("link_headings.txt"))?;
        lex.share_buttons = read_list(&lexicon_dir.join("share_buttons.txt"))?;
        let lower_set = |path: &Path| -> Result<FxHashSet<String>> { Ok(read_list(path)?.iter().map(|w| fold(w)).collect()) };
        lex.common_words = lower_set(&lexicon_dir.join("common_words.txt"))?;
        lex.non_names = lower_set(&lexicon_dir.join("non_names.txt"))?;
        lex.date_words = lower_set(&lexicon_dir.join("date_words.txt"))?;
        lex.function_words = lower_set(&lexicon_dir.join("function_words.txt"))?;
        lex.actor_nouns = lower_set(&lexicon_dir.join("actor_nouns.txt"))?;
        lex.audience_verbs = lower_set(&lexicon_dir.join("audience_verbs.txt"))?;
        lex.motion_words = lower_set(&lexicon_dir.join("motion_words.txt"))?;
        lex.locative_words = lower_set(&lexicon_dir.join("locative_words.txt"))?;
        lex.government_nouns = lower_set(&lexicon_dir.join("government_nouns.txt"))?;
        lex.portfolio_bodies = lower_set(&lexicon_dir.join("portfolio_bodies.txt"))?;
        lex.agreement_heads = read_list(&lexicon_dir.join("agreement_heads.txt"))?.iter().map(|h| cue_tokens(&lex.splitter, h)).collect();
        lex.vague_modifiers = lower_set(&lexicon_dir.join("vague_modifiers.txt"))?;
        lex.place_events = lower_set(&lexicon_dir.join("place_events.txt"))?;
        lex.state_offices = lower_set(&lexicon_dir.join("state_offices.txt"))?;
        lex.ordinals = lower_set(&lexicon_dir.join("ordinals.txt"))?;
        lex.compass_words = lower_set(&lexicon_dir.join("compass_words.txt"))?;
        lex.amount_scales = lower_set(&lexicon_dir.join("amount_scales.txt"))?;
        lex.amount_units = lower_set(&lexicon_dir.join("amount_units.txt"))?;
        lex.currencies = lower_set(&lexicon_dir.join("currencies.txt"))?;
        lex.seated_missions = lower_set(&lexicon_dir.join("seated_missions.txt"))?;
        lex.attaching_prepositions = lower_set(&lexicon_dir.join("attaching_prepositions.txt"))?;
        lex.name_connectors = lower_set(&lexicon_dir.join("name_connectors.txt"))?;
        lex.determiners = lower_set(&lexicon_dir.join("determiners.txt"))?;
        let phrases =
            |file: &str| -> Result<Vec<Vec<String>>> { Ok(read_list(&lexicon_dir.join(file))?.iter().map(|c| token_key(&lex.splitter, c).split(' ').map(str::to_string).collect()).collect()) };
        lex.place_cues = phrases("place_cues.txt")?;
        lex.place_cue_ends = lex.place_cues.iter().filter_map(|cue| cue.last().cloned()).collect();
        lex.approximators = phrases("approximators.txt")?;
        let names = root.join("names");
        lex.given_names = lower_set(&names.join("given_names.txt"))?;
        lex.surnames = lower_set(&names.join("surnames.txt"))?;
        lex.surnames_first = lower_set(&names.join("surname_first.txt"))?;
        lex.surnames.extend(lex.surnames_first.iter().cloned());
        lex.korean_syllables = lower_set(&names.join("korean_syllables.txt"))?;
        lex.load_name_endings(&names.join("name_endings.csv"))?;
        lex.load_heads(&root.join("typing/heads.csv"))?;
        lex.load_titles(&root.join("typing/titles.csv"))?;
        lex.load_context_cues(&root.join("typing/context.csv"))?;
        lex.load_name_parts(&root.join("typing/name_parts.csv"))?;
        lex.load_gazetteer(&root.join("gazetteer"))?;
        let status_path = root.join("status.csv");
        let mut status_cues = Vec::new();
        for (line, row) in read_csv(&status_path)? {
            let cue = row.get("cue").cloned().unwrap_or_default();
            let status = row.get("status").and_then(|s| Status::parse(s));
            let Some(status) = status else {
                bail!("{}:{line}: unknown status {:?}", status_path.display(), row.get("status"));
            };
            status_cues.push(cue_tokens(&lex.splitter, &cue));
            lex.statuses.push(status);
        }
        let cue_list = |file: &str| -> Result<Vec<Vec<String>>> { Ok(read_list(&root.join(file))?.iter().map(|c| cue_tokens(&lex.splitter, c)).collect()) };
        let (negations, weakenings) = (cue_list("negation.txt")?, cue_list("weakening.txt")?);
        lex.status_cues = CueSet::new(status_cues, WordKinds::STATUS_START);
        lex.negation_cues = CueSet::new(negations, WordKinds::NEGATION_START);
        lex.weakening_cues = CueSet::new(weakenings, WordKinds::WEAKENING_START);
        let pairs_path = lexicon_dir.join("pair_adjectives.csv");
        for (line, row) in read_csv(&pairs_path)? {
            let entry = |column: &str| {
                let id = row.get(column).map(String::as_str).unwrap_or("");
                lex.gazetteer.entry(id).with_context(|| format!("{}:{line}: {column} {id:?} is no gazetteer id", pairs_path.display()))
            };
            let (first, second) = (entry("first")?, entry("second")?);
            let adjective = cue_tokens(&lex.splitter, row.get("adjective").map(String::as_str).unwrap_or(""));
            if adjective.is_empty() {
                bail!("{}:{line}: the adjective is empty", pairs_path.display());
            }
            lex.pair_adjectives.push((adjective, first, second));
        }
        lex.pair_nouns = lower_set(&lexicon_dir.join("pair_nouns.txt"))?;
        lex.same_place_heads = lower_set(&lexicon_dir.join("same_place_heads.txt"))?;
        lex.frames = super::frames::Frames::load(root, lex.titles.iter().chain(&lex.roles))?;
        lex.descriptions = super::coreference::Descriptions::load(&lexicon_dir.join("descriptions.csv"))?;
        lex.signatures = super::signatures::Signatures::load(&root.join("newsgraph.ttl"))?;
        lex.state_nouns =
            read_list(&lexicon_dir.join("state_nouns.txt"))?.iter().map(|n| (token_key(&lex.splitter, n).split(' ').map(str::to_string).collect(), n.starts_with(char::is_uppercase))).collect();
        lex.lowercase_place_heads = lower_set(&lexicon_dir.join("lowercase_place_heads.txt"))?;
        lex.place_prefixes = lower_set(&lexicon_dir.join("place_prefixes.txt"))?;
        lex.firm_prefixes = lower_set(&lexicon_dir.join("firm_prefixes.txt"))?;
        lex.ship_prefixes = lower_set(&lexicon_dir.join("ship_prefixes.txt"))?;
        lex.part_heads = lower_set(&lexicon_dir.join("part_heads.txt"))?;
        lex.venture_nouns = read_list(&lexicon_dir.join("venture_nouns.txt"))?.iter().map(|n| token_key(&lex.splitter, n).split(' ').map(str::to_string).collect()).collect();
        lex.region_heads = lower_set(&lexicon_dir.join("region_heads.txt"))?;
        lex.programme_heads = lower_set(&lexicon_dir.join("programme_heads.txt"))?;
        let subject_path = lexicon_dir.join("subject_nouns.csv");
        for (line, row) in read_csv(&subject_path)? {
            let noun = row.get("noun").map(|n| fold(n.trim())).unwrap_or_default();
            let prepositions: Vec<String> = row.get("prepositions").map(|p| p.split('|').map(|w| fold(w.trim())).filter(|w| !w.is_empty()).collect()).unwrap_or_default();
            if noun.is_empty() || noun.contains(' ') || prepositions.is_empty() {
                bail!("{}:{line}: a one-word noun and its prepositions (on|of) are needed", subject_path.display());
            }
            lex.subject_nouns.insert(noun, prepositions);
        }
        let participles_path = lexicon_dir.join("compound_participles.csv");
        for (line, row) in read_csv(&participles_path)? {
            let field = |name: &str| row.get(name).map(|v| v.trim()).unwrap_or_default();
            let participle = fold(field("participle"));
            let Some(predicate) = Predicate::parse(field("predicate")) else {
                bail!("{}:{line}: unknown predicate {:?}", participles_path.display(), field("predicate"));
            };
            let joined = match field("subject") {
                "joined" => true,
                "described" => false,
                other => bail!("{}:{line}: subject must be joined or described, not {other:?}", participles_path.display()),
            };
            if participle.is_empty() || participle.contains(' ') {
                bail!("{}:{line}: a one-word participle is needed", participles_path.display());
            }
            lex.compound_participles.insert(participle, (predicate, joined));
        }
        let goods_path = lexicon_dir.join("goods_heads.csv");
        for (line, row) in read_csv(&goods_path)? {
            let head = row.get("head").map(|h| h.to_lowercase()).unwrap_or_default();
            let alone = match row.get("alone").map(String::as_str) {
                Some("yes") => true,
                Some("no") => false,
                other => bail!("{}:{line}: alone must be yes or no, not {other:?}", goods_path.display()),
            };
            if head.is_empty() || head.contains(' ') {
                bail!("{}:{line}: the head must be one word", goods_path.display());
            }
            let singulars = [head.strip_suffix("ies").map(|stem| format!("{stem}y")), head.strip_suffix("es").map(str::to_string), head.strip_suffix('s').map(str::to_string)];
            lex.goods_singulars.extend(singulars.into_iter().flatten().filter(|singular| super::frames::plural(singular).as_deref() == Some(head.as_str())));
            lex.goods_heads.push((head, alone));
        }
        lex.goods_forms = lower_set(&lexicon_dir.join("goods_forms.txt"))?;
        lex.quantity_nouns = lower_set(&lexicon_dir.join("quantity_nouns.txt"))?;
        let numbered_path = lexicon_dir.join("numbered_names.csv");
        for (line, row) in read_csv(&numbered_path)? {
            let Some(class) = row.get("type").and_then(|t| EntityType::parse(t)) else { bail!("{}:{line}: no such type {:?}", numbered_path.display(), row.get("type")) };
            lex.numbered_names.push((fold(&row["word"]), class));
        }
        lex.legal_forms = read_list(&lexicon_dir.join("legal_forms.txt"))?.iter().map(|f| legal_form_key(f)).collect();
        lex.index_words();
        Ok(lex)
    }

    /// `load_untrained`, then the scorer's weights (`ontology/scorer.csv`), which every
    /// extraction needs.
    pub fn load(root: &Path) -> Result<Lexicon> {
        let mut lex = Lexicon::load_untrained(root)?;
        lex.scorer = super::scorer::Scorer::load(&root.join("scorer.csv"), &lex.frames.prepositions)?;
        Ok(lex)
    }

    /// Fills `words` from the word lists, titles, heads, gazetteer keys and the frames' cue words.
    fn index_words(&mut self) {
        let lists = [
            (&self.function_words, WordKinds::FUNCTION),
            (&self.common_words, WordKinds::COMMON),
            (&self.non_names, WordKinds::NON_NAME),
            (&self.date_words, WordKinds::NON_NAME.with(WordKinds::DATE_WORD)),
            (&self.title_starts, WordKinds::TITLE_START),
            (&self.actor_nouns, WordKinds::ACTOR_NOUN),
            (&self.korean_syllables, WordKinds::KOREAN_SYLLABLE),
            (&self.given_names, WordKinds::GIVEN_NAME),
            (&self.surnames, WordKinds::SURNAME),
            (&self.surnames_first, WordKinds::SURNAME_FIRST),
        ];
        let mut words: FxHashMap<String, Word> = FxHashMap::default();
        for (list, kind) in lists {
            for word in list {
                words.entry(word.clone()).or_default().kinds.0 |= kind.0;
            }
        }
        for head in self.heads.keys().filter(|h| !h.contains(' ')) {
            words.entry(head.clone()).or_default().kinds.0 |= WordKinds::HEAD.0;
        }
        for last in &self.head_last_words {
            words.entry(last.clone()).or_default().kinds.0 |= WordKinds::HEAD_LAST.0;
        }
        let gazetteer = &self.gazetteer;
        for (word, &id) in &gazetteer.name_words {
            let known = words.entry(word.clone()).or_default();
            known.name_word = word_id(id as usize);
            if let Some((key, _)) = gazetteer.longer_key(0, id) {
                known.kinds.0 |= WordKinds::NAME_START.0;
                known.name_key = word_id(key);
            }
        }
        for set in [&self.status_cues, &self.negation_cues, &self.weakening_cues] {
            for word in set.by_first.keys() {
                words.entry(word.clone()).or_default().kinds.0 |= set.first_word.0;
            }
            for (prefix, _) in set.by_prefix.all() {
                self.cue_prefixes.add(prefix, 0);
            }
        }
        for (list, kind) in [(PERSONAL_PRONOUNS, WordKinds::PERSONAL_PRONOUN), (PROJECT_REFERENCES, WordKinds::PROJECT_REFERENCE)] {
            for word in list {
                words.entry(word.to_string()).or_default().kinds.0 |= kind.0;
            }
        }
        for noun in &self.pair_nouns {
            words.entry(noun.clone()).or_default().kinds.0 |= WordKinds::PAIR_NOUN.0;
        }
        for head in &self.programme_heads {
            words.entry(head.clone()).or_default().kinds.0 |= WordKinds::PROGRAMME_HEAD.0;
        }
        for (head, alone) in &self.goods_heads {
            let kinds = if *alone { WordKinds::GOODS_HEAD.with(WordKinds::GOODS_ALONE) } else { WordKinds::GOODS_HEAD };
            words.entry(head.clone()).or_default().kinds.0 |= kinds.0;
        }
        for first in self.pair_adjectives.iter().filter_map(|(adjective, _, _)| adjective.first()) {
            words.entry(first.clone()).or_default().kinds.0 |= WordKinds::PAIR_ADJECTIVE_START.0;
        }
        for first in self.agreement_heads.iter().filter_map(|head| head.first()) {
            words.entry(first.clone()).or_default().kinds.0 |= WordKinds::AGREEMENT_START.0;
        }
        for word in self.frames.cue_words() {
            words.entry(word.to_string()).or_default().kinds.0 |= WordKinds::FRAME_CUE.0;
        }
        for (i, word) in self.frames.prepositions.iter().enumerate() {
            let entry = words.entry(word.clone()).or_default();
            entry.kinds.0 |= WordKinds::PREPOSITION.0;
            entry.preposition = u8::try_from(i).expect("fewer than 255 prepositions");
        }
        for word in &self.determiners {
            words.entry(word.clone()).or_default().kinds.0 |= WordKinds::DETERMINER.0;
        }
        for word in super::clauses::RELATIVE {
            words.entry(word.to_string()).or_default().kinds.0 |= WordKinds::RELATIVE.0;
        }
        for (list, kind) in self.frames.word_lists() {
            for word in list {
                words.entry(word.clone()).or_default().kinds.0 |= kind.0;
            }
        }
        self.words = WordTable::new(words);
    }

    /// What the lexicon knows of the lowercase word `text[start..end]`, read from inside a
    /// longer text (cheaper when more text follows it). Inlined: it is asked of every token.
    #[inline]
    pub fn word_in(&self, text: &str, start: usize, end: usize) -> Word {
        self.words.get(text, start, end)
    }

    fn load_heads(&mut self, path: &Path) -> Result<()> {
        for (line, row) in read_csv(path)? {
            let head = row.get("head").cloned().unwrap_or_default();
            let class = row.get("type").and_then(|t| EntityType::parse(t));
            let Some(class) = class else { bail!("{}:{line}: unknown type {:?}", path.display(), row.get("type")) };
            let min_words = match row.get("min_words").map(String::as_str) {
                None | Some("") => 2,
                Some(m) => m.parse().ok().filter(|&n: &usize| n >= 1).with_context(|| format!("{}:{line}: min_words must be a number of words (1 or more), not {m:?}", path.display()))?,
            };
            // A one-word head is its own key: "co." is one token in text ("Co."), but the
            // lowercase head would be split as "co ." by the case-sensitive abbreviations.
            let key = if head.contains(' ') { token_key(&self.splitter, &head) } else { fold(head.trim()) };
            if key.is_empty() {
                continue;
            }
            self.max_head_tokens = self.max_head_tokens.max(key.split(' ').count());
            self.head_last_words.insert(key.rsplit(' ').next().unwrap_or_default().to_string());
            self.heads.entry(key).or_insert(Head { class, min_words });
        }
        Ok(())
    }

    fn load_context_cues(&mut self, path: &Path) -> Result<()> {
        for (line, row) in read_csv(path)? {
            // "'s chief executive" is tokenised as it is written: after a word.
            let cue = row.get("cue").map_or("", String::as_str);
            // "-maker": the end of a closed compound ("tankmaker").
            let (cue, suffix) = match cue.strip_prefix('-') {
                Some(end) => (end, true),
                None => (cue, false),
            };
            let possessive = cue.starts_with('\'');
            let key = if possessive { token_key(&self.splitter, &format!("x{cue}")) } else { token_key(&self.splitter, cue) };
            let words: Vec<String> = key.split(' ').skip(usize::from(possessive)).filter(|w| !w.is_empty()).map(str::to_string).collect();
            let class = row.get("type").and_then(|t| EntityType::parse(t));
            let before = match row.get("side").map(String::as_str) {
                Some("before") => true,
                Some("after") => false,
                other => bail!("{}:{line}: side must be before or after, not {other:?}", path.display()),
            };
            match class {
                Some(class) if suffix && words.len() == 1 => {
                    self.context_suffix_cues.push(self.context_cues.len());
                    self.context_cues.push(ContextCue { words, before, class, suffix });
                }
                Some(class) if !words.is_empty() && !suffix => {
                    let next_to_name = if before { words[words.len() - 1].clone() } else { words[0].clone() };
                    self.context_cues_by_word.entry(next_to_name).or_default().push(self.context_cues.len());
                    self.context_cues.push(ContextCue { words, before, class, suffix });
                }
                _ => bail!("{}:{line}: a cue needs words and a type", path.display()),
            }
        }
        Ok(())
    }

    fn load_name_parts(&mut self, path: &Path) -> Result<()> {
        for (line, row) in read_csv(path)? {
            let (part, start) = word_part(path, line, &row, "part", ("at", "start", "end"))?;
            let Some(class) = row.get("type").and_then(|t| EntityType::parse(t)) else { bail!("{}:{line}: no such type {:?}", path.display(), row.get("type")) };
            self.name_parts.push((part, start, class));
        }
        Ok(())
    }

    /// The type a word part gives the unknown one-word name `lower` ("uzbekneftegaz").
    pub fn name_part_type(&self, lower: &str) -> Option<EntityType> {
        let long_enough = |part: &str| lower.len() >= part.len() + 3;
        self.name_parts.iter().find(|(part, start, _)| long_enough(part) && if *start { lower.starts_with(part.as_str()) } else { lower.ends_with(part.as_str()) }).map(|&(_, _, class)| class)
    }

    fn load_name_endings(&mut self, path: &Path) -> Result<()> {
        for (line, row) in read_csv(path)? {
            self.name_endings.push(word_part(path, line, &row, "ending", ("word", "first", "last"))?);
        }
        Ok(())
    }

    /// Whether the lowercase word `lower`, the first word of a name (else its last), ends as
    /// a person's name does ("baimukhanov", "ukhnaagiin"), keeping three letters before it.
    pub fn has_name_ending(&self, lower: &str, first: bool) -> bool {
        self.name_endings.iter().any(|(ending, at_first)| *at_first == first && lower.ends_with(ending.as_str()) && lower.chars().count() >= ending.chars().count() + 3)
    }

    fn load_titles(&mut self, path: &Path) -> Result<()> {
        for (line, row) in read_csv(path)? {
            let key = token_key(&self.splitter, row.get("title").map_or("", String::as_str));
            if key.is_empty() {
                continue;
            }
            match row.get("kind").map(|k| k.to_ascii_lowercase()).as_deref() {
                Some(kind @ ("title" | "honorific")) => {
                    if kind == "honorific" {
                        self.honorifics.insert(key.clone());
                    }
                    // A title names its holders in the plural too: "Presidents Putin and Raisi".
                    let plural = match key.rsplit_once(' ') {
                        _ if kind != "title" => None,
                        Some((rest, last)) => super::frames::plural(last).map(|last| format!("{rest} {last}")),
                        None => super::frames::plural(&key),
                    };
                    for key in std::iter::once(key).chain(plural) {
                        let words: Vec<&str> = key.split(' ').collect();
                        self.max_title_tokens = self.max_title_tokens.max(words.len());
                        for n in 1..=words.len() {
                            self.title_starts.insert(words[..n].join(" "));
                        }
                        self.titles.insert(key);
                    }
                }
                Some("role") => {
                    self.roles.insert(key);
                }
                other => bail!("{}:{line}: kind must be title, honorific or role, not {other:?}", path.display()),
            }
        }
        Ok(())
    }

    /// Reads every CSV in the gazetteer folder, sorted by name. A file whose header has
    /// `capitals` is a country list; the others list entities with a `type` column.
    fn load_gazetteer(&mut self, dir: &Path) -> Result<()> {
        let mut files: Vec<PathBuf> =
            fs::read_dir(dir).with_context(|| format!("{}: cannot read gazetteer folder", dir.display()))?.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "csv")).collect();
        files.sort_by_key(|p| (p.file_name().is_none_or(|n| n != "countries.csv"), p.clone()));
        let mut gaz = Gazetteer::default();
        for path in files {
            for (line, row) in read_csv(&path)? {
                let at = || format!("{}:{line}", path.display());
                let label = non_empty(row.get("label")).with_context(|| format!("{}: empty label", at()))?;
                let is_country_file = row.contains_key("capitals");
                let class = if is_country_file {
                    EntityType::Country
                } else {
                    let t = row.get("type").cloned().unwrap_or_default();
                    EntityType::parse(&t).with_context(|| format!("{}: unknown type {t:?}", at()))?
                };
                let raw_id = non_empty(row.get("id")).unwrap_or_else(|| slug(&label));
                let id = format!("{}/{}", class.id_prefix(), raw_id);
                let country = non_empty(row.get("country")).map(|c| format!("country/{c}"));
                let adjective = split_multi(row.get("adjectives")).into_iter().next();
                let entry = Entry { id, label: label.clone(), class, wikidata: non_empty(row.get("wikidata")), country, adjective };
                let index = gaz.add_entry(entry).with_context(at)?;
                gaz.add_name(&self.splitter, &self.common_words, index, NameKind::Label, &label);
                for alias in split_multi(row.get("aliases")) {
                    gaz.add_name(&self.splitter, &self.common_words, index, NameKind::Alias, &alias);
                }
                for adjective in split_multi(row.get("adjectives")) {
                    gaz.add_name(&self.splitter, &self.common_words, index, NameKind::Adjective, &adjective);
                    // "the Russians", "North Koreans": the plural demonym stands for the state.
                    if adjective.ends_with('n') && adjective.chars().next().is_some_and(char::is_uppercase) {
                        gaz.add_name(&self.splitter, &self.common_words, index, NameKind::Alias, &format!("{adjective}s"));
                    }
                }
                for capital in split_multi(row.get("capitals")) {
                    gaz.add_name(&self.splitter, &self.common_words, index, NameKind::Capital, &capital);
                }
                for metonym in split_multi(row.get("metonyms")) {
                    gaz.add_name(&self.splitter, &self.common_words, index, NameKind::Metonym, &metonym);
                }
            }
        }
        self.gazetteer = gaz;
        Ok(())
    }

    /// The head type of a name given as lowercase tokens (head before "of"/"on"/"for", or last).
    pub fn head_type(&self, tokens: &[&str]) -> Option<EntityType> {
        self.head_at(tokens).map(|(class, _)| class)
    }

    /// The head type of a name given as lowercase tokens, and where its head ends.
    pub fn head_at(&self, tokens: &[&str]) -> Option<(EntityType, usize)> {
        let words = tokens.iter().filter(|t| t.chars().any(char::is_alphanumeric)).count();
        for end in head_ends(tokens.len(), |i| tokens[i]) {
            // Most names end in no head word: answer without building keys.
            if end == 0 || !self.head_last_words.contains(tokens[end - 1]) {
                continue;
            }
            for n in (1..=self.max_head_tokens.min(end)).rev() {
                let key = tokens[end - n..end].join(" ");
                if let Some(head) = self.heads.get(&key) {
                    if words >= head.min_words {
                        return Some((head.class, end));
                    }
                }
            }
        }
        None
    }
}

/// Where the head word of a name of `len` lowercase tokens (`lower(i)`) may end: before its
/// first "of", "on" or "for" ("Ministry of Foreign Affairs"), and at its end.
pub fn head_ends<'w>(len: usize, lower: impl Fn(usize) -> &'w str) -> [usize; 2] {
    [(0..len).find(|&i| matches!(lower(i), "of" | "on" | "for")).unwrap_or(len), len]
}

/// Characters a legal form is matched without: dots, commas and brackets ("Co.,", "S.A.",
/// "(Private)").
fn outside_legal_form(c: char) -> bool {
    matches!(c, '.' | ',' | '(' | ')')
}

/// The key of a legal form or of a word that may be one: lowercase, without the characters
/// of `outside_legal_form` ("Co.," → "co", "S.A." → "sa", "(Private)" → "private").
pub fn legal_form_key(word: &str) -> String {
    fold(word).chars().filter(|&c| !outside_legal_form(c)).collect()
}

/// Whether `word` is one of `legal_forms` (`legal_form_key` without allocating: legal
/// forms are short ASCII words).
pub fn is_legal_form(word: &str, legal_forms: &FxHashSet<String>) -> bool {
    let mut key = [0u8; 16];
    let mut len = 0;
    for b in word.bytes().filter(|&b| !outside_legal_form(char::from(b))) {
        if len == key.len() || !b.is_ascii() {
            return false;
        }
        key[len] = b.to_ascii_lowercase();
        len += 1;
    }
    std::str::from_utf8(&key[..len]).is_ok_and(|key| legal_forms.contains(key))
}

/// `name` without the legal forms it ends in ("Sovtrans PJSC" → "Sovtrans", "Tanaka & Co.,
/// Ltd." → "Tanaka", "Hudong (Group) Co., Ltd" → "Hudong") or begins with in capitals ("PJSC Gazprom" → "Gazprom"), when a word
/// is left; None when it has none.
pub fn without_legal_form<'n>(name: &'n str, legal_forms: &FxHashSet<String>) -> Option<&'n str> {
    let mut rest = name.trim_end();
    // ("Hudong-Zhonghua Shipbuilding (Group) Co.": with a bracketed word before the legal form.)
    let bracketed = |w: &str| w.len() > 2 && w.starts_with('(') && w.ends_with(')');
    while let Some((before, _)) = rest.rsplit_once(' ').filter(|(_, last)| is_legal_form(last, legal_forms) || (rest.len() < name.trim_end().len() && bracketed(last))) {
        rest = before.trim_end_matches([' ', ',', '&']);
    }
    let capitals = |w: &str| w.chars().all(|c| c.is_ascii_uppercase());
    while let Some((_, after)) = rest.split_once(' ').filter(|(first, _)| capitals(first) && is_legal_form(first, legal_forms)) {
        rest = after.trim_start();
    }
    (rest.len() < name.trim_end().len() && rest.chars().any(char::is_alphabetic)).then_some(rest)
}

/// A cue's lowercase tokens; a trailing `*` on a token makes it a prefix.
fn cue_tokens(splitter: &Splitter, cue: &str) -> Vec<String> {
    cue.split_whitespace()
        .flat_map(|w| {
            if let Some(prefix) = w.strip_suffix('*') {
                vec![format!("{}*", fold(prefix))]
            } else {
                // Every token, punctuation included: "hasn't" is `hasn ' t` in a sentence too.
                splitter.tokenize(w).iter().map(|t| fold(t.text(w))).collect()
            }
        })
        .collect()
}

/// Whether a lowercase token matches a cue token (`plan*` is a prefix).
fn cue_matches(cue: &str, token: &str) -> bool {
    match cue.strip_suffix('*') {
        Some(prefix) => token.starts_with(prefix),
        None => cue == token,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_kind_has_a_bit_of_its_own() {
        // Two lists on one bit would answer each other's questions ("connecting" a surname
        // written first): every `WordKinds(1 << n)` of this file names a different n.
        let source = include_str!("lexicon.rs");
        let marker = ["WordKinds(1 ", "<< "].concat();
        let mut bits: Vec<&str> = source.split(marker.as_str()).skip(1).map(|rest| rest.split(')').next().unwrap_or("")).collect();
        let n = bits.len();
        bits.sort_unstable();
        bits.dedup();
        assert!(n >= 30, "the bits were not found ({n})");
        assert_eq!(bits.len(), n, "a bit is given twice");
    }

    #[test]
    fn legal_forms_come_off_a_name() {
        let forms: FxHashSet<String> = ["Co.", "Ltd", "PJSC", "Inc."].iter().map(|f| legal_form_key(f)).collect();
        assert_eq!(without_legal_form("Sovtrans PJSC", &forms), Some("Sovtrans"));
        assert_eq!(without_legal_form("Tanaka & Co., Ltd.", &forms), Some("Tanaka"));
        assert_eq!(without_legal_form("Hudong-Zhonghua Shipbuilding (Group) Co., Ltd", &forms), Some("Hudong-Zhonghua Shipbuilding"));
        // A bracketed word stays when no legal form came off after it.
        assert_eq!(without_legal_form("Shipbuilding (Group)", &forms), None);
        assert_eq!(without_legal_form("PJSC", &forms), None);
    }

    /// `Prefixes::matching` finds what trying every prefix finds, in the same order, and
    /// `may_match` is false only when nothing matches: with one-byte and empty prefixes,
    /// one-byte and empty words, and words and prefixes that are not ASCII.
    #[test]
    fn prefixes_match_as_starts_with_does() {
        let sets: &[&[&str]] = &[&["invest", "in", "i"], &["1", "2", "sus"], &["", "x"], &["été", "é", "ét"], &["ab", "abc", "b"]];
        let words = ["", "i", "in", "invests", "into", "x", "1", "2019", "suspend", "su", "été", "étude", "é", "e", "abc", "abd", "b", "ba"];
        for set in sets {
            let mut prefixes = Prefixes::default();
            for (id, p) in set.iter().enumerate() {
                prefixes.add(p, id);
            }
            for word in words {
                let plain: Vec<usize> = {
                    // The empty prefixes first, then the others in the order added.
                    let (empty, other): (Vec<_>, Vec<_>) = set.iter().enumerate().filter(|(_, p)| word.starts_with(**p)).partition(|(_, p)| p.is_empty());
                    empty.into_iter().chain(other).map(|(id, _)| id).collect()
                };
                assert_eq!(prefixes.matching(word).collect::<Vec<_>>(), plain, "{set:?} on {word:?}");
                assert!(prefixes.may_match(word) || plain.is_empty(), "may_match misses a match: {set:?} on {word:?}");
            }
            // The bit test settles a word no prefix can start.
            assert_eq!(prefixes.may_match("qq"), set.contains(&""), "{set:?} on \"qq\"");
        }
    }
}
