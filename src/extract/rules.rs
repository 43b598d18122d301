//! Rules: relations from the cue rules of `ontology/relations.csv` and from role
//! appositions ("South Korean President Moon Jae-in"), state-pair adjectives
//! ("inter-Korean dialogue") and leaders' governments ("the Biden administration").
//!
//! Owns how a sentence is seen by the rule matcher (`patterns::Items`), coordination
//! lists, and which rule produced which relation. Reads resolved mentions; creates no
//! entities but the states of pair adjectives.

use super::attributes::{CueCache, Facts};
use super::lexicon::WordKinds;
use super::mentions::{Finder, Mention, Target};
use super::patterns::{self, Item, Items, LiteralRange};
use super::resolution::{known_draft, Draft, DraftIndex, Resolved};
use super::Extractor;
use crate::model::{EntityType, Predicate, Relation};
use crate::text::Text;
use rustc_hash::FxHashMap;
use std::cell::OnceCell;

thread_local! {
    /// `RuleIndex::candidates`' bookkeeping, kept between the documents a thread extracts.
    static SEEN: std::cell::Cell<patterns::Seen> = std::cell::Cell::new(patterns::Seen::default());
}

impl Extractor {
    /// Relations of every sentence: cue rules, then role appositions.
    pub(super) fn relations(&self, finder: &Finder, text: &Text, resolved: &[Resolved], drafts: &[Draft], cues: &CueCache) -> Vec<Relation> {
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
    pub(super) fn pair_adjectives(&self, finder: &Finder, text: &Text, drafts: &mut Vec<Draft>, draft_index: &mut DraftIndex) -> Vec<(usize, Resolved, Resolved)> {
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
    pub(super) fn named_facts<'r>(&self, predicate: Predicate, prior: f32, rule: &'r str) -> Facts<'r> {
        Facts { predicate, confidence: self.lexicon.confidence_of(rule, prior), status: None, rule }
    }
}

/// A mention in the document of the state the gazetteer ties person `p` to.
fn state_named_for<'r>(p: &Resolved, resolved: &'r [Resolved], drafts: &[Draft]) -> Option<&'r Resolved> {
    let country = drafts[p.entity].country.as_ref()?;
    resolved.iter().find(|r| drafts[r.entity].id == *country)
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
