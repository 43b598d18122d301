//! Patterns: the relation cue rules of `ontology/relations.csv` and their matcher.
//!
//! Owns the little pattern language (`{A:actor} invest* ... in {B:work}`) and matching it
//! over a sentence seen as a sequence of items: whole entity mentions and single tokens.
//! Knows nothing of how mentions were found.

use super::lexicon::{fold, Prefixes};
use crate::model::{EntityType, Predicate, Status};
use crate::text::Splitter;
use anyhow::{bail, Context, Result};
use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// The longest gap `...` may skip, in items.
pub const MAX_GAP: usize = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Subject,
    Object,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum LitPat {
    Exact(String),
    Prefix(String),
}

impl LitPat {
    /// The plain definition `Literals::matching` is tested against.
    #[cfg(test)]
    fn matches(&self, token: &str) -> bool {
        match self {
            LitPat::Exact(w) => w == token,
            LitPat::Prefix(p) => token.starts_with(p.as_str()),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Element {
    /// `kinds`: `types` as `type_bits` (all bits when any type will do).
    Slot { role: Role, types: Option<Vec<EntityType>>, kinds: u32 },
    /// `ids` are the `Literals` ids of `alts`, sorted; `set` the same ids as bits.
    Lit { alts: Vec<LitPat>, ids: Vec<usize>, set: IdSet, optional: bool },
    Gap,
}

/// Literal ids as bits: whether a token's literal is among an element's is one test.
#[derive(Debug, Clone, PartialEq)]
pub struct IdSet(Vec<u64>);

impl IdSet {
    fn new(ids: &[usize]) -> IdSet {
        let mut bits = vec![0u64; ids.iter().max().map_or(0, |&max| max / 64 + 1)];
        for &id in ids {
            bits[id / 64] |= 1 << (id % 64);
        }
        IdSet(bits)
    }

    #[inline(always)]
    fn contains(&self, id: usize) -> bool {
        self.0.get(id / 64).is_some_and(|bits| bits >> (id % 64) & 1 != 0)
    }
}

/// One cue rule: a predicate and the pattern that expresses it.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub predicate: Predicate,
    pub elements: Vec<Element>,
    pub confidence: f32,
    pub status: Option<Status>,
}

/// A set of entity types as bits.
fn type_bits(kinds: &[EntityType]) -> u32 {
    kinds.iter().fold(0, |bits, &kind| bits | 1 << kind as u32)
}

/// What a sentence looks like to the matcher.
#[derive(Debug, Clone, Copy)]
pub enum Item<'a> {
    /// A mention: its index and type.
    Mention(usize, EntityType),
    /// A token, folded to lowercase, and where the ids of the literals it matches
    /// (`Literals::matching`) lie in `Items::literal_ids`.
    Token(&'a str, LiteralRange),
}

/// A range of `Items::literal_ids`: the literals of one token.
#[derive(Debug, Clone, Copy)]
pub struct LiteralRange {
    start: u32,
    end: u32,
}

impl LiteralRange {
    /// The ids `start..end` of a sentence's literal ids.
    pub fn new(start: usize, end: usize) -> LiteralRange {
        let at = |i: usize| u32::try_from(i).expect("a sentence has fewer than 2^32 literal ids");
        LiteralRange { start: at(start), end: at(end) }
    }

    fn is_empty(self) -> bool {
        self.start == self.end
    }
}

/// A sentence's items with, per item, where a slot starting there finds its mention
/// (after skipping articles, possessive determiners, years and the titles before a name),
/// computed once for all rules.
#[derive(Debug, Clone)]
pub struct Items<'a> {
    pub items: Vec<Item<'a>>,
    /// The literal ids of the tokens, token after token.
    literal_ids: &'a [usize],
    slot_at: Vec<Option<usize>>,
    /// The items where a slot finds a mention, and the tokens that match some literal:
    /// where rules that start with a slot or a literal may start.
    slot_starts: Vec<usize>,
    literal_starts: Vec<usize>,
}

/// The types of the mentions among `items`, as `type_bits`.
pub fn item_kinds(items: &[Item]) -> u32 {
    items.iter().fold(0, |bits, item| match item {
        Item::Mention(_, kind) => bits | type_bits(&[*kind]),
        Item::Token(..) => bits,
    })
}

impl<'a> Items<'a> {
    /// `literal_ids`: the ids the tokens' `LiteralRange`s point into. `title[i]`: item `i`
    /// is a word of the title before a name ("met Prime Minister X").
    pub fn new(items: Vec<Item<'a>>, literal_ids: &'a [usize], title: &[bool]) -> Items<'a> {
        let n = items.len();
        // Articles and possessive determiners before a slot are skipped (three at most), and
        // so is a title. Per item, from the last one back: how many skippable items and how
        // many title items run from it.
        let mut skippable = vec![(0u8, 0u32); n + 1];
        for p in (0..n).rev() {
            let skipped = matches!(items[p], Item::Token(t, _) if is_determiner(t) || is_year(t));
            let titled = title.get(p) == Some(&true);
            skippable[p] = (if skipped { (skippable[p + 1].0 + 1).min(3) } else { 0 }, if titled { skippable[p + 1].1 + 1 } else { 0 });
        }
        let mut slot_at = Vec::with_capacity(n);
        let (mut slot_starts, mut literal_starts) = (Vec::with_capacity(n), Vec::with_capacity(n));
        for pos in 0..n {
            let p = pos + skippable[pos].0 as usize;
            let p = p + skippable[p].1 as usize;
            let at = matches!(items.get(p), Some(Item::Mention(..))).then_some(p);
            if at.is_some() {
                slot_starts.push(pos);
            }
            if matches!(items[pos], Item::Token(_, literals) if !literals.is_empty()) {
                literal_starts.push(pos);
            }
            slot_at.push(at);
        }
        Items { items, literal_ids, slot_at, slot_starts, literal_starts }
    }

    /// The items where `element` may start a match, in order (`may_start` still applies);
    /// None when it may start anywhere.
    fn starts(&self, element: &Element) -> Option<&[usize]> {
        match element {
            Element::Slot { .. } => Some(&self.slot_starts),
            Element::Lit { optional: false, .. } => Some(&self.literal_starts),
            _ => None,
        }
    }
}

/// A rule that matched: the mentions in its slots and the items it spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub subject: usize,
    pub object: usize,
    pub first_item: usize,
    pub last_item: usize,
}

/// Articles and possessive determiners, skipped before a slot.
fn is_determiner(t: &str) -> bool {
    matches!(t, "the" | "a" | "an" | "its" | "their" | "his" | "her" | "our" | "this" | "that" | "these" | "those")
}

fn slot_types(spec: &str) -> Result<Vec<EntityType>> {
    let mut types = Vec::new();
    for part in spec.split('|') {
        let group: &[EntityType] = match part.trim().to_ascii_lowercase().as_str() {
            "actor" => &[EntityType::Country, EntityType::Person, EntityType::Company, EntityType::Organization],
            "site" => &[EntityType::Place, EntityType::Country],
            "work" => &[EntityType::Project, EntityType::Initiative, EntityType::Event],
            "thing" => &[EntityType::Project, EntityType::Initiative, EntityType::Event, EntityType::Commodity],
            other => match EntityType::parse(other) {
                Some(t) => {
                    types.push(t);
                    continue;
                }
                None => bail!("unknown type {other:?} in slot"),
            },
        };
        types.extend_from_slice(group);
    }
    Ok(types)
}

impl Rule {
    /// Parses one row of relations.csv (`predicate,pattern,confidence,status`).
    /// Its literals get their ids from `literals`.
    pub fn parse(splitter: &Splitter, literals: &mut Literals, row: &HashMap<String, String>, id: &str) -> Result<Rule> {
        let predicate_text = row.get("predicate").map(String::as_str).unwrap_or("");
        let predicate = Predicate::parse(predicate_text).with_context(|| format!("unknown predicate {predicate_text:?}"))?;
        let pattern = row.get("pattern").map(String::as_str).unwrap_or("");
        let confidence = match row.get("confidence").map(|c| c.trim()).filter(|c| !c.is_empty()) {
            Some(c) => c.parse::<f32>().with_context(|| format!("confidence {c:?} is not a number"))?,
            None => 0.5,
        };
        if !(0.0..=1.0).contains(&confidence) {
            bail!("confidence {confidence} is outside 0..1");
        }
        let status = match row.get("status").map(|s| s.trim()).filter(|s| !s.is_empty()) {
            Some(s) => Some(Status::parse(s).with_context(|| format!("unknown status {s:?}"))?),
            None => None,
        };
        let elements = parse_pattern(splitter, literals, pattern).with_context(|| format!("pattern {pattern:?}"))?;
        Ok(Rule { id: id.to_string(), predicate, elements, confidence, status })
    }

    /// The types a slot accepts, as `type_bits`.
    fn slot_kinds(&self, role: Role) -> u32 {
        self.elements.iter().find_map(|e| match e {
            Element::Slot { role: r, kinds, .. } if *r == role => Some(*kinds),
            _ => None,
        }).unwrap_or(u32::MAX)
    }

    /// The types a slot accepts (`None`: any).
    pub fn slot_types(&self, role: Role) -> Option<&[EntityType]> {
        self.elements.iter().find_map(|e| match e {
            Element::Slot { role: r, types, .. } if *r == role => Some(types.as_deref()),
            _ => None,
        })?
    }

    /// The literal groups a sentence must contain for the rule to have a chance.
    pub fn required(&self) -> impl Iterator<Item = &[LitPat]> {
        self.elements.iter().filter_map(|e| match e {
            Element::Lit { alts, optional: false, .. } => Some(alts.as_slice()),
            _ => None,
        })
    }

    /// Every match of the rule in `items` starting at or before item `last_start`,
    /// leftmost first, shortest gaps first.
    pub fn find(&self, items: &Items, last_start: usize) -> Vec<Match> {
        let mut found: Vec<Match> = Vec::new();
        let Some(first) = self.elements.first() else { return found };
        let every: Vec<usize>;
        let starts = match items.starts(first) {
            Some(starts) => starts,
            None => {
                every = (0..items.items.len()).collect();
                &every
            }
        };
        // A rule that starts with a slot matches from `start` as it does from any other start
        // whose slot finds the same mention: only the first of those is tried (a later one
        // could only repeat its subject and object).
        let mut tried_mention = None;
        for &start in starts.iter().take_while(|&&start| start <= last_start) {
            if !may_start(first, items, start) {
                continue;
            }
            if matches!(first, Element::Slot { .. }) {
                let mention = items.slot_at[start];
                if mention == tried_mention {
                    continue;
                }
                tried_mention = mention;
                // The element after the slot must be able to start right after its mention.
                if let (Some(second), Some(at)) = (self.elements.get(1), mention) {
                    if !may_start(second, items, at + 1) {
                        continue;
                    }
                }
            }
            let mut binds = [None, None];
            if let Some(end) = match_from(&self.elements, items, start, &mut binds) {
                if let [Some(s), Some(o)] = binds {
                    let m = Match { subject: s, object: o, first_item: start, last_item: end.saturating_sub(1).max(start) };
                    if !found.iter().any(|f| f.subject == m.subject && f.object == m.object) {
                        found.push(m);
                    }
                }
            }
        }
        // A match that contains a shorter match sharing one of its ends binds the farther
        // mention: the nearer one wins ("the US … South Korea explores ties with Russia").
        let dominated = |m: &Match| {
            found.iter().any(|n| n != m && n.first_item >= m.first_item && n.last_item <= m.last_item && (n.subject == m.subject || n.object == m.object))
        };
        found.iter().filter(|m| !dominated(m)).copied().collect()
    }

    /// True when every required literal group has a matching token among `tokens`: the
    /// plain definition `RuleIndex::candidates` is tested against (extraction uses the index).
    #[cfg(test)]
    pub fn may_match(&self, tokens: &[&str]) -> bool {
        self.required().all(|alts| tokens.iter().any(|t| alts.iter().any(|a| a.matches(t))))
    }
}

/// What `RuleIndex::candidates` saw in a sentence, kept from one sentence (and document) to
/// the next so that nothing needs clearing: an entry counts only when it holds the current
/// sentence's number. Sized for an index on first use.
#[derive(Debug, Clone, Default)]
pub struct Seen {
    sentence: u32,
    /// Per literal, the last sentence that had it and the last item there that has it.
    literals: Vec<(u32, u32)>,
    /// Per required group, the same: the last sentence with one of its literals and the
    /// last item there with one.
    groups: Vec<(u32, u32)>,
    /// Per rule, the last sentence that checked it.
    rules: Vec<u32>,
    /// The distinct literals of the current sentence.
    distinct: Vec<usize>,
}

/// Every distinct literal of the rules gets an id. A token's literals are found without
/// trying each one: its exact word by hash, its prefix literals (`invest*`) through `Prefixes`.
#[derive(Debug, Default)]
pub struct Literals {
    ids: FxHashMap<LitPat, usize>,
    exact: FxHashMap<String, usize>,
    /// The prefix literals and their ids.
    prefixes: Prefixes,
}

impl Literals {
    /// The id of `lit`, a new one the first time.
    fn intern(&mut self, lit: &LitPat) -> usize {
        if let Some(&id) = self.ids.get(lit) {
            return id;
        }
        let id = self.ids.len();
        self.ids.insert(lit.clone(), id);
        match lit {
            LitPat::Exact(w) => {
                self.exact.insert(w.clone(), id);
            }
            LitPat::Prefix(p) => {
                self.prefixes.add(p, id);
            }
        }
        id
    }

    /// How many literals there are (ids are `0..len`).
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The exact literals (whole words) and their ids.
    pub fn exact_words(&self) -> impl Iterator<Item = (&str, usize)> {
        self.exact.iter().map(|(w, &id)| (w.as_str(), id))
    }

    /// Appends the ids of the literals a folded token matches (`LitPat::matches`).
    pub fn matching(&self, token: &str, out: &mut Vec<usize>) {
        out.extend(self.exact.get(token));
        self.prefixed(token, out);
    }

    /// Appends the ids of the prefix literals a folded token starts with.
    pub fn prefixed(&self, token: &str, out: &mut Vec<usize>) {
        // Asked of every token, and most match no prefix: the bit test alone answers them
        // (extending by an empty `matching` costs 0.6% of extraction).
        if self.prefixes.may_match(token) {
            out.extend(self.prefixes.matching(token));
        }
    }
}

/// Finds the rules whose required words all occur in a sentence, without trying each
/// rule: each rule is anchored on one of its required groups, the one whose literals the
/// fewest rules use (so likely the rarest words); a rule is checked only when the sentence
/// has a literal of its anchor. Equal groups of different rules are one group, whose
/// presence in a sentence is found once.
#[derive(Debug, Default)]
pub struct RuleIndex {
    pub literals: Literals,
    /// Per rule, its required groups (ids into the distinct groups), rarest first.
    groups: Vec<Vec<u32>>,
    /// Per literal, the distinct groups that hold it (a group holds if any of its literals is seen).
    literal_groups: Vec<Vec<u32>>,
    /// How many distinct groups there are.
    group_count: usize,
    /// Per literal, the rules anchored on a group that holds it.
    anchored: Vec<Vec<usize>>,
    /// Rules with no required literal: always candidates.
    unanchored: Vec<usize>,
    /// Per rule, the types its subject and object slots accept, as `type_bits`.
    slot_kinds: Vec<[u32; 2]>,
}

impl RuleIndex {
    /// The index of `rules`, whose literal ids come from `literals`.
    pub fn new(rules: &[Rule], literals: Literals) -> RuleIndex {
        let mut index = RuleIndex { anchored: vec![Vec::new(); literals.len()], literal_groups: vec![Vec::new(); literals.len()], literals, slot_kinds: rules.iter().map(|r| [Role::Subject, Role::Object].map(|role| r.slot_kinds(role))).collect(), ..RuleIndex::default() };
        let rule_groups: Vec<Vec<&[usize]>> = rules
            .iter()
            .map(|rule| {
                rule.elements
                    .iter()
                    .filter_map(|e| match e {
                        Element::Lit { ids, optional: false, .. } => Some(ids.as_slice()),
                        _ => None,
                    })
                    .collect()
            })
            .collect();
        let mut uses = vec![0usize; index.literals.len()];
        rule_groups.iter().flatten().copied().flatten().for_each(|&id| uses[id] += 1);
        let rarity = |g: &[usize]| g.iter().map(|&id| uses[id]).sum::<usize>();
        let mut group_ids: FxHashMap<&[usize], u32> = FxHashMap::default();
        for (r, mut groups) in rule_groups.into_iter().enumerate() {
            // The rarest groups first: a rule that fails fails at its first groups.
            groups.sort_by_key(|g| rarity(g));
            match groups.first() {
                Some(anchor) => anchor.iter().for_each(|&id| index.anchored[id].push(r)),
                None => index.unanchored.push(r),
            }
            let ids = groups
                .into_iter()
                .map(|g| {
                    *group_ids.entry(g).or_insert_with(|| {
                        let id = index.group_count as u32;
                        index.group_count += 1;
                        g.iter().for_each(|&l| index.literal_groups[l].push(id));
                        id
                    })
                })
                .collect();
            index.groups.push(ids);
        }
        index
    }

    /// Makes `seen` fit this index, and ready for a new sentence number.
    fn prepare(&self, seen: &mut Seen) {
        if seen.sentence == u32::MAX {
            *seen = Seen::default();
        }
        if seen.literals.len() < self.anchored.len() || seen.groups.len() < self.group_count || seen.rules.len() < self.groups.len() {
            seen.literals.resize(self.anchored.len().max(seen.literals.len()), (0, 0));
            seen.groups.resize(self.group_count.max(seen.groups.len()), (0, 0));
            seen.rules.resize(self.groups.len().max(seen.rules.len()), 0);
        }
    }

    /// The rules that may match a sentence, in order, each with the last item a match may
    /// start at (every required literal occurs at or after its start). `literals`: the
    /// (literal id, item index) of the sentence's tokens, in item order;
    /// `kinds`: the types of its mentions (`item_kinds`).
    pub fn candidates(&self, literals: impl Iterator<Item = (usize, usize)>, kinds: u32, seen: &mut Seen) -> Vec<(usize, usize)> {
        self.prepare(seen);
        seen.sentence += 1;
        let now = seen.sentence;
        seen.distinct.clear();
        for (id, item) in literals {
            if std::mem::replace(&mut seen.literals[id], (now, item as u32)).0 != now {
                seen.distinct.push(id);
            }
        }
        // Per group, the last item with one of its literals.
        for &id in &seen.distinct {
            let last = seen.literals[id].1;
            for &g in &self.literal_groups[id] {
                let group = &mut seen.groups[g as usize];
                if group.0 != now || group.1 < last {
                    *group = (now, last);
                }
            }
        }
        // Each slot binds a mention of one of its types: without one the rule cannot match.
        let fits = |r: usize| self.slot_kinds[r].iter().all(|&accepted| accepted & kinds != 0);
        let mut rules: Vec<(usize, usize)> = Vec::with_capacity(16);
        rules.extend(self.unanchored.iter().filter(|&&r| fits(r)).map(|&r| (r, usize::MAX)));
        for &id in &seen.distinct {
            for &r in &self.anchored[id] {
                if std::mem::replace(&mut seen.rules[r], now) == now || !fits(r) {
                    continue;
                }
                // A group without any literal in the sentence fails the rule.
                let last_start = self.groups[r].iter().try_fold(usize::MAX, |limit, &g| {
                    let (stamp, item) = seen.groups[g as usize];
                    (stamp == now).then(|| limit.min(item as usize))
                });
                if let Some(last_start) = last_start {
                    rules.push((r, last_start));
                }
            }
        }
        rules.sort_unstable();
        rules
    }
}

fn parse_pattern(splitter: &Splitter, literals: &mut Literals, pattern: &str) -> Result<Vec<Element>> {
    let mut elements = Vec::new();
    for word in pattern.split_whitespace() {
        if word == "..." {
            elements.push(Element::Gap);
        } else if let Some(inner) = word.strip_prefix('{').and_then(|w| w.strip_suffix('}')) {
            let (name, types) = match inner.split_once(':') {
                Some((n, t)) => (n, Some(slot_types(t)?)),
                None => (inner, None),
            };
            let role = match name {
                "A" => Role::Subject,
                "B" => Role::Object,
                other => bail!("slot {{{other}}}: slots are {{A}} (subject) and {{B}} (object)"),
            };
            let kinds = types.as_deref().map_or(u32::MAX, type_bits);
            elements.push(Element::Slot { role, types, kinds });
        } else {
            let (word, optional) = match word.strip_suffix('?') {
                Some(w) if !w.is_empty() => (w, true),
                _ => (word, false),
            };
            let word = word.trim_start_matches('*');
            let alts: Vec<&str> = word.split('|').filter(|a| !a.is_empty()).collect();
            if alts.len() == 1 && !alts[0].ends_with('*') && !matches!(alts[0], "'s" | "’s") {
                // A literal written with punctuation ("-led", "U.S.") is several tokens.
                let tokens = splitter.tokenize(alts[0]);
                if tokens.len() > 1 {
                    for t in tokens {
                        let lit = LitPat::Exact(fold(t.text(alts[0])));
                        let ids = vec![literals.intern(&lit)];
                        elements.push(Element::Lit { set: IdSet::new(&ids), ids, alts: vec![lit], optional });
                    }
                    continue;
                }
            }
            let alts = alts
                .into_iter()
                .map(|a| match a.strip_suffix('*') {
                    Some(p) => LitPat::Prefix(fold(p)),
                    None => LitPat::Exact(fold(a)),
                })
                .collect::<Vec<_>>();
            if alts.is_empty() {
                bail!("empty literal");
            }
            let mut ids: Vec<usize> = alts.iter().map(|lit| literals.intern(lit)).collect();
            ids.sort_unstable();
            ids.dedup();
            elements.push(Element::Lit { alts, set: IdSet::new(&ids), ids, optional });
        }
    }
    let slots = |role| elements.iter().filter(|e| matches!(e, Element::Slot { role: r, .. } if *r == role)).count();
    if slots(Role::Subject) != 1 || slots(Role::Object) != 1 {
        bail!("a pattern needs exactly one {{A}} and one {{B}}");
    }
    Ok(elements)
}

/// "2018" in "the 2018 Eastern Economic Forum": a year before a name is skipped like an article.
fn is_year(t: &str) -> bool {
    t.len() == 4 && t.starts_with(['1', '2']) && t.bytes().all(|b| b.is_ascii_digit())
}

/// True when item `pos` is a token that matches one of the literals in `set`.
#[inline(always)]
fn token_matches(set: &IdSet, sentence: &Items, pos: usize) -> bool {
    // A token matches few literals (most none): look each up among the element's.
    match sentence.items.get(pos) {
        Some(Item::Token(_, literals)) => sentence.literal_ids[literals.start as usize..literals.end as usize].iter().any(|&id| set.contains(id)),
        _ => false,
    }
}

/// A quick test that does not change what matches: false when `element` cannot match at
/// item `pos` (a literal that is not there, a slot without a mention of its type), so the
/// matcher need not try.
#[inline(always)]
fn may_start(element: &Element, sentence: &Items, pos: usize) -> bool {
    match element {
        Element::Gap | Element::Lit { optional: true, .. } => true,
        Element::Lit { set, optional: false, .. } => token_matches(set, sentence, pos),
        Element::Slot { kinds, .. } => match sentence.slot_at.get(pos).copied().flatten().map(|p| &sentence.items[p]) {
            Some(Item::Mention(_, kind)) => kinds & type_bits(&[*kind]) != 0,
            _ => false,
        },
    }
}

/// Matches `elements` from item `pos`; returns the item index after the match.
fn match_from(elements: &[Element], sentence: &Items, pos: usize, binds: &mut [Option<usize>; 2]) -> Option<usize> {
    let Some((first, rest)) = elements.split_first() else { return Some(pos) };
    let items = &sentence.items;
    match first {
        Element::Gap => {
            for k in 0..=MAX_GAP {
                if pos + k > items.len() {
                    break;
                }
                if k > 0 && matches!(items[pos + k - 1], Item::Token(";" | ":", _)) {
                    break;
                }
                if rest.first().is_some_and(|e| !may_start(e, sentence, pos + k)) {
                    continue;
                }
                let saved = *binds;
                if let Some(end) = match_from(rest, sentence, pos + k, binds) {
                    return Some(end);
                }
                *binds = saved;
            }
            None
        }
        Element::Lit { set, optional, .. } => {
            if token_matches(set, sentence, pos) {
                if let Some(end) = match_from(rest, sentence, pos + 1, binds) {
                    return Some(end);
                }
            }
            if *optional {
                return match_from(rest, sentence, pos, binds);
            }
            None
        }
        Element::Slot { role, kinds, .. } => {
            let p = sentence.slot_at.get(pos).copied().flatten()?;
            let Item::Mention(m, kind) = &items[p] else { return None };
            if kinds & type_bits(&[*kind]) == 0 {
                return None;
            }
            let slot = if *role == Role::Subject { 0 } else { 1 };
            let saved = binds[slot];
            binds[slot] = Some(*m);
            if let Some(end) = match_from(rest, sentence, p + 1, binds) {
                return Some(end);
            }
            binds[slot] = saved;
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityType::*;

    fn parse(literals: &mut Literals, pattern: &str) -> Rule {
        let row: HashMap<String, String> =
            [("predicate", "investsIn"), ("pattern", pattern), ("confidence", "0.8")].iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Rule::parse(&Splitter::default(), literals, &row, "test:1").unwrap()
    }

    /// One rule and the literals of its pattern.
    fn rule(pattern: &str) -> (Rule, Literals) {
        let mut literals = Literals::default();
        (parse(&mut literals, pattern), literals)
    }

    /// The literal ids a token matches.
    fn ids(literals: &Literals, token: &str) -> Vec<usize> {
        let mut ids = Vec::new();
        literals.matching(token, &mut ids);
        ids
    }

    /// The (subject, object) pairs of a compact sentence: `[Company]` is a mention, other words tokens.
    fn pairs((r, literals): &(Rule, Literals), sentence: &str) -> Vec<(usize, usize)> {
        let mut n = 0;
        let mut literal_ids = Vec::new();
        let items: Vec<Item> = sentence
            .split_whitespace()
            .map(|w| match w.strip_prefix('[').and_then(|w| w.strip_suffix(']')) {
                Some(t) => {
                    n += 1;
                    Item::Mention(n - 1, EntityType::parse(t).unwrap())
                }
                None => {
                    let from = literal_ids.len();
                    literal_ids.extend(ids(literals, w));
                    Item::Token(w, LiteralRange::new(from, literal_ids.len()))
                }
            })
            .collect();
        r.find(&Items::new(items, &literal_ids, &[]), usize::MAX).iter().map(|m| (m.subject, m.object)).collect()
    }

    #[test]
    fn slots_literals_prefixes_and_gaps() {
        let r = rule("{A:actor} invest* ... in {B:work|site}");
        assert_eq!(pairs(&r, "[Company] invested $ 6 billion in the [Project] ."), [(0, 1)]);
        assert_eq!(pairs(&r, "[Company] invests in [Place]"), [(0, 1)]);
        assert!(pairs(&r, "[Company] invested in [Commodity]").is_empty(), "object type is constrained");
        assert!(pairs(&r, "[Company] invested one two three four five six seven eight nine in [Project]").is_empty(), "gap is bounded");
        assert!(pairs(&r, "[Company] invested ; in [Project]").is_empty(), "gap stops at ;");
    }

    #[test]
    fn the_nearest_mention_fills_a_slot_before_a_gap() {
        let r = rule("{A:actor} ... ties with {B}");
        assert_eq!(pairs(&r, "[Country] fatigue , [Country] explores closer ties with [Country]"), [(1, 2)]);
    }

    #[test]
    fn passive_voice_puts_the_subject_after_by() {
        let r = rule("{B:work} ... was|were initiated by {A}");
        assert_eq!(pairs(&r, "[Initiative] , announced in 2017 , was initiated by [Person]"), [(1, 0)]);
    }

    #[test]
    fn optional_literals_and_possessives() {
        let r = rule("{A} 's main? investment in {B}");
        assert_eq!(pairs(&r, "[Company] 's investment in [Project]"), [(0, 1)]);
        assert_eq!(pairs(&r, "[Company] 's main investment in [Project]"), [(0, 1)]);
    }

    #[test]
    fn punctuated_literals_become_token_sequences() {
        let r = rule("{A} -led sanctions against {B}");
        assert_eq!(pairs(&r, "[Country] - led sanctions against [Country]"), [(0, 1)]);
    }

    #[test]
    fn bad_patterns_are_rejected_with_a_reason() {
        let row = |p: &str| -> HashMap<String, String> {
            [("predicate", "investsIn"), ("pattern", p)].iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
        };
        let err = Rule::parse(&Splitter::default(), &mut Literals::default(), &row("{A} invested"), "x").unwrap_err();
        assert!(format!("{err:#}").contains("exactly one"));
        let err = Rule::parse(&Splitter::default(), &mut Literals::default(), &row("{A:Widget} in {B}"), "x").unwrap_err();
        assert!(format!("{err:#}").contains("Widget"));
    }

    #[test]
    fn the_index_finds_the_same_candidates_as_may_match() {
        let mut literals = Literals::default();
        let patterns = ["{A} invest* ... in {B}", "{A} 's ally {B}", "{A} met|visited {B}", "{A} , {B}", "{A} invest|investing|inv* in {B}"];
        let rules: Vec<Rule> = patterns.iter().map(|p| parse(&mut literals, p)).collect();
        let index = RuleIndex::new(&rules, literals);
        let mut seen = Seen::default();
        for tokens in [vec!["x", "investing", "in"], vec!["ally", "'s"], vec!["visited"], vec!["in"], vec!["inv", "in"], vec![]] {
            let slow: Vec<usize> = (0..rules.len()).filter(|&r| rules[r].may_match(&tokens)).collect();
            let literals: Vec<(usize, usize)> = tokens.iter().enumerate().flat_map(|(i, t)| ids(&index.literals, t).into_iter().map(move |id| (id, i))).collect();
            let fast: Vec<usize> = index.candidates(literals.into_iter(), u32::MAX, &mut seen).into_iter().map(|(r, _)| r).collect();
            assert_eq!(fast, slow, "{tokens:?}");
        }
    }

    #[test]
    fn one_bookkeeping_serves_several_indexes_in_turn() {
        // The extractor keeps one `Seen` per thread, whatever lexicon extracts next.
        let index_of = |patterns: &[&str]| {
            let mut literals = Literals::default();
            let rules: Vec<Rule> = patterns.iter().map(|p| parse(&mut literals, p)).collect();
            (RuleIndex::new(&rules, literals), rules)
        };
        let small = index_of(&["{A} met {B}"]);
        let large = index_of(&["{A} invest* ... in {B}", "{A} 's ally {B}", "{A} met|visited {B}", "{A} , {B}"]);
        let mut shared = Seen::default();
        for tokens in [vec!["met", "in"], vec!["investing", "in", "met"], vec!["ally", "'s", ","], vec!["visited"]] {
            for (index, rules) in [&small, &large, &small] {
                let literals: Vec<(usize, usize)> = tokens.iter().enumerate().flat_map(|(i, t)| ids(&index.literals, t).into_iter().map(move |id| (id, i))).collect();
                let fresh = index.candidates(literals.clone().into_iter(), u32::MAX, &mut Seen::default());
                let reused = index.candidates(literals.into_iter(), u32::MAX, &mut shared);
                assert_eq!(reused, fresh, "{tokens:?}");
                let slow: Vec<usize> = (0..rules.len()).filter(|&r| rules[r].may_match(&tokens)).collect();
                assert_eq!(reused.into_iter().map(|(r, _)| r).collect::<Vec<_>>(), slow, "{tokens:?}");
            }
        }
    }

    #[test]
    fn literal_ids_are_the_literals_a_token_matches() {
        let (r, literals) = rule("{A} invest|investor|inv*|investo* ... in? {B}");
        let all: Vec<(&LitPat, usize)> = r
            .elements
            .iter()
            .flat_map(|e| match e {
                Element::Lit { alts, .. } => alts.iter().map(|a| (a, literals.ids[a])).collect(),
                _ => Vec::new(),
            })
            .collect();
        for token in ["invest", "investor", "investors", "inv", "in", "i", "x", "инв"] {
            let mut slow: Vec<usize> = all.iter().filter(|(a, _)| a.matches(token)).map(|(_, id)| *id).collect();
            let mut fast = ids(&literals, token);
            slow.sort_unstable();
            slow.dedup();
            fast.sort_unstable();
            assert_eq!(fast, slow, "{token}");
        }
    }

    #[test]
    fn may_match_prefilters_on_required_words() {
        let (r, _) = rule("{A} invest* ... in {B}");
        assert!(r.may_match(&["x", "investing", "in"]));
        assert!(!r.may_match(&["x", "in"]));
        let _ = (Country, Person);
    }
}
