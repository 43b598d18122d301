//! Resolution: the mentions of a document become its entities.
//!
//! Owns `Draft` (an entity being assembled from its mentions) and `Resolved` (a mention
//! with the entity it stands for): gazetteer names and their aliases, acronym definitions
//! in brackets, surname-only mentions, capitals acting as their state or standing as
//! places, he/she, "it"/"the project", "the South Korean leader", and described projects
//! merged with their names. Works sentence by sentence, in document order; knows nothing
//! of relations.

use super::lexicon::{self, fold, folds_to, Name, NameKind, WordKinds};
use super::mentions::{Finder, Mention, Target};
use super::{agreements, Extractor};
use crate::model::{slug, EntityType};
use crate::text::{Text, TokenKind};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeSet;

/// A mention after resolution: which entity, and as which type it acts here.
#[derive(Debug, Clone)]
pub(super) struct Resolved {
    pub(super) mention: Mention,
    pub(super) sentence: usize,
    pub(super) entity: usize,
    pub(super) class: EntityType,
    /// A pronoun or description standing for an entity named elsewhere ("he", "it",
    /// "the project", "the company"), not a name.
    pub(super) referring: bool,
}

/// An entity being assembled from its mentions.
#[derive(Debug, Clone)]
pub(super) struct Draft {
    pub(super) id: String,
    pub(super) label: String,
    pub(super) class: EntityType,
    pub(super) wikidata: Option<String>,
    pub(super) country: Option<String>,
    pub(super) surfaces: BTreeSet<String>,
}

impl Draft {
    /// A name the gazetteer does not know: its id is `class/slug` (`Extractor::unknown`),
    /// where a gazetteer id has no slash.
    pub(super) fn is_unknown(&self) -> bool {
        self.id.contains('/')
    }

    /// Records a surface the entity was written as (copied only the first time).
    fn add_surface(&mut self, surface: &str) {
        if !self.surfaces.contains(surface) {
            self.surfaces.insert(surface.to_string());
        }
    }
}

/// A document's entities being assembled, and every mention resolved to one of them, in
/// sentence order.
pub(super) struct Resolution {
    pub drafts: Vec<Draft>,
    pub index: DraftIndex,
    pub resolved: Vec<Resolved>,
}

impl Extractor {
    /// Resolves the mentions of every sentence of `text`, in order.
    pub(super) fn resolve_document(&self, finder: &Finder, text: &Text) -> Resolution {
        let mut drafts: Vec<Draft> = Vec::new();
        let mut draft_index = DraftIndex::default();
        let mut resolved: Vec<Resolved> = Vec::with_capacity(text.tokens.len() / 8);
        // Capitalised names no mention took, as (sentence, first token, end token).
        let mut untyped: Vec<(usize, usize, usize)> = Vec::new();
        // Acronyms the document defines by lowercase words ("weapons of mass destruction (WMD)").
        let mut common_acronyms: BTreeSet<String> = BTreeSet::new();
        for (si, sentence) in text.sentences.iter().enumerate() {
            let mut mentions = agreements::with_agreements(finder, si, finder.sentence_mentions(sentence));
            let start = resolved.len();
            for mi in 0..mentions.len() {
                if common_acronym(finder, &mentions, mi, &mut common_acronyms) {
                    continue;
                }
                let defined_by = acronym_definition(finder, &mentions, mi, &resolved);
                let Some((mut entity, mut class)) = self.resolve(finder, sentence, &mentions[mi], defined_by, &mut drafts, &mut draft_index) else { continue };
                if let Some(into) = described_in_apposition(finder, &mentions[mi], &resolved[start..]) {
                    merge_entity(&mut drafts, &mut resolved, entity, into);
                    (entity, class) = (into, drafts[into].class);
                }
                // The text moves to the resolved mention: the next mentions' checks read positions only.
                let m = &mut mentions[mi];
                let mention = Mention { surface: std::mem::take(&mut m.surface), short: m.short.take(), ..m.clone() };
                resolved.push(Resolved { mention, sentence: si, entity, class, referring: false });
            }
            let pronouns = personal_pronouns(finder, sentence, si, &resolved, start);
            resolved.extend(pronouns);
            let projects = project_references(finder, sentence, si, &resolved, start);
            resolved.extend(projects);
            described_people(finder, si, &drafts, &mut resolved, start);
            resolved[start..].sort_by_key(|r| r.mention.first);
            let this_sentence = &resolved[start..];
            // The mentions are sorted and do not overlap: the one that may cover token `k` is
            // the last that starts at or before it.
            let covered = |k: usize| this_sentence[..this_sentence.partition_point(|r| r.mention.first <= k)].last().is_some_and(|r| k < r.mention.last);
            finder.untyped_names(sentence, covered, |first, last| untyped.push((si, first, last)));
        }
        repeated_names(finder, &untyped, &mut drafts, &mut resolved);
        self.coordinated_names(finder, text, &untyped, &mut drafts, &mut draft_index, &mut resolved);
        one_class_per_name(&mut drafts, &mut resolved);
        local_acronyms(&mut drafts, &mut resolved);
        misspelt_names(&mut drafts, &mut resolved);
        merge_described_projects(&self.lexicon.attaching_prepositions, &mut drafts, &mut resolved);
        let known: FxHashSet<usize> = draft_index.by_entry.values().copied().collect();
        merge_described_events(&self.lexicon.place_events, &known, &mut drafts, &mut resolved);
        merge_short_names(&known, &self.lexicon.part_heads, &mut drafts, &mut resolved);
        merge_prefixed_names(&mut drafts, &mut resolved);
        defined_short_forms(&mut drafts, &mut resolved);
        place_first_names(&self.lexicon.attaching_prepositions, &mut drafts);
        Resolution { drafts, index: draft_index, resolved }
    }

    /// Finds or creates the entity a mention of `sentence` stands for.
    fn resolve(&self, finder: &Finder, sentence: &crate::text::Sentence, m: &Mention, defined_by: Option<usize>, drafts: &mut Vec<Draft>, draft_index: &mut DraftIndex) -> Option<(usize, EntityType)> {
        let gaz = &self.lexicon.gazetteer;
        let mut add_known = |entry: usize, surface: Option<&str>, drafts: &mut Vec<Draft>| -> usize {
            let idx = known_draft(gaz, entry, drafts, draft_index);
            if let Some(s) = surface {
                drafts[idx].add_surface(s);
            }
            idx
        };
        Some(match &m.target {
            Target::Known(entry) => {
                // "Stalin" after "M. K. Stalin": a known person's one-word name, once the
                // document named another person of that name in full (and not the known one),
                // is that person.
                if gaz.entries[*entry].class == EntityType::Person && m.last - m.first == 1 && !drafts.iter().any(|d| d.id == gaz.entries[*entry].id) {
                    let namesake = |d: &Draft| d.class == EntityType::Person && d.is_unknown() && d.label.rsplit(' ').next() == Some(m.surface.as_str());
                    if let Some(d) = drafts.iter().position(namesake) {
                        drafts[d].add_surface(&m.surface);
                        return Some((d, EntityType::Person));
                    }
                }
                // "International Chamber of Commerce (ICC)": an acronym the document spells out
                // as another name than the known one's ("International Criminal Court") is the
                // document's.
                // (Not when the known label is the acronym itself: "UNESCO", "USAID".)
                let known_label = &gaz.entries[*entry].label;
                if let Some(d) = defined_by.filter(|&d| drafts[d].is_unknown() && known_label.contains(' ') && shared_words(&drafts[d].label, known_label) <= 1) {
                    drafts[d].add_surface(&m.surface);
                    return Some((d, drafts[d].class));
                }
                let idx = add_known(*entry, Some(&m.surface), drafts);
                drafts[idx].surfaces.extend(m.short.clone());
                if let Some(d) = defined_by {
                    merge_surfaces(drafts, d, idx);
                }
                (idx, gaz.entries[*entry].class)
            }
            Target::Adjective(entry) => (add_known(*entry, None, drafts), EntityType::Country),
            Target::Capital(entry) => {
                // (Past a compass word: "in southern Seoul" is the city.)
                let compass = m.first > 1 && finder.lex.compass_words.contains(finder.lower(m.first - 1));
                let before = (m.first > 0).then(|| finder.lower(m.first - 1 - usize::from(compass)));
                // "Moscow's footsteps": a possessive capital is its government, wherever it stands.
                let possessive = finder.text.tokens.get(m.last).is_some_and(|_| finder.lower(m.last) == "'s");
                // "flights to Seoul" is the city, "obligations to Washington" the government.
                let directional = before.is_some_and(|b| matches!(b, "to" | "from" | "toward" | "towards"));
                let moving = m.first > 1 && self.lexicon.motion_words.contains(finder.lower(m.first - 2));
                // "Mongolia's Ulan Bator": a state's capital is the city.
                let owned = before == Some("'s");
                // "Astana, the capital of Kazakhstan,", "Hanoi, a city of eight million": described as a place.
                let tokens = finder.text.tokens.len();
                let described = m.last + 2 < tokens && finder.lower(m.last) == "," && matches!(finder.lower(m.last + 1), "the" | "a" | "an") && {
                    let place_noun = |k: usize| finder.lower(k) == "capital" || finder.lexicon_place_noun(k);
                    (m.last + 2..tokens.min(m.last + 5)).any(place_noun)
                };
                // "south of Moscow", "the city of Seoul" (`lexicon/place_cues.txt`).
                let cued = finder.place_cue_ending(0, m.first).is_some();
                // "Baku in Azerbaijan", "Tashkent, Uzbekistan": placed in its own state.
                let placed = m.last + 1 < tokens
                    && matches!(finder.lower(m.last), "in" | ",")
                    && (2..=4).any(|n| {
                        let names = finder.gazetteer_names(m.last + 1, (m.last + n).min(tokens));
                        names.iter().any(|name| matches!(name.kind, NameKind::Label | NameKind::Alias) && name.entry == *entry)
                    });
                // "the Moscow region" (`mentions::named_regions` gave it its region word).
                let regional = m.short.is_some();
                // "talks with the government in Astana", "the authorities in Pyongyang": a
                // state noun (`lexicon/state_nouns.txt`) seated there is the state.
                let seated = before == Some("in") && m.first > 1 && {
                    let noun = finder.lower(m.first - 2);
                    self.lexicon.state_nouns.iter().any(|(n, _)| n.len() == 1 && n[0] == noun)
                };
                let locative = before.is_some_and(|b| self.lexicon.locative_words.contains(b)) && (!directional || moving) && !seated;
                // "between Istanbul, Tashkent and Samarkand", "from Tashkent to Samarkand": listed
                // with a place that is no capital ("from Moscow to Beijing": on a route).
                let place = |names: &[Name]| {
                    names.iter().any(|x| matches!(x.kind, NameKind::Label | NameKind::Alias) && gaz.entries[x.entry].class == EntityType::Place) && !names.iter().any(|x| x.kind == NameKind::Capital)
                };
                let joins = |k: usize| matches!(finder.lower(k), "," | "and" | "or" | "to");
                let place_after = m.last + 1 < tokens && joins(m.last) && name_from(finder, m.last + 1, tokens, place);
                let place_before = m.first >= 2 && joins(m.first - 1) && name_until(finder, m.first - 1, 0, place);
                let route_to = m.last + 1 < tokens && before == Some("from") && finder.lower(m.last) == "to" && name_from(finder, m.last + 1, tokens, |names| !names.is_empty());
                let route_from =
                    before == Some("to") && (1..=3).filter(|&n| m.first > n + 1).any(|n| !finder.gazetteer_names(m.first - 1 - n, m.first - 1).is_empty() && finder.lower(m.first - 2 - n) == "from");
                // "Tashkent-based", "Kazakhstan's capital Astana": a place's word.
                let based = m.last + 1 < tokens && finder.is_dash(m.last) && finder.lower(m.last + 1) == "based";
                let named_capital = before == Some("capital");
                let listed = place_after || place_before || route_to || route_from || based || named_capital;
                let as_place = !possessive && (owned || described || cued || placed || regional || locative || listed);
                if !as_place {
                    return Some((add_known(*entry, Some(&m.surface), drafts), EntityType::Country));
                }
                match self.known_place(&m.surface) {
                    Some(p) => {
                        let idx = add_known(p, Some(&m.surface), drafts);
                        drafts[idx].surfaces.extend(m.short.clone());
                        (idx, EntityType::Place)
                    }
                    None => {
                        let country = gaz.entries[*entry].id.clone();
                        let idx = self.unknown(m, EntityType::Place, drafts, draft_index);
                        drafts[idx].country.get_or_insert(country);
                        (idx, EntityType::Place)
                    }
                }
            }
            Target::Unknown => {
                if let Some(d) = defined_by {
                    drafts[d].add_surface(&m.surface);
                    return Some((d, drafts[d].class));
                }
                if let Some(idx) = self.corefer(m, drafts) {
                    drafts[idx].add_surface(&m.surface);
                    return Some((idx, drafts[idx].class));
                }
                // "Rosneft PJSC": a known company written with its legal form.
                if let Some(entry) = self.known_without_legal_form(m) {
                    return Some((add_known(entry, Some(&m.surface), drafts), gaz.entries[entry].class));
                }
                if m.class == EntityType::Place && m.last - m.first >= 2 && self.lexicon.same_place_heads.contains(finder.lower(m.last - 1)) {
                    // "Rajin Port", "Incheon City": a known place named with a generic head is that place.
                    if let Some(entry) = self.known_place(&finder.surface(m.first, m.last - 1)) {
                        return Some((add_known(entry, Some(&m.surface), drafts), EntityType::Place));
                    }
                }
                // An acronym the document never spells out ("the NSR", "FTA talks") names no
                // organisation a reader could tell, unless the words around it say it is one
                // ("an interview with the BBC", "Turkey's BOTAŞ"); one spelt out in brackets, or
                // after its name, was resolved above.
                // (Nor one that speaks or acts: "SOCAR said it would", "NTPC will build".)
                let undefined = m.class == EntityType::Organization && m.last - m.first == 1 && finder.is_acronym(m.first);
                let speaks = m.last < sentence.tokens.end && finder.lex.descriptions.is_reporting_verb(finder.lower(m.last));
                // (Or one listed with a known firm or body: "SOCAR and Lukoil signed".)
                let firm =
                    |names: &[Name]| names.iter().any(|n| matches!(n.kind, NameKind::Label | NameKind::Alias) && matches!(gaz.entries[n.entry].class, EntityType::Company | EntityType::Organization));
                let (start, end) = (sentence.tokens.start, sentence.tokens.end);
                let firm_after = m.last + 1 < end && finder.lower(m.last) == "and" && name_from(finder, m.last + 1, end, firm);
                let firm_before = m.first >= start + 2 && finder.lower(m.first - 1) == "and" && name_until(finder, m.first - 1, start, firm);
                let acts = || speaks || firm_after || firm_before || finder.agent_of_cue(sentence, m.first);
                if undefined && finder.context_type(sentence, m.first, m.last).is_none() && !finder.state_possessive_before(sentence, m.first) && !acts() {
                    return None;
                }
                if m.class == EntityType::Person && m.last - m.first == 1 {
                    // A lone surname with no full name before it: the one known person of
                    // that name ("the Yoon administration"), else nobody unless titled.
                    if let Some(entry) = self.only_known_person_named(&m.surface) {
                        return Some((add_known(entry, Some(&m.surface), drafts), EntityType::Person));
                    }
                    if !m.titled {
                        return None;
                    }
                }
                (self.unknown(m, m.class, drafts, draft_index), m.class)
            }
        })
    }

    /// "in Kitwe and Mufulira": an untyped name (`untyped`: sentence, first and end token)
    /// that no mention took, coordinated by "and", "or" or a comma with a named place right
    /// beside it, is a place too. (Not firms: a capitalised word beside a firm is too often
    /// no firm.)
    fn coordinated_names(&self, finder: &Finder, text: &Text, untyped: &[(usize, usize, usize)], drafts: &mut Vec<Draft>, draft_index: &mut DraftIndex, resolved: &mut Vec<Resolved>) {
        let before = resolved.len();
        for &(si, first, last) in untyped {
            let tokens = &text.sentences[si].tokens;
            // (Not a sentence's first word, nor a word with a possessive or a name's connector
            // after it: those may be the start of a name the finder did not type.)
            if first <= tokens.start || (last < tokens.end && matches!(finder.lower(last), "'s" | "of" | "-")) {
                continue;
            }
            let this = &resolved[..before];
            let this = &this[this.partition_point(|r| r.sentence < si)..this.partition_point(|r| r.sentence <= si)];
            // (Nor a word right before a name: "Gazprom and Korean Kogas".)
            if this.iter().any(|r| r.mention.first <= last && first < r.mention.last) {
                continue;
            }
            let joins = |k: usize| matches!(finder.lower(k), "and" | "or" | ",");
            let named = |r: &Resolved| !r.referring && matches!(r.mention.target, Target::Known(_) | Target::Unknown) && r.class == EntityType::Place;
            let left = (first >= tokens.start + 2 && joins(first - 1)).then(|| this.iter().find(|r| r.mention.last == first - 1 && named(r))).flatten();
            let right = (last + 1 < tokens.end && joins(last)).then(|| this.iter().find(|r| r.mention.first == last + 1 && named(r))).flatten();
            let Some(class) = left.or(right).map(|r| r.class) else { continue };
            let mention = Mention { first, last, class, target: Target::Unknown, surface: finder.surface(first, last), titled: false, short: None };
            let entity = self.unknown(&mention, class, drafts, draft_index);
            resolved.push(Resolved { mention, sentence: si, entity, class, referring: false });
        }
        if resolved.len() > before {
            resolved.sort_by_key(|r| (r.sentence, r.mention.first));
        }
    }

    /// The gazetteer place written `name`, if there is one.
    pub(super) fn known_place(&self, name: &str) -> Option<usize> {
        self.known_of_class(name, EntityType::Place)
    }

    /// The gazetteer entry of `class` written `name`, if there is one.
    fn known_of_class(&self, name: &str, class: EntityType) -> Option<usize> {
        let gaz = &self.lexicon.gazetteer;
        gaz.lookup(&lexicon::token_key(&self.lexicon.splitter, name)).iter().find(|n| gaz.entries[n.entry].class == class).map(|n| n.entry)
    }

    /// The gazetteer company or organisation a company's name without its legal form names.
    fn known_without_legal_form(&self, m: &Mention) -> Option<usize> {
        let lex = &self.lexicon;
        if m.class != EntityType::Company {
            return None;
        }
        let name = lexicon::without_legal_form(&m.surface, &lex.legal_forms)?;
        let names = lex.gazetteer.lookup(&lexicon::token_key(&lex.splitter, name));
        names.iter().find(|n| matches!(lex.gazetteer.entries[n.entry].class, EntityType::Company | EntityType::Organization)).map(|n| n.entry)
    }

    /// The draft of an unknown name: its label is the text as written, a company's without
    /// its legal form ("Sovtrans PJSC" is "Sovtrans", the text an alias).
    fn unknown(&self, m: &Mention, class: EntityType, drafts: &mut Vec<Draft>, draft_index: &mut DraftIndex) -> usize {
        let label = clean_label(&m.surface);
        let label = match (class == EntityType::Company).then(|| lexicon::without_legal_form(&label, &self.lexicon.legal_forms)).flatten() {
            Some(name) => name.to_string(),
            None => label,
        };
        let id = format!("{}/{}", class.id_prefix(), slug(&label));
        let idx = *draft_index.by_id.entry(id.clone()).or_insert_with(|| {
            drafts.push(Draft { id, label: label.clone(), class, wikidata: None, country: None, surfaces: BTreeSet::new() });
            drafts.len() - 1
        });
        drafts[idx].add_surface(&m.surface);
        drafts[idx].surfaces.extend(m.short.clone());
        idx
    }

    /// The gazetteer's only person whose first or last name is `word`, if exactly one.
    fn only_known_person_named(&self, word: &str) -> Option<usize> {
        match self.lexicon.gazetteer.people_named(&fold(word)) {
            &[person] => Some(person),
            _ => None,
        }
    }

    /// Surname-only mentions of a person met earlier ("Moon" after "Moon Jae-in"), and
    /// undefined acronyms that spell an earlier name's initials or begin one firm's name.
    fn corefer(&self, m: &Mention, drafts: &[Draft]) -> Option<usize> {
        // "The FESRC" after "Far Eastern Shipbuilding and Ship Repair Center (FESRC)": an
        // acronym the document already gave one entity.
        let acronym = m.last == m.first + 1 && m.surface.chars().all(|c| !c.is_lowercase());
        if let Some(d) = acronym.then(|| drafts.iter().position(|d| d.surfaces.contains(&m.surface))).flatten() {
            return Some(d);
        }
        // "Resolution 2397" after "UN Security Council resolution 2397": a numbered act
        // written without its issuer.
        if m.class == EntityType::Initiative && m.surface.ends_with(|c: char| c.is_ascii_digit()) {
            let act = fold(&m.surface);
            if let Some(d) = drafts.iter().position(|d| d.class == EntityType::Initiative && !d.surfaces.is_empty() && fold(&d.label).ends_with(&act)) {
                return Some(d);
            }
        }
        // "the Korean Peninsula–Europe transport corridor" after "… railway corridor": a route
        // project (`Finder::route_mention`: the ends, then the phrase) with the ends and head of
        // one named before is that one, unless a good tells them apart ("… gas pipeline",
        // "… oil pipeline").
        if let Some(ends) = m.short.as_deref().and_then(|phrase| m.surface.strip_suffix(phrase)).filter(|ends| m.class == EntityType::Project && ends.contains('–')) {
            let goods = |label: &str| -> Vec<String> { label[ends.len()..].split_whitespace().filter(|w| self.known_of_class(w, EntityType::Commodity).is_some()).map(fold).collect() };
            let (head, own_goods) = (m.surface.rsplit(' ').next(), goods(&m.surface));
            let same = |d: &Draft| d.class == EntityType::Project && d.label.starts_with(ends) && d.label.rsplit(' ').next() == head && goods(&d.label) == own_goods;
            if let Some(d) = drafts.iter().position(|d| d.is_unknown() && d.label != m.surface && same(d)) {
                return Some(d);
            }
        }
        let words: Vec<&str> = m.surface.split_whitespace().collect();
        if words.len() == 1 {
            let word = fold(words[0]);
            let person = drafts.iter().position(|d| d.class == EntityType::Person && is_name_part(&d.label, &word));
            if person.is_some() {
                return person;
            }
            let letters: Vec<char> = words[0].chars().filter(|c| c.is_alphabetic()).collect();
            if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
                let spelled = drafts.iter().position(|d| d.class != EntityType::Person && initials(&d.label).eq_ignore_ascii_case(&letters.iter().collect::<String>()));
                // "JSW" after "JSW Steel": the first word of the one earlier firm or body so named.
                let first_word =
                    |d: &Draft| matches!(d.class, EntityType::Company | EntityType::Organization) && d.label.split_whitespace().count() > 1 && d.label.split_whitespace().next() == Some(words[0]);
                let mut firms = drafts.iter().enumerate().filter(|(_, d)| first_word(d)).map(|(i, _)| i);
                return spelled.or_else(|| firms.next().filter(|_| firms.next().is_none()));
            }
        }
        None
    }
}

/// "Korea Gas Corporation (KOGAS)" / "KOGAS (Korea Gas Corporation)": the entity of the
/// mention this one is defined by, if it sits in brackets right after another mention.
/// A gazetteer name of one to three tokens starts at token `at` (ending by token `end`)
/// whose names `accepts`.
fn name_from(finder: &Finder, at: usize, end: usize, accepts: impl Fn(&[Name]) -> bool) -> bool {
    (1..=3).any(|n| accepts(finder.gazetteer_names(at, (at + n).min(end))))
}

/// A gazetteer name of one to three tokens ends right before token `end` (starting at
/// token `floor` or later) whose names `accepts`.
fn name_until(finder: &Finder, end: usize, floor: usize, accepts: impl Fn(&[Name]) -> bool) -> bool {
    (1..=3).filter(|&n| end >= floor + n).any(|n| accepts(finder.gazetteer_names(end - n, end)))
}

pub(super) fn acronym_definition(finder: &Finder, mentions: &[Mention], mi: usize, resolved: &[Resolved]) -> Option<usize> {
    let m = &mentions[mi];
    let prev = mi.checked_sub(1).map(|p| &mentions[p])?;
    let tokens = &finder.text.tokens;
    let bracketed = m.first == prev.last + 1 && tokens[prev.last].text(finder.body) == "(" && tokens.get(m.last).is_some_and(|t| t.text(finder.body) == ")");
    if !bracketed {
        return None;
    }
    let resolved_as = |p: &Mention| resolved.iter().rev().find(|r| r.mention.first == p.first && r.mention.last == p.last);
    let mut defining = resolved_as(prev)?;
    // "Committee on Trade of Moldova (CTM)": a state or place that ends a longer name is not
    // what the bracket defines; the name is.
    if let Some(longer) = mi.checked_sub(2).and_then(|pp| resolved_as(&mentions[pp])) {
        if matches!(defining.class, EntityType::Country | EntityType::Place) && longer.mention.surface.ends_with(&defining.mention.surface) {
            defining = longer;
        }
    }
    // "Rajin Port (North Korea)": a known name of another type in brackets says where, not who.
    let other_type = matches!(m.target, Target::Known(_)) && m.class != defining.class;
    (!other_type).then_some(defining.entity)
}

/// "a memorandum of understanding (MOU)", "weapons of mass destruction (WMD)": an unknown
/// acronym in brackets after lowercase words (a commodity's among them) abbreviates no name; neither does the same
/// acronym later in the document (`common`, the acronyms so defined).
fn common_acronym(finder: &Finder, mentions: &[Mention], mi: usize, common: &mut BTreeSet<String>) -> bool {
    let m = &mentions[mi];
    if !matches!(m.target, Target::Unknown) || m.last != m.first + 1 || !finder.is_acronym(m.first) {
        return false;
    }
    let tokens = &finder.text.tokens;
    let text = |k: usize| tokens[k].text(finder.body);
    let defined = m.first >= 2
        && text(m.first - 1) == "("
        && tokens.get(m.last).is_some_and(|t| t.text(finder.body) == ")")
        && text(m.first - 2).starts_with(char::is_lowercase)
        && !mentions.iter().any(|n| n.class != EntityType::Commodity && n.first < m.first - 1 && m.first - 2 < n.last);
    if defined {
        common.insert(m.surface.clone());
    }
    defined || common.contains(&m.surface)
}

/// The one entity that the mentions in `window` satisfying `wanted` stand for; `None`
/// when there are none or several (a pronoun with two candidates refers to nobody).
pub(super) fn sole_antecedent<'r>(window: impl Iterator<Item = &'r Resolved>, wanted: impl Fn(&Resolved) -> bool) -> Option<usize> {
    let entities: BTreeSet<usize> = window.filter(|r| wanted(r)).map(|r| r.entity).collect();
    (entities.len() == 1).then(|| entities.into_iter().next()).flatten()
}

/// Whether a folded `word` is the first or last name of a person's full `label`
/// ("Moon" of "Moon Jae-in", "Putin" of "Vladimir Putin").
pub(super) fn is_name_part(label: &str, word: &str) -> bool {
    lexicon::name_ends(label).is_some_and(|(first, last)| folds_to(last, word) || folds_to(first, word))
}

/// Whether token `k` is inside one of these mentions.
pub(super) fn covered(resolved: &[Resolved], k: usize) -> bool {
    resolved.iter().any(|r| r.mention.first <= k && k < r.mention.last)
}

/// "He", "his", "him", "she", "her" (`lexicon::PERSONAL_PRONOUNS`) for the one person named
/// in this sentence before it or in the two sentences before; when two people were named
/// there, a pronoun opening the sentence is the earlier one's subject (`subject_before`).
pub(super) fn personal_pronouns(finder: &Finder, sentence: &crate::text::Sentence, si: usize, resolved: &[Resolved], this_sentence: usize) -> Vec<Resolved> {
    let mut out = Vec::new();
    if !finder.sentence_has(si, WordKinds::PERSONAL_PRONOUN) {
        return out;
    }
    for k in sentence.tokens.clone() {
        if !finder.is(k, WordKinds::PERSONAL_PRONOUN) || covered(&resolved[this_sentence..], k) {
            continue;
        }
        let window = resolved.iter().rev().take_while(|r| r.sentence + 2 >= si);
        let named_after = named_after_opening(finder, sentence, k, &resolved[this_sentence..]);
        let sole = || sole_antecedent(window, |r| r.class == EntityType::Person && (r.sentence < si || r.mention.last <= k));
        let subject = || subject_before(finder, sentence, k, si, &resolved[..this_sentence]);
        let main_subject = || main_subject_before(finder, sentence, k, &resolved[this_sentence..]);
        if let Some(person) = named_after.or_else(sole).or_else(main_subject).or_else(subject) {
            let surface = finder.surface(k, k + 1);
            let mention = Mention { first: k, last: k + 1, class: EntityType::Person, target: Target::Unknown, surface, titled: false, short: None };
            out.push(Resolved { mention, sentence: si, entity: person, class: EntityType::Person, referring: true });
        }
    }
    out
}

/// "Chung's grandson Chung Ki-sun attended the ceremony. He also signed …": "he" or "she"
/// opening a sentence that names no one before it stands for the subject of the nearest
/// sentence before (within two) that names people: its first person not a possessive
/// ("Chung's") nor after a preposition.
fn subject_before(finder: &Finder, sentence: &crate::text::Sentence, k: usize, si: usize, earlier: &[Resolved]) -> Option<usize> {
    if k != sentence.tokens.start || !matches!(finder.lower(k), "he" | "she") {
        return None;
    }
    let nearest = earlier.iter().rev().find(|r| r.class == EntityType::Person && r.sentence + 2 >= si && r.sentence < si)?.sentence;
    earlier.iter().filter(|r| r.sentence == nearest && r.class == EntityType::Person && !r.referring).find(|r| may_be_subject(finder, r)).map(|r| r.entity)
}

/// Mention `r` may be a clause's subject: it is no possessive ("Chung's") and follows no
/// preposition.
fn may_be_subject(finder: &Finder, r: &Resolved) -> bool {
    let possessive = r.mention.last < finder.text.tokens.len() && matches!(finder.lower(r.mention.last), "'s" | "’s");
    let governed = r.mention.first > 0 && finder.is(r.mention.first - 1, WordKinds::PREPOSITION);
    !possessive && !governed
}

/// "Lavrov met Wang Yi in Beijing, where he also held talks with Han Zheng": "he" or "she"
/// opening a clause after people were named in the sentence is its main clause's subject:
/// the first person of the sentence not a possessive nor after a preposition.
fn main_subject_before(finder: &Finder, sentence: &crate::text::Sentence, k: usize, this_sentence: &[Resolved]) -> Option<usize> {
    let opens_clause = k > sentence.tokens.start + 1 && matches!(finder.lower(k - 1), "where" | "and" | "but" | "when" | "while" | "as" | "after" | "before" | "because" | "since");
    if !opens_clause || !matches!(finder.lower(k), "he" | "she") {
        return None;
    }
    this_sentence.iter().filter(|r| r.class == EntityType::Person && r.mention.last <= k && !r.referring).find(|r| may_be_subject(finder, r)).map(|r| r.entity)
}

/// "During his visit to Seoul, Putin signed": a pronoun in a phrase that opens the
/// sentence with a preposition and ends at a comma stands for the person the main clause
/// names right after it, if no person is named before that comma.
fn named_after_opening(finder: &Finder, sentence: &crate::text::Sentence, k: usize, this_sentence: &[Resolved]) -> Option<usize> {
    let start = sentence.tokens.start;
    if !finder.is(start, WordKinds::PREPOSITION) && !matches!(finder.lower(start), "following" | "after" | "before" | "while" | "when" | "upon" | "since") {
        return None;
    }
    let comma = (k..sentence.tokens.end.min(k + 12)).find(|&j| finder.lower(j) == ",")?;
    if this_sentence.iter().any(|r| r.class == EntityType::Person && r.mention.first < comma) {
        return None;
    }
    let next = this_sentence.iter().find(|r| r.mention.first > comma && r.class == EntityType::Person)?;
    (next.mention.first <= comma + 6).then_some(next.entity)
}

/// "the South Korean leader", "the Russian president": a nationality adjective after "the"
/// and before a role noun is the one person named in this sentence before it or in the two
/// sentences before, not the state (but in an apposition to that person it stays the state,
/// and before the name it titles, "the North Korean leader Kim Jong Il", too).
pub(super) fn described_people(finder: &Finder, si: usize, drafts: &[Draft], resolved: &mut [Resolved], this_sentence: usize) {
    for i in this_sentence..resolved.len() {
        let m = &resolved[i].mention;
        let (first, last) = (m.first, m.last);
        if !matches!(m.target, Target::Adjective(_)) || first == 0 || finder.lower(first - 1) != "the" || last >= finder.text.tokens.len() {
            continue;
        }
        let one = finder.lower(last).to_string();
        let two = (last + 1 < finder.text.tokens.len()).then(|| format!("{one} {}", finder.lower(last + 1)));
        // ("the Russian foreign minister": a title written in lowercase is a role too.)
        let role = |key: &str| finder.lex.roles.contains(key) || (finder.lex.titles.contains(key) && !finder.lex.honorifics.contains(key));
        let role_end = if role(&one) {
            last
        } else if two.is_some_and(|t| role(&t)) {
            last + 1
        } else {
            continue;
        };
        // "the North Korean leader Kim Jong Il": a title before the person it names.
        if resolved.iter().skip(this_sentence).any(|r| r.class == EntityType::Person && r.mention.first == role_end + 1) {
            continue;
        }
        // "Denis Alipov, the Russian ambassador,": an apposition to the person named right
        // before keeps its state, which the role's frame relates to the person.
        let apposition =
            first >= 2 && finder.lower(first - 2) == "," && resolved[..i].iter().rev().take_while(|r| r.sentence == si).any(|r| r.class == EntityType::Person && r.mention.last + 2 == first);
        if apposition {
            continue;
        }
        // The one person of that state the gazetteer knows, else the one person named (when
        // the gazetteer ties them to no other state): "Putin met the North Korean leader".
        let Target::Adjective(entry) = m.target else { continue };
        let state = finder.lex.gazetteer.entries[entry].id.as_str();
        let window = || resolved[..i].iter().rev().take_while(|r| r.sentence + 2 >= si);
        let of_state = sole_antecedent(window(), |r| r.class == EntityType::Person && drafts[r.entity].country.as_deref() == Some(state));
        let sole = || sole_antecedent(window(), |r| r.class == EntityType::Person).filter(|&p| drafts[p].country.as_deref().is_none_or(|c| c == state));
        if let Some(person) = of_state.or_else(sole) {
            let r = &mut resolved[i];
            r.entity = person;
            r.class = EntityType::Person;
            r.mention.class = EntityType::Person;
            r.mention.target = Target::Unknown;
        }
    }
}

/// How many sentences back "the project" looks for the sentence that names it.
const PROJECT_WINDOW: usize = 3;

/// "It was initiated by …" at the start of a sentence, for the one project or initiative
/// named in the sentence before; "the project" anywhere, for the one named in the nearest
/// sentence that names any (earlier in this one, or in the three before), else for the one
/// the document has named so far; nothing when there were several. The words are
/// `lexicon::PROJECT_REFERENCES`.
pub(super) fn project_references(finder: &Finder, sentence: &crate::text::Sentence, si: usize, resolved: &[Resolved], this_sentence: usize) -> Vec<Resolved> {
    let start = sentence.tokens.start;
    let mut out = Vec::new();
    if !finder.sentence_has(si, WordKinds::PROJECT_REFERENCE) {
        return out;
    }
    for k in sentence.tokens.clone().filter(|&k| finder.is(k, WordKinds::PROJECT_REFERENCE)) {
        let word = finder.lower(k);
        let it = k == start && word == "it";
        let the_project = matches!(word, "project" | "initiative") && k > start && finder.lower(k - 1) == "the";
        if !(it || the_project) || covered(&resolved[this_sentence..], k) {
            continue;
        }
        let wanted = |r: &Resolved| matches!(r.class, EntityType::Project | EntityType::Initiative) && (r.sentence < si || (!it && r.mention.last <= k));
        let found = if it {
            sole_antecedent(resolved.iter().rev().take_while(|r| r.sentence + 1 >= si), wanted)
        } else {
            // "the project": the one named in the nearest sentence (of the last three) that
            // names any, else the one the document has named so far.
            let nearest = resolved.iter().rev().take_while(|r| r.sentence + PROJECT_WINDOW >= si).find(|r| wanted(r)).map(|r| r.sentence);
            match nearest {
                Some(sj) => sole_antecedent(resolved.iter().rev().skip_while(|r| r.sentence > sj).take_while(|r| r.sentence == sj), wanted),
                None => sole_antecedent(resolved.iter(), wanted),
            }
        };
        if let Some(project) = found {
            let class = resolved.iter().rev().find(|r| r.entity == project).map_or(EntityType::Project, |r| r.class);
            let mention = Mention { first: k, last: k + 1, class, target: Target::Unknown, surface: finder.surface(k, k + 1), titled: false, short: None };
            out.push(Resolved { mention, sentence: si, entity: project, class, referring: true });
        }
    }
    out
}

/// "Sovtrans said …" after "Sovtrans PJSC", "Zinoviev" after "Georgy Zinoviev", "Calder"
/// after "Calder Shipping": an untyped name (`untyped`: sentence, first and end token) that
/// is the one entity of the document written so, or whose label starts or (for a person)
/// ends with it, is that entity. Names that fit several entities stay nobody's.
fn repeated_names(finder: &Finder, untyped: &[(usize, usize, usize)], drafts: &mut [Draft], resolved: &mut Vec<Resolved>) {
    if untyped.is_empty() {
        return;
    }
    // "al-Sudani" after "Mohammed Shia al-Sudani": a lowercase particle joined by a hyphen
    // before the capitalised run is a word of the name it repeats.
    let particle_at = |first: usize| {
        let joined = |k: usize| finder.text.tokens[k].joined;
        (first >= 2 && finder.is_dash(first - 1) && joined(first - 1) && joined(first) && finder.lower(first - 2).len() <= 3 && finder.lower(first - 2).chars().all(|c| c.is_ascii_lowercase()))
            .then(|| first - 2)
            .filter(|&p| !finder.is_capitalised(p))
    };
    let (untyped, keys): (Vec<(usize, usize, usize)>, Vec<String>) = untyped
        .iter()
        .map(|&(si, first, last)| {
            let words = fold_words((first..last).map(|k| finder.lower(k)));
            match particle_at(first) {
                Some(p) => ((si, p, last), format!("{}-{words}", finder.lower(p))),
                None => ((si, first, last), words),
            }
        })
        .unzip();
    let wanted: FxHashSet<&str> = keys.iter().map(String::as_str).collect();
    // Their first words: a name of the document that starts otherwise is none of them.
    let first_words: FxHashSet<&str> = keys.iter().map(|k| k.split(' ').next().unwrap_or("")).collect();
    // Per untyped name, the one entity written so (None when several are).
    let mut found: FxHashMap<&str, Option<usize>> = FxHashMap::default();
    let mut key = String::new();
    let mut add = |words: &[&str], d: usize| {
        key.clear();
        for (n, w) in words.iter().enumerate() {
            if n > 0 {
                key.push(' ');
            }
            lexicon::fold_into(w, &mut key);
            if n == 0 && !first_words.contains(key.as_str()) {
                return;
            }
        }
        if let Some(&name) = wanted.get(key.as_str()) {
            found
                .entry(name)
                .and_modify(|e| {
                    if *e != Some(d) {
                        *e = None;
                    }
                })
                .or_insert(Some(d));
        }
    };
    let mut words: Vec<&str> = Vec::new();
    for (d, draft) in drafts.iter().enumerate().filter(|(_, d)| !d.surfaces.is_empty() && !matches!(d.class, EntityType::Country | EntityType::Commodity)) {
        for surface in draft.surfaces.iter().chain(std::iter::once(&draft.label)) {
            words.clear();
            words.extend(surface.split_whitespace());
            add(&words, d);
        }
        words.clear();
        words.extend(draft.label.split_whitespace());
        match draft.class {
            EntityType::Person if words.len() >= 2 => {
                add(&words[..1], d);
                add(&words[words.len() - 1..], d);
            }
            EntityType::Company | EntityType::Organization => {
                for n in 1..words.len() {
                    add(&words[..n], d);
                }
            }
            _ => {}
        }
    }
    let before = resolved.len();
    for (&(si, first, last), key) in untyped.iter().zip(&keys) {
        let d = match found.get(key.as_str()) {
            Some(&Some(d)) => d,
            Some(None) => continue,
            // "Orlanfot" after "Orlanflot": one typing slip from one name (`misspelt_names`).
            None => match one_slip_from(key, drafts)[..] {
                [d] => d,
                _ => continue,
            },
        };
        let surface = finder.surface(first, last);
        drafts[d].add_surface(&surface);
        let mention = Mention { first, last, class: drafts[d].class, target: Target::Unknown, surface, titled: false, short: None };
        resolved.push(Resolved { mention, sentence: si, entity: d, class: drafts[d].class, referring: false });
    }
    if resolved.len() > before {
        resolved.sort_by_key(|r| (r.sentence, r.mention.first));
    }
}

/// Words folded and joined by single spaces.
fn fold_words<'w>(words: impl Iterator<Item = &'w str>) -> String {
    words.map(fold).collect::<Vec<_>>().join(" ")
}

/// "Korean Investment Corporation" and "KIC" in one article, where the gazetteer knows
/// "KIC" as another entity's acronym: an entity written only by acronyms is the one
/// entity of the document whose label has those initials.
fn local_acronyms(drafts: &mut [Draft], resolved: &mut [Resolved]) {
    let is_acronym = |s: &String| s.chars().filter(|c| c.is_alphabetic()).count() >= 2 && s.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
    for d in 0..drafts.len() {
        let by_acronyms = !drafts[d].surfaces.is_empty() && drafts[d].surfaces.iter().all(|s| is_acronym(s) && *s != drafts[d].label);
        let Some(acronym) = drafts[d].surfaces.iter().next().filter(|_| by_acronyms).cloned() else { continue };
        let spelled: Vec<usize> = (0..drafts.len()).filter(|&e| e != d && !drafts[e].surfaces.is_empty() && drafts[e].label.contains(' ') && has_initials(&drafts[e].label, &acronym)).collect();
        if let [into] = spelled[..] {
            merge_entity(drafts, resolved, d, into);
        }
    }
}

/// "HLI Green Power began output" after "PT Hyundai LG Indonesia Green Power (HLI Green
/// Power)": a named body or undertaking the gazetteer does not know, that exactly one other
/// entity of its kind with a longer label was written as (a short form defined in
/// brackets), is that entity.
/// (Not places: "Seoul" is a place and, standing for the state, a surface of Korea.)
fn defined_short_forms(drafts: &mut [Draft], resolved: &mut [Resolved]) {
    let kind = |c: EntityType| match c {
        EntityType::Company | EntityType::Organization => Some(EntityType::Company),
        EntityType::Project | EntityType::Initiative | EntityType::Event => Some(c),
        EntityType::Country | EntityType::Person | EntityType::Place | EntityType::Commodity => None,
    };
    for d in 0..drafts.len() {
        if !drafts[d].is_unknown() || drafts[d].surfaces.is_empty() || kind(drafts[d].class).is_none() {
            continue;
        }
        let label = fold(&drafts[d].label);
        let written: Vec<usize> = (0..drafts.len())
            .filter(|&e| e != d && kind(drafts[e].class) == kind(drafts[d].class) && drafts[e].label.len() > drafts[d].label.len() && drafts[e].surfaces.iter().any(|s| fold(s) == label))
            .collect();
        if let [into] = written[..] {
            merge_entity(drafts, resolved, d, into);
        }
    }
}

/// "Chabahar also competes with Gwadar" (a firm, as a verb's agent) after "the terminal at
/// Chabahar" (a place): one unknown name that the words around its mentions typed two ways
/// is one entity, of the class most of its mentions give it (on a tie, the first named).
/// People and goods keep their own: a person and a firm may share a name.
fn one_class_per_name(drafts: &mut [Draft], resolved: &mut [Resolved]) {
    let named = |d: &Draft| d.is_unknown() && !d.surfaces.is_empty() && !matches!(d.class, EntityType::Person | EntityType::Commodity);
    let mut groups: Vec<(String, Vec<usize>)> = Vec::new();
    for d in (0..drafts.len()).filter(|&d| named(&drafts[d])) {
        let label = fold(&drafts[d].label);
        // (Only names written as their label: "Orvik LLC", the firm, is not the town Orvik.)
        if !drafts[d].surfaces.iter().all(|s| fold(s) == label) {
            continue;
        }
        match groups.iter_mut().find(|(l, _)| *l == label) {
            Some((_, group)) => group.push(d),
            None => groups.push((label, vec![d])),
        }
    }
    for (_, group) in groups.into_iter().filter(|(_, g)| g.len() > 1) {
        let mentions = |d: usize| resolved.iter().filter(|r| r.entity == d).count();
        // (The most mentioned; `max_by_key` keeps the last of equals, so go from the last.)
        let Some(into) = group.iter().rev().copied().max_by_key(|&d| mentions(d)) else { continue };
        for &d in group.iter().filter(|&&d| d != into) {
            merge_entity(drafts, resolved, d, into);
        }
    }
}

/// "Sovocomflot will charter the fleet" after "Sovcomflot": an unknown one-word name of at
/// least seven letters that is one typing slip (a letter added, dropped, changed or two
/// swapped) from the one-word name of exactly one other entity of the document is that entity.
fn misspelt_names(drafts: &mut [Draft], resolved: &mut [Resolved]) {
    for d in 0..drafts.len() {
        let draft = &drafts[d];
        if !draft.is_unknown() || draft.surfaces.is_empty() || !slip_prone(&draft.label) {
            continue;
        }
        let matches = one_slip_from(&fold(&draft.label), drafts);
        // Two unknown spellings: the later joins the earlier.
        if let [into] = matches.into_iter().filter(|&e| e != d && !(drafts[e].is_unknown() && e > d)).collect::<Vec<_>>()[..] {
            merge_entity(drafts, resolved, d, into);
        }
    }
}

/// A one-word name of a body, place or undertaking, long enough (seven letters) that one
/// slip in it is no other word.
fn slip_prone(name: &str) -> bool {
    name.len() >= 7 && !name.contains(char::is_whitespace)
}

/// The entities named in the document (not people, states or goods) with a one-word name
/// one typing slip from the folded `written`.
fn one_slip_from(written: &str, drafts: &[Draft]) -> Vec<usize> {
    if !slip_prone(written) {
        return Vec::new();
    }
    // (Lengths first: most names are far longer or shorter, and folding allocates.)
    let near = |e: &Draft| e.surfaces.iter().chain(std::iter::once(&e.label)).any(|s| s.len().abs_diff(written.len()) <= 4 && slip_prone(s) && one_slip_apart(written, &fold(s)));
    (0..drafts.len()).filter(|&e| !drafts[e].surfaces.is_empty() && !matches!(drafts[e].class, EntityType::Person | EntityType::Country | EntityType::Commodity) && near(&drafts[e])).collect()
}

/// Whether `a` and `b` differ by exactly one letter added, dropped or changed, or two
/// neighbours swapped. Numbers are no slips: "Sakhalin-1" and "Sakhalin-2" are two fields.
fn one_slip_apart(a: &str, b: &str) -> bool {
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    if digits(a) != digits(b) {
        return false;
    }
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a == b || a.len().abs_diff(b.len()) > 1 {
        return false;
    }
    let same_start = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let same_end = a.iter().rev().zip(b.iter().rev()).take_while(|(x, y)| x == y).count();
    let (long, short) = if a.len() >= b.len() { (a.len(), b.len()) } else { (b.len(), a.len()) };
    if long != short {
        // One letter more: what is left between the common start and end is that letter.
        return same_start + same_end >= short;
    }
    let n = a.len();
    // One letter changed, or two neighbours swapped.
    same_start + same_end + 1 >= n || (same_start + 2 + same_end == n && a[same_start] == b[same_start + 1] && a[same_start + 1] == b[same_start])
}

/// "the International North-South Transport Corridor (INSTC), the 7,200-km multimodal route
/// connecting India with Russia", "Sakhalin-2, the Pacific island project", "Akkuyu, Turkey's
/// first nuclear plant", "Zvezda, the yard in Bolshoy Kamen": a described project (no name
/// of its own) set off by a comma and an article, or a state's possessive, with at most two
/// ordinals or superlatives between, right after a named project or firm, or after its
/// bracketed acronym, is that project or firm. `before`: the mentions of the sentence resolved
/// so far.
fn described_in_apposition(finder: &Finder, m: &Mention, before: &[Resolved]) -> Option<usize> {
    // (A capitalised first word only before a lowercase one: "the Pacific island project"
    // describes; "the Amur Bridge project" names.)
    let described = !finder.is_capitalised(m.first) || (m.first + 1..m.last.saturating_sub(1)).any(|k| finder.text.tokens[k].kind == TokenKind::Word && !finder.is_capitalised(k));
    if m.class != EntityType::Project || !matches!(m.target, Target::Unknown) || !described || m.first < 3 {
        return None;
    }
    // ("the first", "Turkey's largest", "the only": ordinals, "only" and superlatives, the
    // "-est" of a word of six letters or more.)
    let ranking = |w: &str| finder.lex.ordinals.contains(w) || (w.len() >= 6 && w.ends_with("est")) || w == "only";
    let mut opened = m.first;
    while opened > m.first.saturating_sub(2) && opened > 0 && ranking(finder.lower(opened - 1)) {
        opened -= 1;
    }
    let mut named = before.iter().rev();
    if opened >= 3 && matches!(finder.lower(opened - 1), "'s" | "’s") {
        // The state's possessive: the state is the last mention, the name before it.
        let state = named.next().filter(|r| r.class == EntityType::Country && (r.mention.last == opened - 1 || r.mention.last == opened))?;
        opened = state.mention.first;
    } else if opened >= 2 && matches!(finder.lower(opened - 1), "the" | "a" | "an") {
        opened -= 1;
    } else {
        return None;
    }
    if opened < 2 || finder.lower(opened - 1) != "," {
        return None;
    }
    let last = named.next().filter(|r| matches!(r.class, EntityType::Project | EntityType::Company) && !r.referring)?;
    let end = opened - 1;
    let next_to = last.mention.last == end || (last.mention.last + 1 == end && finder.lower(end - 1) == ")");
    (next_to && finder.is_capitalised(last.mention.first)).then_some(last.entity)
}

/// "The route, better known as the Middle Corridor,", "the programme, dubbed Nine Bridges",
/// "The Middle Corridor, formally the Trans-Caspian International Transport Route":
/// a name the document does not otherwise know, given by a naming verb right after a name or
/// a description ("the route", resolved by `coreference`), is that entity's other name.
/// Run after `coreference::refer`.
pub(super) fn merge_names_given(finder: &Finder, drafts: &mut [Draft], resolved: &mut [Resolved]) {
    let thing = |c: EntityType| matches!(c, EntityType::Project | EntityType::Initiative | EntityType::Event);
    for n in 1..resolved.len() {
        let (x, y) = (&resolved[n - 1], &resolved[n]);
        if x.sentence != y.sentence || x.entity == y.entity || !drafts[y.entity].is_unknown() || y.referring {
            continue;
        }
        if !(x.class == y.class || (thing(x.class) && thing(y.class))) || matches!(x.class, EntityType::Person | EntityType::Country) {
            continue;
        }
        // Between them: [","] [adverb] "known as" | "dubbed" | "nicknamed" ["the"] (not
        // "called", "named": "Gazprom called Naftogaz a partner").
        let mut k = y.mention.first;
        if k > x.mention.last && finder.lower(k - 1) == "the" {
            k -= 1;
        }
        let named = if k >= x.mention.last + 2 && finder.lower(k - 1) == "as" && finder.lower(k - 2) == "known" {
            k - 2
        } else if k > x.mention.last && matches!(finder.lower(k - 1), "dubbed" | "nicknamed") {
            k - 1
        } else if k == x.mention.last + 2 && finder.lower(k - 2) == "," && matches!(finder.lower(k - 1), "formally" | "officially") {
            // "The Middle Corridor, formally the Trans-Caspian International Transport Route".
            k - 1
        } else {
            continue;
        };
        let gap = &(x.mention.last..named).map(|j| finder.lower(j)).collect::<Vec<_>>()[..];
        let plain = match gap {
            [] | [","] => true,
            [",", adverb] | [adverb] => matches!(*adverb, "also" | "better" | "widely" | "commonly" | "locally" | "popularly" | "now" | "formerly" | "informally" | "formally" | "officially"),
            _ => false,
        };
        if plain {
            let (from, into) = (y.entity, x.entity);
            merge_entity(drafts, resolved, from, into);
        }
    }
}

/// "a fertilizer plant near Nakhodka" is also "Nakhodka fertilizer plant", the name the
/// place gives it: a described project's label of lowercase words, an attaching preposition
/// (`lexicon/attaching_prepositions.txt`) and a place's capitalised words takes, as another
/// name, the place's words before the lowercase ones ("plant in Bryan County" → "Bryan County
/// plant").
fn place_first_names(attaching_prepositions: &FxHashSet<String>, drafts: &mut [Draft]) {
    for d in drafts.iter_mut().filter(|d| d.class == EntityType::Project && d.is_unknown()) {
        let words: Vec<&str> = d.label.split_whitespace().collect();
        let Some(at) = words.iter().position(|w| attaching_prepositions.contains(*w)) else { continue };
        let place: Vec<&str> = words[at + 1..].iter().copied().skip_while(|w| *w == "the").take_while(|w| w.starts_with(char::is_uppercase)).collect();
        let described = &words[..at];
        if place.is_empty() || described.is_empty() || !described.iter().all(|w| w.starts_with(char::is_lowercase)) {
            continue;
        }
        let name = format!("{} {}", place.join(" "), described.join(" "));
        d.add_surface(&name);
    }
}

/// "an LNG shipment terminal in Kamchatka" and "the Kamchatka LNG terminal" in one
/// article: a described project is the one named project whose name has its head word and
/// its place's words (and no place of its own), when exactly one has.
pub(super) fn merge_described_projects(attaching_prepositions: &FxHashSet<String>, drafts: &mut [Draft], resolved: &mut [Resolved]) {
    let attaching = |w: &String| attaching_prepositions.contains(w);
    let preposition_at = |words: &[String]| words.iter().rposition(attaching).filter(|&at| at > 0);
    merge_described(drafts, resolved, EntityType::Project, |_, d| d.wikidata.is_some(), preposition_at, |words| !words.iter().any(attaching));
}

/// "the war against Ukraine" and "the war in Ukraine" (or "the invasion of Ukraine" and
/// "Russia's invasion of Ukraine") in one article: an event described by a place-event head
/// and its place (`mentions::described_events`) is the one other event whose name has the
/// head and the place's words, when exactly one has.
/// (`known`: the drafts of gazetteer entries, which keep their names.)
fn merge_described_events(place_events: &FxHashSet<String>, known: &FxHashSet<usize>, drafts: &mut [Draft], resolved: &mut [Resolved]) {
    let preposition_at = |words: &[String]| words.windows(2).position(|w| place_events.contains(&w[0]) && matches!(w[1].as_str(), "of" | "in" | "against")).map(|head| head + 1);
    merge_described(drafts, resolved, EntityType::Event, |i, d| d.surfaces.is_empty() || known.contains(&i), preposition_at, |_| true);
}

/// Merges each draft of class `class` (but those `skip` keeps) whose folded words name a head
/// and a place, joined by the preposition at `preposition_at`, into the one other mentioned
/// draft of that class whose words hold the head and the place's words and that `may_take`
/// allows, when exactly one does; the merged draft takes its name.
fn merge_described(
    drafts: &mut [Draft],
    resolved: &mut [Resolved],
    class: EntityType,
    skip: impl Fn(usize, &Draft) -> bool,
    preposition_at: impl Fn(&[String]) -> Option<usize>,
    may_take: impl Fn(&[String]) -> bool,
) {
    // The folded words of each label of the class, split once.
    let mut class_words: Vec<Vec<String>> = drafts.iter().map(|d| if d.class == class { d.label.split_whitespace().map(fold).collect() } else { Vec::new() }).collect();
    for d in 0..drafts.len() {
        if drafts[d].class != class || skip(d, &drafts[d]) {
            continue;
        }
        let label = &class_words[d];
        let Some(at) = preposition_at(label) else { continue };
        let mut wanted: Vec<&String> = label[at + 1..].iter().filter(|w| *w != "the").collect();
        wanted.push(&label[at - 1]);
        let named: Vec<usize> = (0..drafts.len())
            .filter(|&e| e != d && drafts[e].class == class && !drafts[e].surfaces.is_empty())
            .filter(|&e| may_take(&class_words[e]) && wanted.iter().all(|w| class_words[e].contains(w)))
            .collect();
        if let [into] = named[..] {
            merge_entity(drafts, resolved, d, into);
            drafts[d].label = drafts[into].label.clone();
            class_words[d] = class_words[into].clone();
        }
    }
}

/// "Hyundai Engineering" (a headline) and "Hyundai Engineering & Construction Co." in one
/// article: a company or organisation the gazetteer does not know, named by two words or more
/// that begin the name of exactly one other of its class, is that one. So is a project whose
/// longer name adds only lowercase words or "Project" ("Mumbai-Ahmedabad High Speed Rail" and "the
/// Mumbai–Ahmedabad high-speed rail line"; not "Power of Siberia 2"). One word does so only as
/// a firm the gazetteer does not know ("Barrick" of "Barrick Gold"; its "Hyundai" is a group
/// of many firms). Hyphens and dashes split words. And a name whose surface, written another
/// way, is the label of exactly one other of its class is that one ("the Trans-Korean and
/// Trans-Siberian railways" gave "Trans-Korean" the surface "Trans-Korean railway"). So is a
/// project named by the first words of exactly one other's name and "project" ("the Arctic
/// project" beside "Arctic LNG 2"; a part's name is no other: "the Rasht–Astara section",
/// `lexicon/part_heads.txt`).
fn merge_short_names(known: &FxHashSet<usize>, part_heads: &FxHashSet<String>, drafts: &mut [Draft], resolved: &mut [Resolved]) {
    let eligible = |d: &Draft| matches!(d.class, EntityType::Company | EntityType::Organization | EntityType::Project) && !d.surfaces.is_empty();
    let words_of = |label: &str| -> Vec<String> { label.split(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—')).filter(|w| !w.is_empty()).map(str::to_string).collect() };
    let folded = |name: &str| -> Vec<String> { words_of(name).iter().map(|w| fold(w)).collect() };
    // The words of each eligible label, split once (merging changes no label), and folded.
    let raw_words: Vec<Vec<String>> = drafts.iter().map(|d| if eligible(d) { words_of(&d.label) } else { Vec::new() }).collect();
    let label_words: Vec<Vec<String>> = raw_words.iter().map(|words| words.iter().map(|w| fold(w)).collect()).collect();
    // ("the Development Road" and "the Development Road Project": the word "Project" alone
    // adds nothing either.)
    let lowercase_tail = |e: usize, from: usize| raw_words[e][from..].iter().all(|w| w.chars().all(|c| c.is_lowercase())) || raw_words[e][from..] == ["Project"];
    let actor = |c: EntityType| matches!(c, EntityType::Company | EntityType::Organization);
    let same_kind = |a: EntityType, b: EntityType| a == b || (actor(a) && actor(b));
    for d in 0..drafts.len() {
        if !eligible(&drafts[d]) || drafts[d].wikidata.is_some() {
            continue;
        }
        let short = &label_words[d];
        // ("the Trans-Korean and Trans-Siberian railways" beside "Trans-Korean Railway": a
        // surface the head gave a short name is that name written otherwise. Projects the
        // gazetteer does not know only: their labels are the document's words.)
        if drafts[d].class == EntityType::Project && !known.contains(&d) {
            let spelled: Vec<Vec<String>> = drafts[d].surfaces.iter().map(|s| folded(s)).filter(|w| w.len() > short.len()).collect();
            let same_name: Vec<usize> = (0..drafts.len()).filter(|&e| e != d && eligible(&drafts[e]) && drafts[e].class == EntityType::Project && spelled.contains(&label_words[e])).collect();
            if let [into] = same_name[..] {
                merge_entity(drafts, resolved, d, into);
                continue;
            }
        }
        // "the Arctic project" beside "Arctic LNG 2", "the Yamal project" beside "Yamal LNG": a
        // project the document names by the first words of exactly one other's name and "project".
        if drafts[d].class == EntityType::Project && !known.contains(&d) && short.len() >= 2 && short.last().is_some_and(|w| w == "project") {
            let words = &short[..short.len() - 1];
            let named: Vec<usize> = (0..drafts.len())
                .filter(|&e| {
                    e != d
                        && eligible(&drafts[e])
                        && drafts[e].class == EntityType::Project
                        && label_words[e].len() > words.len()
                        && label_words[e].starts_with(words)
                        && label_words[e] != *short
                        && !label_words[e].last().is_some_and(|w| part_heads.contains(w))
                })
                .collect();
            if let [into] = named[..] {
                merge_entity(drafts, resolved, d, into);
                continue;
            }
        }
        let one_word_firm = short.len() == 1 && drafts[d].class == EntityType::Company && !known.contains(&d) && short[0].chars().count() >= 4;
        if short.len() < 2 && !one_word_firm {
            continue;
        }
        // (A firm's or body's longer name may be one of its surfaces, and either class:
        // "China Exim" and the Export-Import Bank of China written "China Exim Bank".)
        let begins = |name: &str| {
            let words = folded(name);
            words.len() > short.len() && words.starts_with(short)
        };
        let longer: Vec<usize> = (0..drafts.len())
            .filter(|&e| e != d && eligible(&drafts[e]) && same_kind(drafts[e].class, drafts[d].class))
            .filter(|&e| {
                let by_label = label_words[e].len() > short.len() && label_words[e].starts_with(short);
                by_label || (actor(drafts[e].class) && drafts[e].surfaces.iter().any(|s| begins(s)))
            })
            .filter(|&e| drafts[e].class != EntityType::Project || lowercase_tail(e, short.len()))
            .collect();
        if let [into] = longer[..] {
            merge_entity(drafts, resolved, d, into);
        }
    }
}

/// "NAC Kazatomprom" and "National Atomic Company Kazatomprom" beside "Kazatomprom": a company
/// or organisation the gazetteer does not know, whose name is an acronym or words ending in
/// "Company", "Corporation" or "Group" before the one-word name of exactly one other of its
/// class, is that one.
fn merge_prefixed_names(drafts: &mut [Draft], resolved: &mut [Resolved]) {
    let eligible = |d: &Draft| matches!(d.class, EntityType::Company | EntityType::Organization) && !d.surfaces.is_empty();
    for d in 0..drafts.len() {
        if !eligible(&drafts[d]) || drafts[d].wikidata.is_some() {
            continue;
        }
        let words: Vec<&str> = drafts[d].label.split_whitespace().collect();
        let Some((last, prefix)) = words.split_last() else { continue };
        let acronym = |w: &str| (2..=5).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase());
        let descriptor = prefix.last().is_some_and(|w| matches!(fold(w).as_str(), "company" | "corporation" | "group"));
        if prefix.is_empty() || !(prefix.iter().all(|w| acronym(w)) || descriptor) {
            continue;
        }
        let short = fold(last);
        if short.len() < 5 {
            continue;
        }
        let named: Vec<usize> = (0..drafts.len()).filter(|&e| e != d && eligible(&drafts[e]) && drafts[e].class == drafts[d].class && fold(&drafts[e].label) == short).collect();
        if let [into] = named[..] {
            merge_entity(drafts, resolved, d, into);
            // (The entity keeps the short name's label, whichever was named first.)
            drafts[d].label = drafts[into].label.clone();
        }
    }
}

/// Makes entity `from` entity `into`: its surfaces, and every mention resolved to it.
fn merge_entity(drafts: &mut [Draft], resolved: &mut [Resolved], from: usize, into: usize) {
    merge_surfaces(drafts, from, into);
    for r in resolved.iter_mut().filter(|r| r.entity == from) {
        (r.entity, r.class) = (into, drafts[into].class);
    }
}

pub(super) fn merge_surfaces(drafts: &mut [Draft], from: usize, into: usize) {
    if from != into {
        let surfaces: Vec<String> = drafts[from].surfaces.iter().cloned().collect();
        drafts[into].surfaces.extend(surfaces);
        drafts[from].surfaces.clear();
        drafts[from].class = drafts[into].class;
        drafts[from].id = drafts[into].id.clone();
        drafts[from].label = drafts[into].label.clone();
    }
}

/// How many words (folded) of more than three letters two names share ("of", "for" and
/// "the" do not count).
fn shared_words(a: &str, b: &str) -> usize {
    let words = |name: &str| -> FxHashSet<String> { name.split_whitespace().map(fold).filter(|w| w.chars().count() > 3).collect() };
    words(a).intersection(&words(b)).count()
}

/// Whether `initials(label) == acronym`, without building the initials.
fn has_initials(label: &str, acronym: &str) -> bool {
    label.split(|c: char| c.is_whitespace() || c == '-').filter_map(|w| w.chars().next()).filter(|c| c.is_uppercase()).eq(acronym.chars())
}

/// Initials of the capitalised words of a name: "Korea Gas Corporation" → "KGC".
pub(super) fn initials(label: &str) -> String {
    label.split(|c: char| c.is_whitespace() || c == '-').filter_map(|w| w.chars().next()).filter(|c| c.is_uppercase()).collect()
}

/// A label without a trailing possessive or comma ("U.S." keeps its period).
pub(super) fn clean_label(surface: &str) -> String {
    surface.trim_end_matches(['’', '\'', ',']).trim().to_string()
}

/// The drafts of a document by id, and by gazetteer entry for the entries met.
#[derive(Default)]
pub(super) struct DraftIndex {
    pub(super) by_id: FxHashMap<String, usize>,
    pub(super) by_entry: FxHashMap<usize, usize>,
}

/// The draft of gazetteer entry `entry`, created on first use.
pub(super) fn known_draft(gaz: &lexicon::Gazetteer, entry: usize, drafts: &mut Vec<Draft>, index: &mut DraftIndex) -> usize {
    if let Some(&known) = index.by_entry.get(&entry) {
        return known;
    }
    let e = &gaz.entries[entry];
    let draft = *index.by_id.entry(e.id.clone()).or_insert_with(|| {
        drafts.push(Draft { id: e.id.clone(), label: e.label.clone(), class: e.class, wikidata: e.wikidata.clone(), country: e.country.clone(), surfaces: BTreeSet::new() });
        drafts.len() - 1
    });
    index.by_entry.insert(entry, draft);
    draft
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_slip_is_one_letter_added_dropped_changed_or_two_swapped() {
        assert!(one_slip_apart("sovocomflot", "sovcomflot"));
        assert!(one_slip_apart("sovcomflot", "sovocomflot"));
        assert!(one_slip_apart("rosneft", "rosnaft"));
        assert!(one_slip_apart("gazprom", "gazporm"));
        assert!(!one_slip_apart("gazprom", "gazpmro"));
        assert!(!one_slip_apart("gazprom", "gazprom"));
        assert!(!one_slip_apart("novatek", "novartis"));
        assert!(!one_slip_apart("rosatom", "rostec"));
        assert!(!one_slip_apart("sakhalin-1", "sakhalin-2"));
        assert!(!one_slip_apart("sakhalin-2", "sakhalin-"));
    }
}
