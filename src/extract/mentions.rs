//! Mentions: finds and types the names in one sentence.
//!
//! Owns recognition: gazetteer names (longest match on token keys, case-sensitive for
//! short names), unknown capitalised names (joined through connectors and hyphens,
//! titles and nationality adjectives peeled off), lowercase head extensions ("Nakhodka
//! fertilizer plant"), and typing from head words, titles, name lists and context.
//! What stays unsure is dropped. Works on one sentence; merging is `resolve`'s job.

use super::lexicon::{fold, fold_into, head_ends, is_legal_form, ContextCue, Lexicon, Name, NameKind, Word, WordKinds};
use crate::model::{EntityType, Status};
use crate::text::{Sentence, Text, Token, TokenKind};
use rustc_hash::FxHashMap;

/// What a mention refers to before resolution.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// A gazetteer entry, by index.
    Known(usize),
    /// A capital city: the state (entry) acting, or the city.
    Capital(usize),
    /// A nationality adjective standing for its state's actors ("South Korean investors").
    Adjective(usize),
    /// A name the gazetteer does not list.
    Unknown,
}

/// One name in a sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Token index range `[first, last)` into `Text::tokens`.
    pub first: usize,
    pub last: usize,
    pub class: EntityType,
    pub target: Target,
    /// The text as written.
    pub surface: String,
    /// A title or role word came right before it ("President", "Ambassador").
    pub titled: bool,
    /// The words of the span when `surface` names it by more, kept as an alias: "industrial
    /// park" of "industrial park in the Nadezhdinskaya ADT", "National Defence Commission" of
    /// "National Defence Commission of North Korea".
    pub short: Option<String>,
}

/// A gazetteer name found in a sentence: a `Mention` before its text is copied out of the
/// body, which is done only for the names that are kept (`Finder::known_mention`).
#[derive(Debug, Clone)]
struct Known {
    first: usize,
    last: usize,
    class: EntityType,
    target: Target,
}

/// The known names of `known` (in order, not overlapping) that lie within `[start, end)`.
fn within(known: &[Known], start: usize, end: usize) -> &[Known] {
    let from = known.partition_point(|m| m.first < start);
    let to = known.partition_point(|m| m.last <= end).max(from);
    &known[from..to]
}

/// What the finder knows of one token, found once in `Finder::new`.
#[derive(Debug, Clone, Copy)]
struct TokenFacts<'a> {
    /// The token folded to lowercase (in `Lowered`).
    lower: &'a str,
    /// What the lexicon knows of its lowercase form.
    word: Word,
    /// A word starting with a capital.
    capitalised: bool,
}

/// A document's tokens folded to lowercase (`lexicon::fold`), made before the finder that
/// reads them: the body with ASCII letters lowercased, then the folded form of each token
/// that is not ASCII.
pub struct Lowered {
    body: String,
    /// Per token, the byte range of its folded form in `body`.
    ranges: Vec<(usize, usize)>,
}

impl Lowered {
    /// The folded tokens of `text`, the tokens of `body`.
    pub fn new(body: &str, text: &Text) -> Lowered {
        // An ASCII token folds to its own lowercase: it keeps its place in the lowered body.
        // Room for the folded non-ASCII tokens, so that they rarely move the body.
        let mut lowered = String::with_capacity(2 * body.len());
        lowered.push_str(body);
        lowered.make_ascii_lowercase();
        let bytes = body.as_bytes();
        let mut ranges = Vec::with_capacity(text.tokens.len());
        // The first non-ASCII byte at or after the start of the last token looked at.
        let mut non_ascii = 0;
        for t in &text.tokens {
            if non_ascii < t.start {
                non_ascii = first_non_ascii(bytes, t.start);
            }
            ranges.push(if non_ascii >= t.end {
                (t.start, t.end)
            } else {
                let start = lowered.len();
                fold_into(t.text(body), &mut lowered);
                (start, lowered.len())
            });
        }
        Lowered { body: lowered, ranges }
    }
}

/// Finds the mentions of one document's sentences: what is known of each token (its folded
/// form, its word-table facts, its case) is worked out once, here.
pub struct Finder<'a> {
    pub lex: &'a Lexicon,
    pub body: &'a str,
    pub text: &'a Text,
    /// Per token index, what is known of it.
    facts: Vec<TokenFacts<'a>>,
    /// Per sentence, the word lists its words are in together: a sentence without a
    /// pronoun need not be searched for one.
    sentence_kinds: Vec<WordKinds>,
    /// How often the document writes each word in lowercase (`written_lowercase`), counted
    /// when first asked.
    lowercase_counts: std::cell::OnceCell<FxHashMap<&'a str, u32>>,
    /// How often the document writes each pair of words capitalised, not opening a sentence
    /// (`capitalised_pair_elsewhere`), counted when first asked.
    capitalised_pairs: std::cell::OnceCell<FxHashMap<(&'a str, &'a str), u32>>,
}

impl<'a> Finder<'a> {
    fn tok(&self, i: usize) -> &'a Token {
        &self.text.tokens[i]
    }

    pub(super) fn raw(&self, i: usize) -> &'a str {
        self.text.tokens[i].text(self.body)
    }

    /// The finder of `text`, the tokens of `body`, whose folded forms are `lowered`.
    pub fn new(lex: &'a Lexicon, body: &'a str, text: &'a Text, lowered: &'a Lowered) -> Self {
        debug_assert_eq!(text.tokens.len(), lowered.ranges.len(), "one folded form per token");
        let bytes = body.as_bytes();
        let mut facts = text
            .tokens
            .iter()
            .zip(&lowered.ranges)
            .map(|(t, &(start, end))| {
                let first = bytes[t.start];
                let capitalised = t.kind == TokenKind::Word && if first.is_ascii() { first.is_ascii_uppercase() } else { t.text(body).chars().next().is_some_and(char::is_uppercase) };
                TokenFacts { lower: &lowered.body[start..end], word: lex.word_in(&lowered.body, start, end), capitalised }
            })
            .collect::<Vec<_>>();
        // "Evangelos Marinakis' Capital Maritime Group": an apostrophe joined to a name ending
        // in "s", before a capitalised word, is the possessive "'s" ("APEC Leaders’ Meeting",
        // after an ordinary plural, is one name).
        for i in 1..facts.len().saturating_sub(1) {
            let (name, t, next) = (&text.tokens[i - 1], &text.tokens[i], &text.tokens[i + 1]);
            let name_in_s = name.kind == TokenKind::Word && matches!(bytes[name.end - 1], b's' | b'S') && !facts[i - 1].word.kinds.any(WordKinds::COMMON);
            if t.joined && !next.joined && facts[i + 1].capitalised && name_in_s && matches!(t.text(body), "'" | "’") {
                facts[i] = TokenFacts { lower: "'s", word: lex.word_in("'s", 0, 2), capitalised: false };
            }
        }
        let sentence_kinds = text.sentences.iter().map(|s| facts[s.tokens.clone()].iter().fold(WordKinds::default(), |all, f| all.with(f.word.kinds))).collect();
        Finder { lex, body, text, facts, sentence_kinds, lowercase_counts: std::cell::OnceCell::new(), capitalised_pairs: std::cell::OnceCell::new() }
    }

    /// True when a word of sentence `si` is in one of the word lists of `kinds`.
    pub fn sentence_has(&self, si: usize, kinds: WordKinds) -> bool {
        self.sentence_kinds[si].any(kinds)
    }

    /// True when token `i` is in one of the word lists of `kinds`.
    pub fn is(&self, i: usize, kinds: WordKinds) -> bool {
        self.facts[i].word.kinds.any(kinds)
    }

    /// The index of token `i` among the frames' prepositions, if it is one.
    pub fn preposition(&self, i: usize) -> Option<u8> {
        self.facts[i].word.preposition()
    }

    /// The gazetteer's names written as tokens `[first, last)`: what `Gazetteer::lookup`
    /// finds for their folded forms joined by spaces, walked by the words' name ids from the
    /// word table, without building the key.
    pub(super) fn gazetteer_names(&self, first: usize, last: usize) -> &'a [Name] {
        let gaz = &self.lex.gazetteer;
        if first == last {
            return &[];
        }
        let mut at = 0;
        for k in first..last {
            match self.facts[k].word.name_word().and_then(|w| gaz.longer_key(at, w)) {
                Some((longer, _)) => at = longer,
                None => return &[],
            }
        }
        &gaz.key(at).names
    }

    /// Token `i` folded to lowercase (`lexicon::fold`).
    pub fn lower(&self, i: usize) -> &'a str {
        self.facts[i].lower
    }

    /// The lowercase tokens from `at` are `words`, in order ("such as", "joint venture").
    pub(super) fn words_at(&self, at: usize, words: &[String]) -> bool {
        at + words.len() <= self.facts.len() && words.iter().enumerate().all(|(i, w)| self.lower(at + i) == w)
    }

    pub(super) fn is_capitalised(&self, i: usize) -> bool {
        self.facts[i].capitalised
    }

    pub(super) fn is_acronym(&self, i: usize) -> bool {
        let raw = self.raw(i);
        let (letters, all_upper) = if raw.is_ascii() {
            raw.bytes().filter(u8::is_ascii_alphabetic).fold((0, true), |(n, upper), b| (n + 1, upper && b.is_ascii_uppercase()))
        } else {
            raw.chars().filter(|c| c.is_alphabetic()).fold((0, true), |(n, upper), c| (n + 1, upper && c.is_uppercase()))
        };
        letters >= 2 && all_upper
    }

    /// A lowercase connector that may join the words of one name ("of", "&":
    /// `lexicon/name_connectors.txt`).
    fn is_connector(&self, i: usize) -> bool {
        self.lex.name_connectors.contains(self.lower(i))
    }

    /// Token `i` holds a digit ("Su-30MK2", "F414", "2397"): a code or a number.
    fn has_digit(&self, i: usize) -> bool {
        self.raw(i).bytes().any(|b| b.is_ascii_digit())
    }

    #[inline]
    pub(super) fn is_dash(&self, i: usize) -> bool {
        self.tok(i).kind == TokenKind::Punct && matches!(self.lower(i), "-")
    }

    /// Token `i` is a hyphen inside a word, joined to the tokens on both sides ("deep-sea").
    pub(super) fn inner_dash(&self, i: usize) -> bool {
        self.is_dash(i) && self.tok(i).joined && i + 1 < self.text.tokens.len() && self.tok(i + 1).joined
    }

    /// Token `k` is a plain word: a lowercase word that is no function word ("chemical", "port").
    pub(super) fn is_plain_word(&self, k: usize) -> bool {
        self.tok(k).kind == TokenKind::Word && !self.is_capitalised(k) && !self.is(k, WordKinds::FUNCTION)
    }

    /// Token `k` starts a percent sign: "%", "percent", "per cent".
    pub(super) fn is_percent_at(&self, k: usize) -> bool {
        matches!(self.lower(k), "%" | "percent") || (self.lower(k) == "per" && k + 1 < self.text.tokens.len() && self.lower(k + 1) == "cent")
    }

    /// Token `k` is the plural of a common word or of a frame's cue ("Cargoes",
    /// "Shipments", "Deliveries" opening a sentence).
    pub(super) fn is_common_plural(&self, k: usize) -> bool {
        let w = self.lower(k);
        if w.ends_with('s') && self.is(k, WordKinds::FRAME_CUE) {
            return true;
        }
        let common = |end: usize| end > 2 && self.lex.word_in(w, 0, end).kinds.any(WordKinds::COMMON);
        let is_common = |word: &str| self.lex.word_in(word, 0, word.len()).kinds.any(WordKinds::COMMON);
        let y_plural = || w.strip_suffix("ies").is_some_and(|stem| stem.len() > 2 && is_common(&format!("{stem}y")));
        // ("Shippers want …", "Traders", "Exporters": the plural of an agent noun in "-er" of a
        // common verb, its final consonant doubled or its "e" dropped; not a person's name.)
        let agent_plural = || {
            w.strip_suffix("ers").is_some_and(|stem| {
                let undoubled = stem.len() > 3 && stem.as_bytes()[stem.len() - 1] == stem.as_bytes()[stem.len() - 2];
                stem.len() > 2 && (is_common(stem) || is_common(&format!("{stem}e")) || (undoubled && is_common(&stem[..stem.len() - 1])))
            }) && !self.is(k, WordKinds::GIVEN_NAME.with(WordKinds::SURNAME).with(WordKinds::SURNAME_FIRST))
        };
        w.ends_with('s') && !w.ends_with("ss") && (common(w.len() - 1) || (w.ends_with("es") && common(w.len() - 2)) || y_plural() || agent_plural())
    }

    /// Token `k` opens sentence `s`, or the quotation that opens it.
    fn opens_sentence(&self, s: &Sentence, k: usize) -> bool {
        k == s.tokens.start || (k == s.tokens.start + 1 && matches!(self.raw(k - 1), "\"" | "“" | "‘" | "'"))
    }

    /// The words of tokens `k` and `k + 1` are written capitalised together elsewhere in the
    /// document, not opening a sentence ("the Grand Faw Port" for "Grand Faw Port, which …"):
    /// the first opens a name there too.
    fn capitalised_pair_elsewhere(&self, k: usize) -> bool {
        let opening = |j: usize| self.text.sentences.binary_search_by_key(&j, |s| s.tokens.start).is_ok() || (j > 0 && matches!(self.raw(j - 1), "\"" | "“" | "(" | "‘" | "'" | ":"));
        let counted = |j: usize| self.is_capitalised(j) && self.is_capitalised(j + 1) && !opening(j);
        let counts = self.capitalised_pairs.get_or_init(|| {
            let mut counts = FxHashMap::default();
            for j in (0..self.text.tokens.len().saturating_sub(1)).filter(|&j| counted(j)) {
                *counts.entry((self.lower(j), self.lower(j + 1))).or_insert(0) += 1;
            }
            counts
        });
        // (Elsewhere: not token `k` itself.)
        counts.get(&(self.lower(k), self.lower(k + 1))).copied().unwrap_or(0) > u32::from(counted(k))
    }

    /// The word of token `k` is written in lowercase elsewhere in the document, itself or
    /// its singular ("Cargoes would be carried …" and "the cargoes"): a common word.
    fn written_lowercase(&self, k: usize) -> bool {
        let lowercase = |j: usize| !self.is_capitalised(j) && self.tok(j).kind == TokenKind::Word;
        let counts = self.lowercase_counts.get_or_init(|| {
            let mut counts = FxHashMap::default();
            for j in (0..self.text.tokens.len()).filter(|&j| lowercase(j)) {
                *counts.entry(self.lower(j)).or_insert(0) += 1;
            }
            counts
        });
        let w = self.lower(k);
        // (Elsewhere: not token `k` itself.)
        let elsewhere = |form: &str| counts.get(form).copied().unwrap_or(0) > u32::from(lowercase(k) && form == w);
        [Some(w), w.strip_suffix('s'), w.strip_suffix("es")].into_iter().flatten().any(elsewhere)
    }

    /// Token `k` is a head naming a site, a place's or a project's ("port", "refinery").
    pub(super) fn is_site_head(&self, k: usize) -> bool {
        self.lex.heads.get(self.lower(k)).is_some_and(|h| matches!(h.class, EntityType::Place | EntityType::Project))
    }

    /// "Arctic LNG 2, the $21 billion project on …", "X, a cold-rolling and galvanizing mill
    /// in …": the comma opening an appositive description that ends at token `head` (a
    /// lowercase noun), when at most six plain words, nationality adjectives, numbers, hyphens, "and", "'s" or signs
    /// lead back from it to "a", "an" or "the" right after that comma ("POSCO Center, the
    /// group's headquarters in …"), or to a possessor's name right after it ("Poti,
    /// Georgia's main port on …"). Not before `floor`.
    pub(super) fn appositive_comma_before(&self, head: usize, floor: usize) -> Option<usize> {
        if !self.is_plain_word(head) {
            return None;
        }
        // ("Zvezda, a Russian shipyard in …": a one-word nationality adjective too.)
        let adjective = |j: usize| self.is_capitalised(j) && self.gazetteer_names(j, j + 1).iter().any(|name| name.kind == NameKind::Adjective);
        let describing = |j: usize| match self.tok(j).kind {
            TokenKind::Word => self.is_plain_word(j) || self.lower(j) == "and" || adjective(j),
            TokenKind::Number => true,
            TokenKind::Punct => self.is_dash(j) || matches!(self.lower(j), "$" | "€" | "£" | "¥" | "%" | "'s"),
        };
        let mut j = head;
        while j > floor + 1 && head - j < 7 {
            j -= 1;
            if matches!(self.lower(j), "a" | "an" | "the") {
                return (self.lower(j - 1) == ",").then_some(j - 1);
            }
            // "Poti, Georgia's main port on the Black Sea": a possessor's name opens it.
            if self.lower(j) == "'s" {
                let mut i = j;
                while i > floor + 1 && j - i < 4 && self.is_capitalised(i - 1) {
                    i -= 1;
                }
                if i < j && self.lower(i - 1) == "," {
                    return Some(i - 1);
                }
            }
            if !describing(j) {
                return None;
            }
        }
        None
    }

    /// Token `k` is a Roman numeral of a unit or stage, II to IX ("Kursk II").
    fn is_roman_numeral(&self, k: usize) -> bool {
        matches!(self.raw(k), "II" | "III" | "IV" | "V" | "VI" | "VII" | "VIII" | "IX")
    }

    /// Surface text of tokens `[first, last)`.
    pub fn surface(&self, first: usize, last: usize) -> String {
        self.body[self.tok(first).start..self.tok(last - 1).end].to_string()
    }

    /// The mention of a known name, its text copied from the body; a person's is titled too
    /// when the name as the gazetteer writes it starts with a title ("Emperor Naruhito").
    fn known_mention(&self, k: &Known, titled: bool) -> Mention {
        let titled = titled || (k.class == EntityType::Person && self.title_at(k.first, k.last).is_some_and(|t| t < k.last));
        Mention { first: k.first, last: k.last, class: k.class, target: k.target.clone(), surface: self.surface(k.first, k.last), titled, short: None }
    }

    /// A headline: no final punctuation and most longer words capitalised.
    fn is_headline(&self, s: &Sentence) -> bool {
        let last = self.raw(s.tokens.end - 1);
        if matches!(last, "." | "!" | ":" | ";" | "\"" | "”") {
            return false;
        }
        let (mut words, mut caps) = (0, 0);
        for i in s.tokens.clone().filter(|&i| self.tok(i).kind == TokenKind::Word && self.raw(i).chars().nth(3).is_some()) {
            words += 1;
            caps += usize::from(self.is_capitalised(i));
        }
        words >= 2 && caps * 10 >= words * 7
    }

    /// All mentions of a sentence, in order, not overlapping.
    pub fn sentence_mentions(&self, s: &Sentence) -> Vec<Mention> {
        let headline = self.is_headline(s);
        let known = self.gazetteer_matches(s, headline);
        let mut mentions = Vec::new();
        let mut covered = vec![false; s.tokens.end - s.tokens.start];
        let mut i = s.tokens.start;
        // The first known name not starting before `i`.
        let mut next_known = 0;
        while i < s.tokens.end {
            while known.get(next_known).is_some_and(|m| m.first < i) {
                next_known += 1;
            }
            // Lowercase words before the next known name start nothing: skip them.
            let stop = known.get(next_known).map_or(s.tokens.end, |m| m.first);
            if i < stop && !self.is_capitalised(i) {
                i += self.facts[i..stop].iter().position(|f| f.capitalised).unwrap_or(stop - i);
                continue;
            }
            // A known name that starts in lowercase ("special military operation"), or runs on
            // past the capitalised words ("LNG carriers").
            let run_end = if self.is_capitalised(i) { self.run_end(i, s.tokens.end) } else { i };
            // ("The Russian invasion of Ukraine …": a sentence's common first word before a
            // known name that runs on past the capitalised words starts nothing.)
            if i == s.tokens.start && !headline && self.is(i, WordKinds::ORDINARY) && known.get(next_known).is_some_and(|m| m.first == i + 1 && m.last > run_end) {
                i += 1;
                continue;
            }
            if let Some(m) = known.get(next_known).filter(|m| m.first == i && (!self.is_capitalised(i) || m.last > run_end)) {
                mentions.push(self.known_mention(m, false));
                for k in m.first..m.last {
                    covered[k - s.tokens.start] = true;
                }
                i = m.last;
                continue;
            }
            // A capitalised run starting here, possibly with known names inside.
            if self.is_capitalised(i) {
                let end = run_end;
                let before = mentions.len();
                self.run_mentions(s, i, end, headline, &known, &mut mentions);
                // ("the Trans-Caspian gas pipeline": places after "Trans-" name a project's way,
                // the run is its name.)
                let prefix = i + usize::from(self.lower(i) == "the");
                let crossing = end >= prefix + 3
                    && matches!(self.lower(prefix), "trans" | "pan" | "inter" | "intra")
                    && self.is_dash(prefix + 1)
                    && self.tok(prefix + 1).joined
                    && mentions[before..].iter().all(|m| matches!(m.class, EntityType::Place | EntityType::Country));
                // An untyped run before a lowercase head: "North-South corridor".
                if crossing || !mentions[before..].iter().any(|m| m.last == end) {
                    // Only the words after the last name or "and" of the run take the head.
                    let mut from = if crossing {
                        prefix
                    } else {
                        (i..end).rev().find(|&k| matches!(self.lower(k), "and" | "&" | "the") || mentions[before..].iter().any(|m| m.last == k + 1)).map_or(i, |k| k + 1)
                    };
                    // ("the 1.5 GW Zarafshan wind farm": a unit after a number is no name.)
                    while from + 1 < end && self.unit_after_number(s, from) {
                        from += 1;
                    }
                    // ("Baku–Tbilisi–Ceyhan pipeline": the dash after a name joins, `joined_names`.)
                    if from + 1 < end && from > i && self.is_dash(from) {
                        from += 1;
                    }
                    // "a pro-West policy": a name after "pro-"/"anti-" is an adjective, not a policy's name.
                    let prefixed = from >= s.tokens.start + 2 && self.is_dash(from - 1) && matches!(self.lower(from - 2), "pro" | "anti" | "non" | "post" | "pre" | "neo");
                    // "A joint project": a sentence-initial article or common word is no name.
                    let named = (from..end).any(|k| !self.is(k, WordKinds::FUNCTION))
                        && !(self.opens_sentence(s, from) && end - from == 1 && (self.is(from, WordKinds::COMMON) || self.is_common_plural(from)));
                    // ("Russia's Pacific coast": a word that names nothing alone names no place.)
                    let name_words = || !(from..end).all(|k| self.is(k, WordKinds::NON_NAME.with(WordKinds::FUNCTION)));
                    let place_head = || name_words().then(|| self.place_head_after(s, from, end)).flatten();
                    let headed = || self.lowercase_head_after(s, from, end).or_else(place_head).or_else(|| self.place_before_country(s, from, end, &known));
                    if let Some(m) = (from < end && !prefixed && named).then(headed).flatten() {
                        let mut this_run = mentions.split_off(before);
                        this_run.retain(|x| x.last <= from);
                        mentions.extend(this_run);
                        covered[i - s.tokens.start..m.last - s.tokens.start].iter_mut().for_each(|c| *c = true);
                        i = m.last;
                        mentions.push(m);
                        continue;
                    }
                }
                for k in i..end {
                    covered[k - s.tokens.start] = true;
                }
                i = end;
            } else {
                i += 1;
            }
        }
        // Known names that are not capitalised ("natural gas", "cars") where no run was.
        for m in &known {
            if (m.first..m.last).all(|k| !covered[k - s.tokens.start]) {
                mentions.push(self.known_mention(m, false));
            }
        }
        mentions.sort_by_key(|m| m.first);
        self.drop_verbs_read_as_goods(s, &mut mentions);
        let sea_modifiers = self.seas_as_modifiers(s, &mentions);
        self.joined_names(s, &mut mentions);
        self.extend_with_lowercase_heads(s, &mut mentions);
        self.named_regions(s, &mut mentions);
        self.coordinated_names(s, &mut mentions);
        self.listed_names(s, &mut mentions);
        self.described_projects(s, &mut mentions);
        self.owned_projects(s, &mut mentions);
        self.owned_bodies(&mut mentions);
        self.described_events(s, &mut mentions);
        self.joint_bodies(s, &known, &mut mentions);
        self.numbered_sessions(s, &mut mentions);
        self.numbered_packages(s, &mut mentions);
        self.route_projects(s, &mut mentions);
        self.purpose_projects(s, &mut mentions);
        self.owned_programmes(s, &mut mentions);
        self.phrase_named_initiatives(s, &mut mentions);
        self.year_named(s, &mut mentions);
        self.traded_goods(s, &mut mentions);
        self.goods_after_verbs(s, &mut mentions);
        self.good_forms(s, &mut mentions);
        self.quoted_terms(s, &mut mentions);
        self.split_inner_places(&mut mentions);
        self.seated_missions(&mut mentions);
        self.state_nouns(s, &mut mentions);
        self.numbered_names(s, &mut mentions);
        self.named_vessels(s, &mut mentions);
        // (Whatever reads a sea's modifier as a name goes.)
        mentions.retain(|m| !sea_modifiers.iter().any(|&(first, last)| m.first < last && first < m.last));
        mentions
    }

    /// "the 2000 inter-Korean summit", "the 2020 war": "the", a year and up to four
    /// lowercase words ending in a head of an event or initiative (`typing/heads.csv`) name
    /// one; a mention the phrase covers gives way to it.
    fn year_named(&self, s: &Sentence, mentions: &mut Vec<Mention>) {
        let mut found = Vec::new();
        for year in s.tokens.start + 1..s.tokens.end.saturating_sub(1) {
            if self.lower(year - 1) != "the" || self.year_at(year).is_none() {
                continue;
            }
            // ("inter-Korean": a hyphen joins two words of one.)
            let word = |k: usize| self.tok(k).kind == TokenKind::Word && !self.is(k, WordKinds::FUNCTION) && (!self.is_capitalised(k) || self.tok(k).joined);
            let mut head = None;
            let mut k = year + 1;
            let mut words = 0;
            while k < s.tokens.end && words < 4 {
                if self.is_dash(k) && self.tok(k).joined && k + 1 < s.tokens.end && self.tok(k + 1).joined {
                    k += 1;
                    continue;
                }
                if !word(k) {
                    break;
                }
                words += 1;
                // (Not a stretch of time: "the 2019 fiscal year".)
                let period = self.is(k, WordKinds::DATE_WORD) || matches!(self.lower(k), "year" | "week" | "month" | "quarter" | "season");
                if let Some(class) = self.head_class_ending_at(year + 1, k).filter(|c| matches!(c, EntityType::Event | EntityType::Initiative) && !period) {
                    head = Some((k + 1, class));
                }
                k += 1;
            }
            let Some((last, class)) = head else { continue };
            // (A head that is a frame's cue ("the 2018 summit with Moon", "the 2010 contract
            // between A and B") stays the cue, unless it ends a name found already: "the 2000
            // inter-Korean summit".)
            let extends = mentions.iter().any(|m| year < m.first && m.last == last && matches!(m.class, EntityType::Event | EntityType::Initiative));
            if self.is(last - 1, WordKinds::FRAME_CUE) && !extends {
                continue;
            }
            // (Not inside a name: "the 2018 Eastern Economic Forum" is the forum's; nor a
            // name of its own among the words.)
            if mentions.iter().any(|m| {
                m.first < last && year - 1 < m.last && !(year < m.first && m.last <= last && matches!(m.class, EntityType::Event | EntityType::Initiative)) && !matches!(m.target, Target::Adjective(_))
            }) {
                continue;
            }
            found.push(Mention { first: year, last, class, target: Target::Unknown, surface: self.surface(year, last), titled: false, short: None });
        }
        replace_covered(mentions, found, |m, f| f.first <= m.first && m.last <= f.last);
    }

    /// "Russia's Pacific port of Vladivostok", "on Russia's frozen Pacific coast": a sea or
    /// ocean written short (the gazetteer knows it with "Ocean", "Sea" or "Gulf" after, the
    /// text leaves that out) after a possessive and before a lowercase noun is a modifier of the
    /// noun, not a mention of the sea: the token ranges of such mentions.
    fn seas_as_modifiers(&self, s: &Sentence, mentions: &[Mention]) -> Vec<(usize, usize)> {
        let gaz = &self.lex.gazetteer;
        let seas = ["ocean", "sea", "gulf"];
        let sea_written_short = |m: &Mention| match m.target {
            Target::Known(entry) => {
                let label = fold(&gaz.entries[entry].label);
                seas.iter().any(|w| label.ends_with(w)) && !fold(&m.surface).ends_with(label.rsplit(' ').next().unwrap_or(""))
            }
            // ("Pacific": the gazetteer knows the "Pacific Ocean".)
            Target::Unknown => m.last == m.first + 1 && seas.iter().any(|w| gaz.lookup(&format!("{} {w}", self.lower(m.first))).iter().any(|n| gaz.entries[n.entry].class == EntityType::Place)),
            _ => false,
        };
        let noun_after = |m: &Mention| m.last < s.tokens.end && self.tok(m.last).kind == TokenKind::Word && !self.is_capitalised(m.last) && !self.is(m.last, WordKinds::FUNCTION);
        // A possessive right before it, or past one or two lowercase modifiers ("frozen").
        let possessed = |m: &Mention| {
            (1..=3).any(|back| {
                m.first >= s.tokens.start + back
                    && self.lower(m.first - back) == "'s"
                    && (m.first - back + 1..m.first).all(|k| self.tok(k).kind == TokenKind::Word && !self.is_capitalised(k) && !self.is(k, WordKinds::FUNCTION))
            })
        };
        // (The gazetteer is asked last: every sentence passes here.)
        mentions.iter().filter(|m| m.class != EntityType::Country && noun_after(m) && possessed(m) && sea_written_short(m)).map(|m| (m.first, m.last)).collect()
    }

    /// "the tanker Angara", "the LNG carrier Christophe de Margerie": a name right after the
    /// kind of a vessel (a "before" cue of a project, `typing/context.csv`: all name vessels)
    /// and its determiner, quoted or not, is the vessel, whatever place the gazetteer reads in
    /// it or person it looks like (not a person the gazetteer knows: "the submarine Kim Jong Un
    /// inspected").
    fn named_vessels(&self, s: &Sentence, mentions: &mut [Mention]) {
        let renamable = |m: &Mention| match m.class {
            EntityType::Place => !matches!(m.target, Target::Adjective(_)),
            EntityType::Person => matches!(m.target, Target::Unknown),
            _ => false,
        };
        for m in mentions.iter_mut().filter(|m| renamable(m)) {
            let mut k = m.first;
            if k > s.tokens.start && matches!(self.raw(k - 1), "\"" | "“" | "'" | "‘") {
                k -= 1;
            }
            if k <= s.tokens.start {
                continue;
            }
            // (After its determiner: "to ship Sakhalin crude" is a verb.)
            let written_before = |words: &[String]| {
                k > s.tokens.start + words.len()
                    && words[..words.len() - 1].iter().enumerate().all(|(n, w)| self.lower(k - words.len() + n) == w)
                    && self.is(k - words.len() - 1, WordKinds::DETERMINER)
            };
            if self.context_cues_at(k - 1).any(|cue| cue.before && !cue.suffix && cue.class == EntityType::Project && written_before(&cue.words)) {
                (m.class, m.target, m.titled) = (EntityType::Project, Target::Unknown, false);
            }
        }
    }

    /// "Uzbekistan ships copper", "it ships grain", "…, ships LNG": a one-word good that is
    /// also a form of a frame's verb (`FRAME_CUE`), right after a name or a pronoun, or right
    /// before a name, a number or a determiner (its object), is that verb.
    fn drop_verbs_read_as_goods(&self, s: &Sentence, mentions: &mut Vec<Mention>) {
        let starts: Vec<usize> = mentions.iter().map(|m| m.first).collect();
        let mut previous_end = None;
        mentions.retain(|m| {
            let after_subject = m.first > s.tokens.start && (previous_end == Some(m.first) || matches!(self.lower(m.first - 1), "it" | "they" | "which" | "that" | "who"));
            previous_end = Some(m.last);
            let before_object = m.last < s.tokens.end && (self.tok(m.last).kind == TokenKind::Number || self.is(m.last, WordKinds::DETERMINER) || starts.contains(&m.last));
            !(m.class == EntityType::Commodity && m.last == m.first + 1 && self.is(m.first, WordKinds::FRAME_CUE) && (after_subject || before_object))
        });
    }

    /// "UN Security Council resolution 2397", "Council Decision 2022/266", "Block 09-3/12": a
    /// thing named by its number (`Lexicon::numbered_names`): a legal act is an initiative,
    /// written with the body that issued it when that is named right before (which stays a
    /// mention of its own); other words name it only capitalised ("Block 09-1").
    fn numbered_names(&self, s: &Sentence, mentions: &mut Vec<Mention>) {
        let number = |k: usize| k < s.tokens.end && self.tok(k).kind == TokenKind::Number;
        for k in s.tokens.start + 1..s.tokens.end {
            if !number(k) {
                continue;
            }
            // "decree No. 302", "Resolution no 2397": the act's word before "No." and the number.
            let mut head = k - 1;
            if head > s.tokens.start + 1 && self.lower(head) == "." && matches!(self.lower(head - 1), "no" | "nr") {
                head -= 1;
            }
            if head > s.tokens.start && matches!(self.lower(head), "no" | "no." | "nr" | "nr." | "#" | "№") {
                head -= 1;
            }
            let Some(&(_, class)) = self.lex.numbered_names.iter().find(|(word, _)| word == self.lower(head)) else { continue };
            if class != EntityType::Initiative && !self.is_capitalised(head) {
                continue;
            }
            let at = mentions.partition_point(|m| m.last <= head);
            if mentions.get(at).is_some_and(|m| m.first <= head) {
                continue;
            }
            // "2022/266", "2397(2017)", "09-3/12": the number's joined parts.
            let mut last = k + 1;
            while last + 1 < s.tokens.end && self.tok(last).joined && matches!(self.lower(last), "/" | "-") && number(last + 1) {
                last += 2;
            }
            // The issuer: the organisation named right before, or capitalised words no name took.
            let issuer = mentions[..at].last().filter(|m| m.last == head && m.class == EntityType::Organization).map(|m| m.first);
            let bare = (s.tokens.start..head)
                .rev()
                .take_while(|&j| self.is_capitalised(j) && (!self.is(j, WordKinds::ORDINARY) || self.is(j, WordKinds::HEAD)) && mentions[..at].last().is_none_or(|m| m.last <= j))
                .last();
            // (Only an act is written with its issuer.)
            let from = if class == EntityType::Initiative { issuer.or(bare).unwrap_or(head) } else { head };
            let mention = Mention { first: head, last, class, target: Target::Unknown, surface: self.surface(from, last), titled: false, short: None };
            mentions.insert(at, mention);
        }
    }

    /// "the U.S. Embassy in Seoul", "the Russian Embassy to Japan": an embassy or consulate
    /// is named with where it sits (one embassy per capital), while its span stays the
    /// mission so the place remains a mention of its own (for `locatedIn`).
    fn seated_missions(&self, mentions: &mut [Mention]) {
        for i in 0..mentions.len() {
            let (m, next) = (&mentions[i], mentions.get(i + 1));
            let Some(place) = next.filter(|p| matches!(p.class, EntityType::Place | EntityType::Country)) else { continue };
            let seated = m.class == EntityType::Organization && self.lex.seated_missions.contains(self.lower(m.last - 1));
            if seated && place.first == m.last + 1 && matches!(self.lower(m.last), "in" | "to") {
                let surface = self.surface(m.first, place.last);
                mentions[i].surface = surface;
            }
        }
    }

    /// "the war in Ukraine", "the crisis in Syria": a known event or project named by where
    /// it is keeps that country or place as a mention of its own (for `locatedIn`); the
    /// event keeps its full name.
    fn split_inner_places(&self, mentions: &mut Vec<Mention>) {
        let gaz = &self.lex.gazetteer;
        let mut inner = Vec::new();
        for m in mentions.iter_mut().filter(|m| matches!(m.target, Target::Known(_)) && matches!(m.class, EntityType::Event | EntityType::Project | EntityType::Initiative)) {
            let Some(k) = (m.first + 1..m.last.saturating_sub(1)).find(|&k| self.lower(k) == "in") else { continue };
            let key = (k + 1..m.last).map(|j| self.lower(j)).collect::<Vec<_>>().join(" ");
            let place = gaz.lookup(&key).iter().find(|n| matches!(gaz.entries[n.entry].class, EntityType::Country | EntityType::Place) && matches!(n.kind, NameKind::Label | NameKind::Alias));
            if let Some(name) = place {
                inner.push(Mention {
                    first: k + 1,
                    last: m.last,
                    class: gaz.entries[name.entry].class,
                    target: Target::Known(name.entry),
                    surface: self.surface(k + 1, m.last),
                    titled: false,
                    short: None,
                });
                m.last = k;
            }
        }
        mentions.extend(inner);
        mentions.sort_by_key(|m| m.first);
    }

    /// "a plant near Nakhodka", "a road bridge over the Tumen River", "an industrial park in
    /// the Nadezhdinskaya ADT", "an LNG shipment terminal in Kamchatka", "Hyundai's car plant
    /// in St. Petersburg", "a plant near the village of Ulken": a noun phrase after a determiner or a possessive whose head names
    /// a project, attached to a named place, is a project named by the whole phrase (with its
    /// owner, after a possessive; a commodity among its modifiers becomes part of it). Its
    /// span stays the noun phrase, so the place remains a mention of its own (`locatedIn`).
    fn described_projects(&self, s: &Sentence, mentions: &mut Vec<Mention>) {
        let mut found = Vec::new();
        for place in mentions.iter().filter(|m| matches!(m.class, EntityType::Place | EntityType::Country)) {
            // "near the village of Ulken": past a place cue, which its name leaves out.
            let cue = self.place_cue_ending(s.tokens.start, place.first);
            let at = cue.unwrap_or_else(|| self.before_article(s, place.first));
            if at < s.tokens.start + 3 || !self.lex.attaching_prepositions.contains(self.lower(at - 1)) {
                continue;
            }
            // "a 237-km stretch in Gujarat" is a part of a project named elsewhere.
            if self.lex.part_heads.contains(self.lower(at - 2)) {
                continue;
            }
            let Some(first) = self.described_phrase(s, at - 2, mentions, false) else { continue };
            // "Oyu Tolgoi, the copper mine in the Gobi,": an apposition describes the name
            // before it (`context_type` types the name by it), no project of its own.
            if first >= s.tokens.start + 3
                && matches!(self.lower(first - 1), "a" | "an" | "the")
                && self.lower(first - 2) == ","
                && mentions.iter().any(|m| m.last == first - 2 && m.class == EntityType::Project)
            {
                continue;
            }
            let short = self.surface(first, at - 1);
            // "a 21-km tunnel beneath Thane Creek" is named "tunnel beneath Thane Creek".
            let mut name_first = self.past_measure(first, at - 1);
            // "a Korean-backed fertilizer plant near Nakhodka" is named "fertilizer plant near Nakhodka".
            if let Some(m) = mentions.iter().find(|m| m.first == first && matches!(m.target, Target::Adjective(_)) && self.is_dash(m.last) && m.last + 2 < at - 1) {
                name_first = m.last + 2;
            }
            let named = match cue {
                Some(_) => format!("{} {}", self.surface(name_first, at), place.surface),
                None => self.surface(name_first, place.last),
            };
            // "Hyundai's car plant in St. Petersburg" is named with its owner.
            let owner = mentions.iter().find(|m| first >= 2 && m.last == first - 1 && matches!(self.lower(first - 1), "'s" | "'") && !matches!(m.target, Target::Adjective(_)));
            let surface = match owner {
                Some(owner) => format!("{} {named}", owner.surface),
                None => named,
            };
            found.push(Mention { first, last: at - 1, class: EntityType::Project, target: Target::Unknown, surface, titled: false, short: short.contains(' ').then_some(short) });
        }
        self.built_objects(s, mentions, &mut found);
        self.add_described(mentions, found);
    }

    /// "will build a methanol unit and a ferry and cargo terminal", "financed the thermal power
    /// plant", "a cargo terminal operated by Semurg": a described phrase with a modifier of its
    /// own, the direct object of a verb whose object may be an undertaking (building, paying
    /// for, launching, joining, seeking, stopping…: `Frames::takes_undertaking_object`;
    /// "suspended a gas pipeline project")
    /// or before its participle and "by", is a project named by the phrase, with no place
    /// needed ("build a plant", "build a new plant": no modifier, no name).
    fn built_objects(&self, s: &Sentence, mentions: &[Mention], found: &mut Vec<Mention>) {
        let frames = &self.lex.frames;
        // ("a 12 million-ton steel complex" is named "steel complex", the measured phrase an alias.)
        let add = |first: usize, head: usize, found: &mut Vec<Mention>| {
            let named = self.past_measure(first, head);
            let measured = (named > first).then(|| self.surface(first, head + 1));
            let overlaps = |m: &Mention| m.first <= head && first < m.last;
            if !found.iter().any(overlaps) {
                found.push(Mention { first: named, last: head + 1, class: EntityType::Project, target: Target::Unknown, surface: self.surface(named, head + 1), titled: false, short: measured });
            }
        };
        for k in s.tokens.start..s.tokens.end.saturating_sub(2) {
            if !self.is(k, WordKinds::FRAME_CUE) || self.is_capitalised(k) || !frames.takes_undertaking_object(self.lower(k)) {
                continue;
            }
            // "a ferry and cargo terminal operated by Semurg", "a container hub is being developed
            // by KTZ": the phrase before the participle (and its auxiliaries) and "by".
            if k > s.tokens.start + 2 && self.lower(k + 1) == "by" && frames.is_past_verb(self.lower(k)) {
                let mut head = k - 1;
                while head > s.tokens.start + 2 && k - head < 4 && self.is(head, WordKinds::VERB_GROUP) && !self.is_capitalised(head) {
                    head -= 1;
                }
                // (Past auxiliaries, only a phrase brought in by "a": "the gas pipeline was
                // operated by" may be one named before, which coreference finds.)
                let introduced = |first: usize| {
                    let article = (s.tokens.start..first).rev().find(|&j| !self.lex.vague_modifiers.contains(self.lower(j)));
                    head == k - 1 || article.is_some_and(|j| matches!(self.lower(j), "a" | "an"))
                };
                if let Some(first) = self.described_phrase(s, head, mentions, false).filter(|&first| first < head && introduced(first)) {
                    add(first, head, found);
                }
                continue;
            }
            let plain = |j: usize| j < s.tokens.end && self.is_plain_word(j);
            // The objects after the verb: a phrase, and those joined to it by "and" after a determiner.
            let mut det = k + 1;
            while det + 2 < s.tokens.end && matches!(self.lower(det), "a" | "an" | "the") {
                // The phrase's head: the last plain word of the run after the determiner, the
                // run going on past "and" before a plain word ("a ferry and cargo terminal").
                // ("a 1 GW solar plant", "a $2 billion plant": past the measure first.)
                let mut head = self.past_measure(det + 1, s.tokens.end - 1);
                while head - det < 9 && (plain(head + 1) || (plain(head + 2) && self.lower(head + 1) == "and")) {
                    head += if plain(head + 1) { 1 } else { 2 };
                }
                // ("build a railway corridor running from …", "a gas pipeline along the same
                // route": the run may go on past the head, to a gerund, a participle or a
                // preposition; not "signed a gas pipeline agreement".)
                let before_verb = |h: usize| h == head || self.lower(h + 1).ends_with("ing") || frames.is_past_verb(self.lower(h + 1)) || self.preposition(h + 1).is_some();
                if let Some((first, head)) =
                    (det + 2..=head).rev().filter(|&h| before_verb(h)).find_map(|h| self.described_phrase(s, h, mentions, false).filter(|&first| first < h && first > det).map(|first| (first, h)))
                {
                    add(first, head, found);
                }
                det = head + 1;
                if det + 1 < s.tokens.end && matches!(self.lower(det), "and" | ",") {
                    det += 1;
                } else {
                    break;
                }
            }
        }
    }

    /// "Russia's invasion of Ukraine", "the Russian invasion of Ukraine", "the war in Syria":
    /// a determined phrase whose lowercase head names an event that befalls a place
    /// (`lexicon/place_events.txt`), with "of", "in" or "against" and a named state or place,
    /// is an event named by the phrase (with its owner or the state's adjective before it;
    /// "full-scale" and other modifiers kept). Its span stays the phrase without the place
    /// and owner, so both remain mentions of their own (who took part, where it was).
    fn described_events(&self, s: &Sentence, mentions: &mut Vec<Mention>) {
        let plain = |k: usize| self.is_plain_word(k);
        let covered = |k: usize| mentions.iter().find(|m| m.first <= k && k < m.last);
        let mut found = Vec::new();
        for place in mentions.iter().filter(|m| matches!(m.class, EntityType::Place | EntityType::Country) && !matches!(m.target, Target::Adjective(_))) {
            let at = self.before_article(s, place.first);
            if at < s.tokens.start + 3 || !matches!(self.lower(at - 1), "of" | "in" | "against") {
                continue;
            }
            let head = at - 2;
            if !plain(head) || !self.lex.place_events.contains(self.lower(head)) || covered(head).is_some() {
                continue;
            }
            // Lowercase modifiers, hyphenated ones too ("full-scale").
            let mut first = head;
            while first > s.tokens.start + 1 && head - first < 5 {
                if plain(first - 1) && covered(first - 1).is_none() {
                    first -= 1;
                } else if self.lower(first - 1) == "-" && self.tok(first - 1).joined && self.tok(first).joined && plain(first - 2) {
                    first -= 2;
                } else {
                    break;
                }
            }
            while first < head && self.lex.vague_modifiers.contains(self.lower(first)) {
                first += 1;
            }
            // Named with its owner ("Russia's") or a state's adjective ("the Russian invasion").
            let owner_at = if matches!(self.lower(first - 1), "'s" | "'") { first - 2 } else { first - 1 };
            let before = covered(owner_at).filter(|m| m.last == owner_at + 1);
            let owned = before.filter(|m| matches!(m.class, EntityType::Country) || matches!(m.target, Target::Adjective(_)));
            // ("following its invasion of Ukraine": a possessive pronoun determines it too.)
            let determined = owned.is_some() || matches!(self.lower(first - 1), "a" | "an" | "the" | "its" | "their");
            if !determined {
                continue;
            }
            let phrase = self.surface(first, place.last);
            let surface = match owned {
                Some(owner) if matches!(owner.target, Target::Adjective(_)) => self.surface(owner.first, place.last),
                Some(owner) => format!("{}'s {}", owner.surface, phrase),
                None => phrase.clone(),
            };
            let short = (surface != phrase).then_some(phrase);
            found.push(Mention { first, last: head + 1, class: EntityType::Event, target: Target::Unknown, surface, titled: false, short });
        }
        self.add_described(mentions, found);
    }

    /// "the Russian-Korean mixed commission on cooperation in the field of fisheries", "the
    /// Russian–Indian intergovernmental committee": two states' adjectives joined by a dash,
    /// up to two lowercase modifiers and the lowercase head of an organisation
    /// (`typing/heads.csv`), with its "on"/"for" complement, name a joint body. The adjectives
    /// stay inside its span, where `constructions::state_pairs` finds its two members.
    fn joint_bodies(&self, s: &Sentence, known: &[Known], mentions: &mut Vec<Mention>) {
        let plain = |k: usize| k < s.tokens.end && self.tok(k).kind == TokenKind::Word && !self.is_capitalised(k);
        let mut found = Vec::new();
        for pair in known.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let adjectives = matches!(a.target, Target::Adjective(_)) && matches!(b.target, Target::Adjective(_));
            if !adjectives || a.last + 1 != b.first || !self.is_dash(a.last) {
                continue;
            }
            // The head: the last organisation head within three lowercase words.
            let mut head = None;
            let mut k = b.last;
            while k < b.last + 3 && plain(k) && !self.is(k, WordKinds::FUNCTION) {
                if self.is(k, WordKinds::HEAD) && self.lex.heads.get(self.lower(k)).is_some_and(|h| h.class == EntityType::Organization) {
                    head = Some(k);
                }
                k += 1;
            }
            let Some(head) = head else { continue };
            // "on cooperation in the field of fisheries": lowercase words up to an auxiliary or
            // a mark (anything else, and where the complement ends is unclear: none is taken).
            let mut last = head + 1;
            if last < s.tokens.end && matches!(self.lower(last), "on" | "for") {
                let mut k = last + 1;
                while k < head + 10 && plain(k) && !self.is(k, WordKinds::VERB_GROUP) {
                    k += 1;
                }
                let boundary = k >= s.tokens.end || self.is(k, WordKinds::VERB_GROUP) || matches!(self.lower(k), "." | ";" | ":" | "(");
                // It ends on a word of content, not on "of", "the" or "and".
                while k > last + 1 && self.is(k - 1, WordKinds::FUNCTION) {
                    k -= 1;
                }
                if boundary && k > last + 1 {
                    last = k;
                }
            }
            found.push(Mention { first: a.first, last, class: EntityType::Organization, target: Target::Unknown, surface: self.surface(a.first, last), titled: false, short: None });
        }
        replace_covered(mentions, found, |m, f| f.first <= m.first && m.last <= f.last);
    }

    /// "the 23rd session of the Russian-Korean Commission on Fisheries", "the ninth meeting
    /// of the Joint Working Group": an ordinal and the lowercase head of an event
    /// (`typing/heads.csv`) of a named body, event or initiative is an event named with it;
    /// its span stays the ordinal and head, so the body remains a mention of its own.
    fn numbered_sessions(&self, s: &Sentence, mentions: &mut Vec<Mention>) {
        let mut found = Vec::new();
        for head in s.tokens.start + 1..s.tokens.end.saturating_sub(2) {
            let event_head = self.is(head, WordKinds::HEAD) && !self.is_capitalised(head) && self.lex.heads.get(self.lower(head)).is_some_and(|h| h.class == EntityType::Event);
            if !event_head || self.lower(head + 1) != "of" {
                continue;
            }
            let Some(first) = self.ordinal_before(s, head, true) else { continue };
            let at = head + 2 + usize::from(self.lower(head + 2) == "the");
            let Some(body) =
                mentions.iter().find(|m| m.first == at && matches!(m.class, EntityType::Organization | EntityType::Event | EntityType::Initiative) && !matches!(m.target, Target::Adjective(_)))
            else {
                continue;
            };
            let short = self.surface(first, head + 1);
            found.push(Mention { first, last: head + 1, class: EntityType::Event, target: Target::Unknown, surface: self.surface(first, body.last), titled: false, short: Some(short) });
        }
        replace_covered(mentions, found, |m, f| m.first < f.last && f.first < m.last);
    }

    /// The first token of the ordinal ending right before token `at`: "23rd" (one token, or
    /// the number and its suffix joined to it), or with `words` also "third"
    /// (`lexicon/ordinals.txt`).
    fn ordinal_before(&self, s: &Sentence, at: usize, words: bool) -> Option<usize> {
        if at >= s.tokens.start + 2 && matches!(self.lower(at - 1), "st" | "nd" | "rd" | "th") && self.tok(at - 1).joined && self.tok(at - 2).kind == TokenKind::Number {
            return Some(at - 2);
        }
        let w = self.lower(at.checked_sub(1).filter(|&k| k >= s.tokens.start)?);
        let digits = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let short_number = !digits.is_empty() && digits.len() <= 3 && digits.bytes().all(|b| b.is_ascii_digit());
        let numbered = short_number && matches!(&w[digits.len()..], "st" | "nd" | "rd" | "th");
        let spelled = words && (self.lex.ordinals.contains(w) || (short_number && digits.len() == w.len()));
        (numbered || spelled).then_some(at - 1)
    }

    /// "its 14th sanctions package", "the 15th package of sanctions": a numbered
    /// programme's lowercase head (an Initiative's, `typing/heads.csv`) after a written
    /// ordinal and up to two lowercase words names the act (and "of" with a lowercase
    /// noun after the head belongs to its name).
    fn numbered_packages(&self, s: &Sentence, mentions: &mut Vec<Mention>) {
        let mut found = Vec::new();
        let lowercase_word = |k: usize| k < s.tokens.end && self.tok(k).kind == TokenKind::Word && !self.is_capitalised(k) && !self.is(k, WordKinds::FUNCTION);
        for head in s.tokens.start + 1..s.tokens.end {
            let initiative_head = lowercase_word(head) && self.is(head, WordKinds::HEAD) && self.lex.heads.get(self.lower(head)).is_some_and(|h| h.class == EntityType::Initiative);
            if !initiative_head {
                continue;
            }
            let Some(first) = (head.saturating_sub(2)..=head).find_map(|at| self.ordinal_before(s, at, false).filter(|_| (at..head).all(lowercase_word))) else { continue };
            let last = if lowercase_word(head + 2) && self.lower(head + 1) == "of" { head + 3 } else { head + 1 };
            if mentions.iter().any(|m| m.first < last && first < m.last) {
                continue;
            }
            // (The span is the head alone: "sanctions" around it stays a cue of its own.)
            found.push(Mention { first: head, last: head + 1, class: EntityType::Initiative, target: Target::Unknown, surface: self.surface(first, last), titled: false, short: None });
        }
        mentions.extend(found);
        mentions.sort_by_key(|m| m.first);
    }

    /// "the transport corridor from the Korean Peninsula to Europe", "a railway corridor
    /// running from the south of the Korean Peninsula to Europe", "a pipeline network
    /// from Russia to Busan" (or "from Russia via North Korea to Busan"), "a ferry line between Sokcho and Vladivostok", "a railway
    /// linking Kashgar with Osh": a described
    /// project from one named place to another (or between them) is named
    /// after both ("Korean Peninsula–Europe transport corridor"), the phrase its alias; its
    /// span stays the noun phrase, so the places remain mentions of their own.
    fn route_projects(&self, s: &Sentence, mentions: &mut Vec<Mention>) {
        let is_place = |m: &Mention| matches!(m.class, EntityType::Place | EntityType::Country) && !matches!(m.target, Target::Adjective(_));
        // The phrase a place after "from" described ("to build a gas pipeline from Mongolia")
        // is the route's: its name replaces that one.
        let phrase_at = |head: usize| {
            let described = |m: &Mention| m.class == EntityType::Project && matches!(m.target, Target::Unknown) && m.last == head + 1 && !self.is_capitalised(m.first);
            let others: Vec<Mention> = mentions.iter().filter(|m| !described(m)).cloned().collect();
            self.described_phrase(s, head, &others, false)
        };
        // The place at token `k` (the mention `next` or a later one), past an article, state
        // adjectives and a place cue: "to the South Korean city of Busan".
        let place_from = |mut k: usize, mut next: usize| {
            loop {
                if k < s.tokens.end && self.is(k, WordKinds::DETERMINER) {
                    k += 1;
                } else if let Some(m) = mentions.get(next).filter(|m| m.first == k && matches!(m.target, Target::Adjective(_))) {
                    k = m.last;
                    next += 1;
                } else if let Some(end) = self.place_cue_at(k, s.tokens.end) {
                    k = end;
                } else {
                    break;
                }
            }
            mentions.get(next).filter(|to| is_place(to) && to.first == k)
        };
        let mut found = Vec::new();
        for (i, from) in mentions.iter().enumerate().filter(|(_, m)| is_place(m)) {
            // Before the place, the same: "between the North Korean port of Rajin and Khasan".
            // ("from the south of the Korean Peninsula": a cue before the place's article.)
            let mut at = self.place_cue_ending(s.tokens.start, self.before_article(s, from.first)).unwrap_or(from.first);
            while let Some(adjective) = mentions[..i].iter().rev().find(|m| m.last == at && matches!(m.target, Target::Adjective(_))) {
                at = adjective.first;
            }
            let at = self.before_article(s, at);
            // "the container line between Shanghai and Arkhangelsk", "a railway connecting
            // Urumqi with Almaty".
            let linking = at >= s.tokens.start + 3 && from.last < s.tokens.end && {
                let (before, after) = (self.lower(at - 1), self.lower(from.last));
                (before == "between" && after == "and") || (self.lex.frames.is_route_gerund(before) && matches!(after, "and" | "with" | "to"))
            };
            if linking {
                let to = place_from(from.last + 1, i + 1);
                // ("The first section, between Surat and Bilimora,": past a comma.)
                let head = if self.lower(at - 2) == "," && at >= s.tokens.start + 4 { at - 3 } else { at - 2 };
                if let Some((to, first)) = to.and_then(|to| phrase_at(head).map(|first| (to, first))) {
                    found.push(self.route_mention(first, head + 1, from, to));
                }
                continue;
            }
            // ("a pipeline from Russia via North Korea to South Korea": a place on the way.)
            let (mut to_at, mut next) = (from.last, i + 1);
            if to_at < s.tokens.end && self.lower(to_at) == "via" {
                let k = to_at + 1 + usize::from(to_at + 1 < s.tokens.end && self.is(to_at + 1, WordKinds::DETERMINER));
                if let Some(via) = mentions.get(next).filter(|m| is_place(m) && m.first == k) {
                    (to_at, next) = (via.last, next + 1);
                }
            }
            if to_at >= s.tokens.end || self.lower(to_at) != "to" {
                continue;
            }
            let Some(to) = place_from(to_at + 1, next) else { continue };
            if at < s.tokens.start + 3 || self.lower(at - 1) != "from" {
                continue;
            }
            // "a railway corridor running from …": past a route verb's participle.
            let participle = at >= s.tokens.start + 4 && self.lex.frames.is_route_gerund(self.lower(at - 2));
            let head = if participle { at - 3 } else { at - 2 };
            let Some(first) = phrase_at(head) else { continue };
            found.push(self.route_mention(first, head + 1, from, to));
        }
        replace_covered(mentions, found, |m, p| {
            (m.class == EntityType::Commodity && p.first <= m.first && m.last <= p.last) || (m.class == EntityType::Project && m.last == p.last && p.first <= m.first)
        });
    }

    /// "a trilateral project to link South Korea, North Korea and Russia by rail", "the
    /// project for arranging Russian natural gas supplies to Korean consumers": "project"
    /// after a determiner (and up to three modifiers), then "to" and a verb or "for"/"of" and
    /// a gerund, is a project named by the whole phrase, up to the clause's end (a mark, a
    /// comma not before a name, a verb group, a relative pronoun, a clause break). Its span
    /// stays the words before "to", so the names in the phrase remain mentions; the phrase
    /// names no project when it holds one ("the project to build a fertilizer plant").
    fn purpose_projects(&self, s: &Sentence, mentions: &mut Vec<Mention>) {
        let mut found = Vec::new();
        let (end, frames) = (s.tokens.end, &self.lex.frames);
        // ("to link", "to develop": a verb the frames (not in "-s") or routes know; not "to
        // date", "to investors".)
        let known_verb = |k: usize| (self.is(k, WordKinds::FRAME_CUE) && !self.lower(k).ends_with('s')) || frames.is_route_verb(self.lower(k));
        for head in s.tokens.start + 1..end.saturating_sub(2) {
            let verb = head + 2;
            let purpose = self.lower(head) == "project"
                && self.is_plain_word(verb)
                && match self.lower(head + 1) {
                    "to" => known_verb(verb),
                    "for" | "of" => self.lower(verb).ends_with("ing"),
                    _ => false,
                };
            if !purpose {
                continue;
            }
            let mut first = head;
            while first > s.tokens.start && head - first < 3 && self.is_plain_word(first - 1) {
                first -= 1;
            }
            // ("a joint project", a built object's phrase, gives way to the whole.)
            let described = |m: &Mention| m.class == EntityType::Project && matches!(m.target, Target::Unknown) && m.last == head + 1 && first <= m.first;
            if first == s.tokens.start || !matches!(self.lower(first - 1), "a" | "an" | "the") || mentions.iter().any(|m| m.first <= head && first < m.last && !described(m)) {
                continue;
            }
            // A comma goes on only inside a list of names: "link South Korea, North Korea and Russia".
            let listed = |k: usize| mentions.iter().find(|m| m.first == k).is_some_and(|m| m.last < end && matches!(self.lower(m.last), "," | "and"));
            let mut last = verb + 1;
            while last < end && last - head < 24 {
                let breaks = self.tok(last).kind != TokenKind::Word && !(self.lower(last) == "," && listed(last + 1)) && !self.is_dash(last);
                // ("… supplies to Korean consumers": "to" goes on; "was", "will", "which", a
                // past verb or a verb of saying end it: "… the port stalled", "…, Putin said".)
                let w = self.lower(last);
                let verb_group = self.is(last, WordKinds::VERB_GROUP) && w != "to";
                let finite = frames.is_past_verb(w) || self.lex.descriptions.is_reporting_verb(w);
                if breaks || verb_group || finite || self.is(last, WordKinds::RELATIVE.with(WordKinds::CLAUSE_BREAK)) {
                    break;
                }
                last += 1;
            }
            if mentions.iter().any(|m| m.class == EntityType::Project && verb <= m.first && m.first < last) {
                continue;
            }
            let named = (first..head).find(|&k| !self.lex.vague_modifiers.contains(self.lower(k))).unwrap_or(head);
            let short = (named < head).then(|| self.surface(named, head + 1));
            found.push(Mention { first, last: head + 1, class: EntityType::Project, target: Target::Unknown, surface: self.surface(named, last), titled: false, short });
        }
        replace_covered(mentions, found, |m, p| m.class == EntityType::Project && m.last == p.last && p.first <= m.first);
    }

    /// The described project of tokens `[first, last)` on a route between the places `from`
    /// and `to`: named after both ("Shanghai–Arkhangelsk container line"), its words an alias.
    fn route_mention(&self, first: usize, last: usize, from: &Mention, to: &Mention) -> Mention {
        let phrase = self.surface(first, last);
        let surface = format!("{}–{} {phrase}", from.surface, to.surface);
        Mention { first, last, class: EntityType::Project, target: Target::Unknown, surface, titled: false, short: Some(phrase) }
    }

    /// "Modi's Make in India program", "the kingdom's Vision 2030 drive": capitalised words and
    /// numbers joined by "in", "of", "for", "to" or "and" — a phrase, at least one of its
    /// words no name of its own — right before a lowercase head of an initiative
    /// (`typing/heads.csv`) name one, head and all. A name alone before the head ("Hyundai
    /// Motor investment plan", "Russia-Ukraine peace plan") names none.
    fn phrase_named_initiatives(&self, s: &Sentence, mentions: &mut Vec<Mention>) {
        let mut found = Vec::new();
        for head in s.tokens.start + 1..s.tokens.end {
            let initiative_head =
                self.tok(head).kind == TokenKind::Word && !self.is_capitalised(head) && self.lex.heads.get(self.lower(head)).is_some_and(|h| h.class == EntityType::Initiative && h.min_words <= 2);
            if !initiative_head {
                continue;
            }
            let word = |k: usize| (self.is_capitalised(k) && self.tok(k).kind == TokenKind::Word) || self.tok(k).kind == TokenKind::Number;
            let mut start = head;
            while start > s.tokens.start {
                let k = start - 1;
                let joins = matches!(self.lower(k), "in" | "of" | "for" | "to" | "and") && k > s.tokens.start && word(k - 1);
                if word(k) || joins || (self.lower(k) == "-" && self.tok(k).joined) {
                    start = k;
                } else {
                    break;
                }
            }
            while start < head && !word(start) {
                start += 1;
            }
            let own_word = (start..head).any(|k| self.is_capitalised(k) && !self.is(k, WordKinds::TITLE_WORD.with(WordKinds::DATE_WORD)) && !mentions.iter().any(|m| m.first <= k && k < m.last));
            let phrase = (start..head).any(|k| matches!(self.lower(k), "in" | "of" | "for" | "to") || self.tok(k).kind == TokenKind::Number);
            // (Not at a sentence's start, where a capital says nothing; not inside a longer
            // name: "Tarsk program" from "Build in Tarsk program" gives way.)
            let inside_name = mentions.iter().any(|m| m.first <= start.min(head) && head < m.last);
            if start == s.tokens.start || !own_word || !phrase || inside_name {
                continue;
            }
            found.push(Mention { first: start, last: head + 1, class: EntityType::Initiative, target: Target::Unknown, surface: self.surface(start, head + 1), titled: false, short: None });
        }
        replace_covered(mentions, found, |m, f| f.first <= m.first && m.first < f.last);
    }

    /// "North Korea's missile program", "its weapons of mass destruction program", "the
    /// Iranian nuclear programme": lowercase words (and "of")
    /// ending in a programme head (`programme_heads.txt`), right after a possessive ("'s",
    /// "its", "their") or a state's adjective, are a project named by those words. The
    /// owner stays a mention of its own (`constructions.rs` relates it).
    fn owned_programmes(&self, s: &Sentence, mentions: &mut Vec<Mention>) {
        let mut found = Vec::new();
        for head in s.tokens.clone().filter(|&k| self.is(k, WordKinds::PROGRAMME_HEAD) && !self.is_capitalised(k)) {
            if mentions.iter().any(|m| m.first <= head && head < m.last) {
                continue;
            }
            let plain = |k: usize| self.tok(k).kind == TokenKind::Word && !self.is_capitalised(k) && (!self.is(k, WordKinds::FUNCTION) || self.lower(k) == "of");
            let mut first = head;
            // "its weapons of mass destruction (WMD) program": an acronym in brackets inside.
            let mut bracket = None;
            while first > s.tokens.start && head - first < 10 {
                let k = first - 1;
                if bracket.is_none() && k >= s.tokens.start + 3 && self.lower(k) == ")" && self.lower(k - 2) == "(" && self.is_acronym(k - 1) {
                    bracket = Some(k - 2);
                    first = k - 2;
                    continue;
                }
                if !plain(k) || matches!(self.lower(k), "its" | "their") {
                    break;
                }
                first = k;
            }
            if first == head || first == s.tokens.start || self.lower(first) == "of" || bracket == Some(first) {
                continue;
            }
            let before = first - 1;
            let owner = matches!(self.lower(before), "'s" | "its" | "their") || mentions.iter().any(|m| m.last == first && matches!(m.target, Target::Adjective(_)));
            if owner {
                // Named without the bracket, which stays in the alias written as it stands.
                let (surface, short) = match bracket {
                    Some(open) => (format!("{} {}", self.surface(first, open), self.surface(open + 3, head + 1)), Some(self.surface(first, head + 1))),
                    None => (self.surface(first, head + 1), None),
                };
                found.push(Mention { first, last: head + 1, class: EntityType::Project, target: Target::Unknown, surface, titled: false, short });
            }
        }
        self.add_described(mentions, found);
    }

    /// "artillery shells", "valuable minerals", "chemical industry goods", "fuel": a lowercase
    /// phrase ending in a goods head (`goods_heads.csv`) is a commodity. Its modifiers are up
    /// to three plain lowercase words (not a frame's cue word, not an adverb, a participle only
    /// after a function word)
    /// or a commodity named right before ("liquefied natural gas tankers"); a head that does
    /// not stand alone needs one. A head followed by another plain noun modifies it ("arms
    /// race"), one followed by "of" takes a complement ("weapons of mass destruction"): no good.
    fn traded_goods(&self, s: &Sentence, mentions: &mut Vec<Mention>) {
        let plain = |k: usize| self.is_plain_word(k);
        let mut found = Vec::new();
        // (A singular head only after a model's code: "the F414 engine", "a K2 tank".)
        let singular_after_code = |k: usize| k > s.tokens.start && self.has_digit(k - 1) && self.lex.goods_singulars.contains(self.lower(k));
        for head in s.tokens.clone().filter(|&k| (self.is(k, WordKinds::GOODS_HEAD) || singular_after_code(k)) && plain(k)) {
            // A known good named by the head alone ("minerals") takes modifiers too: "valuable minerals".
            let known_head = |m: &Mention| m.class == EntityType::Commodity && m.first == head && m.last == head + 1;
            // One named by words ending in it ("fighter jets") takes only a model's code: "Su-30 fighter jets".
            let known_words = mentions.iter().find(|m| m.class == EntityType::Commodity && m.first < head && m.last == head + 1).map(|m| m.first);
            if let Some(from) = known_words {
                if let Some(first) = self.designation_before(s, from, mentions).filter(|&first| self.tok(first).kind == TokenKind::Word && (first..from).any(|k| self.has_digit(k))) {
                    found.push(Mention { first, last: head + 1, class: EntityType::Commodity, target: Target::Unknown, surface: self.surface(first, head + 1), titled: false, short: None });
                }
                continue;
            }
            if mentions.iter().any(|m| m.first <= head && head < m.last && !known_head(m)) {
                continue;
            }
            // "arms race", "weapons of mass destruction": the head modifies or takes a complement.
            if head + 1 < s.tokens.end && (plain(head + 1) && !self.is(head + 1, WordKinds::FRAME_CUE) || self.lower(head + 1) == "of") {
                continue;
            }
            // A participle modifies only after a function word that is no verb's ("with armoured
            // vehicles", not "has ordered tankers").
            // ("Hyundai assembles cars": a word in "-s" right after a name is the name's verb.)
            // (Not after a state's adjective: "Chinese communications equipment".)
            let verb_after_name = |k: usize, word: &str| word.ends_with('s') && !word.ends_with("ss") && mentions.iter().any(|m| m.last == k && !matches!(m.target, Target::Adjective(_)));
            let modifier = |k: usize| {
                let word = self.lower(k);
                let participle = word.ends_with("ing") || word.ends_with("ed");
                let after_function = k > s.tokens.start && self.is(k - 1, WordKinds::FUNCTION) && !self.is(k - 1, WordKinds::VERB_GROUP.with(WordKinds::PERSONAL_PRONOUN));
                plain(k) && !self.is(k, WordKinds::FRAME_CUE) && !word.ends_with("ly") && (!participle || after_function) && !verb_after_name(k, word)
            };
            // "self-propelled howitzers", "long-range missiles": a hyphenated modifier is one
            // word, and so is a class named after a ship or a design ("Kilo-class submarines")
            // and a model's designation ("VVER-1200 reactors", "S-400 systems").
            let named_class =
                |k: usize| k > s.tokens.start && self.tok(k).kind == TokenKind::Word && self.is_capitalised(k) && !mentions.iter().any(|m| m.first <= k && k < m.last && !self.is_designation(m));
            let model_number = |k: usize| self.tok(k).kind == TokenKind::Number && named_class(k - 2);
            let compound = |k: usize| k >= s.tokens.start + 2 && self.inner_dash(k - 1) && (plain(k) && (plain(k - 2) || named_class(k - 2)) || model_number(k));
            let mut first = head;
            let mut modifiers = 0;
            while first > s.tokens.start && modifiers < 3 {
                if compound(first - 1) {
                    first -= 3;
                } else if modifier(first - 1) {
                    first -= 1;
                } else {
                    break;
                }
                modifiers += 1;
            }
            // "the first fuel", "additional gas": vague modifiers do not say which good.
            while first < head && self.lex.vague_modifiers.contains(self.lower(first)) {
                first += 1;
            }
            if let Some(c) = mentions.iter().find(|m| m.class == EntityType::Commodity && m.last == first && m.first >= s.tokens.start) {
                first = c.first;
            }
            let designated = self.designation_before(s, first, mentions);
            // A singular head names a type of good after an article ("the F414 engine", "a K2
            // tank"), not one vessel ("the Arc4 carrier Arctic Mulan", "its second Arc7 tanker").
            let first = designated.unwrap_or(first);
            let singular = !self.is(head, WordKinds::GOODS_HEAD);
            let named_after = head + 1 < s.tokens.end && self.is_capitalised(head + 1);
            let after_article = first > s.tokens.start && matches!(self.lower(first - 1), "the" | "a" | "an");
            if singular && (named_after || !after_article || !(first..head).any(|k| self.has_digit(k))) {
                continue;
            }
            let known = mentions.iter().any(known_head) && designated.is_none();
            if first == head && (known || !self.is(head, WordKinds::GOODS_ALONE)) {
                continue;
            }
            found.push(Mention { first, last: head + 1, class: EntityType::Commodity, target: Target::Unknown, surface: self.surface(first, head + 1), titled: false, short: None });
        }
        // (A model's code read as a name of its own gives way to the good it designates.)
        replace_covered(mentions, found, |m, g| (m.class == EntityType::Commodity || self.is_designation(m)) && g.first <= m.first && m.last <= g.last);
    }

    /// "Su-57", "F414", "Su-30MK2"; "42 Rafale": a name the gazetteer does not list that is only
    /// a model's code (words, numbers and joined dashes, one with a digit), or one word after a
    /// number: before a good, it designates it.
    fn is_designation(&self, m: &Mention) -> bool {
        let code = m.last - m.first <= 4
            && (m.first..m.last).any(|k| self.has_digit(k))
            && (m.first..m.last).all(|k| match self.tok(k).kind {
                TokenKind::Word | TokenKind::Number => true,
                TokenKind::Punct => self.is_dash(k) && self.tok(k).joined,
            });
        let counted = m.last == m.first + 1 && m.first > 0 && self.tok(m.first - 1).kind == TokenKind::Number;
        m.target == Target::Unknown && (code || counted)
    }

    /// "Kazakhstan exports ferrochrome to China", "Mongolia exports cashmere, coal and iron
    /// ore": bare lowercase words (one to three, no article, none in "-ing") right after a
    /// verb of trade (`lexicon/goods_verbs.txt`), ending where a preposition, a comma, "and" or the
    /// sentence's end does, name a good, and so do those listed with it. The verb is one:
    /// after its subject's name ("Mongolia exports"; not "Russian exports rose"), an
    /// auxiliary or "to", or in "-ed" or "-ing".
    fn goods_after_verbs(&self, s: &Sentence, mentions: &mut Vec<Mention>) {
        let end = s.tokens.end;
        let name_at = |k: usize| mentions.iter().find(|m| m.first <= k && k < m.last);
        let good_word = |k: usize| {
            k < end
                && self.is_plain_word(k)
                && !self.is(k, WordKinds::FRAME_CUE.with(WordKinds::VERB_GROUP).with(WordKinds::DATE_WORD).with(WordKinds::ACTOR_NOUN).with(WordKinds::DETERMINER))
                && !self.lower(k).ends_with("ly")
                && !self.lower(k).ends_with("ing")
                && name_at(k).is_none()
        };
        // (A preposition that a hyphen joins to the next word starts a compound noun, no
        // phrase: "sell single through-tariffs".)
        let compound = |k: usize| k + 2 < end && self.is_dash(k + 1) && self.tok(k + 1).joined && self.tok(k + 2).joined;
        let closes = |k: usize| k >= end || matches!(self.lower(k), "," | "." | ";" | "and" | "or") || (self.preposition(k).is_some() && !compound(k));
        let mut found = Vec::new();
        for k in s.tokens.start + 1..end.saturating_sub(2) {
            let word = self.lower(k);
            if !self.is(k, WordKinds::FRAME_CUE) || self.is_capitalised(k) || !self.lex.frames.is_goods_verb(word) {
                continue;
            }
            // (A good is no seller: "critical minerals supply chains" names no goods.)
            let after_subject = name_at(k - 1).is_some_and(|m| !matches!(m.target, Target::Adjective(_)) && m.class != EntityType::Commodity && m.last == k);
            let verbal = word.ends_with("ed") || word.ends_with("ing") || self.lex.frames.is_past_verb(word);
            let auxiliary = self.lower(k - 1) == "to" || self.is(k - 1, WordKinds::VERB_GROUP);
            if self.is(k - 1, WordKinds::DETERMINER) || !(after_subject || verbal || auxiliary) {
                continue;
            }
            let mut j = self.past_quantity(k + 1, end);
            while j < end {
                match name_at(j) {
                    Some(m) if m.first == j && m.class == EntityType::Commodity => j = m.last,
                    Some(_) => break,
                    None => {
                        let mut last = j;
                        while last - j < 3 && good_word(last) {
                            last += 1;
                        }
                        // "exports goods such as cars and chips", "sells products, including
                        // cosmetics": a head that names no good alone (`goods_heads.csv`) is
                        // none; the examples after it are.
                        let generic = last == j + 1 && self.is(j, WordKinds::GOODS_HEAD) && !self.is(j, WordKinds::GOODS_ALONE);
                        if generic {
                            match self.examples_after(last, end) {
                                Some(first) => {
                                    j = first;
                                    continue;
                                }
                                None => break,
                            }
                        }
                        if last == j || !closes(last) {
                            break;
                        }
                        found.push(Mention { first: j, last, class: EntityType::Commodity, target: Target::Unknown, surface: self.surface(j, last), titled: false, short: None });
                        j = last;
                    }
                }
                // The list goes on past a comma and "and" or "or".
                let comma = j < end && self.lower(j) == ",";
                j += usize::from(comma);
                let joined = j < end && matches!(self.lower(j), "and" | "or");
                j += usize::from(joined);
                if !(comma || joined) {
                    break;
                }
            }
        }
        mentions.extend(found);
        mentions.sort_by_key(|m| m.first);
    }

    /// The first token after an example marker ("such as", ", including": `lexicon/example_markers.txt`)
    /// that starts at token `at`, past its comma.
    pub(super) fn examples_after(&self, at: usize, end: usize) -> Option<usize> {
        let at = if at < end && self.lower(at) == "," { at + 1 } else { at };
        self.lex.frames.example_markers().iter().find(|marker| at + marker.len() < end && self.words_at(at, marker)).map(|marker| at + marker.len())
    }

    /// The token after a quantity and its "of" that starts at `from` ("record volumes of",
    /// "millions of tonnes of", "500,000 tonnes of": numbers, scales, units and
    /// `lexicon/quantity_nouns.txt`, one word before a quantity noun), else `from`.
    fn past_quantity(&self, from: usize, end: usize) -> usize {
        let quantity_noun = |t: usize| t < end && self.lex.quantity_nouns.contains(self.lower(t));
        let (mut t, mut counted, mut after_of) = (from, false, from);
        while t < end && t < from + 8 {
            let word = self.lower(t);
            if word == "of" && counted {
                after_of = t + 1;
            } else if self.tok(t).kind == TokenKind::Number || self.lex.amount_scales.contains(word) || self.lex.amount_units.contains(word) || quantity_noun(t) {
                counted = true;
            } else if !(matches!(word, "a" | "an") || (self.is_plain_word(t) && quantity_noun(t + 1))) {
                break;
            }
            t += 1;
        }
        after_of
    }

    /// "uranium concentrate", "copper cathodes": a known good right before a noun naming a
    /// form of it (`lexicon/goods_forms.txt`) is that good, named so here (an alias).
    fn good_forms(&self, s: &Sentence, mentions: &mut [Mention]) {
        for m in mentions.iter_mut().filter(|m| m.class == EntityType::Commodity && matches!(m.target, Target::Known(_))) {
            if m.last < s.tokens.end && self.tok(m.last).kind == TokenKind::Word && !self.is_capitalised(m.last) && self.lex.goods_forms.contains(self.lower(m.last)) {
                m.last += 1;
                m.surface = self.surface(m.first, m.last);
            }
        }
    }

    /// "Aframax tankers", "K9 howitzers", "Su-35 fighters", "Arc7 carriers": the start of a
    /// model's designation right before token `at` (a capitalised word that is no ordinary
    /// word and no mention, or a code of letters and digits), if one is there.
    fn designation_before(&self, s: &Sentence, at: usize, mentions: &[Mention]) -> Option<usize> {
        let covered = |k: usize| mentions.iter().any(|m| m.first <= k && k < m.last && !self.is_designation(m));
        let mut first = at;
        // A code: "Su-35", "T-90", "K9", "Arc7", "Su-30MK2" (letters, a joined dash, digits).
        while first > s.tokens.start && at - first < 4 && !covered(first - 1) {
            let k = first - 1;
            let code_part = match self.tok(k).kind {
                TokenKind::Number => self.tok(k).joined || k == at - 1,
                // ("F-15EX": letters joined to the number before them are the code's too.)
                TokenKind::Word => {
                    self.has_digit(k) || (self.is_capitalised(k) && first < at && self.is_dash(first)) || (self.tok(k).joined && k > s.tokens.start && self.tok(k - 1).kind == TokenKind::Number)
                }
                TokenKind::Punct => self.is_dash(k) && self.tok(k).joined && first < at,
            };
            if !code_part {
                break;
            }
            first = k;
        }
        let code = first < at && (first..at).any(|k| self.has_digit(k)) && self.tok(first).kind == TokenKind::Word;
        if code {
            return Some(first);
        }
        // A name: "Aframax", not "Russian" (a mention) or "New" (an ordinary word).
        let k = at.checked_sub(1)?;
        let name = k >= s.tokens.start && self.tok(k).kind == TokenKind::Word && self.is_capitalised(k) && !self.is(k, WordKinds::ORDINARY) && !covered(k) && !self.is_acronym(k);
        // (Only asked of a name, which is inside the sentence: `k - 1` may be before it.)
        let alone = || k <= s.tokens.start || !self.is_capitalised(k - 1);
        (name && alone()).then_some(k)
    }

    /// A lowercase term in quotation marks named as a project or initiative: `a "gas bridge"`
    /// (the term ends in a head, `typing/heads.csv`; up to five words), `a "double-freeze" approach`, `its "kill
    /// chain" preemptive strike platform` (up to three lowercase words and a head follow it).
    /// The quotes say the words are a name; the head says of what. The term alone is an alias.
    fn quoted_terms(&self, s: &Sentence, mentions: &mut Vec<Mention>) {
        let is_quote = |k: usize| matches!(self.raw(k), "\"" | "\u{201c}" | "\u{201d}");
        let plain = |k: usize| self.is_plain_word(k);
        // The class a head ending at token `last` gives, if it names an undertaking.
        let head_class = |last: usize, first: usize| self.head_class_ending_at(first, last).filter(|class| matches!(class, EntityType::Project | EntityType::Initiative));
        let mut found = Vec::new();
        let mut k = s.tokens.start;
        while k + 2 < s.tokens.end {
            if !is_quote(k) {
                k += 1;
                continue;
            }
            // The quoted words: one to three, lowercase (hyphens inside), then the closing quote;
            // up to five when they end in the head themselves (`a "critical minerals supply chain
            // partnership"`).
            let first = k + 1;
            let mut close = first;
            while close < s.tokens.end && close - first < 9 && (plain(close) || self.lower(close) == "-") {
                close += 1;
            }
            let words = (first..close).filter(|&j| self.lower(j) != "-").count();
            let taken = mentions.iter().any(|m| m.class != EntityType::Commodity && m.first < close && first < m.last);
            // (`the construction of a “gas bridge.”`: a period or comma may stand inside the quotes.)
            let closes = |j: usize| j < s.tokens.end && (is_quote(j) || (matches!(self.raw(j), "." | ",") && j + 1 < self.text.tokens.len() && is_quote(j + 1)));
            let inside = head_class(close - 1, first).map(|class| (class, close - 1));
            let most = if inside.is_some() { 5 } else { 3 };
            if close == first || !closes(close) || !(1..=most).contains(&words) || taken {
                k = close.max(k + 1);
                continue;
            }
            let term = self.surface(first, close);
            let after = (close + 1..s.tokens.end.min(close + 5)).take_while(|&j| plain(j)).find_map(|j| head_class(j, close + 1).map(|class| (class, j)));
            if let Some((class, head)) = after.or(inside) {
                let surface = if head < close { term.clone() } else { format!("{term} {}", self.surface(close + 1, head + 1)) };
                let short = (head >= close).then_some(term);
                if !mentions.iter().any(|m| m.class != EntityType::Commodity && m.first <= head && close < m.last) {
                    found.push(Mention { first, last: head + 1, class, target: Target::Unknown, surface, titled: false, short });
                }
            }
            k = close + 1;
        }
        self.add_described(mentions, found);
    }

    /// The type of the head key (`typing/heads.csv`) made of the last two words ending at token
    /// `last`, else of that word alone; no word before `floor` is read.
    fn head_class_ending_at(&self, floor: usize, last: usize) -> Option<EntityType> {
        [3, 2, 1].into_iter().filter(|&n| last + 1 >= floor + n).find_map(|n| {
            let key = (last + 1 - n..=last).map(|k| self.lower(k)).collect::<Vec<_>>().join(" ");
            self.lex.heads.get(&key).map(|h| h.class)
        })
    }

    /// The end of the place cue ("city of", `place_cues.txt`) starting at token `k`, if one
    /// does and a word follows it before token `end`.
    pub(super) fn place_cue_at(&self, k: usize, end: usize) -> Option<usize> {
        self.lex.place_cues.iter().find_map(|cue| {
            let last = k + cue.len();
            (last < end && cue.iter().enumerate().all(|(n, w)| self.lower(k + n) == w)).then_some(last)
        })
    }

    /// The end of the hedge (`lexicon/approximators.txt`: "about", "up to") starting at
    /// token `k` when a number follows it: "about 20 million tonnes".
    pub(super) fn approximator_at(&self, k: usize) -> Option<usize> {
        self.lex.approximators.iter().find_map(|hedge| {
            let next = k + hedge.len();
            let number = next < self.text.tokens.len() && self.text.tokens[next].kind == TokenKind::Number;
            (number && hedge.iter().enumerate().all(|(n, w)| self.lower(k + n) == w)).then_some(next)
        })
    }

    /// The first word of a described phrase from token `first` to its head `head` past the
    /// measure it opens with ("a 21-km tunnel", "a $2 billion plant", "a 1 GW plant").
    pub(super) fn past_measure(&self, first: usize, head: usize) -> usize {
        let number = first + usize::from(self.lex.currencies.contains(self.lower(first)));
        // ("He paid the $" at the document's end: no number after the currency.)
        if number >= head || number >= self.text.tokens.len() || self.tok(number).kind != TokenKind::Number {
            return first;
        }
        let past = self.measure_end(number);
        if past < head {
            past
        } else {
            first
        }
    }

    /// The token after the measure whose number is token `number`: its scale words, a hyphen
    /// and one unit ("21-km", "300 km", "12 million-ton", "2 million tonnes").
    fn measure_end(&self, number: usize) -> usize {
        let within = |k: usize| k < self.text.tokens.len();
        let mut k = number + 1;
        while within(k) && self.lex.amount_scales.contains(self.lower(k)) {
            k += 1;
        }
        // ("a $2 billion steel plant": a scale with no unit after it.)
        if within(k) && self.raw(k) == "-" {
            k + 2
        } else if k == number + 1 || (within(k) && self.lex.amount_units.contains(self.lower(k))) {
            k + 1
        } else {
            k
        }
    }

    /// Token `k` is a unit of an amount (`lexicon/amount_units.txt`) right after a number of
    /// sentence `s`: "1 GW", "300 km".
    fn unit_after_number(&self, s: &Sentence, k: usize) -> bool {
        // ("a 500-MW plant": the number may be joined by a dash.)
        let number_at = |j: usize| j >= s.tokens.start && self.tok(j).kind == TokenKind::Number;
        let after = k > s.tokens.start && (number_at(k - 1) || (k > s.tokens.start + 1 && self.is_dash(k - 1) && number_at(k - 2)));
        after && self.lex.amount_units.contains(self.lower(k))
    }

    /// Token `at`, or the "the" right before it.
    fn before_article(&self, s: &Sentence, at: usize) -> usize {
        if at > s.tokens.start && self.lower(at - 1) == "the" {
            at - 1
        } else {
            at
        }
    }

    /// The first token of a described project whose head is token `head`: a determiner,
    /// up to four lowercase modifiers (a commodity among them) and a lowercase project head
    /// ("a cement plant", "the LNG shipment terminal"), not taken by another name.
    fn described_phrase(&self, s: &Sentence, head: usize, mentions: &[Mention], hyphens: bool) -> Option<usize> {
        let is_plain = |k: usize| self.is_plain_word(k);
        // A head key ends in a head's last word.
        if !is_plain(head) || !self.is(head, WordKinds::HEAD_LAST) {
            return None;
        }
        if !matches!(self.head_class_ending_at(s.tokens.start, head), Some(EntityType::Project)) {
            return None;
        }
        let commodity_at = |k: usize| mentions.iter().find(|m| m.class == EntityType::Commodity && m.first <= k && k < m.last);
        // "a 21-km tunnel", "a 300 km pipeline", "a 12 million-ton complex", "a $2 billion
        // plant", "a 1 GW plant": a measure is a modifier too.
        let number = |k: usize| k > s.tokens.start && self.tok(k - 1).kind == TokenKind::Number;
        let scaled = |k: usize| number(k) && self.lex.amount_scales.contains(self.lower(k));
        let currency = |k: usize| self.lex.currencies.contains(self.lower(k)) && k + 1 < head && self.tok(k + 1).kind == TokenKind::Number;
        // ("a 1 GW solar plant": a unit right after the number, whatever its case.)
        let unit = |k: usize| number(k) && self.tok(k).kind == TokenKind::Word && self.raw(k).len() <= 4 && !self.is(k, WordKinds::FUNCTION.with(WordKinds::DETERMINER));
        let measure = |k: usize| self.tok(k).kind == TokenKind::Number || scaled(k) || unit(k) || currency(k) || (self.raw(k) == "-" && (number(k) || (k > s.tokens.start + 1 && scaled(k - 1))));
        // "a Korean-backed plant", "a Chinese-built terminal": a name, a hyphen and a plain
        // word modify the head too.
        let name_compound = |k: usize| (k >= s.tokens.start + 2 && is_plain(k) && self.is_dash(k - 1)).then(|| mentions.iter().find(|m| m.last == k - 1).map(|m| m.first)).flatten();
        // "a ferry and cargo terminal", "an oil and gas pipeline": plain words joined by "and".
        let joined = |k: usize| k > s.tokens.start + 1 && k < head && self.lower(k) == "and" && (is_plain(k - 1) || commodity_at(k - 1).is_some());
        // ("Tanzania's standard-gauge railway": plain words joined by a hyphen, with `hyphens`.)
        let hyphen = |k: usize| hyphens && k > s.tokens.start + 1 && self.is_dash(k) && self.tok(k).joined && is_plain(k - 1);
        let mut first = head;
        while first > s.tokens.start && head - first < 6 {
            match commodity_at(first - 1) {
                Some(c) if c.last == first => first = c.first,
                _ if joined(first - 1) || hyphen(first - 1) => first -= 1,
                _ => match name_compound(first - 1) {
                    Some(name) => first = name,
                    None if is_plain(first - 1) || measure(first - 1) => first -= 1,
                    None => break,
                },
            }
        }
        // "a plant", "the plant", "Hyundai's plant" (not "its plant in Gliwice": a firm's own
        // works, seldom a project of the story).
        let determined = first > s.tokens.start && matches!(self.lower(first - 1), "a" | "an" | "the" | "'s" | "'");
        // "a new plant": vague modifiers do not name it.
        while first < head && self.lex.vague_modifiers.contains(self.lower(first)) {
            first += 1;
        }
        let taken = mentions.iter().any(|m| m.first <= head && first < m.last && m.class != EntityType::Commodity && !matches!(m.target, Target::Adjective(_)));
        (determined && !taken).then_some(first)
    }

    /// "Tanzania's standard-gauge railway", "Uzbekistan's first nuclear power plant": a
    /// state's possessive before a described project of one modifier or more names it (the
    /// state's name and the phrase, vague modifiers left out).
    fn owned_projects(&self, s: &Sentence, mentions: &mut Vec<Mention>) {
        let mut found = Vec::new();
        for head in s.tokens.start + 3..s.tokens.end {
            if self.lower(head).ends_with('s') || mentions.iter().any(|m| m.first <= head && head < m.last) {
                continue;
            }
            let Some(first) = self.described_phrase(s, head, mentions, true) else { continue };
            // ("Russia's largest refinery" ranks one named elsewhere.)
            if (first..head).any(|k| self.lower(k).len() > 5 && self.lower(k).ends_with("est")) {
                continue;
            }
            let at = (s.tokens.start + 2..=first).rev().find(|&k| self.lower(k - 1) == "'s" || !self.lex.vague_modifiers.contains(self.lower(k - 1)));
            let Some(owner) = at.filter(|&k| k < head && self.lower(k - 1) == "'s").and_then(|k| mentions.iter().find(|m| m.last == k - 1)) else { continue };
            if owner.class != EntityType::Country || !matches!(owner.target, Target::Known(_)) {
                continue;
            }
            let surface = format!("{} {}", owner.surface, self.surface(first, head + 1));
            found.push(Mention { first, last: head + 1, class: EntityType::Project, target: Target::Unknown, surface, titled: false, short: Some(self.surface(owner.first, head + 1)) });
        }
        self.add_described(mentions, found);
    }

    /// "Russia's Foreign Ministry", "Moscow's Ministry of Foreign Affairs": a body named only
    /// by ordinary words after a state's possessive is that state's, named with its adjective
    /// ("Russian Foreign Ministry", the words alone its alias), so the ministries of two
    /// states stay two entities.
    fn owned_bodies(&self, mentions: &mut [Mention]) {
        let gazetteer = &self.lex.gazetteer;
        for i in 1..mentions.len() {
            let (before, rest) = mentions.split_at_mut(i);
            let (owner, body) = (&before[i - 1], &mut rest[0]);
            let generic = body.class == EntityType::Organization && matches!(body.target, Target::Unknown) && (body.first..body.last).all(|k| self.is(k, WordKinds::ORDINARY));
            let owned = owner.last + 1 == body.first && self.lower(owner.last) == "'s" && owner.class == EntityType::Country;
            let entry = match owner.target {
                Target::Known(entry) | Target::Capital(entry) if generic && owned => entry,
                _ => continue,
            };
            if let Some(adjective) = &gazetteer.entries[entry].adjective {
                body.short = Some(body.surface.clone());
                body.surface = format!("{adjective} {}", body.surface);
            }
        }
    }

    /// Adds described projects to `mentions`: commodities inside one are part of its name.
    fn add_described(&self, mentions: &mut Vec<Mention>, found: Vec<Mention>) {
        replace_covered(mentions, found, |m, p| m.class == EntityType::Commodity && p.first <= m.first && m.last <= p.last);
    }

    /// Longest gazetteer matches, left to right.
    fn gazetteer_matches(&self, s: &Sentence, headline: bool) -> Vec<Known> {
        let gaz = &self.lex.gazetteer;
        let mut out = Vec::new();
        let mut i = s.tokens.start;
        while i < s.tokens.end {
            // Most words start no known name: no key to look up.
            let Some(skipped) = self.facts[i..s.tokens.end].iter().position(|f| f.word.kinds.any(WordKinds::NAME_START)) else { break };
            i += skipped;
            // A proper name written in lowercase ("to erode ties") is an ordinary word; one
            // word in capitals is an acronym, not a place the gazetteer writes in lower case
            // ("KABIL" is no "Kabil"), unless it is a dateline's ("KITWE –", "MOSCOW,"); firms
            // are often written in capitals ("LOTTE", "GAZPROM").
            let lowercase_text = self.raw(i).chars().next().is_some_and(char::is_lowercase);
            let dateline = i == s.tokens.start && i + 1 < s.tokens.end && (self.is_dash(i + 1) || self.lower(i + 1) == ",");
            let acronym_text = !dateline && !headline && self.is_acronym(i);
            let mut key = 0;
            let mut best: Option<(usize, Target, EntityType)> = None;
            for j in i..s.tokens.end.min(i + gaz.max_tokens) {
                // The key of the first word is known from the word table.
                let next = if j == i { self.facts[i].word.name_key().map(|k| (k, gaz.key(k))) } else { self.facts[j].word.name_word().and_then(|word| gaz.longer_key(key, word)) };
                let Some((longer, found)) = next else { break };
                key = longer;
                let common_opener = j == i && (i == s.tokens.start || headline) && self.is(i, WordKinds::ORDINARY);
                for name in &found.names {
                    // (Asked only of lowercase text: reading the name's text is a cache miss.)
                    let proper = || name.surface.chars().next().is_some_and(char::is_uppercase);
                    let surface = || &self.body[self.tok(i).start..self.tok(j).end];
                    let written_lower = || gaz.entries[name.entry].class == EntityType::Place && name.surface.chars().any(char::is_lowercase);
                    if common_opener || (lowercase_text && proper()) || (acronym_text && j == i && written_lower()) || (name.case_sensitive && !same_letters(&name.surface, surface())) {
                        continue;
                    }
                    let entry = &gaz.entries[name.entry];
                    let target = match name.kind {
                        NameKind::Label | NameKind::Alias | NameKind::Metonym => Target::Known(name.entry),
                        NameKind::Capital => Target::Capital(name.entry),
                        NameKind::Adjective => Target::Adjective(name.entry),
                    };
                    // Prefer a real name over a capital or adjective reading of the same words.
                    // Same words, several readings: a capital beats the city (the metonym rule
                    // decides later), a real name beats an adjective.
                    let rank = |t: &Target, class: EntityType| match t {
                        Target::Capital(_) => 3,
                        Target::Known(_) if class != EntityType::Place => 2,
                        Target::Known(_) => 1,
                        _ => 0,
                    };
                    let better = match &best {
                        None => true,
                        Some((end, t, k)) => j + 1 > *end || (j + 1 == *end && rank(&target, entry.class) > rank(t, *k)),
                    };
                    if better {
                        best = Some((j + 1, target, entry.class));
                    }
                }
                if !found.is_prefix {
                    break;
                }
            }
            // "US$1.2 billion", "the US dollar": a currency, not the state.
            let currency = |end: usize| end < s.tokens.end && ((self.lower(end) == "$" && self.tok(end).joined) || matches!(self.lower(end), "dollar" | "dollars"));
            // "Kara-Suu", "Dostyk-Moyynty": a known place joined by a hyphen to a capitalised
            // word that starts no known name is a fragment of an unknown name.
            let name_word = |k: usize| self.is_capitalised(k) && !self.facts[k].word.kinds.any(WordKinds::NAME_START);
            let hyphened = |end: usize| {
                let after = end + 1 < s.tokens.end && self.inner_dash(end) && name_word(end + 1);
                let before = i >= s.tokens.start + 2 && self.inner_dash(i - 1) && name_word(i - 2);
                after || before
            };
            match best {
                Some((end, _, EntityType::Place)) if hyphened(end) => i = end,
                Some((end, _, EntityType::Country)) if currency(end) => i = end,
                Some((end, target, class)) => {
                    out.push(Known { first: i, last: end, class, target });
                    i = end;
                }
                None => i += 1,
            }
        }
        out
    }

    /// End of the capitalised run starting at `start`: capitalised words, numbers after
    /// them ("Primorye-2"), hyphen compounds ("Jae-in", "North-South") and connectors
    /// between capitalised words ("Institute for International Economic Policy").
    fn run_end(&self, start: usize, limit: usize) -> usize {
        let mut end = start + 1;
        loop {
            if end >= limit {
                return end;
            }
            let t = self.tok(end);
            if self.is_capitalised(end) {
                // "Norvik Tankers Ltd. Later …", "Tanaka Co. Chairman …": an abbreviated legal
                // form ends the name unless another follows ("Co. Ltd").
                if self.raw(end - 1).ends_with('.') && self.is_legal_form(end - 1) && !self.is_legal_form(end) {
                    return end;
                }
                end += 1;
                continue;
            }
            // "Government Holdings (Private) Ltd", "Hudong-Zhonghua Shipbuilding (Group) Co.":
            // a bracketed legal form or capitalised word before a legal form.
            if self.raw(end) == "(" && end + 3 < limit && (self.is_legal_form(end + 1) || (self.is_capitalised(end + 1) && self.tok(end + 1).kind == TokenKind::Word && !self.is_acronym(end + 1))) {
                // ("(Pvt.)": the dot may stand alone.)
                let close = if self.raw(end + 2) == "." { end + 3 } else { end + 2 };
                if close + 1 < limit && self.raw(close) == ")" && self.is_legal_form(close + 1) && self.is_capitalised(close + 1) {
                    end = close + 2;
                    continue;
                }
            }
            // "Tanaka & Co., Ltd.", "Calder Holdings, Inc.": a legal form after a comma.
            if self.lower(end) == "," && end + 1 < limit && self.is_legal_form(end + 1) && self.is_capitalised(end + 1) {
                end += 2;
                continue;
            }
            if self.is_dash(end)
                && t.joined
                && end + 1 < limit
                && self.tok(end + 1).joined
                && (self.is_capitalised(end + 1) || self.tok(end + 1).kind == TokenKind::Number || self.is(end + 1, WordKinds::KOREAN_SYLLABLE))
            {
                end += 2;
                continue;
            }
            // "People's Republic", "Workers' Party": a possessive of people inside a name.
            if self.is_inner_possessive(end) && end + 1 < limit && self.is_capitalised(end + 1) {
                end += 2;
                continue;
            }
            // "China Railway 20th Bureau Group": an ordinal (a number and its joined suffix)
            // between capitalised words.
            let suffix = |k: usize| k < limit && self.tok(k).joined && matches!(self.lower(k), "st" | "nd" | "rd" | "th");
            if t.kind == TokenKind::Number && suffix(end + 1) && end + 2 < limit && self.is_capitalised(end + 2) {
                end += 3;
                continue;
            }
            // "Primorye-2", "Nord Stream 2", "Arctic LNG 2": a short number ends a name (not a
            // share: "Orvik Holdings 20%").
            let share = end + 1 < limit && self.is_percent_at(end + 1);
            if t.kind == TokenKind::Number && !share && (t.joined || (self.raw(end).len() <= 2 && self.is_capitalised(end - 1))) {
                end += 1;
                continue;
            }
            // "Mohammed Shia al-Sudani", "Abdel Fattah el-Sisi": the Arabic article joined to a name.
            if matches!(self.lower(end), "al" | "el")
                && !self.is_capitalised(end)
                && end + 2 < limit
                && self.is_dash(end + 1)
                && self.tok(end + 1).joined
                && self.tok(end + 2).joined
                && self.is_capitalised(end + 2)
            {
                end += 3;
                continue;
            }
            if let Some(next) = (self.lower(end) == ",").then(|| self.portfolio_list_end(start, end, limit)).flatten() {
                end = next;
                continue;
            }
            if self.is_connector(end) && !t.joined {
                // Allow up to two connectors ("of the") before the next capitalised word.
                let mut k = end;
                while k < limit && k < end + 2 && self.is_connector(k) {
                    k += 1;
                }
                // "Samsung Electronics on Friday": a date is no part of a name.
                if k < limit && self.is_capitalised(k) && self.lower(end) != "the" && !self.is(k, WordKinds::DATE_WORD) {
                    end = k;
                    continue;
                }
            }
            return end;
        }
    }

    /// "Ministry of Ports, Shipping and Waterways", "Commission on Trade, Economic, Scientific,
    /// Technological and Cultural Cooperation": when the run `[start, comma)` ends in "of",
    /// "on" or "for" and ordinary capitalised words, the portfolio goes on past the comma
    /// as long as ordinary words joined by commas end with "and" and ordinary words ("the
    /// Ministry of Defence, Rosatom and Gazprom" is a list of names). Returns the run's new end.
    fn portfolio_list_end(&self, start: usize, comma: usize, limit: usize) -> Option<usize> {
        let ordinary = |k: usize| {
            let w = self.lower(k);
            // (Common words, plurals and adjectives: "Ports", "Technological".)
            self.is_capitalised(k) && !self.is_acronym(k) && (self.is(k, WordKinds::COMMON) || w.ends_with('s') || w.ends_with("al"))
        };
        let mut j = comma;
        while j > start && ordinary(j - 1) {
            j -= 1;
        }
        if j == comma || j <= start || !matches!(self.lower(j - 1), "of" | "on" | "for") {
            return None;
        }
        // The end of the ordinary words from `k`.
        let words_from = |mut k: usize| {
            while k < limit && ordinary(k) {
                k += 1;
            }
            k
        };
        let mut k = comma + 1;
        loop {
            let after = words_from(k);
            if after == k || after >= limit {
                return None;
            }
            match self.lower(after) {
                "," => k = after + 1,
                "and" | "&" => {
                    let last = words_from(after + 1);
                    return (last > after + 1).then_some(last);
                }
                _ => return None,
            }
        }
    }

    /// The capitalised runs of sentence `s` that no mention covers (`covered`), without their
    /// ordinary leading words ("The", "However"): names the finder could not type ("Sovtrans
    /// said …"), which may repeat a name the document gives elsewhere: `found(first, end)`.
    pub fn untyped_names(&self, s: &Sentence, covered: impl Fn(usize) -> bool, mut found: impl FnMut(usize, usize)) {
        let mut i = s.tokens.start;
        while i < s.tokens.end {
            if !self.is_capitalised(i) || covered(i) {
                i += 1;
                continue;
            }
            let mut end = i + 1;
            while end < s.tokens.end && !covered(end) && (self.is_capitalised(end) || (self.is_dash(end) && end + 1 < s.tokens.end && self.tok(end).joined && self.is_capitalised(end + 1))) {
                end += if self.is_capitalised(end) { 1 } else { 2 };
            }
            let first = (i..end).find(|&k| !self.is(k, WordKinds::ORDINARY)).unwrap_or(end);
            if first < end {
                found(first, end);
            }
            i = end;
        }
    }

    /// Whether token `at` is a legal form ("Ltd.", "PJSC": `Lexicon::legal_forms`).
    fn is_legal_form(&self, at: usize) -> bool {
        is_legal_form(self.raw(at), &self.lex.legal_forms)
    }

    /// Token `at` is "'s" after "People" or "'" after a capitalised plural common word
    /// ("Workers'"): a possessive that belongs inside a name, unlike "Russia's".
    fn is_inner_possessive(&self, at: usize) -> bool {
        let before = at - 1;
        self.tok(at).joined
            && self.is_capitalised(before)
            && match self.lower(at) {
                "'s" => self.lower(before) == "people",
                "'" => self.lower(before).ends_with('s') && self.is(before, WordKinds::COMMON),
                _ => false,
            }
    }

    /// Splits one capitalised run into mentions: known names, titles, adjectives and
    /// unknown names, then types the unknown ones.
    fn run_mentions(&self, s: &Sentence, start: usize, end: usize, headline: bool, known: &[Known], out: &mut Vec<Mention>) {
        if end < s.tokens.end && self.spelled_legal_form(start, end) {
            return;
        }
        let inside = within(known, start, end);
        let mut i = start;
        let mut titled = i > s.tokens.start && self.title_ending_at(s.tokens.start, i).is_some();
        // Peel sentence-initial common words, titles and adjectives from the front.
        loop {
            if i >= end {
                return;
            }
            // (And a number a peeled word had: "Unit 3 of the Tarsk plant" names no "3 of …".)
            if i > start && self.tok(i).kind == TokenKind::Number {
                i += 1;
                continue;
            }
            if let Some(m) = inside.iter().find(|m| m.first == i) {
                if matches!(m.target, Target::Adjective(_)) {
                    // "Korean Institute for …" keeps its adjective when the rest is a typed body.
                    // The body ends at "and", unless only common words come before it: "Turkish
                    // Cooperation and Coordination Agency" is one body.
                    let and = (m.last..end).find(|&k| matches!(self.lower(k), "and" | "&"));
                    let body_end = and.filter(|&and| !(m.last..and).all(|k| self.is(k, WordKinds::COMMON))).unwrap_or(end);
                    // A firm's or body's name may count the adjective as one of its words:
                    // "Turkish Airlines", "the Peruvian Navy" (not "Russian Embassy", nor
                    // "the Russian Government": the state's).
                    // (`at` is where the head ends.)
                    let body = |class: EntityType, at: usize| {
                        class == EntityType::Company || (class == EntityType::Organization && self.state_noun_at(at - 1, at).is_none() && !self.lex.seated_missions.contains(self.lower(at - 1)))
                    };
                    let firm = || self.head_at(m.first, body_end).filter(|&(class, at)| body(class, at) && at > m.last).map(|(class, _)| class);
                    let body_head = self.head_at(m.last, body_end);
                    let body_type = body_head.map(|(class, _)| class).or_else(firm);
                    // (A good's name may follow it: "Tajik Aluminum Company".)
                    let apart = |k: &Known| k.first > m.last || k.last <= m.last || k.class == EntityType::Commodity;
                    // ("Russian AGR Holding": not before a word of a name of its own, an acronym
                    // or a word no dictionary has.)
                    let own_name_after = m.last < end
                        && self.tok(m.last).kind == TokenKind::Word
                        && !inside.iter().any(|k| k.first == m.last)
                        && (self.is_acronym(m.last) || !self.is(m.last, WordKinds::ORDINARY))
                        && body_head.is_some_and(|(_, at)| at > m.last + 1);
                    if m.last < end && body_type.is_some_and(|t| t != EntityType::Person) && !self.starts_with_title(m.last, end) && inside.iter().all(apart) && !own_name_after {
                        break;
                    }
                    out.push(self.known_mention(m, false));
                    i = m.last;
                    continue;
                }
                // A state before a title that ends the run is the title's ("U.S. Ambassador to
                // Japan Rahm Emanuel"); one after a title's "to" is where it serves, and a name
                // after it is the holder's ("ambassador to Russia Venkatesh Varma").
                if m.class == EntityType::Country && m.last < end {
                    let title_ends_run = self.title_at(m.last, end) == Some(end);
                    let served = i >= s.tokens.start + 2 && self.lower(i - 1) == "to" && self.title_ending_at(s.tokens.start, i - 1).is_some();
                    if title_ends_run || served {
                        out.push(self.known_mention(m, false));
                        titled |= served;
                        i = m.last;
                        continue;
                    }
                }
                break;
            }
            if let Some(t_end) = self.title_in_run(i, end) {
                // "Minister of Agriculture": a portfolio after the title, not a person.
                titled = !matches!(self.lower(t_end.min(end - 1)), "of" | "for");
                i = t_end;
                // "Deputy Prime Minister and Defence Minister": two titles of one person.
                if self.title_after_and(i, end).is_some() {
                    i += 1;
                }
                continue;
            }
            let lower = self.lower(i);
            let sentence_initial = i == s.tokens.start || (matches!(self.raw(i - 1), "\"" | "“" | "(" | "‘" | "'" | ":" | "—") && self.lower(i - 1) != "'s");
            // ("Lake Balkhash is shrinking": a place prefix starts the name.)
            let place_prefix = i + 1 < end && (self.lex.place_prefixes.contains(lower) || self.firm_prefix_at(i, end));
            // ("Cargoes would be carried": a lone word the document writes in lowercase too.)
            let lowercase_elsewhere = || sentence_initial && i + 1 == end && self.written_lowercase(i);
            // ("Golden Ocean Shipping owns …": a common first word of a firm's name that ends
            // in the firm's head or legal form, no known name inside, is the name's; a
            // participle is not: "Sanctioned Sovcomflot Shipping".)
            let firm_word = || {
                !headline
                    && end - i >= 2
                    && self.is_capitalised(i + 1)
                    && !self.is(i, WordKinds::FUNCTION)
                    && !self.is_common_plural(i)
                    && !lower.ends_with("ed")
                    // ("Coal India Ltd": a state's or place's name may be among its words.)
                    && inside.iter().all(|m| matches!(m.class, EntityType::Country | EntityType::Place) && matches!(m.target, Target::Known(_)))
                    && !self.is(i, WordKinds::DATE_WORD)
                    && (self.legal_form_at_edge(i, end) || self.head_type(i, end) == Some(EntityType::Company))
            };
            // ("Grand Faw Port, which …" after "the Grand Faw Port": a pair the document
            // writes capitalised inside a sentence starts the name here too.)
            let named_elsewhere = || !headline && i + 1 < end && self.capitalised_pair_elsewhere(i);
            if (sentence_initial || headline)
                && (self.is(i, WordKinds::ORDINARY) || self.is_common_plural(i) || lowercase_elsewhere())
                && !self.is_acronym(i)
                && !place_prefix
                && !firm_word()
                && !named_elsewhere()
            {
                i += 1;
                continue;
            }
            // ("Russia's Finance Ministry", "the Health Ministry": a word that names nothing
            // alone starts a body's name its head ends; a firm's only inside a sentence:
            // "Yesterday Tanaka Corp. won".)
            let body_head = || {
                end - i >= 2
                    && match self.head_type(i, end) {
                        Some(EntityType::Organization) => true,
                        Some(EntityType::Company) => i > s.tokens.start,
                        _ => false,
                    }
            };
            // ("in New Carlisle, Indiana": a capitalised headline word inside a sentence, before
            // a name word, opens the name; not a date: "on Monday Gazprom said".)
            let opens_name = || {
                !headline
                    && !sentence_initial
                    // (After an abbreviation's full stop a sentence may begin: "Norvik Tankers
                    // Ltd. Later Norvik said".)
                    && !self.raw(i - 1).ends_with('.')
                    && i + 1 < end
                    && self.is(i, WordKinds::NON_NAME)
                    && !self.is(i, WordKinds::DATE_WORD)
                    && self.tok(i).kind == TokenKind::Word
                    && self.is_capitalised(i + 1)
                    && !self.is(i + 1, WordKinds::ORDINARY)
            };
            // ("a 1 GW plant": a unit after a number is no name.)
            if self.unit_after_number(s, i) || ((self.is(i, WordKinds::NON_NAME) || self.is_connector(i)) && self.spelled_by_acronym_after(s, i, end) != Some(i) && !body_head() && !opens_name()) {
                i += 1;
                continue;
            }
            break;
        }
        // In headlines, capitalised common words break names apart.
        if headline {
            let mut k = i;
            while k < end {
                let piece_end = (k..end).find(|&j| self.is(j, WordKinds::ORDINARY) && !inside.iter().any(|m| j >= m.first && j < m.last)).unwrap_or(end);
                if piece_end > k {
                    self.typed_pieces(s, k, piece_end, false, inside, out);
                }
                k = piece_end + 1;
            }
            return;
        }
        // "Uzbekistan's transport minister, Ilko Varnas, said": a name set off by commas right
        // after a title is the person holding it (typed as titled, but the title is not in
        // the mention: `constructions.rs` reads the apposition).
        let titled_apart = !titled && i == start && self.ends_phrase(end, s.tokens.end) && i >= s.tokens.start + 2 && self.lower(i - 1) == "," && self.title_ending_at(s.tokens.start, i - 1).is_some();
        let from = out.len();
        self.typed_pieces(s, i, end, titled || titled_apart, inside, out);
        if titled_apart {
            out[from..].iter_mut().for_each(|m| m.titled = false);
        }
    }

    /// The tokens `[start, end)` of a run after peeling: a whole new name when it has a
    /// typed head beyond its known parts, else the known names and the unknown rest.
    fn typed_pieces(&self, s: &Sentence, start: usize, end: usize, titled: bool, inside: &[Known], out: &mut Vec<Mention>) {
        let (mut start, mut end) = (start, end);
        while end > start && (self.is_connector(end - 1) || self.is_dash(end - 1)) {
            end -= 1;
        }
        while start < end && self.is_connector(start) && !self.is_capitalised(start) {
            start += 1;
        }
        // "Secretary of Commerce Howard Lutnick and Secretary of the Navy John Phelan": "and"
        // before a title joins two titled people, not the words of one name.
        // So does "and" before a body's name and a title ("Chang In-hwa and JSW Group Chairman
        // Sajjan Jindal").
        let body_title = |k: usize| (k + 2..end.min(k + 5)).any(|j| self.title_at(j, end).is_some() && matches!(self.head_type(k + 1, j), Some(EntityType::Company | EntityType::Organization)));
        if let Some(and) =
            (start + 1..end).find(|&k| self.lower(k) == "and" && !self.is_capitalised(k) && !inside.iter().any(|m| m.first < k && k < m.last) && (self.title_at(k + 1, end).is_some() || body_title(k)))
        {
            self.typed_pieces(s, start, and, titled, inside, out);
            self.typed_pieces(s, and + 1, end, false, inside, out);
            return;
        }
        // A title inside a run ("APLN Vice Chair Chung-in Moon") starts a titled name.
        let mut titled = titled;
        if !inside.iter().any(|m| m.first == start) && self.title_in_run(start, end).is_some_and(|t| t < end) {
            while let Some(t_end) = self.title_in_run(start, end).filter(|&t| t < end) {
                titled = true;
                start = t_end;
                // ("the U.S. Secretary of Commerce, Howard Lutnick,": a one-word portfolio
                // after "of" ends the run; it is no name of the person.)
                if start + 2 == end && matches!(self.lower(start), "of" | "for") {
                    return;
                }
                // ("Aramco President and CEO Amin H. Nasser": two titles of one person; "Amin
                // Nasser, Aramco President and CEO,": titles and no name after them.)
                match self.title_after_and(start, end) {
                    Some(t) if t < end => start += 1,
                    Some(_) => return,
                    None => {}
                }
            }
        } else if let Some(k) = (start + 1..end).find(|&k| {
            // (After an unknown word, only a person's name of plain words follows the title:
            // "Lufwanyama Member of Parliament Kampamba Mwape", not "Armed Forces General Staff".)
            let person_after = |t: usize| inside.iter().any(|m| m.first == start) || (t + 2 <= end && (t..end).all(|j| self.is_plain_name_word(j)));
            !inside.iter().any(|m| m.first < k && k < m.last) && self.title_at(k, end).is_some_and(|t| t < end && person_after(t))
        }) {
            self.typed_pieces(s, start, k, titled, inside, out);
            self.typed_pieces(s, k, end, false, inside, out);
            return;
        }
        if start >= end {
            return;
        }
        // "Governor Alexander Tsybulsky of Arkhangelsk Region": a titled person's name of plain
        // name words before "of" is the person's; what follows is where they hold the title.
        if titled {
            let of = (start + 2..end.saturating_sub(1)).find(|&k| self.lower(k) == "of");
            let person = |of: usize| (2..=4).contains(&(of - start)) && (start..of).all(|j| self.is_plain_name_word(j)) && !inside.iter().any(|m| m.first < of && start < m.last);
            if let Some(of) = of.filter(|&of| person(of)) {
                self.typed_pieces(s, start, of, true, inside, out);
                self.typed_pieces(s, of + 1, end, false, inside, out);
                return;
            }
        }
        let known = within(inside, start, end);
        if known.len() == 1 && known[0].first == start && known[0].last == end {
            out.push(self.known_mention(&known[0], titled));
            return;
        }
        if let Some(firm) = self.firm_of_known_name(s, start, end, known) {
            out.push(firm);
            return;
        }
        // "Federal Agency for Fisheries Ilya Shestakov", "Energy Ivan Petrov": a person's full
        // name after a body's name or a portfolio is a titled person of its own.
        // ("Trade Nguyen Hong Dien": a surname written first starts one too; "Jeyhun Bayramov
        // of Azerbaijan and Murat Nurtleu of Kazakhstan": no known name inside the person's.)
        // ("Minister of Economy, Trade and Industry Yoji Muto": after a portfolio's words with
        // a title shortly before, two or three name words no list holds are a person's too.)
        // ("Minister of Road and Transport Development B. Tuvshinjargal": an initial may open it.)
        // ("Minister of Trade, Industry and Energy Lee Min-ho": a hyphen and a joined syllable
        // go on the word before them.)
        let name_words = |k: usize| {
            let mut words = 0;
            let mut j = k;
            while j < end {
                if self.is_plain_name_word(j) || (j == k && self.is_initial(j)) {
                    words += 1;
                    j += 1;
                } else if j > k && j + 1 < end && self.is_dash(j) && self.tok(j).joined && self.tok(j + 1).joined && (self.is(j + 1, WordKinds::KOREAN_SYLLABLE) || self.is_capitalised(j + 1)) {
                    j += 2;
                } else {
                    return None;
                }
            }
            Some(words)
        };
        let plain_person = |k: usize| name_words(k).is_some_and(|n| (2..=3).contains(&n)) && self.is(k - 1, WordKinds::COMMON) && !self.is(k - 1, WordKinds::FUNCTION);
        let unknown_from = |k: usize| !known.iter().any(|m| m.first <= k && k < m.last) && !known.iter().any(|m| m.first > k && m.first < end);
        let person_at = (start + 1..end.saturating_sub(1))
            .find(|&k| {
                self.is(k, WordKinds::GIVEN_NAME.with(WordKinds::SURNAME_FIRST)) && self.is_capitalised(k) && !self.is(k, WordKinds::COMMON) && unknown_from(k) && self.looks_like_person(k, end)
            })
            .or_else(|| {
                // (Asked only when no listed name starts a person: most runs are not after a title.)
                let title_before = (start.saturating_sub(6).max(s.tokens.start)..start).any(|j| self.title_at(j, start).is_some());
                (start + 1..end.saturating_sub(1)).find(|&k| title_before && plain_person(k) && unknown_from(k))
            });
        // (Only after a body's or portfolio's words: "Luvsannamsrain Oyun-Erdene" is one name.)
        // ("Minister of Agriculture Ivan Tarsov": a title's portfolio is such words, listed or not.)
        let after_title = start >= s.tokens.start + 2 && matches!(self.lower(start - 1), "of" | "for") && self.title_ending_at(s.tokens.start, start - 1).is_some();
        let body_before = |k: usize| after_title || (start..k).any(|j| !self.is(j, WordKinds::FUNCTION) && (self.is(j, WordKinds::HEAD) || self.is(j, WordKinds::COMMON) || self.is_acronym(j)));
        // (After a title's "of", the run is one person only if it starts with a given name.)
        let one_person = (!after_title || self.is(start, WordKinds::GIVEN_NAME)) && self.looks_like_person(start, end);
        if let Some(k) = person_at.filter(|&k| !one_person && body_before(k)) {
            {
                // (A title's portfolio of common words names nothing: "Minister of Industry and
                // Construction Yersayin Nagaspayev"; "the Federal Agency for Fisheries" does.)
                if !(after_title && (start..k).all(|j| self.is(j, WordKinds::ORDINARY) || matches!(self.lower(j), "," | "&"))) {
                    self.typed_pieces(s, start, k, false, inside, out);
                }
                out.push(Mention { first: k, last: end, class: EntityType::Person, target: Target::Unknown, surface: self.surface(k, end), titled: true, short: None });
                return;
            }
        }
        // "Government of the Russian Federation": the state itself.
        if let [state] = known {
            if state.last == end && matches!(state.target, Target::Known(_)) && state.class == EntityType::Country && self.state_noun_of(start, state.first) {
                out.push(Mention { first: start, last: end, class: EntityType::Country, target: state.target.clone(), surface: self.surface(start, end), titled: false, short: None });
                return;
            }
        }
        // "Choi Tae-won of SK Group", "Kenichi Hori of Mitsui & Co.": a person's name before
        // "of" and a firm's or body's after it are two names (the person works there).
        if let Some(of) = (start + 2..end.saturating_sub(1)).find(|&k| self.lower(k) == "of" && !self.is_capitalised(k)) {
            let body_from = of + 1 + usize::from(self.lower(of + 1) == "the");
            let body = known.iter().any(|m| m.first == body_from && matches!(m.class, EntityType::Company | EntityType::Organization))
                || self.legal_form_at_edge(body_from, end)
                || matches!(self.head_type(body_from, end), Some(EntityType::Company | EntityType::Organization));
            let across = known.iter().any(|m| m.first < of && of < m.last);
            // ("Sergei Kaufman of Finam": one to three capitalised words the lists do not
            // know, after a person's name of a given name and a surname, are a firm's.)
            let unknown_firm = !body
                && known.is_empty()
                && (2..=3).contains(&(of - start))
                && (1..=3).contains(&(end - body_from))
                && (body_from..end).all(|k| self.is_capitalised(k) && !self.is(k, WordKinds::FUNCTION));
            let person = || self.looks_like_person(start, of) && (!unknown_firm || self.is(start, WordKinds::GIVEN_NAME));
            if (body || unknown_firm) && !across && known.iter().all(|m| m.first > of) && person() {
                out.push(Mention { first: start, last: of, class: EntityType::Person, target: Target::Unknown, surface: self.surface(start, of), titled, short: None });
                let before = out.len();
                self.typed_pieces(s, body_from, end, false, inside, out);
                if unknown_firm && out.len() == before {
                    out.push(Mention { first: body_from, last: end, class: EntityType::Company, target: Target::Unknown, surface: self.surface(body_from, end), titled: false, short: None });
                }
                return;
            }
        }
        // "Japan on the Kuril Islands", "Blagoveshchensk on the Amur River", "Anaklia on the
        // Black Sea", "in Astana for the Shanghai Cooperation Organisation summit": a known
        // name, or words with no head (as "Commission on Fisheries" has), right before "on"
        // or "for" is a name of its own, not the start of a longer one.
        if let Some(on) = (start + 1..end).find(|&k| matches!(self.lower(k), "on" | "for") && !self.is_capitalised(k)) {
            let headless = !(start..on).any(|j| self.is(j, WordKinds::HEAD));
            // ("Paradip Port on the Bay of Bengal": a place's head ends the place's name.)
            let place = self.head_at(start, on).is_some_and(|(class, _)| class == EntityType::Place);
            if headless || place || known.iter().any(|m| m.first == start && m.last == on && !matches!(m.target, Target::Adjective(_))) {
                self.typed_pieces(s, start, on, titled, inside, out);
                self.typed_pieces(s, on + 1, end, false, inside, out);
                return;
            }
        }
        // "Kazakhstan Temir Zholy (KTZ)", "Patriotic Front (PF)": the words an acronym in
        // brackets after the run spells are one name, whatever is known inside them.
        if let Some(first) = self.spelled_by_acronym_after(s, start, end).filter(|_| !(known.len() == 1 && known[0].first == start && known[0].last == end)) {
            if first > start {
                self.typed_pieces(s, start, first, titled, inside, out);
            }
            // ("PT Hyundai Motor Manufacturing Indonesia (HMMI)": the legal form before them too.)
            let legal_form = (first..end).any(|k| self.is_legal_form(k)) || (first > start && self.legal_form_at_edge(first - 1, end));
            let class = self
                .head_type(first, end)
                .map(|class| self.firm_agent_over_head(s, first, end, class))
                .or_else(|| legal_form.then_some(EntityType::Company))
                .or_else(|| self.context_type(s, first, end + 3))
                .unwrap_or(EntityType::Organization);
            out.push(Mention { first, last: end, class, target: Target::Unknown, surface: self.surface(first, end), titled: false, short: None });
            return;
        }
        let head_at = self.head_at(start, end);
        // "JSC Georgian Railway", "Azerbaijan Railways CJSC": a legal form at either edge makes
        // the run one firm's name, whatever its head word says.
        let head = if self.legal_form_at_edge(start, end) { Some(EntityType::Company) } else { head_at.map(|(class, _)| class) };
        // The whole run is one name when its head word types it, unless the head belongs to a
        // longer known name of another type (but "Committee on Trade of the Republic of
        // Moldova" is one name), or "and" joins two known names ("Russia and the EU").
        let seat_after_head = |m: &Known| self.is_seat(m) && head_at.is_some_and(|(_, at)| self.of_before(at, m.first).is_some());
        // ("Korea Institute of Geoscience and Mineral Resources": a good after the head's "of"
        // is the portfolio's.)
        let good_in_portfolio = |m: &Known| m.class == EntityType::Commodity && head_at.is_some_and(|(_, at)| at < m.first);
        let head_taken = known.iter().any(|m| m.last == end && m.last - m.first > 1 && Some(m.class) != head && !seat_after_head(m) && !good_in_portfolio(m));
        // "Korean Investment Corporation and RDIF": an adjective that is part of a name joins nothing.
        let named = |m: &&Known| !matches!(m.target, Target::Adjective(_));
        // ("Oil and Natural Gas Corporation": goods join the words of a firm's name.)
        let named = |m: &&Known| named(m) && !(head.is_some() && m.class == EntityType::Commodity);
        let and_joins_known =
            (start..end).filter(|&k| matches!(self.lower(k), "and" | "&")).any(|k| known.iter().filter(named).any(|m| m.last <= k) && known.iter().filter(named).any(|m| m.first > k));
        let and_joins_names = self.and_before_name(start, end, known);
        let whole_is_name = head.is_some() && end - start >= 2 && !head_taken && !and_joins_known && and_joins_names.is_none();
        // Not one name: coordinated names split at "and" ("Sochi and Vladivostok").
        if !whole_is_name {
            // "&" joins the words of one firm's name ("Larsen & Toubro") unless it joins known names.
            let splits_at = |k: usize| self.lower(k) == "and" || (self.lower(k) == "&" && and_joins_known);
            if let Some(and) = and_joins_names.or_else(|| (start + 1..end).find(|&k| splits_at(k) && !known.iter().any(|m| m.first < k && k < m.last))) {
                let before = out.len();
                self.typed_pieces(s, start, and, titled, inside, out);
                let left_found = out.len() > before;
                let after_left = out.len();
                self.typed_pieces(s, and + 1, end, false, inside, out);
                // "Norvik Tankers and Calder Shipping", "HD Hyundai and Huntington Ingalls": an
                // untyped name coordinated with a company or organisation is one too.
                if left_found != (out.len() > after_left) {
                    let (piece, partner) = if left_found { ((and, end), out.iter().rfind(|m| m.last == and)) } else { ((start, and + 1), out.get(before).filter(|m| m.first == and + 1)) };
                    let partner = partner.map(|m| (m.class, m.first, m.last));
                    let at = if left_found { out.len() } else { before };
                    if let Some(m) = self.coordinated_actor(piece.0, piece.1, partner) {
                        out.insert(at, m);
                    }
                }
                return;
            }
        }
        if whole_is_name || known.is_empty() {
            let head = head.map(|class| self.firm_agent_over_head(s, start, end, class));
            if let Some(class) = head.filter(|_| whole_is_name).or_else(|| self.type_unknown(s, start, end, titled)) {
                // "National Defence Commission of North Korea": the name is written with the
                // state or place it belongs to (kept as an alias), which stays a mention of its own.
                let seat = head_at.and_then(|(_, at)| {
                    known
                        .last()
                        .filter(|m| whole_is_name && m.last == end && self.is_seat(m))
                        .and_then(|m| self.of_before(at, m.first).filter(|&of| self.head_type(start, of).is_some()).map(|of| (of, m)))
                });
                let last = seat.map_or(end, |(of, _)| of);
                // ("the Baku Summit of Turkey, Azerbaijan and Kazakhstan": "of" that governs a
                // list of states names the parties, not the seat.)
                let list_after = end + 1 < s.tokens.end
                    && matches!(self.lower(end), "," | "and")
                    && self.gazetteer_names(end + 1, end + 2).iter().any(|n| self.lex.gazetteer.entries[n.entry].class == EntityType::Country);
                let (surface, short) = match seat {
                    Some(_) if list_after => (self.surface(start, last), None),
                    Some(_) => (self.surface(start, end), Some(self.surface(start, last))),
                    None => (self.surface(start, end), None),
                };
                out.push(Mention { first: start, last, class, target: Target::Unknown, surface, titled, short });
                out.extend(seat.map(|(_, m)| self.known_mention(m, false)));
            }
            return;
        }
        // "Électricité de France", "Petróleos de Venezuela", "Banco do Brasil": capitalised
        // words, a Romance particle and a known state or place make a firm's name.
        if let [place] = known {
            let particle = place.first >= start + 2 && matches!(self.lower(place.first - 1), "de" | "des" | "du" | "do" | "da" | "del");
            let words = (start..place.first.saturating_sub(1)).all(|k| self.is_capitalised(k) && !self.is(k, WordKinds::ORDINARY));
            if particle && words && place.last == end && matches!(place.class, EntityType::Country | EntityType::Place) {
                out.push(Mention { first: start, last: end, class: EntityType::Company, target: Target::Unknown, surface: self.surface(start, end), titled: false, short: None });
                return;
            }
        }
        // "LG Innotek", "Toyota Tsusho": a known firm's name and one or two name words no
        // list holds, ending the run, name another firm of its family.
        if let [firm] = known {
            let family = firm.first == start && firm.class == EntityType::Company && matches!(firm.target, Target::Known(_));
            let rest = (firm.last..end).len();
            if family && (1..=2).contains(&rest) && (firm.last..end).all(|k| self.is_plain_name_word(k) && !self.is(k, WordKinds::GIVEN_NAME)) {
                out.push(Mention { first: start, last: end, class: EntityType::Company, target: Target::Unknown, surface: self.surface(start, end), titled: false, short: None });
                return;
            }
            // "Tokyo Electron", "Kazakhstan Temir Zholy": a known place or state and one or two
            // name words no list holds (no person's), ending the run, name a firm or body of
            // it (not in a headline: "Russia Optimistic").
            let place_first = firm.first == start && matches!(firm.class, EntityType::Place | EntityType::Country) && matches!(firm.target, Target::Known(_) | Target::Capital(_));
            // ("Yamal Trade", "Arctic Express": a common word capitalised after the place is
            // a word of the name too.)
            let capitalised_common =
                |k: usize| self.is_capitalised(k) && self.is(k, WordKinds::COMMON) && !self.is(k, WordKinds::FUNCTION.with(WordKinds::HEAD)) && self.lower(k).chars().all(char::is_alphabetic);
            let name_words =
                (firm.last..end).all(|k| (self.is_plain_name_word(k) || capitalised_common(k)) && !self.is(k, WordKinds::GIVEN_NAME.with(WordKinds::SURNAME).with(WordKinds::SURNAME_FIRST)));
            // (Not a person's name after a title's "of": "Minister of Energy of Uzbekistan
            // Jurabek Mirzamakhmudov" is the state and the minister.)
            if place_first && (1..=2).contains(&rest) && name_words && !self.is_headline(s) && !(after_title && self.looks_like_person(firm.last, end)) {
                let class = self.context_type(s, start, end).filter(|&c| c == EntityType::Organization).unwrap_or(EntityType::Company);
                out.push(Mention { first: start, last: end, class, target: Target::Unknown, surface: self.surface(start, end), titled: false, short: None });
                return;
            }
        }
        // Known names inside, unknown pieces between them.
        let mut k = start;
        for (n, m) in known.iter().enumerate() {
            // "Tayyip Erdogan", "Vasily Nebenzya": a given name the gazetteer does not list,
            // right before a known person's name, is part of it; unless the known person's
            // name says otherwise: "Jill Biden", "M. K. Stalin" are other people.
            if let (EntityType::Person, Target::Known(entry)) = (m.class, &m.target) {
                if m.first > k && m.first - k <= 2 && (k..m.first).all(|j| self.is_plain_name_word(j) || self.is_initial(j)) {
                    let mut mention = self.known_mention(m, titled && k == start);
                    mention.first = k;
                    mention.surface = self.surface(k, m.last);
                    // (A given name or an initial, not any word: "Tsar Putin" is Putin.)
                    let given = self.is_initial(k) || self.is(k, WordKinds::GIVEN_NAME);
                    if given && !self.may_open_name_of(k, &self.lex.gazetteer.entries[*entry].label) {
                        mention.target = Target::Unknown;
                    }
                    out.push(mention);
                    k = m.last;
                    continue;
                }
            }
            // "Yangi Toshkent", "Novo Vostok": one name word no list holds, right before a
            // known place, names another place of that name.
            let unknown_word = |j: usize| self.is_plain_name_word(j) && !self.is(j, WordKinds::GIVEN_NAME.with(WordKinds::SURNAME).with(WordKinds::SURNAME_FIRST));
            if m.class == EntityType::Place && matches!(m.target, Target::Known(_)) && m.first == k + 1 && unknown_word(k) && self.tok(k).kind == TokenKind::Word {
                out.push(Mention { first: k, last: m.last, class: EntityType::Place, target: Target::Unknown, surface: self.surface(k, m.last), titled: false, short: None });
                k = m.last;
                continue;
            }
            if m.first > k {
                let before = out.len();
                self.typed_pieces(s, k, m.first, titled && k == start, &[], out);
                if out.len() == before {
                    let partner = |m: &Known| Some((m.class, m.first, m.last));
                    let found = self.coordinated_actor(k, m.first, partner(m)).or_else(|| self.coordinated_actor(k, m.first, known[..n].last().and_then(partner)));
                    out.extend(found);
                }
            }
            if !matches!(m.target, Target::Adjective(_)) || self.is_actor_noun_after(m.last) {
                // ("External Affairs Minister S. Jaishankar": a title among the run's words.)
                let title_in_run = m.class == EntityType::Person && m.first > k && self.title_before(k, m.first).is_some();
                out.push(self.known_mention(m, titled && m.first == start || title_in_run));
            }
            k = m.last;
        }
        if k < end {
            let before = out.len();
            // ("Minister of Energy of Uzbekistan Jurabek Mirzamakhmudov": after a title's "of"
            // and its state, the name is the titled person's.)
            let state_after_title = after_title && matches!(known, [m] if m.first == start && m.class == EntityType::Country) && self.looks_like_person(k, end);
            self.typed_pieces(s, k, end, state_after_title, &[], out);
            if out.len() == before {
                out.extend(self.coordinated_actor(k, end, known.last().map(|m| (m.class, m.first, m.last))));
            }
        }
    }

    /// An acronym in brackets starts at token `at`, before `limit`: "(KTZ)".
    fn bracketed_acronym_at(&self, at: usize, limit: usize) -> bool {
        at + 2 < limit && self.raw(at) == "(" && self.raw(at + 2) == ")" && self.is_acronym(at + 1)
    }

    /// The first token of the words of `[start, end)` whose initials an acronym in brackets
    /// right after spells, two words or more, connectors skipped ("Fábrica de Armas y
    /// Municiones del Ejército (FAME)").
    fn spelled_by_acronym_after(&self, s: &Sentence, start: usize, end: usize) -> Option<usize> {
        if !self.bracketed_acronym_at(end, s.tokens.end) {
            return None;
        }
        let mut letters = self.raw(end + 1).chars().filter(|c| c.is_alphabetic()).rev().peekable();
        let mut first = None;
        // ("… Ejército S.A.C. (FAME)": legal forms after the words are not spelled.)
        let words_end = (start..end).rev().find(|&k| !self.is_legal_form(k) && self.raw(k) != ",").map_or(start, |k| k + 1);
        for k in (start..words_end).rev() {
            if self.is_connector(k) && !self.is_capitalised(k) || self.is_dash(k) {
                continue;
            }
            let initial = self.raw(k).chars().next()?;
            if letters.next_if(|&c| c == initial).is_none() || !self.is_capitalised(k) {
                return None;
            }
            first = Some(k);
            if letters.peek().is_none() {
                break;
            }
        }
        first.filter(|&k| letters.peek().is_none() && words_end - k >= 2)
    }

    /// "HD Hyundai and Huntington Ingalls": the unknown name of tokens `[start, end)` (with
    /// the "and" that joins it to `partner`, a mention's class and span) when the partner is a
    /// company or organisation: a name of the same class. "Chang In-hwa and Sajjan Jindal":
    /// two or three plain capitalised words with no head beside a person name a person.
    fn coordinated_actor(&self, start: usize, end: usize, partner: Option<(EntityType, usize, usize)>) -> Option<Mention> {
        let (class, p_first, p_last) = partner.filter(|p| matches!(p.0, EntityType::Company | EntityType::Organization | EntityType::Person))?;
        let is_and = |k: usize| matches!(self.lower(k), "and" | "&");
        let (mut first, mut last) = (start, end);
        if p_last == start && first < last && is_and(first) {
            first += 1;
        } else if p_first == end && first < last && is_and(last - 1) {
            last -= 1;
        } else {
            return None;
        }
        while first < last && self.lower(first) == "the" {
            first += 1;
        }
        let words = (first..last).filter(|&k| self.tok(k).kind == TokenKind::Word).count();
        let proper = (first..last).any(|k| self.is_capitalised(k) && !self.is(k, WordKinds::ORDINARY) && !self.is(k, WordKinds::NON_NAME));
        let ok = first < last && (1..=4).contains(&words) && proper && self.is_capitalised(first) && !(first..last).any(is_and);
        let ok = if class == EntityType::Person {
            let plain = (first..last).all(|k| self.is_plain_name_word(k) && !self.is_acronym(k));
            ok && (2..=3).contains(&words) && words == last - first && plain && self.head_type(first, last).is_none()
        } else {
            ok && !self.looks_like_person(first, last)
        };
        ok.then(|| Mention { first, last, class, target: Target::Unknown, surface: self.surface(first, last), titled: false, short: None })
    }

    /// "Calder Holdings and Mizuho Bank", "Norvik Tankers and Calder Shipping": the "and" of
    /// tokens `[start, end)` after which a name of its own begins, one of two or more words starting with a proper word, a known name or an acronym ("Ministry of Energy and Rosatom";
    /// "Ministry of Trade and Industry", "Shipbuilding and Ship Repair Center" are one name each).
    fn and_before_name(&self, start: usize, end: usize, known: &[Known]) -> Option<usize> {
        // ("Korea Institute of Geoscience and Mineral Resources": after a body's head and its
        // "of" or "for", up to three words after "and" that hold no known name but a good's
        // and no legal form go on its portfolio.)
        let portfolio_from = (start + 1..end).find(|&k| matches!(self.lower(k), "of" | "for")).filter(|&of| self.head_at(start, of).is_some_and(|(class, _)| class == EntityType::Organization));
        let portfolio = |next: usize| {
            portfolio_from.is_some_and(|of| of < next)
                && end - next <= 3
                && !known.iter().any(|m| m.first >= next && !matches!(m.target, Target::Adjective(_)) && m.class != EntityType::Commodity)
                && !(next..end).any(|j| self.is_legal_form(j))
        };
        (start + 1..end.saturating_sub(1)).find(|&k| {
            // "Rosatom and the Atomic Energy Regulatory Board": "and the" starts a name of its own.
            let the = self.lower(k + 1) == "the";
            let next = k + 1 + usize::from(the);
            let known_rest = || known.iter().any(|m| m.first == next && m.last == end && !matches!(m.target, Target::Adjective(_)));
            // A state's adjective and common words before it: "Turkish Cooperation and
            // Coordination Agency" is one name.
            let adjective = known.iter().find(|m| m.first == start && matches!(m.target, Target::Adjective(_)));
            let common_before = adjective.is_some_and(|a| a.last < k && (a.last..k).all(|j| self.is(j, WordKinds::COMMON) && !self.is(j, WordKinds::FUNCTION)));
            // ("Almalyk Mining and Metallurgical Complex": a common word, "and", and an
            // adjective by its ending join the modifiers of one name.)
            let adjective_joined = || {
                let word = self.lower(next);
                self.is(k - 1, WordKinds::COMMON) && ["ical", "ial", "ural", "onal"].iter().any(|end| word.ends_with(end)) && !known.iter().any(|m| m.first == next)
            };
            self.lower(k) == "and"
                && !common_before
                && next < end
                && !portfolio(next)
                && !known.iter().any(|m| m.first < k && k < m.last)
                && self.is_capitalised(next)
                // ("Oil and Natural Gas Corporation": a good's name starts no name of its own.)
                && (!self.is(next, WordKinds::ORDINARY) || known.iter().any(|m| m.first == next && m.class != EntityType::Commodity) || the)
                && !adjective_joined()
                && ((next..end).filter(|&j| self.tok(j).kind == TokenKind::Word).count() >= 2 || known_rest() || (next + 1 == end && self.is_acronym(next)))
        })
    }

    /// A known state or place (not an adjective) that may end an official name as its seat.
    fn is_seat(&self, m: &Known) -> bool {
        matches!(m.class, EntityType::Country | EntityType::Place) && matches!(m.target, Target::Known(_))
    }

    /// The "of" (or "of the") right before token `at_name`, when it comes at or after `from`.
    fn of_before(&self, from: usize, at_name: usize) -> Option<usize> {
        let of = if at_name >= 1 && self.lower(at_name - 1) == "the" { at_name.checked_sub(2)? } else { at_name.checked_sub(1)? };
        (of >= from && self.lower(of) == "of").then_some(of)
    }

    /// Whether tokens `[start, state)` are a state noun and "of" or "of the"
    /// ("Government of the …": `Lexicon::state_nouns`).
    fn state_noun_of(&self, start: usize, state: usize) -> bool {
        self.of_before(start, state).is_some_and(|of| self.lex.state_nouns.iter().any(|(noun, _)| noun.len() == of - start && noun.iter().enumerate().all(|(n, w)| self.lower(start + n) == w)))
    }

    /// The end of the state noun (`Lexicon::state_nouns`) starting at token `k`, before
    /// `limit`, written as the noun may be: "government" or "Government", "army" only so.
    /// Not before "of": "the Malaysian state of Johor" ("a Russian state-owned firm" is the state's).
    fn state_noun_at(&self, k: usize, limit: usize) -> Option<usize> {
        let fits = |(noun, capitalised): &&(Vec<String>, bool)| k + noun.len() <= limit && noun.iter().enumerate().all(|(n, w)| self.lower(k + n) == w) && (*capitalised || !self.is_capitalised(k));
        let end = self.lex.state_nouns.iter().find(fits).map(|(noun, _)| k + noun.len())?;
        // ("the Russian state corporation", "the state oil company": a noun for a body after
        // it, past one plain word, makes it a modifier.)
        let body_after = (end..limit.min(end + 2)).take_while(|&j| self.is_plain_word(j)).any(|j| self.lex.descriptions.names_body(self.lower(j)));
        (end == limit || (self.lower(end) != "of" && !body_after)).then_some(end)
    }

    /// "the Russian government", "ROK government", "the Korean side": a state's name or
    /// adjective before a state noun (`Lexicon::state_nouns`) is the state, with the noun.
    /// "the Biden administration", "the Ishiba government": a known leader's name before a
    /// government noun (`lexicon/government_nouns.txt`) is the state the gazetteer ties them to.
    fn state_nouns(&self, s: &Sentence, mentions: &mut Vec<Mention>) {
        let gazetteer = &self.lex.gazetteer;
        let mut governments = Vec::new();
        for i in 0..mentions.len() {
            let m = &mentions[i];
            let entry = match m.target {
                Target::Known(e) | Target::Adjective(e) if m.class == EntityType::Country => e,
                Target::Known(e) if m.class == EntityType::Person => {
                    let governs =
                        m.last < s.tokens.end && !self.is_capitalised(m.last) && self.lex.government_nouns.contains(self.lower(m.last)) && mentions.get(i + 1).is_none_or(|next| next.first > m.last);
                    let Some(state) = gazetteer.entries[e].country.as_deref().and_then(|c| gazetteer.entry(c)).filter(|_| governs) else { continue };
                    // (The noun is the state's mention, named with the leader's name; the name
                    // stays the leader's.)
                    let surface = self.surface(m.first, m.last + 1);
                    governments.push(Mention { first: m.last, last: m.last + 1, class: EntityType::Country, target: Target::Known(state), surface, titled: false, short: None });
                    continue;
                }
                _ => continue,
            };
            let Some(last) = self.state_noun_at(m.last, s.tokens.end) else { continue };
            if mentions.get(i + 1).is_some_and(|next| next.first < last) {
                continue;
            }
            let surface = self.surface(m.first, last);
            let m = &mut mentions[i];
            (m.last, m.target, m.surface) = (last, Target::Known(entry), surface);
        }
        if !governments.is_empty() {
            mentions.extend(governments);
            mentions.sort_by_key(|m| m.first);
        }
    }

    /// The head type of the name of tokens `[start, end)` (`Lexicon::head_type`).
    fn head_type(&self, start: usize, end: usize) -> Option<EntityType> {
        self.head_at(start, end).map(|(class, _)| class)
    }

    /// The head type of the name of tokens `[start, end)` and the token its head ends
    /// before (`Lexicon::head_at`). Most names end in no head word (`WordKinds::HEAD_LAST`):
    /// they are answered without building keys.
    fn head_at(&self, start: usize, end: usize) -> Option<(EntityType, usize)> {
        // "Metro Line 1", "Power Development Plan 8": a short number after the head numbers
        // the thing the head names (not a good's or a place's: "Arctic LNG 2").
        // ("Syrdarya TPP-2", "Astana CHP-3": joined to the head by a dash.)
        let numbered = end - start >= 3 && self.tok(end - 1).kind == TokenKind::Number && self.raw(end - 1).len() <= 2;
        if numbered {
            let dashed = end - start >= 4 && self.is_dash(end - 2) && self.tok(end - 2).joined && self.tok(end - 1).joined;
            if let Some((class, at)) =
                self.head_at(start, end - 1 - usize::from(dashed)).filter(|(class, _)| !matches!(class, EntityType::Commodity | EntityType::Place | EntityType::Person | EntityType::Country))
            {
                return Some((class, at));
            }
        }
        let may_end_head = |at: usize| at > 0 && self.is(start + at - 1, WordKinds::HEAD_LAST);
        if !head_ends(end - start, |i| self.lower(start + i)).into_iter().any(may_end_head) {
            return None;
        }
        let lowers: Vec<&str> = (start..end).map(|k| self.lower(k)).collect();
        self.lex.head_at(&lowers).map(|(class, at)| (class, start + at))
    }

    /// Whether token `k` is a firm's head word that a name word follows within `[k, end)`
    /// ("Bank" of "Bank Mandiri" and "PKO Bank Polski"; not "Bank of Korea").
    fn firm_prefix_at(&self, k: usize, end: usize) -> bool {
        k + 1 < end && self.lex.firm_prefixes.contains(self.lower(k)) && self.is_capitalised(k + 1) && !self.is(k + 1, WordKinds::FUNCTION)
    }

    /// Whether the name of tokens `[start, end)` begins with a legal form in capitals ("JSC
    /// Inkai", "PT Vale Indonesia") or ends in one ("Golden Reef Shipping FZE"): a firm's name.
    fn legal_form_at_edge(&self, start: usize, end: usize) -> bool {
        let legal_first = end - start >= 2 && self.is_acronym(start) && self.is_legal_form(start) && self.is_capitalised(start + 1);
        let legal_last = end - start >= 2 && self.is_capitalised(end - 1) && self.is_legal_form(end - 1);
        legal_first || legal_last
    }

    /// "LG International", "Uranium One": a firm the gazetteer knows, or a good written
    /// capitalised inside a sentence, and one or two capitalised words after it that name
    /// nothing of their own (no title or date among them, and no other known name), is a firm
    /// of its own: a group's affiliate or a venture named after its good. `known`: the
    /// gazetteer names of tokens `[start, end)`.
    fn firm_of_known_name(&self, s: &Sentence, start: usize, end: usize, known: &[Known]) -> Option<Mention> {
        let [first] = known else { return None };
        let rest = first.last..end;
        if first.first != start || rest.is_empty() || rest.len() > 2 || self.tok(start).kind != TokenKind::Word {
            return None;
        }
        let good = first.class == EntityType::Commodity && start > s.tokens.start && self.is_capitalised(start);
        if !(matches!((&first.class, &first.target), (EntityType::Company, Target::Known(_))) || good) {
            return None;
        }
        let plain = |k: usize| self.tok(k).kind == TokenKind::Word && self.is_capitalised(k) && !self.is(k, WordKinds::DATE_WORD.with(WordKinds::TITLE_START).with(WordKinds::TITLE_WORD));
        // (Not a body its head types, "Gazprom Management Committee", nor a title's portfolio:
        // "senior vice president of HHI Corporate Planning".)
        let portfolio = start >= s.tokens.start + 2 && self.lower(start - 1) == "of" && self.title_ending_at(s.tokens.start, start - 1).is_some();
        if !rest.clone().all(plain) || self.title_at(first.last, end).is_some() || self.head_type(start, end).is_some() || portfolio {
            return None;
        }
        Some(Mention { first: start, last: end, class: EntityType::Company, target: Target::Unknown, surface: self.surface(start, end), titled: false, short: None })
    }

    /// The name at token `start` is one of the examples of a plural noun of firms
    /// (`typing/context.csv`: "automakers", "lenders") given after an example marker
    /// (`lexicon/example_markers.txt`): "automakers such as Hyundai Motor India and Maruti
    /// Suzuki", "lenders, including Sberbank,".
    fn firms_exemplified_before(&self, s: &Sentence, start: usize) -> bool {
        // Back over the names listed before this one.
        let mut k = start;
        while k > s.tokens.start + 1 && (self.is_capitalised(k - 1) || matches!(self.lower(k - 1), "," | "and")) && start - k < 12 {
            k -= 1;
        }
        while k < start && !self.is_capitalised(k) {
            k += 1;
        }
        self.lex.frames.example_markers().iter().any(|marker| {
            let n = marker.len();
            k > s.tokens.start + n && self.words_at(k - n, marker) && {
                let noun = if self.lower(k - n - 1) == "," { k - n - 1 } else { k - n };
                noun > s.tokens.start && self.lower(noun - 1).ends_with('s') && self.context_cues_at(noun - 1).any(|c| c.before && c.words.len() == 1 && c.class == EntityType::Company)
            }
        })
    }

    /// "The line is operated by Ulaanbaatar Railway": the agent of a firm's verb
    /// (`typing/context.csv`: "operated by", "built by") is a firm, whatever project its
    /// head names, and so are words joined by "&" and a name an apposition describes as a
    /// firm or a body; any other head's class stands.
    fn firm_agent_over_head(&self, s: &Sentence, start: usize, end: usize, class: EntityType) -> EntityType {
        let first = self.before_article(s, start);
        let agent = first > s.tokens.start && self.lower(first - 1) == "by";
        // ("LS Cable & System", "Korea Shipbuilding & Offshore Engineering": capitalised
        // words joined by "&" name a firm, whatever their head says of a project.)
        let ampersand = || (start + 1..end.saturating_sub(1)).any(|k| self.lower(k) == "&" && self.is_capitalised(k - 1) && self.is_capitalised(k + 1));
        if class == EntityType::Project && ((agent && self.context_type(s, start, end) == Some(EntityType::Company)) || ampersand()) {
            return EntityType::Company;
        }
        // "South Caucasus Railway (SCR), a subsidiary of Russian Railways,": so is a name an
        // apposition (past its bracketed acronym) describes as a firm or a body.
        let after = if self.bracketed_acronym_at(end, s.tokens.end) { end + 3 } else { end };
        // (Not when a project's head ends the description: "the East Siberia Railway, a
        // subsidiary project of the BAM".)
        let project_head = || {
            (after + 1..s.tokens.end.min(after + 7))
                .take_while(|&k| self.is_plain_word(k) || matches!(self.lower(k), "a" | "an" | "the"))
                .any(|k| self.head_class_ending_at(k, k) == Some(EntityType::Project))
        };
        let described = || {
            (after < s.tokens.end && self.lower(after) == ",")
                .then(|| self.context_type(s, start, after))
                .flatten()
                .filter(|c| matches!(c, EntityType::Company | EntityType::Organization) && !project_head())
        };
        match class {
            EntityType::Project => described().unwrap_or(class),
            _ => class,
        }
    }

    /// The type of an unknown name, or None when unsure.
    fn type_unknown(&self, s: &Sentence, start: usize, end: usize, titled: bool) -> Option<EntityType> {
        // "PT" of "PT Vale Indonesia" split off a known name: a legal form alone names nothing.
        if end - start == 1 && self.is_legal_form(start) {
            return None;
        }
        if self.legal_form_at_edge(start, end) {
            return Some(EntityType::Company);
        }
        if let Some(class) = self.head_type(start, end) {
            return Some(self.firm_agent_over_head(s, start, end, class));
        }
        // "Lake Balkhash", "Port Qasim" (`lexicon/place_prefixes.txt`).
        if end - start >= 2 && self.lex.place_prefixes.contains(self.lower(start)) && self.is_capitalised(start + 1) {
            return Some(EntityType::Place);
        }
        // "INS Tushil", "USS Nimitz" (`lexicon/ship_prefixes.txt`): a vessel.
        if end - start >= 2 && self.is_acronym(start) && self.lex.ship_prefixes.contains(self.lower(start)) && self.is_capitalised(start + 1) {
            return Some(EntityType::Project);
        }
        // "Bank Mandiri", "PKO Bank Polski" (`lexicon/firm_prefixes.txt`).
        if (start..end).any(|k| self.firm_prefix_at(k, end)) {
            return Some(EntityType::Company);
        }
        // The tokens that are words of letters only (an apostrophe inside: "Ma'aden"): a name
        // of nothing but non-names is none.
        let words: Vec<usize> = (start..end).filter(|&k| self.lower(k).chars().all(|c| c.is_alphabetic() || c == '\'')).collect();
        if words.iter().all(|&k| self.is(k, WordKinds::NON_NAME)) {
            return None;
        }
        // ("Minister of Roads and Urban Development …": common words right after a title's
        // "of" are its portfolio, split at "and", not a person; "Ambassador Long" is one.)
        let portfolio = start > s.tokens.start && matches!(self.lower(start - 1), "of" | "for") && words.iter().all(|&k| self.is(k, WordKinds::COMMON));
        // ("Transport Minister Jassim bin Saif Al-Sulaiti": "bin", "al" and the like not counted.)
        let name_words = words.iter().filter(|&&k| !self.is_connector(k)).count();
        if titled && name_words <= 4 && (!self.is_acronym(start) || self.is_initial(start)) && !portfolio {
            return Some(EntityType::Person);
        }
        // "Larsen & Toubro", "Tanaka & Sons": names joined by "&" are a firm's.
        if (start + 1..end).any(|k| self.lower(k) == "&") {
            return Some(EntityType::Company);
        }
        // "the Zamyn-Uud crossing", "the port of Nam-Dinh", "the tanker Jasmine Star": words
        // that make a name a place or a ship outweigh its look ("told Anna Petrova" does not
        // make a person an organisation).
        let context = self.context_type(s, start, end);
        if matches!(context, Some(EntityType::Place | EntityType::Project)) {
            return context;
        }
        // "its Indian unit Maruti Suzuki": a firm's noun right before the name outweighs a
        // surname in it, not a given name ("the firm's owner Anna Petrova").
        let firm_noun = start > s.tokens.start && !self.is(start, WordKinds::GIVEN_NAME) && {
            let word = self.lower(start - 1);
            let cues = self.lex.context_cues_by_word.get(word).into_iter().flatten().map(|&c| &self.lex.context_cues[c]);
            cues.into_iter().any(|c| c.before && c.words.len() == 1 && c.class == EntityType::Company)
        };
        if firm_noun && context == Some(EntityType::Company) {
            return context;
        }
        // "automakers such as Hyundai Motor India and Maruti Suzuki": so does a firms' noun
        // whose examples the list gives.
        if self.firms_exemplified_before(s, start) {
            return Some(EntityType::Company);
        }
        if self.looks_like_person(start, end) {
            return Some(EntityType::Person);
        }
        // "Ravil Nigmatullin said", "said Ravil Nigmatullin", "Ravil Nigmatullin, the chief
        // of …": two or three name words no list holds that speak or hold a title are a person's.
        if self.speaking_name(s, start, end) {
            return Some(EntityType::Person);
        }
        // A lone surname ("Orlov said") is a person only if the document named them before:
        // `resolve` drops it when no earlier person has that surname.
        if end - start == 1 && self.is(start, WordKinds::SURNAME) && !self.is(start, WordKinds::COMMON) {
            return Some(EntityType::Person);
        }
        if context.is_some() {
            return context;
        }
        // "Saudi Arabia's Ma'aden", "Italy's Piaggio": one unknown word a state owns is its
        // firm (its people are known names or have a given name; its places are in the
        // gazetteer or have a head).
        if end - start == 1 && !self.is(start, WordKinds::ORDINARY) && !self.is_acronym(start) && self.state_possessive_before(s, start) {
            return Some(EntityType::Company);
        }
        // "Uzbekneftegaz", "Petrovietnam": a one-word name typed by its parts.
        if end - start == 1 && !self.is(start, WordKinds::ORDINARY) && !self.is_acronym(start) {
            if let Some(class) = self.lex.name_part_type(self.lower(start)) {
                return Some(class);
            }
        }
        if start > s.tokens.start && self.place_cue_ending(s.tokens.start, start).is_some() {
            return Some(EntityType::Place);
        }
        // "arrived in Pevek.", "a plant near Kudankulam,", "its smelter at Chambishi and",
        // "met in Lufwanyama to discuss": a name of one or two words after "in", "near", "at",
        // "off", "via", "through", "across", "along" or "outside" that ends the clause is where
        // something is ("an analyst at Renaissance": not after a title or role word).
        // A date after the name ends it too: "in Cholpon-Ata last year", "in Aktau on Monday".
        let date_at = |k: usize| k < s.tokens.end && (self.is(k, WordKinds::DATE_WORD) || self.year_at(k).is_some());
        let clause_end = |k: usize| {
            k >= s.tokens.end
                || matches!(self.lower(k), "." | "," | ";" | ":" | "and" | "to" | "where" | "which" | "(" | ")" | "—" | "–")
                || (matches!(self.lower(k), "last" | "next" | "this" | "in" | "on") && (date_at(k + 1) || (k + 1 < s.tokens.end && matches!(self.lower(k + 1), "year" | "month" | "week"))))
        };
        let words = (start..end).filter(|&k| !self.is_dash(k)).count();
        // "at" after a person's word is where they work ("an analyst at Renaissance"), after a
        // site's head where the site is ("a port at Anaklia").
        let at_a_site = |k: usize| !self.is(k, WordKinds::TITLE_WORD.with(WordKinds::ACTOR_NOUN)) || self.is_site_head(k);
        // (Past "the" after a preposition of a way or a stretch: "along the Tigris and",
        // "through the Bosphorus.")
        // (Not one of a list with commas: "along the Tigris, Euphrates and Karun" are rivers
        // the comma would place in each other.)
        let the_way = start > s.tokens.start + 2
            && self.lower(start - 1) == "the"
            && matches!(self.lower(start - 2), "along" | "across" | "through" | "via" | "off" | "near")
            && (end >= s.tokens.end || self.lower(end) != ",");
        let locative = the_way
            || start > s.tokens.start + 1
                && match self.lower(start - 1) {
                    "in" | "near" | "off" | "via" | "through" | "across" | "along" | "outside" => true,
                    "at" => at_a_site(start - 2),
                    _ => false,
                };
        // (Not a name listed before a lowercase head: "along the Trans-Tarsk and Trans-Olvin
        // railways".)
        let head_after_list = end < s.tokens.end && matches!(self.lower(end), "and" | ",") && {
            let next = (end + 1..s.tokens.end).find(|&k| !self.is_capitalised(k) && !self.is_dash(k) && !matches!(self.lower(k), "and" | ","));
            let head = |k: usize| self.is(k, WordKinds::HEAD) || self.lower(k).strip_suffix('s').is_some_and(|one| self.lex.heads.contains_key(one));
            next.is_some_and(|k| k > end + 1 && head(k))
        };
        if locative && words <= 2 && clause_end(end) && !head_after_list && !self.is_acronym(start) {
            return Some(EntityType::Place);
        }
        // "supplies electricity to Pevek in Chukotka", "sailed from Tarvik, Primorsky Krai", "a
        // yard at Belokamenka near Murmansk", "a port at Anaklia on the Black Sea": a name of
        // one or two words after a preposition of place or motion (or "between"), with "in",
        // "near", "on" or a comma and a known place (not a state: "sold to Sberbank in Russia")
        // after it.
        let moving = start > s.tokens.start + 1
            && match self.lower(start - 1) {
                "in" | "near" | "to" | "from" | "via" | "outside" | "between" => true,
                "at" => at_a_site(start - 2),
                _ => false,
            };
        // (Or a name and a region word: "between Gashuunsukhait in Umnugovi province and".)
        let known_place_at = |k: usize| {
            (1..=3).filter(|n| k + n <= s.tokens.end).any(|n| {
                let regional = k + n < s.tokens.end && (k..k + n).all(|j| self.is_capitalised(j)) && self.lex.region_heads.contains(self.lower(k + n));
                regional
                    || self.gazetteer_names(k, k + n).iter().any(|name| matches!(name.kind, NameKind::Label | NameKind::Alias) && self.lex.gazetteer.entries[name.entry].class == EntityType::Place)
            })
        };
        let place_after = |k: usize| if k + 1 < s.tokens.end && self.lower(k) == "the" { known_place_at(k + 1) } else { known_place_at(k) };
        if moving && words <= 2 && end + 1 < s.tokens.end && matches!(self.lower(end), "in" | "," | "near" | "on") && !self.is_acronym(start) && place_after(end + 1) {
            return Some(EntityType::Place);
        }
        // "completed by Daelim", "Bumar is building", "Mubadala invested": one unknown word
        // a frame's verb takes as its agent is a firm (people are named in full, states and
        // places are known).
        // (Not a plural noun that starts the sentence: "Lenders joined", "Refiners bought".)
        let plural_opening = start == s.tokens.start && ["ers", "ors", "ists", "ants", "ents", "ians", "ies"].iter().any(|e| self.lower(start).ends_with(e));
        if end - start == 1 && self.is_plain_name_word(start) && !plural_opening && self.agent_of_cue(s, start) {
            return Some(EntityType::Company);
        }
        // An acronym alone is an organisation, unless it modifies the lowercase noun after
        // it ("IUU fishing", "NPP construction").
        let modifies = end < s.tokens.end && self.tok(end).kind == TokenKind::Word && !self.is_capitalised(end) && {
            let next = self.lower(end);
            self.is(end, WordKinds::HEAD) || self.is(end, WordKinds::GOODS_HEAD) || (next.ends_with("ing") && !self.is(end, WordKinds::FRAME_CUE) && !self.is(end, WordKinds::VERB_GROUP))
        };
        if end - start == 1 && self.is_acronym(start) && self.raw(start).chars().count() <= 6 && !modifies {
            return Some(EntityType::Organization);
        }
        // "the Xin Hai 8", "the Vostra Star 2": "the", capitalised words (one a name word no
        // list holds) and a short number (no year) name a vessel or a project's stage.
        let numbered = end - start >= 2 && self.tok(end - 1).kind == TokenKind::Number && self.raw(end - 1).len() <= 2;
        let after_the = start > s.tokens.start && self.lower(start - 1) == "the";
        let name_words = (start..end - 1).all(|k| self.is_capitalised(k) && !self.is(k, WordKinds::FUNCTION)) && (start..end - 1).any(|k| self.is_plain_name_word(k));
        if numbered && after_the && name_words {
            return Some(EntityType::Project);
        }
        None
    }

    /// The word at token `at` is the agent of a frame's verb (`WordKinds::FRAME_CUE`): after
    /// "by" right after the verb ("completed by Daelim"), or before it as its subject, past
    /// auxiliaries ("Bumar is building") or with the verb in the past ("Mubadala invested"),
    /// not after a preposition.
    pub(super) fn agent_of_cue(&self, s: &Sentence, at: usize) -> bool {
        if at >= s.tokens.start + 2 && self.lower(at - 1) == "by" && self.is(at - 2, WordKinds::FRAME_CUE) {
            return true;
        }
        if at > s.tokens.start && self.preposition(at - 1).is_some() {
            return false;
        }
        let mut k = at + 1;
        while k < s.tokens.end && k <= at + 3 && self.is(k, WordKinds::VERB_GROUP) {
            k += 1;
        }
        // "Orsted plans to build", "Bumar agreed to supply", "Nokia wants to invest": a cue of
        // a planned status (`status.csv`) or a word of desire, and "to", before the cue.
        if k + 2 < s.tokens.end {
            let mut hits = Vec::new();
            let cues = &self.lex.status_cues;
            cues.starting_at(k, s.tokens.end, |j| self.lower(j), self.is(k, cues.first_word), &mut hits);
            let intent = hits.iter().filter(|&&i| self.lex.statuses[i] == Status::Planned).map(|&i| k + cues.cues[i].len()).max();
            let past = intent.or_else(|| self.lex.frames.is_desire_word(self.lower(k)).then_some(k + 1));
            if let Some(mut j) = past.filter(|&j| j < s.tokens.end) {
                if self.lower(j) == "to" && self.lower(j - 1) != "to" {
                    j += 1;
                }
                if j < s.tokens.end && self.lower(j - 1) == "to" && self.is(j, WordKinds::FRAME_CUE) {
                    k = j;
                }
            }
        }
        // (Not "-s": "Ulytau regions" is a plural noun as often as "Bumar builds" a verb; an
        // irregular past of a deed is: "Kazakhmys sold".)
        let inflected = |w: &str| w.ends_with("ed") || self.lex.frames.is_past_deed(w);
        k < s.tokens.end && self.tok(k).kind == TokenKind::Word && self.is(k, WordKinds::FRAME_CUE) && !self.is_capitalised(k) && (k > at + 1 || inflected(self.lower(k)))
    }

    /// Token `at` follows "<state>'s" ("Saudi Arabia's", "Italy's"): a state's label or alias
    /// of up to three words, then a joined "'s".
    pub(super) fn state_possessive_before(&self, s: &Sentence, at: usize) -> bool {
        if at < s.tokens.start + 2 || self.lower(at - 1) != "'s" || !self.tok(at - 1).joined {
            return false;
        }
        let gazetteer = &self.lex.gazetteer;
        (1..=3)
            .filter(|&n| at > s.tokens.start + n)
            .any(|n| self.gazetteer_names(at - 1 - n, at - 1).iter().any(|name| matches!(name.kind, NameKind::Label | NameKind::Alias) && gazetteer.entries[name.entry].class == EntityType::Country))
    }

    /// Tokens `[start, end)`, two or three plain name words, speak or hold a title: right
    /// before "said", "says", "told" or "added", right after "said", "says" or "according
    /// to", or before a comma and a title ("Ravil Nigmatullin, the chief of …,").
    fn speaking_name(&self, s: &Sentence, start: usize, end: usize) -> bool {
        let words = (start..end).filter(|&k| !self.is_dash(k)).count();
        let plain = (start..end).all(|k| self.is_plain_name_word(k) || (self.is_dash(k) && k > start && k + 1 < end));
        // (Verbs people speak with more than firms do; one after the name may also be inverted
        // "said Anna Kim". Not the whole list of verbs of saying: "Tarvo Holding announced".)
        let says = |k: usize| matches!(self.lower(k), "said" | "says" | "told" | "added");
        let says_after = end < s.tokens.end && says(end);
        let says_before =
            start > s.tokens.start && (matches!(self.lower(start - 1), "said" | "says") || (start >= s.tokens.start + 2 && self.lower(start - 2) == "according" && self.lower(start - 1) == "to"));
        // ("Ravil Nigmatullin, the chief of Uzbekistan Railways,": a title in apposition.)
        let titled_after = end + 2 < s.tokens.end && self.lower(end) == "," && {
            let t = end + 1 + usize::from(matches!(self.lower(end + 1), "the" | "a" | "an"));
            // (Not a title that speaks: "Tavan Tolgoi, the chairman said, is".)
            self.title_at(t, s.tokens.end).is_some_and(|t_end| t_end >= s.tokens.end || !says(t_end))
        };
        (2..=3).contains(&words) && plain && (says_after || says_before || titled_after)
    }

    /// Tokens `[start, end)`: a given name first, a Korean surname and syllables, or a known
    /// surname last.
    fn looks_like_person(&self, start: usize, end: usize) -> bool {
        let words: Vec<usize> = (start..end).filter(|&k| self.lower(k) != "-").collect();
        let n = words.len();
        // ("Xin Hai 8": a number in a name is a vessel's or a project's, never a person's.)
        if !(2..=5).contains(&n) || words.iter().any(|&k| self.has_digit(k)) {
            return false;
        }
        let is = |k: usize, kinds: WordKinds| self.is(k, kinds);
        let syllables = |ks: &[usize]| ks.iter().all(|&k| is(k, WordKinds::KOREAN_SYLLABLE));
        // "PRICE GAP": words all in capitals are a subheading's, not a person's name.
        if words.iter().all(|&k| self.raw(k).chars().filter(|c| c.is_alphabetic()).count() >= 2 && !self.raw(k).chars().any(char::is_lowercase)) {
            return false;
        }
        let (first, last) = (words[0], words[n - 1]);
        if is(first, WordKinds::GIVEN_NAME) && !is(first, WordKinds::COMMON) {
            return true;
        }
        if is(first, WordKinds::SURNAME) && syllables(&words[1..]) && n <= 4 {
            return true;
        }
        // "Pham Minh Chinh", "Wang Yi": a surname written first, then one or two short
        // capitalised given names that head nothing.
        let given_after = |k: usize| self.is_capitalised(k) && self.lower(k).chars().count() <= 7 && !is(k, WordKinds::FUNCTION) && !is(k, WordKinds::HEAD) && !self.is_acronym(k);
        if is(first, WordKinds::SURNAME_FIRST) && n <= 3 && words[1..].iter().all(|&k| given_after(k)) {
            return true;
        }
        if is(last, WordKinds::SURNAME) && syllables(&words[..n - 1]) {
            return true;
        }
        if is(last, WordKinds::SURNAME) && !is(last, WordKinds::COMMON) && is(first, WordKinds::GIVEN_NAME) {
            return true;
        }
        // "met Mark Dalton", "with Bill Hagerty": a given name that is also a common word,
        // capitalised after a word of the sentence, and one unknown capitalised word.
        let mid_sentence = start > 0 && (self.tok(start - 1).kind == TokenKind::Word || self.lower(start - 1) == ",");
        let unknown = |k: usize| !is(k, WordKinds::COMMON) && !is(k, WordKinds::HEAD) && !is(k, WordKinds::FUNCTION) && !self.is_acronym(k) && self.raw(k).chars().skip(1).all(char::is_lowercase);
        if n == 2 && mid_sentence && is(first, WordKinds::GIVEN_NAME) && unknown(last) {
            return true;
        }
        let plain = |k: usize| self.is_plain_name_word(k);
        // "Yasutoshi Nishimura": a known surname after a given name no list holds (not the
        // first word of a name the gazetteer knows: "the Pacific Rim").
        if n == 2
            && is(last, WordKinds::SURNAME)
            && !is(last, WordKinds::COMMON)
            && !is(last, WordKinds::SURNAME_FIRST)
            && plain(first)
            && !is(first, WordKinds::NAME_START)
            && self.lower(first).chars().count() >= 4
        {
            return true;
        }
        // "Nurlan Baimukhanov", "Ukhnaagiin Khurelsukh": two or three plain capitalised
        // words, the last ending as surnames do or the first as a patronymic written first
        // (`Lexicon::has_name_ending`).
        n <= 3 && words.iter().all(|&k| plain(k)) && (self.lex.has_name_ending(self.lower(last), false) || self.lex.has_name_ending(self.lower(first), true))
    }

    /// The year (1900–2099) token `k` is, if it is one: four digits.
    pub(super) fn year_at(&self, k: usize) -> Option<i32> {
        let token = self.tok(k);
        if token.kind != TokenKind::Number || token.end - token.start != 4 {
            return None;
        }
        self.raw(k).parse::<i32>().ok().filter(|y| (1900..=2099).contains(y))
    }

    /// Token `k` is a capitalised word of letters that is no ordinary word, head or acronym:
    /// what a name no list holds is made of ("Yasutoshi", "Baimukhanov").
    fn is_plain_name_word(&self, k: usize) -> bool {
        self.is_capitalised(k) && !self.is(k, WordKinds::ORDINARY) && !self.is(k, WordKinds::HEAD) && !self.is_acronym(k) && self.lower(k).chars().all(char::is_alphabetic)
    }

    /// Token `k` (a given name or an initial) may open a name of the person labelled `label`:
    /// a word of the label shares its first three letters ("Tayyip" in "Recep Tayyip Erdoğan",
    /// "Sergey" for "Sergei"), or the initial its first letter; a label of one word says
    /// nothing against it.
    fn may_open_name_of(&self, k: usize, label: &str) -> bool {
        let words: Vec<String> = label.split_whitespace().map(fold).collect();
        if words.len() < 2 {
            return true;
        }
        let stem = |w: &str| w.chars().take(if self.is_initial(k) { 1 } else { 3 }).collect::<String>();
        let key = stem(self.lower(k));
        words.iter().any(|w| stem(w) == key)
    }

    /// Token `k` is an initial: one capital letter and its period ("B."), or up to three
    /// written together ("H.D.").
    fn is_initial(&self, k: usize) -> bool {
        let raw = self.raw(k).as_bytes();
        (2..=6).contains(&raw.len()) && raw.len().is_multiple_of(2) && raw.chunks(2).all(|pair| pair[0].is_ascii_uppercase() && pair[1] == b'.')
    }

    /// Is a title ("President", "Foreign Minister") at `i`? Returns its end.
    /// Inlined: it is asked at most words, and most start no title.
    #[inline]
    pub(super) fn title_at(&self, i: usize, limit: usize) -> Option<usize> {
        // Most words start no title: answer without building a key.
        if i >= limit || !self.is(i, WordKinds::TITLE_START.with(WordKinds::COMMON)) {
            return None;
        }
        let found = if self.is(i, WordKinds::TITLE_START) { self.title_from(i, limit) } else { None };
        found.or_else(|| self.portfolio_title(i, limit))
    }

    /// "Industry and Construction Minister", "Economy, Trade and Industry Minister": portfolio
    /// words joined by "and", "&" or commas before a title of one of them. Returns its end.
    #[inline(never)]
    fn portfolio_title(&self, i: usize, limit: usize) -> Option<usize> {
        let portfolio = |k: usize| self.is_capitalised(k) && self.is(k, WordKinds::TITLE_START.with(WordKinds::COMMON)) && !self.is(k, WordKinds::FUNCTION);
        if !portfolio(i) {
            return None;
        }
        let mut joined = false;
        for k in i + 1..limit.min(i + 8) {
            if matches!(self.lower(k), "and" | "&" | ",") {
                joined = true;
            } else if !portfolio(k) {
                return None;
            } else if joined && self.is(k, WordKinds::TITLE_START) {
                if let Some(end) = self.title_from(k, limit) {
                    return Some(end);
                }
            }
        }
        None
    }

    /// `title_at` for a word that starts a title. Kept out of line so that `title_at`'s
    /// check inlines.
    #[inline(never)]
    fn title_from(&self, i: usize, limit: usize) -> Option<usize> {
        let end = limit.min(i + self.lex.max_title_tokens.max(1));
        // The first word starts a title (`WordKinds::TITLE_START`); is it one by itself?
        let mut found = self.lex.titles.contains(self.lower(i)).then_some(i + 1);
        let mut key = String::new();
        for j in i + 1..end {
            if key.is_empty() {
                // Room for a title of several words at once, not grown word by word.
                key.reserve(64);
                key.push_str(self.lower(i));
            }
            key.push(' ');
            key.push_str(self.lower(j));
            if !self.lex.title_starts.contains(&key) {
                break;
            }
            if self.lex.titles.contains(&key) {
                found = Some(j + 1);
            }
        }
        found
    }

    /// A title at token `i` of a run ending at `limit`, where it ends: not one before "and"
    /// and no other title ("the Justice and Development Party" is a name).
    fn title_in_run(&self, i: usize, limit: usize) -> Option<usize> {
        let t = self.title_at(i, limit)?;
        // ("in Queen Creek, Arizona": a one-word title before a place's head is the place's
        // name; not before a place the title is of: "Governor Ilko Varnas of Tarsk Region".)
        if t == i + 1 && t < limit && limit <= i + 3 && !self.is_connector(t) && self.head_type(i, limit) == Some(EntityType::Place) {
            return None;
        }
        if !(t < limit && self.lower(t) == "and" && self.title_after_and(t, limit).is_none()) {
            return Some(t);
        }
        // ("Minister of Energy and Infrastructure Suhail Al Mazrouei": a portfolio goes on past
        // "and", up to a given name, else one word, when a name follows.)
        let portfolio = (i..t).any(|k| matches!(self.lower(k), "of" | "for"));
        let word = |k: usize| k < limit && self.is_capitalised(k) && self.tok(k).kind == TokenKind::Word;
        if !portfolio || !word(t + 1) {
            return None;
        }
        let mut end = t + 1;
        while word(end) && !self.is(end, WordKinds::GIVEN_NAME) && end - t <= 3 {
            end += 1;
        }
        if !word(end) || end - t > 3 {
            end = t + 2;
        }
        word(end).then_some(end)
    }

    /// "and" at token `i` followed by a title ("President and CEO"): the title's end.
    pub(super) fn title_after_and(&self, i: usize, limit: usize) -> Option<usize> {
        (i + 1 < limit && self.lower(i) == "and").then(|| self.title_at(i + 1, limit)).flatten()
    }

    fn starts_with_title(&self, i: usize, limit: usize) -> bool {
        self.title_at(i, limit).is_some()
    }

    /// A title ending right before `at` ("then-Energy Minister", "Ambassador").
    pub(super) fn title_ending_at(&self, floor: usize, at: usize) -> Option<usize> {
        (at.saturating_sub(self.lex.max_title_tokens.max(1)).max(floor)..at).find(|&k| self.title_at(k, at) == Some(at))
    }

    /// Where a title ending right before `at` starts, its portfolio after it or not
    /// (`title_ending_at`, else `title_with_portfolio`).
    pub(super) fn title_before(&self, floor: usize, at: usize) -> Option<usize> {
        self.title_ending_at(floor, at).or_else(|| self.title_with_portfolio(floor, at))
    }

    /// A name ending at token `k` ends its phrase: a comma, a stop, a semicolon or a closing
    /// bracket follows, or the sentence ending at `end` does ("…, Ilko Varnas, said").
    pub(super) fn ends_phrase(&self, k: usize, end: usize) -> bool {
        k >= end || matches!(self.lower(k), "," | "." | ";" | ")")
    }

    /// A title followed by its portfolio that ends right before `at` ("Minister of Economy,
    /// Trade and Industry"): capitalised words joined by commas, "and" or "&" after "of" or
    /// "for". Returns where the title starts.
    pub(super) fn title_with_portfolio(&self, floor: usize, at: usize) -> Option<usize> {
        let portfolio_from = |k: usize| {
            k + 1 < at
                && matches!(self.lower(k), "of" | "for")
                && self.is_capitalised(at - 1)
                && (k + 1..at).all(|j| (self.is_capitalised(j) && self.lower(j).chars().all(char::is_alphabetic)) || matches!(self.lower(j), "," | "and" | "&"))
        };
        (at.saturating_sub(12).max(floor)..at).find(|&k| self.title_at(k, at).is_some_and(&portfolio_from))
    }

    /// ('Joint Stock Company "National Company "Tarsk Rail"': common words `[start, end)`
    /// ending in a firm's head before an opening quote at `end` spell the legal form of the
    /// quoted name, which is the firm.
    fn spelled_legal_form(&self, start: usize, end: usize) -> bool {
        start < end
            && matches!(self.raw(end), "\"" | "“" | "«")
            && (start..end).all(|k| self.is(k, WordKinds::ORDINARY))
            && self.head_at(start, end).is_some_and(|(class, at)| class == EntityType::Company && at == end)
    }

    /// The context cues (`Lexicon::context_cues`) whose word next to a name is token `k`, or
    /// its singular ("border crossings"), or that end the closed compound it is ("tankmaker").
    fn context_cues_at(&self, k: usize) -> impl Iterator<Item = &'a ContextCue> + '_ {
        let lower = self.lower(k);
        let plural = lower.strip_suffix('s').and_then(|one| self.lex.context_cues_by_word.get(one));
        let compound = self.lex.context_suffix_cues.iter().filter(move |&&c| self.lex.context_cues[c].is_word(lower));
        self.lex.context_cues_by_word.get(lower).into_iter().chain(plural).flatten().chain(compound).map(|&c| &self.lex.context_cues[c])
    }

    /// The type the words around the name `[start, end)` of sentence `s` give it
    /// (`Lexicon::context_cues`): "shares of X", "X's chief executive", or an apposition
    /// ending in a descriptor ("X, a Norwegian shipping company").
    pub(super) fn context_type(&self, s: &Sentence, start: usize, end: usize) -> Option<EntityType> {
        // A cue word matches its token, or its plural ("border crossings").
        let word_is = |k: usize, w: &str| {
            let lower = self.lower(k);
            lower == w || lower.strip_suffix('s').is_some_and(|one| one == w)
        };
        let matches_at = |at: usize, words: &[String]| at + words.len() <= s.tokens.end && words.iter().enumerate().all(|(n, w)| word_is(at + n, w));
        let cues_at = |k: usize| self.context_cues_at(k);
        // A "before" cue may stand before "the" or a possessor: "an interview with the BBC",
        // "a joint venture with France's Orano".
        let mut from = start;
        if from > s.tokens.start + 1 && self.lower(from - 1) == "the" {
            from -= 1;
        } else if from > s.tokens.start + 2 && self.lower(from - 1) == "'s" && self.tok(from - 1).joined && self.is_capitalised(from - 2) {
            from -= 2;
        }
        // An "after" cue may follow the names coordinated with this one: "the Khorgos and
        // Dostyk border crossings".
        let mut after = end;
        while after + 1 < s.tokens.end && matches!(self.lower(after), "and" | ",") {
            match (after + 1..s.tokens.end.min(after + 4)).take_while(|&k| self.is_capitalised(k)).last() {
                Some(last) => after = last + 1,
                None => break,
            }
        }
        if after >= s.tokens.end || (after != end && self.is_capitalised(after)) {
            after = end;
        }
        // And a "before" cue may precede the names coordinated before it: "the frigates
        // Triput and Tavasya".
        let mut listed = from;
        while listed > s.tokens.start + 2 && matches!(self.lower(listed - 1), "and" | ",") {
            match (listed.saturating_sub(4).max(s.tokens.start)..listed - 1).rev().take_while(|&k| self.is_capitalised(k)).last() {
                Some(first) => listed = first,
                None => break,
            }
        }
        // "The programme, dubbed Vostok Shield,", "a pipeline known as Soyuz Vostok": a name a
        // lowercase head is given is of the head's class.
        if let Some(class) = self.named_by_head_before(s, from) {
            return Some(class);
        }
        // (A quoted name after its spelled legal form is a firm.)
        if from >= s.tokens.start + 2 {
            let quote = from - 1;
            let words = (s.tokens.start..quote).rev().take_while(|&k| self.is(k, WordKinds::ORDINARY) && self.is_capitalised(k)).last();
            if words.is_some_and(|first| self.spelled_legal_form(first, quote)) {
                return Some(EntityType::Company);
            }
        }
        let beside = [(from > s.tokens.start).then(|| from - 1), (after < s.tokens.end).then_some(after), (listed != from && listed > s.tokens.start).then(|| listed - 1)];
        for k in beside.into_iter().flatten() {
            for cue in cues_at(k) {
                let n = cue.words.len();
                // (A suffix cue is one word, and `cues_at` found it in this one.)
                let found = if cue.before {
                    let from = if k + 1 == listed { listed } else { from };
                    k + 1 == from && (cue.suffix || (from >= s.tokens.start + n && matches_at(from - n, &cue.words)))
                } else {
                    k == after && (cue.suffix || matches_at(after, &cue.words))
                };
                if found {
                    return Some(cue.class);
                }
            }
        }
        // "Turkey's first nuclear power plant, Akkuyu, is": a name set off by commas right
        // after a lowercase head is what the head names; so is each name of a list set off
        // so ("the two follow-on frigates, Triput and Tavasya, being built").
        let comma = |k: usize| k < s.tokens.end && self.lower(k) == ",";
        let (first, last) = (listed.min(start), if after > end && self.lower(end) == "and" { after } else { end });
        if first >= s.tokens.start + 2 && comma(first - 1) && comma(last) && !self.is_capitalised(first - 2) {
            if let Some(class) = self.head_class_ending_at(s.tokens.start, first - 2) {
                return Some(class);
            }
            // ("the frigates, Triput and Tavasya,": or a one-word cue of what it names.)
            if let Some(cue) = cues_at(first - 2).find(|c| c.before && c.words.len() == 1 && matches!(c.class, EntityType::Project | EntityType::Place)) {
                return Some(cue.class);
            }
        }
        // ", a Norwegian shipping company", ", Rosatom's fuel company,", ", a port city in
        // Pakistan", ", the listed electronics maker,": up to four words after "a"/"an", "the",
        // "its"/"their" or a possessive, the last of its noun phrase a descriptor. After "the" the phrase
        // must close the apposition or go on with a relative or a participle of ownership
        // ("the family firm run by"; "Meanwhile, the company said" is no apposition).
        let possessive = || (end + 2..s.tokens.end.min(end + 6)).find(|&k| self.lower(k) == "'s" && self.tok(k).joined).filter(|_| self.is_capitalised(end + 1)).map(|k| k + 1);
        // ("the world's largest gas field": past a lowercase possessor.)
        let article = || {
            // (Or the owner's pronoun: "Ultium Cells, its joint venture with GM,".)
            (end + 2 < s.tokens.end && matches!(self.lower(end + 1), "a" | "an" | "the" | "its" | "their")).then(|| {
                let owned = end + 4 < s.tokens.end && !self.is_capitalised(end + 2) && self.lower(end + 3) == "'s" && self.tok(end + 3).joined;
                if owned {
                    end + 4
                } else {
                    end + 2
                }
            })
        };
        let definite = end + 1 < s.tokens.end && self.lower(end + 1) == "the";
        let closes = |k: usize| {
            !definite
                || k + 1 >= s.tokens.end
                || matches!(self.lower(k + 1), "," | "." | ";" | "of" | "in" | "with" | "near" | "that" | "which" | "whose" | "run" | "owned" | "controlled" | "founded" | "based" | "led" | "known"
                        // ("Gwadar, the Pakistani port being developed by China": a participle of building or placing.)
                        | "being" | "built" | "developed" | "operated" | "managed" | "located" | "situated")
                // ("Gwadar, the Pakistani port 170 km to the east": a distance goes on with it.)
                || (self.tok(k + 1).kind == TokenKind::Number && k + 2 < s.tokens.end && matches!(self.lower(k + 2), "km" | "kilometres" | "kilometers" | "miles" | "nautical"))
        };
        // (Or said of a sentence's subject by a copula: "Galkynysh is the world's
        // second-largest gas field".)
        let predicated = start == s.tokens.start && end < s.tokens.end && self.is(end, WordKinds::COPULA);
        if end + 2 < s.tokens.end && (self.lower(end) == "," || predicated) {
            if self.titled_apposition(s, end + 1) {
                return Some(EntityType::Person);
            }
            let from = article().or_else(possessive)?;
            // The descriptor is the first of the noun phrase's words that is one, before a
            // preposition or a verb: ", a port city in Pakistan", ", the family firm run by".
            // (A hyphen inside a compound is part of its word: "the state-owned lender".)
            let in_word = |k: usize| self.tok(k).kind == TokenKind::Word || (self.is_dash(k) && self.tok(k).joined && k + 1 < s.tokens.end && self.tok(k + 1).joined);
            let words = (from..s.tokens.end.min(from + 6)).take_while(|&k| in_word(k) && !self.is(k, WordKinds::FUNCTION)).filter(|&k| !self.is_dash(k));
            let descriptor = |k: usize| {
                let is = |c: &&ContextCue| {
                    c.before
                        && c.words.len() == 1
                        && (c.words[0] == self.lower(k) || (c.suffix && c.is_word(self.lower(k))))
                        && matches!(c.class, EntityType::Company | EntityType::Organization | EntityType::Place)
                };
                let cued = self.lex.context_cues.iter().find(is).map(|c| c.class);
                // ", the copper mine in the Gobi", ", the world's largest gas field": a lowercase
                // head of a project or place.
                let headed = || (!self.is_capitalised(k)).then(|| self.head_class_ending_at(k, k)).flatten().filter(|&class| matches!(class, EntityType::Project | EntityType::Place));
                cued.or_else(headed).filter(|_| closes(k))
            };
            return words.into_iter().find_map(descriptor);
        }
        None
    }

    /// The class of the lowercase head (`typing/heads.csv`) that a naming verb right before
    /// token `at` gives a name: "the programme, dubbed", "a route called", "the pipeline,
    /// known as".
    fn named_by_head_before(&self, s: &Sentence, at: usize) -> Option<EntityType> {
        let mut k = at;
        if k > s.tokens.start && matches!(self.lower(k - 1), "dubbed" | "called" | "named" | "nicknamed" | "codenamed") {
            k -= 1;
        } else if k > s.tokens.start + 1 && self.lower(k - 1) == "as" && self.lower(k - 2) == "known" {
            k -= 2;
        } else {
            return None;
        }
        if k > s.tokens.start && self.lower(k - 1) == "," {
            k -= 1;
        }
        let head = k.checked_sub(1).filter(|&h| h > s.tokens.start && self.tok(h).kind == TokenKind::Word && !self.is_capitalised(h))?;
        self.head_class_ending_at(s.tokens.start, head).filter(|&class| !matches!(class, EntityType::Person | EntityType::Country))
    }

    /// ", the Polish foreign minister,", ", Vietnam's planning minister,", ", deputy prime
    /// minister,": an apposition starting at `at` that is a title (`typing/titles.csv`) after
    /// at most a determiner or a possessive and three modifiers, ending the clause or
    /// followed by "of"/"for"/"at".
    fn titled_apposition(&self, s: &Sentence, at: usize) -> bool {
        let mut from = at;
        if from < s.tokens.end && matches!(self.lower(from), "the" | "a" | "an" | "his" | "her" | "its" | "their") {
            from += 1;
        } else if let Some(k) = (from + 1..s.tokens.end.min(from + 4)).find(|&k| self.lower(k) == "'s" && self.tok(k).joined) {
            from = k + 1;
        }
        for k in from..s.tokens.end.min(from + 4) {
            if let Some(end) = self.title_at(k, s.tokens.end) {
                let ends = end >= s.tokens.end || matches!(self.lower(end), "," | "." | ";" | "of" | "for" | "at" | "and" | "to" | "in");
                return ends;
            }
            if self.tok(k).kind != TokenKind::Word || self.is(k, WordKinds::FUNCTION) {
                return false;
            }
        }
        false
    }

    /// Token `k` is a one-word noun that types a place beside it (`typing/context.csv`:
    /// "city", "port").
    pub(super) fn lexicon_place_noun(&self, k: usize) -> bool {
        self.lex.context_cues_by_word.get(self.lower(k)).is_some_and(|cues| {
            cues.iter().any(|&c| {
                let cue = &self.lex.context_cues[c];
                cue.before && cue.words.len() == 1 && cue.class == EntityType::Place
            })
        })
    }

    /// The first token of the longest place cue (`lexicon/place_cues.txt`: "the town of",
    /// "south of") ending right before token `at`, no word of it before `floor`.
    pub(super) fn place_cue_ending(&self, floor: usize, at: usize) -> Option<usize> {
        if at <= floor || !self.lex.place_cue_ends.contains(self.lower(at - 1)) {
            return None;
        }
        let matches = |cue: &Vec<String>| cue.len() <= at - floor && cue.iter().enumerate().all(|(n, w)| self.lower(at - cue.len() + n) == *w);
        self.lex.place_cues.iter().filter(|cue| matches(cue)).map(|cue| at - cue.len()).min()
    }

    /// "South Korean investors": an actor noun follows, so the adjective stands for its state.
    pub fn is_actor_noun_after(&self, at: usize) -> bool {
        (at..self.text.tokens.len().min(at + 3)).take_while(|&k| self.tok(k).kind == TokenKind::Word).any(|k| self.is(k, WordKinds::ACTOR_NOUN))
    }

    /// A mention for `[start, end)` followed by up to two lowercase modifiers and a
    /// lowercase head of a project, event or initiative.
    fn lowercase_head_after(&self, s: &Sentence, start: usize, end: usize) -> Option<Mention> {
        // ("a 1 GW solar plant": a unit after a number names nothing.)
        if end == start + 1 && self.unit_after_number(s, start) {
            return None;
        }
        let mut found: Option<(usize, EntityType)> = None;
        let (mut k, mut words) = (end, 0);
        // "the Ninh Thuan 1 plant": a unit's number after the name is part of it ("the
        // Yamal 3 million tonne plant" is an amount's).
        let amount_word = |k: usize| k < s.tokens.end && (self.lex.amount_scales.contains(self.lower(k)) || self.lex.amount_units.contains(self.lower(k)));
        if start < end && k + 1 < s.tokens.end && (self.tok(k).kind == TokenKind::Number || self.is_roman_numeral(k)) && self.raw(k).len() <= 3 && !amount_word(k + 1) {
            k += 1;
        }
        while k < s.tokens.end && words < 3 {
            // "high-speed rail line": a hyphenated modifier is one word.
            if k > end && k + 1 < s.tokens.end && self.lower(k) == "-" && self.tok(k).joined && self.tok(k + 1).joined && self.tok(k + 1).kind == TokenKind::Word && !self.is_capitalised(k + 1) {
                k += 2;
                continue;
            }
            // ("the plant in Dong Nai province began operation": a region word or a verb ends
            // the phrase.)
            let ends = || self.is(k, WordKinds::VERB_GROUP) || self.lex.region_heads.contains(self.lower(k)) || self.lex.frames.is_past_verb(self.lower(k));
            if self.tok(k).kind != TokenKind::Word || self.is_capitalised(k) || self.is(k, WordKinds::FUNCTION) || ends() {
                break;
            }
            words += 1;
            // The last head in reach wins: "road bridge", not "road"; the longest head ending
            // at a word types it ("free trade agreement", "the Khorgos dry port").
            if self.is(k, WordKinds::HEAD.with(WordKinds::HEAD_LAST)) {
                let class = self.head_class_ending_at(end, k);
                let place = class == Some(EntityType::Place) && self.lex.lowercase_place_heads.contains(self.lower(k));
                if let Some(class) = class.filter(|&class| place || matches!(class, EntityType::Project | EntityType::Event | EntityType::Initiative)) {
                    found = Some((k + 1, class));
                }
            }
            k += 1;
        }
        // "main battle tanks": a head before a good's head modifies it.
        let (last, class) = found?;
        let modifies_good = last < s.tokens.end && self.tok(last).kind == TokenKind::Word && !self.is_capitalised(last) && self.is(last, WordKinds::GOODS_HEAD);
        (!modifies_good).then(|| Mention { first: start, last, class, target: Target::Unknown, surface: self.surface(start, last), titled: false, short: None })
    }

    /// "Bac Ninh province", "the Kozmino port": an unknown name right before a lowercase
    /// head of a place is that place, named without the head (the words with it are an
    /// alias). After a known name the head names its surroundings ("the Moscow region") and
    /// `lowercase_head_after` decides.
    fn place_head_after(&self, s: &Sentence, start: usize, end: usize) -> Option<Mention> {
        let lowercase_word = |k: usize| k < s.tokens.end && self.tok(k).kind == TokenKind::Word && !self.is_capitalised(k);
        // ("the Anaklia deep-sea port": a hyphenated modifier may stand before the head.)
        let head = if lowercase_word(end) && end + 3 < s.tokens.end && self.inner_dash(end + 1) && lowercase_word(end + 2) { end + 3 } else { end };
        if !lowercase_word(head) || !self.is(head, WordKinds::HEAD) {
            return None;
        }
        self.lex.heads.get(self.lower(head)).filter(|h| h.class == EntityType::Place)?;
        let last = head + 1;
        Some(Mention { first: start, last, class: EntityType::Place, target: Target::Unknown, surface: self.surface(start, end), titled: false, short: Some(self.surface(start, last)) })
    }

    /// "in Kudankulam, India,": an unknown name followed by a comma and a state that ends
    /// the clause is a place in that state.
    fn place_before_country(&self, s: &Sentence, start: usize, end: usize, known: &[Known]) -> Option<Mention> {
        if end >= s.tokens.end || self.lower(end) != "," {
            return None;
        }
        let country = known.iter().find(|k| k.first == end + 1 && k.class == EntityType::Country && matches!(k.target, Target::Known(_)))?;
        let clause_end = country.last >= s.tokens.end || matches!(self.lower(country.last), "." | "," | ";" | ":" | ")");
        clause_end.then(|| Mention { first: start, last: end, class: EntityType::Place, target: Target::Unknown, surface: self.surface(start, end), titled: false, short: None })
    }

    /// "the Tumen–Hunchun line", "the Irkutsk to Dalian corridor", "the Omsk / Novosibirsk /
    /// Tomsk pipeline": names joined by dashes, slashes or "to" before a lowercase head of a
    /// project, event or initiative name it together ("Irkutsk–Dalian corridor", the text an
    /// alias when it is written otherwise).
    fn joined_names(&self, s: &Sentence, mentions: &mut Vec<Mention>) {
        let joinable = |m: &Mention| !matches!(m.class, EntityType::Person | EntityType::Commodity) && !matches!(m.target, Target::Adjective(_));
        let joined = |a: &Mention, b: &Mention| b.first == a.last + 1 && (self.is_dash(a.last) || matches!(self.lower(a.last), "/" | "to"));
        let headed = |m: &Mention| matches!(m.target, Target::Unknown) && matches!(m.class, EntityType::Project | EntityType::Event | EntityType::Initiative) && !self.is_capitalised(m.last - 1);
        let mut i = 0;
        while i < mentions.len() {
            let mut j = i;
            while j + 1 < mentions.len() && !headed(&mentions[j]) && joinable(&mentions[j]) && joinable(&mentions[j + 1]) && joined(&mentions[j], &mentions[j + 1]) {
                j += 1;
            }
            let (first, names_end) = (mentions[i].first, mentions[j].last);
            // ("the Baku–Tbilisi–Ceyhan pipeline": the last name may have taken the head itself.)
            let head = if j > i && headed(&mentions[j]) {
                Some((names_end, mentions[j].class))
            } else {
                let head = (j > i).then(|| self.lowercase_head_after(s, first, names_end)).flatten();
                // Only lowercase names (commodities) may lie between the names and the head.
                head.filter(|h| mentions[j + 1..].iter().take_while(|n| n.first < h.last).all(|n| !self.is_capitalised(n.first) && n.last <= h.last)).map(|h| (h.last, h.class))
            };
            let Some((last, class)) = head else {
                i = j + 1;
                continue;
            };
            let names: Vec<&str> = mentions[i..=j].iter().map(|m| m.surface.as_str()).collect();
            let mut surface = names.join("–");
            if last > names_end {
                surface = format!("{surface} {}", self.surface(names_end, last));
            }
            let written = self.surface(first, last);
            let swallowed = mentions[j + 1..].iter().take_while(|n| n.first < last).count();
            mentions.drain(i + 1..j + 1 + swallowed);
            let short = (!same_letters(&written, &surface)).then_some(written);
            mentions[i] = Mention { first, last, class, target: Target::Unknown, surface, titled: false, short };
            i += 1;
        }
    }

    /// "the Zhambyl region", "Jilin province", "Kazakhstan's Torvak region": a place, known or
    /// not, followed by a region word (`lexicon/region_heads.txt`) is that place, the words
    /// together an alias of it.
    fn named_regions(&self, s: &Sentence, mentions: &mut [Mention]) {
        let gaz = &self.lex.gazetteer;
        for m in mentions.iter_mut() {
            let place = match m.target {
                Target::Known(entry) => gaz.entries[entry].class == EntityType::Place,
                Target::Capital(_) => true,
                Target::Unknown => m.class == EntityType::Place,
                Target::Adjective(_) => false,
            };
            if place && m.last < s.tokens.end && self.tok(m.last).kind == TokenKind::Word && !self.is_capitalised(m.last) && self.lex.region_heads.contains(self.lower(m.last)) {
                m.last += 1;
                m.short = Some(self.surface(m.first, m.last));
            }
        }
    }

    /// "with Aramco, Bahri and Lamprell", "the ports of Vanino, Zarvosk and Nakhodka": unknown
    /// capitalised names (one to three words, no ordinary word, not a person's) in a list
    /// of commas and a last "and" or "or" whose named members, two or more, are all
    /// companies, all organisations or all places, are of that class.
    fn listed_names(&self, s: &Sentence, mentions: &mut Vec<Mention>) {
        let end = s.tokens.end;
        let free = |k: usize| !mentions.iter().any(|m| m.first <= k && k < m.last);
        let name_word = |k: usize| k < end && self.tok(k).kind == TokenKind::Word && self.is_capitalised(k) && !self.is(k, WordKinds::ORDINARY.with(WordKinds::NON_NAME)) && free(k);
        let mut found = Vec::new();
        let mut k = s.tokens.start;
        while k < end {
            // The list's members from token k: a mention's span or an unknown run (None).
            let mut members: Vec<(usize, usize, Option<EntityType>)> = Vec::new();
            let mut at = k;
            let mut closed = false;
            loop {
                let member = match mentions.iter().find(|m| m.first == at && !matches!(m.target, Target::Adjective(_))) {
                    Some(m) => Some((m.first, m.last, Some(m.class))),
                    None => {
                        let words = (at..end.min(at + 3)).take_while(|&j| name_word(j)).count();
                        (words > 0 && (at + words >= end || !self.is_capitalised(at + words))).then_some((at, at + words, None))
                    }
                };
                let Some(member) = member else { break };
                members.push(member);
                at = member.1;
                if closed {
                    break;
                }
                // The separator: a comma, "and"/"or", or both; after "and"/"or" comes the last member.
                let comma = at < end && self.lower(at) == ",";
                let mut next = at + usize::from(comma);
                if next < end && matches!(self.lower(next), "and" | "or") {
                    closed = true;
                    next += 1;
                } else if !comma {
                    break;
                }
                at = next;
            }
            // (Two named members at least: one company beside an unknown name says too little.)
            let named: Vec<EntityType> = members.iter().filter_map(|m| m.2).collect();
            let class =
                named.first().copied().filter(|c| closed && named.len() >= 2 && matches!(c, EntityType::Company | EntityType::Organization | EntityType::Place) && named.iter().all(|n| n == c));
            if let Some(class) = class {
                for &(first, last, _) in members.iter().filter(|m| m.2.is_none()) {
                    if !self.looks_like_person(first, last) && (first > s.tokens.start || last - first > 1) {
                        found.push(Mention { first, last, class, target: Target::Unknown, surface: self.surface(first, last), titled: false, short: None });
                    }
                }
            }
            k = members.last().map_or(k + 1, |m| m.1.max(k + 1));
        }
        if !found.is_empty() {
            mentions.extend(found);
            mentions.sort_by_key(|m| m.first);
        }
    }

    /// "the Turkestan, Kyzylorda and Ulytau regions", "the Donetsk and Luhansk oblasts": names
    /// coordinated before a plural region word (`lexicon/region_heads.txt`) are regions, each
    /// also named with the word ("Kyzylorda region"); an unknown one-word name among them is
    /// a place too. So with a project's or a place's head (`typing/heads.csv`): "its Kandym and
    /// Gissar projects" are two projects, "the Central Mynkuduk and Zhalpak deposits" two places.
    fn coordinated_names(&self, s: &Sentence, mentions: &mut Vec<Mention>) {
        let mut found = Vec::new();
        for head in s.tokens.start + 2..s.tokens.end {
            let lower = self.lower(head);
            let Some(singular) = lower.strip_suffix('s').filter(|_| !self.is_capitalised(head)) else { continue };
            // ("its Kandym and Gissar projects": a project's head names projects.)
            // ("the Central Mynkuduk and Zhalpak deposits": a place's head names places too,
            // a region's head states' regions as well.)
            let region = self.lex.region_heads.contains(singular);
            let class = match self.lex.heads.get(singular).map(|h| h.class) {
                _ if region => EntityType::Place,
                Some(class @ (EntityType::Project | EntityType::Place)) => class,
                _ => continue,
            };
            let of_class = |c: EntityType| if region { matches!(c, EntityType::Place | EntityType::Country) } else { c == class };
            // The names of the list, last first: a mention or one capitalised word each.
            let mut names: Vec<(usize, usize, Option<usize>)> = Vec::new();
            let mut end = head;
            loop {
                let mention = mentions.iter().position(|m| m.last == end && of_class(m.class) && !matches!(m.target, Target::Adjective(_)));
                // ("the North Field East, North Field South and North Field West projects": a
                // name of up to three capitalised words, common ones among them mid-sentence,
                // over a place the gazetteer knows.)
                let name_word = |k: usize| {
                    k >= s.tokens.start
                        && self.is_capitalised(k)
                        && self.tok(k).kind == TokenKind::Word
                        && !self.is(k, WordKinds::FUNCTION.with(WordKinds::NON_NAME))
                        && mentions.iter().all(|m| m.last <= k || m.first > k || (m.class == EntityType::Place && m.first > s.tokens.start && self.is_capitalised(m.first)))
                };
                // (A name may open the sentence: "North Field East and North Field South projects".)
                let words = (0..3).take_while(|&n| end > s.tokens.start + n && name_word(end - 1 - n)).count();
                let (first, at) = match mention {
                    Some(i) => (mentions[i].first, Some(i)),
                    None if words >= 2 && !self.is(end - 1 - (words - 1), WordKinds::DETERMINER) => (end - words, None),
                    None if end > s.tokens.start
                        && self.is_capitalised(end - 1)
                        && self.tok(end - 1).kind == TokenKind::Word
                        && !self.is(end - 1, WordKinds::ORDINARY)
                        && mentions.iter().all(|m| m.last < end || m.first >= end) =>
                    {
                        // ("the Trans-Korean and Trans-Siberian railways": joined by a dash.)
                        let mut first = end - 1;
                        while first >= s.tokens.start + 2
                            && self.is_dash(first - 1)
                            && self.tok(first - 1).joined
                            && self.tok(first).joined
                            && self.is_capitalised(first - 2)
                            && mentions.iter().all(|m| m.last < first - 1 || m.first >= end)
                        {
                            first -= 2;
                        }
                        (first, None)
                    }
                    None => break,
                };
                names.push((first, end, at));
                // Past "," / "and" / ", and" to the name before.
                let mut k = first;
                let mut separated = false;
                while k > s.tokens.start && matches!(self.lower(k - 1), "," | "and") {
                    k -= 1;
                    separated = true;
                }
                if !separated || k == s.tokens.start {
                    break;
                }
                end = k;
            }
            if names.len() < 2 {
                continue;
            }
            for (first, last, at) in names {
                let short = format!("{} {singular}", self.surface(first, last));
                match at {
                    Some(i) => mentions[i].short = Some(short),
                    None => found.push(Mention { first, last, class, target: Target::Unknown, surface: self.surface(first, last), titled: false, short: Some(short) }),
                }
            }
        }
        // (A place inside a name found here is a word of it.)
        mentions.retain(|m| !found.iter().any(|f: &Mention| f.first <= m.first && m.last <= f.last));
        mentions.extend(found);
        mentions.sort_by_key(|m| m.first);
    }

    /// "Nakhodka fertilizer plant", "APEC summit", "North-South corridor": a name followed
    /// by up to two lowercase modifiers and a lowercase head of a project, event or initiative.
    /// A lowercase known name inside ("fertilizer") becomes part of it. A name with an acronym
    /// in brackets before a head: "the Shanghai Cooperation Organisation (SCO) summit" (the
    /// acronym and head name the event), "the Eastern Siberia–Pacific Ocean (ESPO) pipeline"
    /// (places, acronym and head name one project).
    fn extend_with_lowercase_heads(&self, s: &Sentence, mentions: &mut Vec<Mention>) {
        let mut idx = 0;
        while idx < mentions.len() {
            let m = &mentions[idx];
            // ("Dong Nai province": a place its region word ends is complete.)
            let region = m.class == EntityType::Place && self.lex.region_heads.contains(self.lower(m.last - 1));
            // ("the Shaheen project": one unknown word that is also a surname, untitled, names
            // the project or place its head says, not a person.)
            let lone_surname = m.class == EntityType::Person && m.last - m.first == 1 && !m.titled && matches!(m.target, Target::Unknown);
            // ("the Bach Ho oil field": an unknown untitled name after "the" and before a head
            // names the head's place or project; people take no article.)
            let after_the = m.class == EntityType::Person && !m.titled && matches!(m.target, Target::Unknown) && m.first > s.tokens.start && self.lower(m.first - 1) == "the";
            // ("the Astana summit", "the Helsinki talks": a capital standing for its state
            // names the event held there.)
            let capital = matches!(m.target, Target::Capital(_));
            let extendable =
                (lone_surname || after_the || capital || !matches!(m.class, EntityType::Country | EntityType::Person | EntityType::Commodity)) && !matches!(m.target, Target::Adjective(_)) && !region;
            let extended = extendable.then(|| self.lowercase_head_after(s, m.first, m.last)).flatten();
            let extended = extended.filter(|e| !capital || matches!(e.class, EntityType::Event | EntityType::Project));
            // (The head right after it: "Orlov says pipeline exports rose" names no project.)
            let extended = extended.filter(|e| after_the || !lone_surname || (e.last == m.last + 1 && matches!(e.class, EntityType::Project | EntityType::Place)));
            if let Some(mut extended) = extended {
                // "the Arctic LNG 2 project": a head of the known name's own type names the same thing.
                if matches!(m.target, Target::Known(_)) && extended.class == m.class {
                    extended.target = m.target.clone();
                    extended.surface = m.surface.clone();
                }
                let swallowed = mentions[idx + 1..].iter().take_while(|n| n.first < extended.last).count();
                // ("the Kursk II nuclear power plant": and a unit's numeral.)
                let numeral = |n: &Mention| self.is_roman_numeral(n.first);
                let all_lowercase = mentions[idx + 1..idx + 1 + swallowed].iter().all(|n| (!self.is_capitalised(n.first) || numeral(n)) && n.last <= extended.last);
                if all_lowercase {
                    mentions.drain(idx + 1..idx + 1 + swallowed);
                    mentions[idx] = extended;
                }
            } else if let Some(mut event) = self.bracketed_acronym_head(s, mentions, idx) {
                let swallowed = mentions[idx + 2..].iter().take_while(|n| n.first < event.last).count();
                mentions.drain(idx + 2..idx + 2 + swallowed);
                // (So do unknown names the acronym spells, dashes apart: "the Baku–Tbilisi–Kars (BTK) railway".)
                let initials: String = mentions[idx].surface.split(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—')).filter_map(|w| w.chars().next()).filter(|c| c.is_uppercase()).collect();
                let spelled = matches!(mentions[idx].target, Target::Unknown) && initials == mentions[idx + 1].surface;
                // (Not a body its head names: "the International Solar Alliance (ISA) initiative" is the alliance's.)
                let body = matches!(mentions[idx].class, EntityType::Organization | EntityType::Company) && self.head_class_ending_at(mentions[idx].first, mentions[idx].last - 1).is_some();
                if (mentions[idx].class == EntityType::Place || (spelled && !body)) && matches!(event.class, EntityType::Project | EntityType::Initiative) {
                    // "the Eastern Siberia–Pacific Ocean (ESPO) pipeline", "the Make American
                    // Shipbuilding Great Again (MASGA) initiative": the places or the name
                    // spelled out and the head name the project or initiative, as the acronym
                    // and the head do. (The acronym may be the one the gazetteer knows.)
                    let (m, acronym) = (&mentions[idx], &mentions[idx + 1]);
                    let target = if acronym.class == event.class { acronym.target.clone() } else { Target::Unknown };
                    let surface = format!("{} {}", m.surface, self.surface(acronym.last + 1, event.last));
                    mentions[idx] = Mention { first: m.first, last: event.last, class: event.class, target, surface, titled: false, short: Some(event.surface) };
                    mentions.remove(idx + 1);
                } else {
                    // "the Shanghai Cooperation Organisation (SCO) summit": the body stays, its
                    // acronym and the head name the event, which is also the body's summit.
                    let spelled_out = format!("{} {}", mentions[idx].surface, self.surface(mentions[idx + 1].last + 1, event.last));
                    mentions[idx + 1] = Mention { short: Some(std::mem::replace(&mut event.surface, spelled_out)), ..event };
                }
            }
            idx += 1;
        }
    }

    /// "… Organisation (SCO) summit": mention `idx + 1` is an acronym in brackets right
    /// after mention `idx`, followed by a lowercase head of an event, project or initiative;
    /// the mention of acronym and head ("SCO summit").
    fn bracketed_acronym_head(&self, s: &Sentence, mentions: &[Mention], idx: usize) -> Option<Mention> {
        let (m, n) = (&mentions[idx], mentions.get(idx + 1)?);
        let bracketed = n.first == m.last + 1 && self.lower(m.last) == "(" && n.last + 1 < s.tokens.end && self.lower(n.last) == ")" && n.last - n.first == 1 && self.is_acronym(n.first);
        if !bracketed || matches!(m.class, EntityType::Person | EntityType::Commodity) {
            return None;
        }
        let head = self.lowercase_head_after(s, n.last + 1, n.last + 1)?;
        // ("the … (ESPO) oil pipeline": a lowercase good before the head is one of its words.)
        if mentions[idx + 2..].iter().take_while(|next| next.first < head.last).any(|next| next.class != EntityType::Commodity || self.is_capitalised(next.first) || next.last > head.last) {
            return None;
        }
        let surface = format!("{} {}", n.surface, self.surface(n.last + 1, head.last));
        Some(Mention { first: n.first, last: head.last, class: head.class, target: Target::Unknown, surface, titled: false, short: None })
    }
}

/// Adds the `found` mentions to a sentence's `mentions` (kept in order), dropping each
/// mention that `replaced(mention, found)` says one of them takes the place of.
fn replace_covered(mentions: &mut Vec<Mention>, found: Vec<Mention>, replaced: impl Fn(&Mention, &Mention) -> bool) {
    mentions.retain(|m| !found.iter().any(|f| replaced(m, f)));
    mentions.extend(found);
    mentions.sort_by_key(|m| m.first);
}

/// The position of the first non-ASCII byte of `bytes` at or after `from` (`bytes.len()` if
/// none), looked for 16 bytes at a time.
fn first_non_ascii(bytes: &[u8], from: usize) -> usize {
    const HIGH_BITS: u128 = u128::MAX / 255 * 0x80;
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 16) {
        if u128::from_le_bytes(chunk.try_into().expect("16 bytes")) & HIGH_BITS != 0 {
            break;
        }
        at += 16;
    }
    bytes[at..].iter().position(|b| !b.is_ascii()).map_or(bytes.len(), |k| at + k)
}

/// Case-sensitive comparison that ignores apostrophe and dash variants.
fn same_letters(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    fn norm(s: &str) -> impl Iterator<Item = char> + '_ {
        s.chars().filter(|c| !c.is_whitespace()).map(super::lexicon::fold_mark)
    }
    norm(a).eq(norm(b))
}
