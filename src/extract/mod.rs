//! Extract: one document in, its entities and relations out.
//!
//! Owns the extraction pipeline: sentences → mentions (`mentions`) → entities with
//! aliases, acronyms, surname and metonym resolution (here) → relations from the cue
//! rules (`patterns`) and role appositions, with year, amount, status and negation.
//! Pure: no I/O (the `Lexicon` is loaded once by the caller), never fails on odd text.

mod agreements;
pub mod lexicon;
pub mod mentions;
pub mod patterns;

use crate::corpus::Document;
use crate::model::{slug, Entity, EntityType, Evidence, Extraction, Predicate, Relation, Status};
use crate::text::{Text, TokenKind};
use lexicon::{fold, folds_to, CueSet, WordKinds};
use mentions::{Finder, Lowered, Mention, Target};
use patterns::{Item, Items, LiteralRange};
use rustc_hash::FxHashMap;
use std::cell::OnceCell;
use std::collections::{BTreeMap, BTreeSet};

pub use lexicon::Lexicon;

/// Words before a capital city that make it a place, not its state.
const LOCATIVE: &[&str] = &["in", "to", "from", "at", "near", "into", "via", "through", "across", "around", "outside", "inside", "visit", "visited", "visiting", "toward", "towards"];

thread_local! {
    /// `RuleIndex::candidates`' bookkeeping, kept between the documents a thread extracts.
    static SEEN: std::cell::Cell<patterns::Seen> = std::cell::Cell::new(patterns::Seen::default());
}

/// Runs the extractors over documents with one loaded lexicon.
pub struct Extractor {
    pub lexicon: Lexicon,
}

/// A mention after resolution: which entity, and as which type it acts here.
#[derive(Debug, Clone)]
struct Resolved {
    mention: Mention,
    sentence: usize,
    entity: usize,
    kind: EntityType,
}

/// An entity being assembled from its mentions.
#[derive(Debug, Clone)]
struct Draft {
    id: String,
    label: String,
    kind: EntityType,
    wikidata: Option<String>,
    country: Option<String>,
    surfaces: BTreeSet<String>,
}

impl Draft {
    /// Records a surface the entity was written as (copied only the first time).
    fn add_surface(&mut self, surface: &str) {
        if !self.surfaces.contains(surface) {
            self.surfaces.insert(surface.to_string());
        }
    }
}

impl Extractor {
    pub fn new(lexicon: Lexicon) -> Self {
        Extractor { lexicon }
    }

    /// Extracts entities and relations from one document.
    pub fn extract(&self, doc: &Document) -> Extraction {
        let body = doc.body.as_str();
        let text = self.lexicon.splitter.split(body);
        let lowered = Lowered::new(body, &text);
        let finder = Finder::new(&self.lexicon, body, &text, &lowered);
        let mut drafts: Vec<Draft> = Vec::new();
        let mut draft_index = DraftIndex::default();
        let mut resolved: Vec<Resolved> = Vec::with_capacity(text.tokens.len() / 8);
        for (si, sentence) in text.sentences.iter().enumerate() {
            let mut mentions = agreements::with_agreements(&finder, si, finder.sentence_mentions(sentence));
            let start = resolved.len();
            for mi in 0..mentions.len() {
                let defined_by = acronym_definition(&finder, &mentions, mi, &resolved);
                let Some((entity, kind)) = self.resolve(&finder, &mentions[mi], defined_by, &mut drafts, &mut draft_index) else { continue };
                // The text moves to the resolved mention: the next mentions' checks read positions only.
                let m = &mut mentions[mi];
                let mention = Mention { surface: std::mem::take(&mut m.surface), short: m.short.take(), ..m.clone() };
                resolved.push(Resolved { mention, sentence: si, entity, kind });
            }
            let pronouns = personal_pronouns(&finder, sentence, si, &resolved, start);
            resolved.extend(pronouns);
            let projects = project_references(&finder, sentence, si, &resolved, start);
            resolved.extend(projects);
            described_people(&finder, si, &mut resolved, start);
            resolved[start..].sort_by_key(|r| r.mention.first);
        }
        merge_described_projects(&mut drafts, &mut resolved);
        let pairs = self.pair_adjectives(&finder, &text, &mut drafts, &mut draft_index);
        let cues = CueCache(vec![OnceCell::new(); text.sentences.len()]);
        let mut relations = self.relations(&finder, &text, &resolved, &drafts, &cues);
        relations.extend(pairs.into_iter().filter_map(|(si, a, b)| {
            let facts = self.named_facts(Predicate::CooperatesWith, 0.75, "pair-adjective");
            self.relation(&finder, &text, si, (a.mention.first, a.mention.last + 1), &a, &b, &drafts, facts, &cues)
        }));
        finish(drafts, relations)
    }

    /// Finds or creates the entity a mention stands for.
    fn resolve(&self, finder: &Finder, m: &Mention, defined_by: Option<usize>, drafts: &mut Vec<Draft>, draft_index: &mut DraftIndex) -> Option<(usize, EntityType)> {
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
                let idx = add_known(*entry, Some(&m.surface), drafts);
                if let Some(d) = defined_by {
                    merge_surfaces(drafts, d, idx);
                }
                (idx, gaz.entries[*entry].kind)
            }
            Target::Adjective(entry) => (add_known(*entry, None, drafts), EntityType::Country),
            Target::Capital(entry) => {
                let before = (m.first > 0).then(|| finder.lower(m.first - 1));
                // "Moscow's footsteps": a possessive capital is its government, wherever it stands.
                let possessive = finder.text.tokens.get(m.last).is_some_and(|_| finder.lower(m.last) == "'s");
                // "flights to Seoul" is the city, "obligations to Washington" the government.
                let directional = before.is_some_and(|b| matches!(b, "to" | "from" | "toward" | "towards"));
                let moving = m.first > 1 && self.lexicon.motion_words.contains(finder.lower(m.first - 2));
                let as_place = !possessive && before.is_some_and(|b| LOCATIVE.contains(&b)) && (!directional || moving);
                if !as_place {
                    return Some((add_known(*entry, Some(&m.surface), drafts), EntityType::Country));
                }
                match self.known_place(&m.surface) {
                    Some(p) => (add_known(p, Some(&m.surface), drafts), EntityType::Place),
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
                    return Some((d, drafts[d].kind));
                }
                if let Some(idx) = self.corefer(m, drafts) {
                    drafts[idx].add_surface(&m.surface);
                    return Some((idx, drafts[idx].kind));
                }
                if m.kind == EntityType::Place && m.last - m.first >= 2 && self.lexicon.same_place_heads.contains(finder.lower(m.last - 1)) {
                    // "Rajin Port", "Incheon City": a known place named with a generic head is that place.
                    if let Some(entry) = self.known_place(&finder.surface(m.first, m.last - 1)) {
                        return Some((add_known(entry, Some(&m.surface), drafts), EntityType::Place));
                    }
                }
                if m.kind == EntityType::Person && m.last - m.first == 1 {
                    // A lone surname with no full name before it: the one known person of
                    // that name ("the Yoon administration"), else nobody unless titled.
                    if let Some(entry) = self.only_known_person_named(&m.surface) {
                        return Some((add_known(entry, Some(&m.surface), drafts), EntityType::Person));
                    }
                    if !m.titled {
                        return None;
                    }
                }
                (self.unknown(m, m.kind, drafts, draft_index), m.kind)
            }
        })
    }

    /// The gazetteer place written `name`, if there is one.
    fn known_place(&self, name: &str) -> Option<usize> {
        let gaz = &self.lexicon.gazetteer;
        gaz.lookup(&lexicon::token_key(&self.lexicon.splitter, name)).iter().find(|n| gaz.entries[n.entry].kind == EntityType::Place).map(|n| n.entry)
    }

    fn unknown(&self, m: &Mention, kind: EntityType, drafts: &mut Vec<Draft>, draft_index: &mut DraftIndex) -> usize {
        let label = clean_label(&m.surface);
        let id = format!("{}/{}", kind.id_prefix(), slug(&label));
        let idx = *draft_index.by_id.entry(id.clone()).or_insert_with(|| {
            drafts.push(Draft { id, label: label.clone(), kind, wikidata: None, country: None, surfaces: BTreeSet::new() });
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
    /// undefined acronyms that spell an earlier name's initials.
    fn corefer(&self, m: &Mention, drafts: &[Draft]) -> Option<usize> {
        let words: Vec<&str> = m.surface.split_whitespace().collect();
        if words.len() == 1 {
            let word = fold(words[0]);
            let person = drafts.iter().position(|d| {
                d.kind == EntityType::Person && is_name_part(&d.label, &word)
            });
            if person.is_some() {
                return person;
            }
            let letters: Vec<char> = words[0].chars().filter(|c| c.is_alphabetic()).collect();
            if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
                return drafts.iter().position(|d| d.kind != EntityType::Person && initials(&d.label).eq_ignore_ascii_case(&letters.iter().collect::<String>()));
            }
        }
        None
    }

    /// Relations of every sentence: cue rules, then role appositions.
    fn relations(&self, finder: &Finder, text: &Text, resolved: &[Resolved], drafts: &[Draft], cues: &CueCache) -> Vec<Relation> {
        let mut out = Vec::with_capacity(resolved.len() / 2);
        // The rule index's bookkeeping, reused from the thread's previous document.
        let mut seen = SEEN.take();
        let literals = &self.lexicon.rule_index.literals;
        // The literal ids of a sentence's token items, and the item of each.
        let mut literal_ids: Vec<usize> = Vec::new();
        let mut literal_items: Vec<usize> = Vec::new();
        // `resolved` is in sentence order: each sentence's mentions are one run of it.
        let mut idxs: Vec<usize> = Vec::new();
        let mut run_start = 0;
        while run_start < resolved.len() {
            let si = resolved[run_start].sentence;
            let run_end = run_start + resolved[run_start..].iter().take_while(|r| r.sentence == si).count();
            idxs.clear();
            idxs.extend(run_start..run_end);
            run_start = run_end;
            if idxs.len() < 2 {
                continue;
            }
            let sentence = &text.sentences[si];
            // Items: mentions as single items, other tokens as themselves.
            let mut items: Vec<Item> = Vec::with_capacity(sentence.tokens.len());
            let mut item_tokens: Vec<(usize, usize)> = Vec::with_capacity(sentence.tokens.len());
            // Adjectives that act only because a commodity follows: "Russian LNG".
            let mut commodity_of: FxHashMap<usize, usize> = FxHashMap::default();
            literal_ids.clear();
            literal_items.clear();
            let mut k = sentence.tokens.start;
            let mut next = idxs.iter().peekable();
            while k < sentence.tokens.end {
                if let Some(&&ri) = next.peek() {
                    let r = &resolved[ri];
                    if r.mention.first == k {
                        // An adjective stands for its state before an actor noun ("Russian
                        // officials") or a commodity ("Russian energy resources").
                        let commodity_after = || idxs.iter().copied().find(|&c| resolved[c].kind == EntityType::Commodity && resolved[c].mention.first == r.mention.last);
                        let adjective = matches!(r.mention.target, Target::Adjective(_));
                        // "Russian President Vladimir Putin": the adjective is part of the title.
                        let titles_a_person = || {
                            idxs.iter().map(|&p| &resolved[p].mention).any(|p| p.titled && p.kind == EntityType::Person && p.first > r.mention.last && finder.title_ending_at(r.mention.last, p.first) == Some(r.mention.last))
                        };
                        let acts = !adjective || (finder.is_actor_noun_after(r.mention.last) && !titles_a_person()) || {
                            let commodity = commodity_after();
                            commodity_of.extend(commodity.map(|c| (ri, c)));
                            commodity.is_some()
                        };
                        if acts {
                            items.push(Item::Mention(ri, r.kind));
                            item_tokens.push((r.mention.first, r.mention.last));
                            k = r.mention.last;
                            next.next();
                            continue;
                        }
                        next.next();
                    }
                }
                // The exact literal the word is (word table), then the prefix literals it starts with.
                let word = finder.lower(k);
                let from = literal_ids.len();
                literal_ids.extend(finder.literal(k));
                literals.prefixed(word, &mut literal_ids);
                literal_items.resize(literal_ids.len(), items.len());
                items.push(Item::Token(word, LiteralRange::new(from, literal_ids.len())));
                item_tokens.push((k, k + 1));
                k += 1;
            }
            let candidates = self.lexicon.rule_index.candidates(literal_ids.iter().copied().zip(literal_items.iter().copied()), patterns::item_kinds(&items), &mut seen);
            // The sentence's lists, found when a rule first matches.
            let groups = OnceCell::new();
            let title = title_items(finder, sentence.tokens.start, &items, &item_tokens, &idxs, resolved);
            let items = Items::new(items, &literal_ids, &title);
            for (r, last_start) in candidates {
                let rule = &self.lexicon.rules[r];
                for mut m in rule.find(&items, last_start) {
                    // "interest in Russian LNG": a slot that takes commodities takes the LNG.
                    for (slot, role) in [(&mut m.subject, patterns::Role::Subject), (&mut m.object, patterns::Role::Object)] {
                        if let Some(&c) = commodity_of.get(slot) {
                            if rule.slot_types(role).is_none_or(|ts| ts.contains(&EntityType::Commodity)) {
                                *slot = c;
                            }
                        }
                    }
                    // "near North Korea's Rajin": an object followed by its possession is the possession.
                    if let (Some(Item::Mention(o, _)), Some(Item::Token("'s", _)), Some(Item::Mention(owned, kind))) =
                        (items.items.get(m.last_item), items.items.get(m.last_item + 1), items.items.get(m.last_item + 2))
                    {
                        if *o == m.object && rule.slot_types(patterns::Role::Object).is_none_or(|ts| ts.contains(kind)) {
                            m.object = *owned;
                            m.last_item += 2;
                        }
                    }
                    let groups = groups.get_or_init(|| CoordinationGroups::new(&items.items));
                    let same_group = groups.list_of(m.subject).contains(&m.object);
                    let expand = |mi: usize, role| -> Vec<usize> {
                        if same_group {
                            return vec![mi];
                        }
                        let types = rule.slot_types(role);
                        let group = groups.list_of(mi);
                        if group.is_empty() {
                            return vec![mi];
                        }
                        group.iter().copied().filter(|&g| g == mi || types.is_none_or(|ts| ts.contains(&resolved[g].kind))).collect()
                    };
                    let subjects = expand(m.subject, patterns::Role::Subject);
                    let objects = expand(m.object, patterns::Role::Object);
                    let span = (item_tokens[m.first_item].0, item_tokens[m.last_item].1);
                    for &s in &subjects {
                        for &o in &objects {
                            let confidence = if s == m.subject && o == m.object { rule.confidence } else { rule.confidence * 0.9 };
                            let facts = Facts { predicate: rule.predicate, confidence, status: rule.status, rule: &rule.id };
                            if let Some(rel) = self.relation(finder, text, si, span, &resolved[s], &resolved[o], drafts, facts, cues) {
                                out.push(rel);
                            }
                        }
                    }
                }
            }
            self.role_appositions(finder, text, si, &idxs, resolved, drafts, cues, &mut out);
        }
        SEEN.set(seen);
        out
    }

    /// "South Korean President Moon Jae-in", "Russia's Foreign Minister Sergei Lavrov":
    /// holdsRole(person, state). A titled person the gazetteer ties to a state also holds a role there.
    #[allow(clippy::too_many_arguments)]
    fn role_appositions(&self, finder: &Finder, text: &Text, si: usize, idxs: &[usize], resolved: &[Resolved], drafts: &[Draft], cues: &CueCache, out: &mut Vec<Relation>) {
        for (n, &pi) in idxs.iter().enumerate() {
            let p = &resolved[pi];
            if p.kind == EntityType::Person && !p.mention.titled && self.leads_government(finder, idxs, n, resolved) {
                // "the Biden administration": a role in the state the gazetteer ties them to.
                if let Some(state) = state_named_for(p, resolved, drafts) {
                    let facts = self.named_facts(Predicate::HoldsRole, 0.7, "apposition:leader-government");
                    out.extend(self.relation(finder, text, si, (p.mention.first, p.mention.last), p, state, drafts, facts, cues));
                }
                continue;
            }
            if p.kind != EntityType::Person || !p.mention.titled {
                continue;
            }
            // "Russian Ambassador to Seoul Georgy Zinoviev": look past "to <place>".
            let mut back = 1;
            if n >= 2 {
                let q = &resolved[idxs[n - 1]];
                if q.mention.first > 0 && finder.lower(q.mention.first - 1) == "to" && q.mention.last == p.mention.first {
                    back = 2;
                }
            }
            let previous = n.checked_sub(back).map(|q| &resolved[idxs[q]]);
            let state = previous.filter(|q| {
                q.kind == EntityType::Country && {
                    let between: Vec<&str> = (q.mention.last..p.mention.first).map(|k| finder.lower(k)).collect();
                    let to_place = back == 2;
                    between.len() <= 8
                        && between.iter().all(|w| matches!(*w, "'s" | "-" | "then" | "former") || w.chars().all(char::is_alphabetic))
                        && !between.iter().any(|w| matches!(*w, "and" | "with" | "by") || (*w == "to" && !to_place))
                }
            });
            let span = (state.map_or(p.mention.first, |q| q.mention.first), p.mention.last);
            let (object, confidence, rule) = match state {
                Some(q) => (q, 0.85, "apposition:nationality-title-person"),
                None => {
                    let Some(c) = state_named_for(p, resolved, drafts) else { continue };
                    (c, 0.6, "apposition:title-known-person")
                }
            };
            let facts = self.named_facts(Predicate::HoldsRole, confidence, rule);
            if let Some(rel) = self.relation(finder, text, si, span, p, object, drafts, facts, cues) {
                out.push(rel);
            }
        }
    }

    /// "inter-Korean dialogue", "Sino-Russian trade": an adjective of two states
    /// (`ontology/lexicon/pair_adjectives.csv`) before a cooperation noun. Per hit, its
    /// sentence and the two states as resolved mentions of the adjective.
    fn pair_adjectives(&self, finder: &Finder, text: &Text, drafts: &mut Vec<Draft>, draft_index: &mut DraftIndex) -> Vec<(usize, Resolved, Resolved)> {
        let lex = &self.lexicon;
        let mut found = Vec::new();
        for (si, sentence) in text.sentences.iter().enumerate().filter(|&(si, _)| finder.sentence_has(si, WordKinds::PAIR_NOUN)) {
            // From each cooperation noun back to an adjective ending right before it.
            for end in sentence.tokens.clone().filter(|&k| k > sentence.tokens.start && finder.is(k, WordKinds::PAIR_NOUN)) {
                let before = finder.lower(end - 1);
                for (tokens, first, second) in &lex.pair_adjectives {
                    if tokens.last().is_none_or(|last| last != before) {
                        continue;
                    }
                    let Some(k) = end.checked_sub(tokens.len()).filter(|&k| k >= sentence.tokens.start) else { continue };
                    if !tokens.iter().enumerate().all(|(n, t)| finder.lower(k + n) == t) {
                        continue;
                    }
                    let state = |entry: usize, drafts: &mut Vec<Draft>, draft_index: &mut DraftIndex| {
                        let e = &lex.gazetteer.entries[entry];
                        let entity = known_draft(&lex.gazetteer, entry, drafts, draft_index);
                        let mention = Mention { first: k, last: end, kind: e.kind, target: Target::Adjective(entry), surface: finder.surface(k, end), titled: false, short: None };
                        Resolved { mention, sentence: si, entity, kind: e.kind }
                    };
                    let a = state(*first, drafts, draft_index);
                    let b = state(*second, drafts, draft_index);
                    found.push((si, a, b));
                }
            }
        }
        found
    }

    /// "the Biden administration", "the government of Shinzo Abe", "the administrations of
    /// Park Geun-hye and Moon Jae-in": the person at `idxs[n]` leads a government.
    fn leads_government(&self, finder: &Finder, idxs: &[usize], n: usize, resolved: &[Resolved]) -> bool {
        let nouns = &self.lexicon.government_nouns;
        let tokens = finder.text.tokens.len();
        let of_government = |r: &Resolved| r.mention.first >= 2 && finder.lower(r.mention.first - 1) == "of" && nouns.contains(finder.lower(r.mention.first - 2));
        let p = &resolved[idxs[n]];
        let before_noun = p.mention.last < tokens && nouns.contains(finder.lower(p.mention.last));
        // The second of "of Park Geun-hye and Moon Jae-in".
        let coordinated = n > 0 && {
            let q = &resolved[idxs[n - 1]];
            q.kind == EntityType::Person && q.mention.last + 1 == p.mention.first && matches!(finder.lower(q.mention.last), "and" | ",") && of_government(q)
        };
        before_noun || of_government(p) || coordinated
    }

    /// The facts of a rule written in code: its confidence measured when
    /// `rule_precision.csv` has it, else `prior`.
    fn named_facts<'r>(&self, predicate: Predicate, prior: f32, rule: &'r str) -> Facts<'r> {
        Facts { predicate, confidence: self.lexicon.confidence_of(rule, prior), status: None, rule }
    }

    /// One relation with its evidence and the sentence's year, amount, status, negation.
    #[allow(clippy::too_many_arguments)]
    fn relation(&self, finder: &Finder, text: &Text, si: usize, span: (usize, usize), s: &Resolved, o: &Resolved, drafts: &[Draft], facts: Facts, cues: &CueCache) -> Option<Relation> {
        if s.entity == o.entity {
            return None;
        }
        let sentence = &text.sentences[si];
        let cues = cues.0[si].get_or_init(|| self.sentence_cues(finder, sentence.tokens.clone()));
        let body = finder.body;
        let distance = |k: usize| if k < span.0 { span.0 - k } else { k.saturating_sub(span.1) };
        let year = cues.years.iter().min_by_key(|(k, _)| distance(*k)).map(|(_, y)| *y);
        let amount = amount_near(finder, span, sentence.tokens.clone());
        // A status cue of the sentence ("planned", "suspended") stages undertakings only (a
        // project's route among them): a role or a criticism is not planned or suspended.
        let staged = facts.predicate.has_stages() || (facts.predicate == Predicate::LocatedIn && s.kind == EntityType::Project);
        let status = facts.status.or_else(|| cues.status.iter().filter(|_| staged).min_by_key(|(k, _)| distance(*k)).map(|(_, st)| *st));
        let near = |k: &usize| k + 4 >= span.0 && *k < span.1;
        let negated = cues.negations.iter().any(near) || (!facts.predicate.is_adversarial() && cues.weakenings.iter().any(near));
        Some(Relation {
            subject: drafts[s.entity].id.clone(),
            predicate: facts.predicate,
            object: drafts[o.entity].id.clone(),
            evidence: Evidence { start: sentence.start, end: sentence.end, text: body[sentence.start..sentence.end].to_string() },
            confidence: (facts.confidence * 100.0).round() / 100.0,
            year,
            amount,
            status,
            negated,
            rule: facts.rule.to_string(),
        })
    }

    /// Where the status and negation cues and the years of a sentence stand (token index of each hit).
    fn sentence_cues(&self, finder: &Finder, tokens: std::ops::Range<usize>) -> SentenceCues {
        let lex = &self.lexicon;
        let mut cues = SentenceCues::default();
        cues.years.extend(tokens.clone().filter_map(|k| year_at(finder, k).map(|y| (k, y))));
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

/// Per sentence, its cues, found when a relation there first needs them.
struct CueCache(Vec<OnceCell<SentenceCues>>);

/// Status and negation cues found in one sentence, and its years.
#[derive(Default, Clone)]
struct SentenceCues {
    /// The years (1900–2099) written in the sentence, with their token indexes.
    years: Vec<(usize, i32)>,
    status: Vec<(usize, Status)>,
    negations: Vec<usize>,
    weakenings: Vec<usize>,
}

struct Facts<'r> {
    predicate: Predicate,
    confidence: f32,
    status: Option<Status>,
    rule: &'r str,
}

/// "Korea Gas Corporation (KOGAS)" / "KOGAS (Korea Gas Corporation)": the entity of the
/// mention this one is defined by, if it sits in brackets right after another mention.
fn acronym_definition(finder: &Finder, mentions: &[Mention], mi: usize, resolved: &[Resolved]) -> Option<usize> {
    let m = &mentions[mi];
    let prev = mi.checked_sub(1).map(|p| &mentions[p])?;
    let tokens = &finder.text.tokens;
    let bracketed = m.first == prev.last + 1 && tokens[prev.last].text(finder.body) == "(" && tokens.get(m.last).is_some_and(|t| t.text(finder.body) == ")");
    if !bracketed {
        return None;
    }
    let defining = resolved.iter().rev().find(|r| r.mention.first == prev.first && r.mention.last == prev.last)?;
    // "Rajin Port (North Korea)": a known name of another type in brackets says where, not who.
    let other_type = matches!(m.target, Target::Known(_)) && m.kind != defining.kind;
    (!other_type).then_some(defining.entity)
}

/// A mention in the document of the state the gazetteer ties person `p` to.
fn state_named_for<'r>(p: &Resolved, resolved: &'r [Resolved], drafts: &[Draft]) -> Option<&'r Resolved> {
    let country = drafts[p.entity].country.as_ref()?;
    resolved.iter().find(|r| drafts[r.entity].id == *country)
}

/// The one entity that the mentions in `window` satisfying `wanted` stand for; `None`
/// when there are none or several (a pronoun with two candidates refers to nobody).
fn sole_antecedent<'r>(window: impl Iterator<Item = &'r Resolved>, wanted: impl Fn(&Resolved) -> bool) -> Option<usize> {
    let entities: BTreeSet<usize> = window.filter(|r| wanted(r)).map(|r| r.entity).collect();
    (entities.len() == 1).then(|| entities.into_iter().next()).flatten()
}

/// Whether a folded `word` is the first or last name of a person's full `label`
/// ("Moon" of "Moon Jae-in", "Putin" of "Vladimir Putin").
fn is_name_part(label: &str, word: &str) -> bool {
    lexicon::name_ends(label).is_some_and(|(first, last)| folds_to(last, word) || folds_to(first, word))
}

/// Whether token `k` is inside one of these mentions.
fn covered(resolved: &[Resolved], k: usize) -> bool {
    resolved.iter().any(|r| r.mention.first <= k && k < r.mention.last)
}

/// "He", "his", "him", "she", "her" (`lexicon::PERSONAL_PRONOUNS`) for the one person named
/// in this sentence before it or in the two sentences before; nothing when two people were
/// named there.
fn personal_pronouns(finder: &Finder, sentence: &crate::text::Sentence, si: usize, resolved: &[Resolved], this_sentence: usize) -> Vec<Resolved> {
    let mut out = Vec::new();
    if !finder.sentence_has(si, WordKinds::PERSONAL_PRONOUN) {
        return out;
    }
    for k in sentence.tokens.clone() {
        if !finder.is(k, WordKinds::PERSONAL_PRONOUN) || covered(&resolved[this_sentence..], k) {
            continue;
        }
        let window = resolved.iter().rev().take_while(|r| r.sentence + 2 >= si);
        if let Some(person) = sole_antecedent(window, |r| r.kind == EntityType::Person && (r.sentence < si || r.mention.last <= k)) {
            let surface = finder.surface(k, k + 1);
            let mention = Mention { first: k, last: k + 1, kind: EntityType::Person, target: Target::Unknown, surface, titled: false, short: None };
            out.push(Resolved { mention, sentence: si, entity: person, kind: EntityType::Person });
        }
    }
    out
}

/// "the South Korean leader", "the Russian president": a nationality adjective after "the"
/// and before a role noun is the one person named in this sentence before it or in the two
/// sentences before, not the state.
fn described_people(finder: &Finder, si: usize, resolved: &mut [Resolved], this_sentence: usize) {
    for i in this_sentence..resolved.len() {
        let m = &resolved[i].mention;
        let (first, last) = (m.first, m.last);
        if !matches!(m.target, Target::Adjective(_)) || first == 0 || finder.lower(first - 1) != "the" || last >= finder.text.tokens.len() {
            continue;
        }
        let one = finder.lower(last).to_string();
        let two = (last + 1 < finder.text.tokens.len()).then(|| format!("{one} {}", finder.lower(last + 1)));
        if !finder.lex.roles.contains(&one) && !two.is_some_and(|t| finder.lex.roles.contains(&t)) {
            continue;
        }
        let window = resolved[..i].iter().rev().take_while(|r| r.sentence + 2 >= si);
        if let Some(person) = sole_antecedent(window, |r| r.kind == EntityType::Person) {
            let r = &mut resolved[i];
            r.entity = person;
            r.kind = EntityType::Person;
            r.mention.kind = EntityType::Person;
            r.mention.target = Target::Unknown;
        }
    }
}

/// "It was initiated by …" at the start of a sentence, and "the project" anywhere, for the
/// one project or initiative named in the sentence before (or, for "the project", earlier
/// in this one); nothing when there were several. The words are `lexicon::PROJECT_REFERENCES`.
fn project_references(finder: &Finder, sentence: &crate::text::Sentence, si: usize, resolved: &[Resolved], this_sentence: usize) -> Vec<Resolved> {
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
        let window = resolved.iter().rev().take_while(|r| r.sentence + 1 >= si);
        let wanted = |r: &Resolved| matches!(r.kind, EntityType::Project | EntityType::Initiative) && (r.sentence < si || (!it && r.mention.last <= k));
        if let Some(project) = sole_antecedent(window, wanted) {
            let kind = resolved.iter().rev().find(|r| r.entity == project).map_or(EntityType::Project, |r| r.kind);
            let mention = Mention { first: k, last: k + 1, kind, target: Target::Unknown, surface: finder.surface(k, k + 1), titled: false, short: None };
            out.push(Resolved { mention, sentence: si, entity: project, kind });
        }
    }
    out
}

/// "an LNG shipment terminal in Kamchatka" and "the Kamchatka LNG terminal" in one
/// article: a described project is the one named project whose name has its head word and
/// its place's words, when exactly one has.
fn merge_described_projects(drafts: &mut [Draft], resolved: &mut [Resolved]) {
    let words = |label: &str| label.split_whitespace().map(fold).collect::<Vec<String>>();
    // The folded words of each project's label, split once.
    let mut project_words: Vec<Vec<String>> = drafts.iter().map(|d| if d.kind == EntityType::Project { words(&d.label) } else { Vec::new() }).collect();
    for d in 0..drafts.len() {
        if drafts[d].kind != EntityType::Project || drafts[d].wikidata.is_some() {
            continue;
        }
        let label = &project_words[d];
        let Some(at) = label.iter().rposition(|w| mentions::ATTACHING.contains(&w.as_str())).filter(|&at| at > 0) else { continue };
        let mut wanted: Vec<&String> = label[at + 1..].iter().filter(|w| *w != "the").collect();
        wanted.push(&label[at - 1]);
        let named: Vec<usize> = (0..drafts.len())
            .filter(|&e| e != d && drafts[e].kind == EntityType::Project && !drafts[e].surfaces.is_empty())
            .filter(|&e| {
                let theirs = &project_words[e];
                !theirs.iter().any(|w| mentions::ATTACHING.contains(&w.as_str())) && wanted.iter().all(|w| theirs.contains(w))
            })
            .collect();
        if let [into] = named[..] {
            merge_surfaces(drafts, d, into);
            drafts[d].label = drafts[into].label.clone();
            project_words[d] = project_words[into].clone();
            for r in resolved.iter_mut().filter(|r| r.entity == d) {
                r.entity = into;
            }
        }
    }
}

fn merge_surfaces(drafts: &mut [Draft], from: usize, into: usize) {
    if from != into {
        let surfaces: Vec<String> = drafts[from].surfaces.iter().cloned().collect();
        drafts[into].surfaces.extend(surfaces);
        drafts[from].surfaces.clear();
        drafts[from].kind = drafts[into].kind;
        drafts[from].id = drafts[into].id.clone();
    }
}

/// Initials of the capitalised words of a name: "Korea Gas Corporation" → "KGC".
fn initials(label: &str) -> String {
    label.split(|c: char| c.is_whitespace() || c == '-').filter_map(|w| w.chars().next()).filter(|c| c.is_uppercase()).collect()
}

/// A label without a trailing possessive or comma ("U.S." keeps its period).
fn clean_label(surface: &str) -> String {
    surface.trim_end_matches(['’', '\'', ',']).trim().to_string()
}

/// Mentions linked by ", " / "and" / "or" into lists.
/// A list needs "and" or "or": a bare comma joins clauses as often as names.
struct CoordinationGroups {
    /// The mentions of every list, list after list.
    members: Vec<usize>,
    /// Per listed mention, its list as a range of `members`, sorted by mention.
    lists: Vec<(usize, std::ops::Range<usize>)>,
}

impl CoordinationGroups {
    fn new(items: &[Item]) -> CoordinationGroups {
        let mut groups = CoordinationGroups { members: Vec::new(), lists: Vec::new() };
        let mut current = 0;
        let mut gap_ok = true;
        let mut conjunction = false;
        let flush = |groups: &mut CoordinationGroups, current: &mut usize, conjunction: &mut bool| {
            let list = *current..groups.members.len();
            if list.len() > 1 && *conjunction {
                for &m in &groups.members[list.clone()] {
                    groups.lists.push((m, list.clone()));
                }
            } else {
                groups.members.truncate(*current);
            }
            *current = groups.members.len();
            *conjunction = false;
        };
        for item in items {
            match item {
                Item::Mention(m, _) => {
                    if !gap_ok {
                        flush(&mut groups, &mut current, &mut conjunction);
                    }
                    groups.members.push(*m);
                    gap_ok = false;
                }
                Item::Token(t, _) if matches!(*t, "and" | "or") => {
                    gap_ok = true;
                    conjunction = groups.members.len() > current;
                }
                Item::Token(t, _) if matches!(*t, "," | "as" | "well" | "both") => gap_ok = true,
                Item::Token(..) => {
                    flush(&mut groups, &mut current, &mut conjunction);
                    gap_ok = false;
                }
            }
        }
        flush(&mut groups, &mut current, &mut conjunction);
        groups.lists.sort_unstable_by_key(|(m, _)| *m);
        groups
    }

    /// The list of mention `m` (itself included); empty when it is in none.
    fn list_of(&self, m: usize) -> &[usize] {
        match self.lists.binary_search_by_key(&m, |(n, _)| *n) {
            Ok(i) => &self.members[self.lists[i].1.clone()],
            Err(_) => &[],
        }
    }
}

/// The year (1900–2099) token `k` is, if it is one: four digits.
fn year_at(finder: &Finder, k: usize) -> Option<i32> {
    let token = &finder.text.tokens[k];
    if token.kind != TokenKind::Number || token.end - token.start != 4 {
        return None;
    }
    token.text(finder.body).parse::<i32>().ok().filter(|y| (1900..=2099).contains(y))
}

/// "$6 billion", "2.1 million tonnes", "23.3%", "KRW 1 trillion" inside or next to the span.
fn amount_near(finder: &Finder, span: (usize, usize), tokens: std::ops::Range<usize>) -> Option<String> {
    const SCALES: &[&str] = &["thousand", "million", "billion", "trillion", "bn", "mn"];
    const UNITS: &[&str] = &["%", "percent", "per", "dollars", "euros", "rubles", "roubles", "won", "yuan", "yen", "tonnes", "tons", "barrels", "bcm", "cubic", "mt", "mtpa", "kilometers", "km", "units", "vehicles", "cars"];
    const CURRENCY: &[&str] = &["$", "€", "£", "¥", "₩", "₽", "usd", "eur", "krw", "rub", "us$"];
    let toks = &finder.text.tokens;
    let text = |k: usize| finder.lower(k);
    let lo = span.0.saturating_sub(3).max(tokens.start);
    let hi = (span.1 + 6).min(tokens.end);
    for k in lo..hi {
        if toks[k].kind != TokenKind::Number {
            continue;
        }
        if year_at(finder, k).is_some() {
            continue;
        }
        let mut first = k;
        if k > tokens.start && CURRENCY.contains(&text(k - 1)) {
            first = k - 1;
        }
        let mut last = k + 1;
        if last < tokens.end && SCALES.contains(&text(last)) {
            last += 1;
        }
        let mut has_unit = first < k;
        if last < tokens.end && UNITS.contains(&text(last)) {
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

/// Per item, whether it is a word of the title before a titled person ("Japanese Prime
/// Minister" before "Fumio Kishida"), which a rule's slot skips to reach the name.
fn title_items(finder: &Finder, sentence_start: usize, items: &[Item], item_tokens: &[(usize, usize)], idxs: &[usize], resolved: &[Resolved]) -> Vec<bool> {
    let mut title = vec![false; items.len()];
    for (i, item) in items.iter().enumerate() {
        let Item::Mention(ri, EntityType::Person) = item else { continue };
        let person = &resolved[*ri].mention;
        let Some(start) = person.titled.then(|| finder.title_ending_at(sentence_start, person.first)).flatten() else { continue };
        // The title's words, and a nationality adjective just before them ("Japanese").
        let mut j = i;
        while j > 0 && matches!(items[j - 1], Item::Token(..)) && (item_tokens[j - 1].0 >= start || is_adjective_before(item_tokens[j - 1].0, start, idxs, resolved)) {
            j -= 1;
            title[j] = true;
        }
    }
    title
}

/// A state adjective mention of the sentence at token `k` ending at `at`: "Japanese" before "Prime Minister".
fn is_adjective_before(k: usize, at: usize, idxs: &[usize], resolved: &[Resolved]) -> bool {
    idxs.iter().map(|&i| &resolved[i].mention).any(|m| matches!(m.target, Target::Adjective(_)) && m.first <= k && m.last == at)
}

/// The drafts of a document by id, and by gazetteer entry for the entries met.
#[derive(Default)]
struct DraftIndex {
    by_id: FxHashMap<String, usize>,
    by_entry: FxHashMap<usize, usize>,
}

/// The draft of gazetteer entry `entry`, created on first use.
fn known_draft(gaz: &lexicon::Gazetteer, entry: usize, drafts: &mut Vec<Draft>, index: &mut DraftIndex) -> usize {
    if let Some(&known) = index.by_entry.get(&entry) {
        return known;
    }
    let e = &gaz.entries[entry];
    let draft = *index.by_id.entry(e.id.clone()).or_insert_with(|| {
        drafts.push(Draft { id: e.id.clone(), label: e.label.clone(), kind: e.kind, wikidata: e.wikidata.clone(), country: e.country.clone(), surfaces: BTreeSet::new() });
        drafts.len() - 1
    });
    index.by_entry.insert(entry, draft);
    draft
}

/// Builds the sorted `Extraction`: entities used, commodities only in relations.
fn finish(drafts: Vec<Draft>, mut relations: Vec<Relation>) -> Extraction {
    // Among duplicates, keep the one with a status, then the most confident, then by rule.
    fn key(r: &Relation) -> (usize, &str, Predicate, &str, bool, i32, &str) {
        (r.evidence.start, &r.subject, r.predicate, &r.object, r.status.is_none(), -((r.confidence * 100.0) as i32), &r.rule)
    }
    relations.sort_by(|a, b| key(a).cmp(&key(b)));
    relations.dedup_by(|a, b| a.subject == b.subject && a.predicate == b.predicate && a.object == b.object && a.evidence.start == b.evidence.start);
    let in_relation: BTreeSet<&str> = relations.iter().flat_map(|r| [r.subject.as_str(), r.object.as_str()]).collect();
    let mut entities: BTreeMap<String, Entity> = BTreeMap::new();
    for d in drafts {
        if d.surfaces.is_empty() && !in_relation.contains(d.id.as_str()) {
            continue;
        }
        if d.kind == EntityType::Commodity && !in_relation.contains(d.id.as_str()) {
            continue;
        }
        let entity = entities.entry(d.id.clone()).or_insert_with(|| Entity { id: d.id.clone(), label: d.label.clone(), kind: d.kind, aliases: Vec::new(), wikidata: d.wikidata.clone() });
        for s in d.surfaces {
            let s = clean_label(&s);
            if s != entity.label && !entity.aliases.contains(&s) {
                entity.aliases.push(s);
            }
        }
        entity.aliases.sort();
    }
    Extraction { entities: entities.into_values().collect(), relations }
}
