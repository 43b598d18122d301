//! Constructions: relations read from fixed constructions rather than cue words: role
//! appositions ("South Korean President Moon Jae-in"; a titled person the gazetteer ties
//! to a state), leaders' governments ("the Biden administration"), state-pair
//! adjectives ("inter-Korean dialogue"), and two states joined by a dash in the name of an
//! undertaking ("the Russian-Korean Commission on Fisheries", "the EU-Japan Summit") or two
//! places in a project's ("the Tumen–Hunchun railway"),
//! the places a route runs through ("a pipeline from Russia to Busan via North Korea"),
//! the state whose adjective starts a place's or body's name ("the Russian Far East"),
//! the place of a "<place>-based" body ("the Istanbul-based Center for …"), the place or
//! state after a place's comma ("Uiwang, Gyeonggi Province"), and the target of sanctions
//! whose sanctioners alone a sentence names ("the UN sanctions call for …").
//!
//! Their relations are made directly, with a fixed confidence; role appositions and
//! governments are also shown to the scorer as evidence for the pairs they relate (pair
//! adjectives, state pairs and state names are not). Reads resolved mentions; creates no entities but
//! the states of pair adjectives and state pairs.

use super::attributes::{CueCache, Facts, Found};
use super::lexicon::{Gazetteer, NameKind, WordKinds};
use super::mentions::{Finder, Mention, Target};
use super::resolution::{known_draft, Draft, DraftIndex, Resolved};
use super::Extractor;
use crate::model::{EntityType, Predicate};
use crate::text::{Text, TokenKind};
use rustc_hash::FxHashMap;

impl Extractor {
    /// The relations of the fixed constructions: parts of projects and sanctions' targets over
    /// the document, then per sentence role appositions, owned programmes, national goods,
    /// route places, "<place>-based" bodies and places after a place's comma.
    pub(super) fn constructions(&self, finder: &Finder, text: &Text, resolved: &[Resolved], drafts: &[Draft], cues: &CueCache) -> Vec<Found<'_>> {
        let mut out = Vec::new();
        self.parts_of_projects(finder, text, resolved, drafts, cues, &mut out);
        self.sanctions_without_target(finder, text, resolved, cues, &mut out);
        let mut idxs: Vec<usize> = Vec::new();
        let mut run_start = 0;
        while run_start < resolved.len() {
            let si = resolved[run_start].sentence;
            let run_end = run_start + resolved[run_start..].iter().take_while(|r| r.sentence == si).count();
            idxs.clear();
            idxs.extend(run_start..run_end);
            run_start = run_end;
            // A lone leader ("the Trump administration") may hold a role in a state named elsewhere.
            self.role_appositions(finder, text, si, &idxs, resolved, drafts, cues, &mut out);
            self.portfolio_bodies(finder, text, si, &idxs, resolved, drafts, cues, &mut out);
            if idxs.len() < 2 {
                continue;
            }
            self.owned_programmes(finder, text, si, &idxs, resolved, cues, &mut out);
            self.national_goods(finder, text, si, &idxs, resolved, cues, &mut out);
            self.route_places(finder, text, si, &idxs, resolved, cues, &mut out);
            self.participle_compounds(finder, text, si, &idxs, resolved, cues, &mut out);
            self.places_after_commas(finder, text, si, &idxs, resolved, cues, &mut out);
            self.places_described_by_state(finder, text, si, &idxs, resolved, cues, &mut out);
            self.sites_on_places(finder, text, si, &idxs, resolved, cues, &mut out);
            self.event_parties(finder, text, si, &idxs, resolved, cues, &mut out);
            self.venture_owners(finder, text, si, &idxs, resolved, cues, &mut out);
        }
        out
    }

    /// "Yamal Trade, a joint venture between Novatek and TotalEnergies,", "Manara Minerals is
    /// a joint venture of Ma'aden and the Public Investment Fund": the parties listed after a
    /// venture noun's "between" or "of" (`lexicon/venture_nouns.txt`) invest in the firm it
    /// describes. So do the owner and the parties after "with" in "StarPlus Energy, Samsung
    /// SDI's joint venture with Stellantis," and "Ultium Cells, its joint venture with GM"
    /// (the owner: the name before "'s", or what "its" refers to).
    #[allow(clippy::too_many_arguments)]
    fn venture_owners(&self, finder: &Finder, text: &Text, si: usize, idxs: &[usize], resolved: &[Resolved], cues: &CueCache, out: &mut Vec<Found<'_>>) {
        let end = text.sentences[si].tokens.end;
        for (n, &vi) in idxs.iter().enumerate() {
            let venture = &resolved[vi];
            if !matches!(venture.class, EntityType::Company | EntityType::Project) || matches!(venture.mention.target, Target::Adjective(_)) {
                continue;
            }
            // ", a joint venture", " is a joint venture", ", the Russian-Chinese joint venture",
            // " - a joint venture" (a dash aside).
            let mut k = venture.mention.last;
            // (Past the bracket of an acronym: "India Ports Global Limited (IPGL), a joint venture".)
            if k < end && finder.lower(k) == ")" {
                k += 1;
            }
            if k < end && (matches!(finder.lower(k), "," | "is" | "was") || finder.is_dash(k)) {
                k += 1;
            }
            if k < end && matches!(finder.lower(k), "a" | "an" | "the") {
                k += 1;
            }
            let Some((noun, after)) =
                (k..end.min(k + 4)).find_map(|at| self.lexicon.venture_nouns.iter().find(|noun| at + noun.len() <= end && finder.words_at(at, noun)).map(|noun| (at, at + noun.len())))
            else {
                continue;
            };
            // (No preposition or list before the noun: not "Novatek, a partner in a joint
            // venture between …", "Rosatom and a joint venture of …"; ", which is a" may be.)
            let modifier = |j: usize| finder.preposition(j).is_none() && !matches!(finder.lower(j), "," | "and" | "or");
            if !(k..noun).all(modifier) {
                continue;
            }
            // The owner before the noun: "Samsung SDI's", or "its" (a reference to another).
            let owner = idxs[n + 1..].iter().map(|&oi| &resolved[oi]).take_while(|o| o.mention.last <= noun).find(|o| {
                let possessive = o.mention.last < noun && matches!(finder.lower(o.mention.last), "'s" | "’s");
                let its = o.referring && finder.lower(o.mention.first) == "its";
                o.mention.first >= k && (possessive || its) && o.entity != venture.entity && matches!(o.class, EntityType::Company | EntityType::Country | EntityType::Organization)
            });
            let with = owner.is_some() && after < end && finder.lower(after) == "with";
            if after >= end || !(with || matches!(finder.lower(after), "between" | "of")) {
                continue;
            }
            if let Some(owner) = owner {
                let facts = self.named_facts(Predicate::InvestsIn, 0.7, "venture-owner");
                out.extend(self.relation(finder, text, si, (venture.mention.first, owner.mention.last), owner, venture, facts, cues));
            }
            // The parties: names of actors after it, joined by commas and "and", past the
            // words that describe each ("Saudi mining company Ma'aden and the kingdom's …").
            let mut at = after + 1;
            for &pi in &idxs[n + 1..] {
                let party = &resolved[pi];
                if party.mention.first < at {
                    continue;
                }
                let described = (at..party.mention.first).all(|j| !matches!(finder.lower(j), "." | ";" | "(" | ")") && !finder.is_dash(j) && finder.preposition(j).is_none());
                if !described || party.mention.first > at + 6 {
                    break;
                }
                at = party.mention.last;
                // ("Saudi Arabia's Public Investment Fund": the owner stands for nothing here;
                // what it owns is the party.)
                let owner = at < end && finder.lower(at) == "'s";
                if owner {
                    at += 1;
                }
                if owner || matches!(party.mention.target, Target::Adjective(_)) || !matches!(party.class, EntityType::Company | EntityType::Country | EntityType::Organization) {
                    continue;
                }
                let facts = self.named_facts(Predicate::InvestsIn, 0.7, "venture-owner");
                out.extend(self.relation(finder, text, si, (venture.mention.first, party.mention.last), party, venture, facts, cues));
                if at >= end || !matches!(finder.lower(at), "," | "and") {
                    break;
                }
            }
        }
    }

    /// "the Baku Trilateral Summit of Turkey, Azerbaijan and Kazakhstan": the states listed
    /// after an event's "of" (two or more, joined by commas and "and") take part in it.
    #[allow(clippy::too_many_arguments)]
    fn event_parties(&self, finder: &Finder, text: &Text, si: usize, idxs: &[usize], resolved: &[Resolved], cues: &CueCache, out: &mut Vec<Found<'_>>) {
        for (n, &ei) in idxs.iter().enumerate() {
            let event = &resolved[ei];
            if event.class != EntityType::Event || event.mention.last >= finder.text.tokens.len() || finder.lower(event.mention.last) != "of" {
                continue;
            }
            let mut states = Vec::new();
            let mut at = event.mention.last + 1;
            for &mi in &idxs[n + 1..] {
                let m = &resolved[mi];
                while at < m.mention.first && matches!(finder.lower(at), "," | "and" | "the") {
                    at += 1;
                }
                if m.mention.first != at || m.class != EntityType::Country || matches!(m.mention.target, Target::Adjective(_)) {
                    break;
                }
                states.push(m);
                at = m.mention.last;
            }
            if states.len() < 2 {
                continue;
            }
            for state in states {
                let facts = self.named_facts(Predicate::ParticipatesIn, 0.7, "event-of-states");
                out.extend(self.relation(finder, text, si, (event.mention.first, state.mention.last), state, event, facts, cues));
            }
        }
    }

    /// "South Korean President Moon Jae-in", "Russia's Foreign Minister Sergei Lavrov",
    /// "Arkhangelsk Governor Alexander Tsybulsky": holdsRole(person, state or place). A titled person the gazetteer ties to a state also holds a role there.
    #[allow(clippy::too_many_arguments)]
    fn role_appositions(&self, finder: &Finder, text: &Text, si: usize, idxs: &[usize], resolved: &[Resolved], drafts: &[Draft], cues: &CueCache, out: &mut Vec<Found<'_>>) {
        for (n, &pi) in idxs.iter().enumerate() {
            let p = &resolved[pi];
            // A role in the state the gazetteer ties them to: "the Biden administration", and
            // a plural title is each name's ("Presidents Vladimir Putin and Ebrahim Raisi").
            let untitled = p.class == EntityType::Person && !p.mention.titled;
            let tied = if untitled && self.leads_government(finder, idxs, n, resolved) {
                Some((0.7, "apposition:leader-government"))
            } else if untitled && shares_plural_title(finder, text.sentences[si].tokens.start, idxs, n, resolved) {
                Some((0.6, "apposition:title-known-person"))
            } else {
                None
            };
            if let Some((confidence, rule)) = tied {
                if let Some(state) = state_named_for(p, resolved, drafts) {
                    let facts = self.named_facts(Predicate::HoldsRole, confidence, rule);
                    out.extend(self.relation(finder, text, si, (p.mention.first, p.mention.last), p, state, facts, cues));
                }
                continue;
            }
            if untitled {
                if let Some(q) = state_title_set_off(finder, text.sentences[si].tokens.end, idxs, n, resolved) {
                    let span = (q.mention.first.min(p.mention.first), q.mention.last.max(p.mention.last));
                    let facts = self.named_facts(Predicate::HoldsRole, 0.85, "apposition:state-title-comma-person");
                    out.extend(self.relation(finder, text, si, span, p, q, facts, cues));
                }
                continue;
            }
            if p.class != EntityType::Person {
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
            // ("Arkhangelsk Governor Alexander Tsybulsky", "Vladivostok Mayor X": a place's
            // office is held in the place.)
            // (Not a place a preposition governs: "In Tokyo Prime Minister Kishida spoke".)
            let governed = |q: &Resolved| q.mention.first > 0 && finder.is(q.mention.first - 1, WordKinds::PREPOSITION);
            let state = previous.filter(|q| {
                (q.class == EntityType::Country || (q.class == EntityType::Place && !governed(q))) && {
                    // The title's own words may hold "and": "Kazakh Industry and Construction Minister",
                    // "Japan's Minister of Economy, Trade and Industry Yoji Muto".
                    let title = finder.title_before(q.mention.last, p.mention.first).unwrap_or(p.mention.first);
                    let between: Vec<&str> = (q.mention.last..title).map(|k| finder.lower(k)).collect();
                    let to_place = back == 2;
                    // What ends a title: "with", "by", a "to" not before the post's place, and
                    // a verb or another preposition than a title's "of"/"for" ("The Indian
                    // foreign minister called on President Raisi").
                    let ends_title = |k: usize| {
                        let w = finder.lower(k);
                        matches!(w, "with" | "by")
                            || (w == "to" && !to_place)
                            || (!finder.is_capitalised(k)
                                && (finder.is(k, WordKinds::VERB_GROUP)
                                    || (finder.is(k, WordKinds::PREPOSITION) && !matches!(w, "of" | "for" | "to"))
                                    || (finder.is(k, WordKinds::FRAME_CUE) && w.len() > 4 && w.ends_with("ed"))))
                    };
                    // (A dash set apart by spaces opens an aside: "between India and Russia — a
                    // relationship that Prime Minister Narendra Modi described".)
                    between.len() <= 8
                        && between.iter().all(|w| matches!(*w, "'s" | "-" | "then" | "former") || w.chars().all(char::is_alphabetic))
                        && !(q.mention.last..title).any(|k| finder.is_dash(k) && !finder.inner_dash(k))
                        && !(q.mention.last..title).any(ends_title)
                        // "and" only between two titles: "Deputy Prime Minister and Defence Minister".
                        && (q.mention.last..title).all(|k| finder.lower(k) != "and" || finder.title_at(k + 1, p.mention.first).is_some())
                }
            });
            let span = (state.map_or(p.mention.first, |q| q.mention.first), p.mention.last);
            let (object, confidence, rule) = match state {
                Some(q) => (q, 0.85, "apposition:nationality-title-person"),
                None => match state_named_for(p, resolved, drafts).filter(|_| self.title_is_an_office(finder, text.sentences[si].tokens.start, idxs, n, resolved)) {
                    Some(c) => (c, 0.6, "apposition:title-known-person"),
                    None => {
                        // ("Energy Minister X and Japan's minister Y": not Japan, Y's state.)
                        let others: Vec<usize> =
                            idxs.iter().map(|&q| &resolved[q]).filter(|q| q.class == EntityType::Country && joined_after(finder, p, q) && titles_after(finder, q)).map(|q| q.entity).collect();
                        let Some(c) = self.state_office(finder, p).then(|| home_state(resolved, &others)).flatten() else { continue };
                        (c, 0.5, "apposition:state-office-home-state")
                    }
                },
            };
            let facts = self.named_facts(Predicate::HoldsRole, confidence, rule);
            if let Some(rel) = self.relation(finder, text, si, span, p, object, facts, cues) {
                out.push(rel);
            }
        }
    }

    /// The title before the person `resolved[idxs[n]]` (within the sentence from token
    /// `floor`) is a state's office: not a courtesy
    /// alone ("Mr. Miller": `typing/titles.csv` honorifics) and not a body's, named right
    /// before it ("Novatek chief executive Leonid Mikhelson", "Gazprom's chief Alexei Miller").
    fn title_is_an_office(&self, finder: &Finder, floor: usize, idxs: &[usize], n: usize, resolved: &[Resolved]) -> bool {
        let p = &resolved[idxs[n]];
        let Some(title) = finder.title_before(floor, p.mention.first) else { return true };
        let courtesy = (title..p.mention.first).all(|k| self.lexicon.honorifics.contains(finder.lower(k)) || finder.lower(k) == ".");
        let body_before = n
            .checked_sub(1)
            .map(|q| &resolved[idxs[q]])
            .is_some_and(|q| matches!(q.class, EntityType::Company | EntityType::Organization) && (q.mention.last == title || (q.mention.last + 1 == title && finder.lower(q.mention.last) == "'s")));
        !courtesy && !body_before
    }

    /// "Minister of Trade, Industry and Energy Kim Jung-kwan" and "the Ministry of Trade,
    /// Industry and Energy", "Shipping Minister Sarbananda Sonowal" and "the Ministry of
    /// Ports, Shipping and Waterways", "Secretary of the Navy John Phelan" and "the U.S.
    /// Navy": a titled person holds a role in the body the document names whose name holds
    /// every word of the title's portfolio, when the name has a ministry's head
    /// (`lexicon/portfolio_bodies.txt`) or ends with
    /// the one word ("Secretary of State" is no role in "the State Duma").
    #[allow(clippy::too_many_arguments)]
    fn portfolio_bodies(&self, finder: &Finder, text: &Text, si: usize, idxs: &[usize], resolved: &[Resolved], drafts: &[Draft], cues: &CueCache, out: &mut Vec<Found<'_>>) {
        let floor = text.sentences[si].tokens.start;
        for &pi in idxs {
            let p = &resolved[pi];
            if p.class != EntityType::Person || p.mention.first <= floor {
                continue;
            }
            let at = p.mention.first;
            let Some(mut title) = finder.title_with_portfolio(floor, at).or_else(|| finder.title_ending_at(floor, at)) else { continue };
            // ("Shipping Minister": the portfolio's capitalised words before the title.)
            while title > floor
                && title + 3 > at
                && finder.is_capitalised(title - 1)
                && !finder.is(title - 1, WordKinds::FUNCTION)
                && !idxs.iter().any(|&q| resolved[q].mention.first < title && title <= resolved[q].mention.last)
            {
                title -= 1;
            }
            let portfolio: Vec<String> = (title..at)
                .filter(|&k| finder.text.tokens[k].kind == TokenKind::Word && !finder.is(k, WordKinds::FUNCTION) && finder.title_at(k, k + 1).is_none())
                .map(|k| finder.lower(k).to_string())
                .collect();
            if portfolio.is_empty() {
                continue;
            }
            let holds = |d: &Draft| {
                let words: Vec<String> = d.label.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect();
                let ministry = words.iter().any(|w| self.lexicon.portfolio_bodies.contains(w));
                portfolio.iter().all(|w| words.contains(w)) && (ministry || (portfolio.len() == 1 && words.last() == portfolio.first()))
            };
            let bodies: Vec<usize> = drafts.iter().enumerate().filter(|(_, d)| d.class == EntityType::Organization && holds(d)).map(|(e, _)| e).collect();
            // (Two bodies hold the words: neither is sure.)
            let [body] = bodies[..] else { continue };
            let Some(o) = resolved.iter().find(|r| r.entity == body) else { continue };
            let facts = self.named_facts(Predicate::HoldsRole, 0.7, "apposition:title-portfolio-body");
            out.extend(self.relation(finder, text, si, (title, p.mention.last), p, o, facts, cues));
        }
    }

    /// "the UN sanctions call for …", "Seoul's alignment with U.S., EU and other sanctions",
    /// "comply with the sanctions of the United States": a sanction noun (`frames.csv`) whose
    /// sanctioners are named (the states or bodies right before it, or after its "of"/"by")
    /// but whose target is not is aimed at the target the document names after such a noun's
    /// "on" or "against" in the nearest sentence ("sanctions against North Korea"); with no
    /// such target anywhere, at the document's state (`home_state`), if it is no sanctioner.
    /// A name "under" sanctions is their target ("VEB.RF is under U.S. and EU sanctions").
    fn sanctions_without_target(&self, finder: &Finder, text: &Text, resolved: &[Resolved], cues: &CueCache, out: &mut Vec<Found<'_>>) {
        let frames = &self.lexicon.frames;
        let actor = |r: &Resolved| matches!(r.class, EntityType::Country | EntityType::Organization);
        let tokens = finder.text.tokens.len();
        // The first mention starting and the last ending at each token.
        let mut by_first: FxHashMap<usize, &Resolved> = FxHashMap::default();
        let mut by_last: FxHashMap<usize, &Resolved> = FxHashMap::default();
        for r in resolved {
            by_first.entry(r.mention.first).or_insert(r);
            by_last.insert(r.mention.last, r);
        }
        let starting = |k: usize| (k < tokens).then(|| by_first.get(&k).or_else(|| by_first.get(&(k + 1)).filter(|_| finder.lower(k) == "the")).copied()).flatten();
        let ending = |k: usize| by_last.get(&k).copied();
        // Per sanction noun: its sentence, token, and the sanctioners or the target.
        let mut targets: Vec<(usize, &Resolved)> = Vec::new();
        let mut open: Vec<(usize, usize, Vec<&Resolved>)> = Vec::new();
        for (si, sentence) in text.sentences.iter().enumerate() {
            for k in sentence.tokens.clone() {
                // (Most cue words are short prepositions: the length is asked before the table.)
                if !finder.is(k, WordKinds::FRAME_CUE) || finder.lower(k).len() < 6 || (finder.is_capitalised(k) && k > sentence.tokens.start) || !frames.is_sanction_noun(finder.lower(k)) {
                    continue;
                }
                let next = k + 1;
                if next < sentence.tokens.end && matches!(finder.lower(next), "on" | "against") {
                    if let Some(target) = starting(next + 1).filter(|r| r.sentence == si && r.class != EntityType::Commodity) {
                        targets.push((si, target));
                    }
                    continue;
                }
                // The sanctioners before the noun ("UN", "U.S., EU and other"), past two
                // lowercase words, then the names listed before them.
                let mut sanctioners = Vec::new();
                let mut j = k;
                while j > sentence.tokens.start && k - j < 2 && finder.text.tokens[j - 1].kind == TokenKind::Word && !finder.is_capitalised(j - 1) && !finder.is(j - 1, WordKinds::FUNCTION) {
                    j -= 1;
                }
                if j > sentence.tokens.start && finder.lower(j - 1) == "and" && j < k {
                    j -= 1;
                }
                while let Some(r) = ending(j).filter(|r| r.sentence == si && actor(r)) {
                    sanctioners.push(r);
                    j = r.mention.first;
                    if j > sentence.tokens.start + 1 && matches!(finder.lower(j - 1), "," | "and") && ending(j - 1).is_some() {
                        j -= 1;
                    } else {
                        break;
                    }
                }
                // "the sanctions of the United States", "sanctions by the UN".
                if sanctioners.is_empty() && next < sentence.tokens.end && matches!(finder.lower(next), "of" | "by") {
                    sanctioners.extend(starting(next + 1).filter(|r| r.sentence == si && actor(r)));
                }
                // "VEB.RF, which …, is itself under U.S. and EU sanctions", "Ingosstrakh, a
                // Russian insurer under UK sanctions": the name (no adjective) nearest before
                // "under" is the target.
                let first = sanctioners.last().map_or(j, |r| r.mention.first);
                if first > sentence.tokens.start && finder.lower(first - 1) == "under" {
                    let under = first - 1;
                    if let Some(target) = resolved
                        .iter()
                        .rfind(|r| r.sentence == si && r.mention.last <= under && !matches!(r.class, EntityType::Commodity | EntityType::Place) && !matches!(r.mention.target, Target::Adjective(_)))
                    {
                        targets.push((si, target));
                        for sanctioner in sanctioners {
                            let facts = self.named_facts(Predicate::Sanctions, 0.6, "sanctions:under");
                            out.extend(self.relation(finder, text, si, (target.mention.first, k + 1), sanctioner, target, facts, cues));
                        }
                    }
                    continue;
                }
                if !sanctioners.is_empty() {
                    open.push((si, k, sanctioners));
                }
            }
        }
        for (si, k, sanctioners) in open {
            // With no target named anywhere, the document's own state (`home_state`: named
            // most, and clearly), when it is not a sanctioner.
            let nearest = targets.iter().min_by_key(|(ti, _)| ti.abs_diff(si)).map(|&(_, t)| t);
            let home = || home_state(resolved, &[]).filter(|h| !sanctioners.iter().any(|s| s.entity == h.entity));
            let Some(target) = nearest.or_else(home) else { continue };
            for sanctioner in sanctioners {
                let facts = self.named_facts(Predicate::Sanctions, 0.5, "sanctions:document-target");
                out.extend(self.relation(finder, text, si, (sanctioner.mention.first, k + 1), sanctioner, target, facts, cues));
            }
        }
    }

    /// "The Mumbai–Ahmedabad line … The first section, between Surat and Bilimora, opens in
    /// 2027": a project first named by a part head (`lexicon/part_heads.txt`: "the Surat–Bilimora
    /// section") is part of the whole project named before it that the document names most
    /// (the line it is about, not a station on it: "the project", "the line" count), the
    /// first named of equals.
    fn parts_of_projects(&self, finder: &Finder, text: &Text, resolved: &[Resolved], drafts: &[Draft], cues: &CueCache, out: &mut Vec<Found<'_>>) {
        let part = |d: &Draft| d.label.rsplit(' ').next().is_some_and(|w| self.lexicon.part_heads.contains(&w.to_lowercase()));
        let mentions_of = |entity: usize| resolved.iter().filter(|r| r.entity == entity).count();
        let mut seen: Vec<usize> = Vec::new();
        for (i, p) in resolved.iter().enumerate() {
            if p.class != EntityType::Project || p.referring || seen.contains(&p.entity) {
                continue;
            }
            seen.push(p.entity);
            if !part(&drafts[p.entity]) {
                continue;
            }
            let whole = resolved[..i].iter().filter(|w| w.class == EntityType::Project && w.entity != p.entity && !part(&drafts[w.entity])).rev().max_by_key(|w| mentions_of(w.entity));
            if let Some(whole) = whole {
                let facts = self.named_facts(Predicate::PartOf, 0.5, "part-of-named-project");
                out.extend(self.relation(finder, text, p.sentence, (p.mention.first, p.mention.last), p, whole, facts, cues));
            }
        }
    }

    /// "a pipeline network from Russia to the South Korean city of Busan via North Korea",
    /// "a ferry line between Sokcho and Vladivostok": a project followed by "from", "to" and
    /// "via" places (or "between" and "and") is located in each of them.
    #[allow(clippy::too_many_arguments)]
    fn route_places(&self, finder: &Finder, text: &Text, si: usize, idxs: &[usize], resolved: &[Resolved], cues: &CueCache, out: &mut Vec<Found<'_>>) {
        let is_place = |r: &Resolved| matches!(r.class, EntityType::Place | EntityType::Country) && !matches!(r.mention.target, Target::Adjective(_));
        for (n, &pi) in idxs.iter().enumerate() {
            let p = &resolved[pi];
            if p.class != EntityType::Project || p.mention.last >= finder.text.tokens.len() {
                continue;
            }
            let route: &[&str] = match finder.lower(p.mention.last) {
                "from" => &["from", "to", "via"],
                "between" => &["between", "and"],
                _ => {
                    self.route_verb_places(finder, text, si, (&idxs[..n], &idxs[n + 1..]), p, resolved, cues, out);
                    continue;
                }
            };
            let mut expected = route.iter().peekable();
            let mut k = p.mention.last;
            // "between" names both ends or none ("an agreement between Korea and the EAEU").
            let mut found = Vec::new();
            for &qi in &idxs[n + 1..] {
                let q = &resolved[qi];
                if !is_place(q) {
                    if matches!(q.mention.target, Target::Adjective(_)) {
                        continue;
                    }
                    break;
                }
                // A place listed after the one before is governed as that one was ("via
                // Iran and the Caspian").
                if k > p.mention.last && is_list_between(finder, k, q.mention.first) && expected.peek().is_none_or(|w| (k..q.mention.first).all(|j| finder.lower(j) != **w)) {
                    let facts = self.named_facts(Predicate::LocatedIn, 0.7, "route");
                    found.extend(self.relation(finder, text, si, (p.mention.first, q.mention.last), p, q, facts, cues));
                    k = q.mention.last;
                    continue;
                }
                // Between the preposition and the place: lowercase words and state adjectives only.
                let Some(&&word) = expected.peek() else { break };
                let start = (k..q.mention.first).find(|&j| finder.lower(j) == word);
                let Some(start) = start.filter(|&j| q.mention.first - j <= 6) else { break };
                let plain = (start + 1..q.mention.first).all(|j| {
                    !finder.is_capitalised(j)
                        || idxs[n + 1..].iter().any(|&a| matches!(resolved[a].mention.target, Target::Adjective(_)) && resolved[a].mention.first <= j && j < resolved[a].mention.last)
                });
                if !plain {
                    break;
                }
                expected.next();
                // "from Russia to …": "to" may be skipped when "via" follows directly.
                while expected.peek().is_some_and(|w| **w != "via" && q.mention.last < finder.text.tokens.len() && finder.lower(q.mention.last) == "via") {
                    expected.next();
                }
                let facts = self.named_facts(Predicate::LocatedIn, 0.7, "route");
                found.extend(self.relation(finder, text, si, (p.mention.first, q.mention.last), p, q, facts, cues));
                k = q.mention.last;
            }
            if route[0] != "between" || expected.peek().is_none() {
                out.append(&mut found);
            }
        }
    }

    /// "The line will run from Kashgar across the Torugart Pass into Kyrgyzstan, then through
    /// Jalal-Abad to Andijan in Uzbekistan": a project that is the subject of a route verb
    /// (`lexicon/route_verbs.txt`) is located in every place named after it by a route
    /// preposition (`lexicon/route_prepositions.txt`), by the verb itself ("links Kashgar
    /// and Andijan"), or inside such a place ("Andijan in Uzbekistan", "China's Xinjiang").
    /// `around`: the sentence's mentions before and after the project's.
    #[allow(clippy::too_many_arguments)]
    fn route_verb_places(&self, finder: &Finder, text: &Text, si: usize, around: (&[usize], &[usize]), p: &Resolved, resolved: &[Resolved], cues: &CueCache, out: &mut Vec<Found<'_>>) {
        let frames = &self.lexicon.frames;
        let end = finder.text.sentences[si].tokens.end;
        let (before, after) = around;
        // ("The route, better known as the Middle Corridor, carries …": the name closing an
        // aside that another mention of it opened.)
        let aside = |q: &Resolved| q.entity == p.entity && q.mention.last < p.mention.first && finder.lower(q.mention.last) == ",";
        let closes_aside = finder.lower(p.mention.last) == "," && before.iter().any(|&qi| aside(&resolved[qi]));
        // The verb follows the project past at most three lowercase words ("will", "is to"),
        // or opens its relative clause ("The pipeline, which is to run through Mongolia"),
        // or follows the comma closing an aside the project ends.
        let relative = p.mention.last + 1 < end && finder.lower(p.mention.last) == "," && matches!(finder.lower(p.mention.last + 1), "which" | "that");
        let from = if relative { p.mention.last + 2 } else { p.mention.last + usize::from(closes_aside) };
        let Some(verb) = (from..end.min(from + 4)).take_while(|&k| !finder.is_capitalised(k) && finder.text.tokens[k].kind == TokenKind::Word).find(|&k| frames.is_route_verb(finder.lower(k))) else {
            return;
        };
        let mut k = verb;
        for &qi in after {
            let q = &resolved[qi];
            if q.mention.first <= verb {
                continue;
            }
            // (Past what it carries: "would carry Russian gas from Yamal to China".)
            if matches!(q.mention.target, Target::Adjective(_)) || (q.class == EntityType::Commodity && k == verb) {
                continue;
            }
            if !matches!(q.class, EntityType::Place | EntityType::Country) {
                break;
            }
            // What governs the place: a route verb (the first or one coordinated with it:
            // "cross into Kyrgyzstan, run through Makmal and end in Andijan"), a route
            // preposition, "in" or "at" right after a route verb ("start in Kashgar"), or
            // "in", "at" or a possessive tying it to the place before ("in Kashgar in
            // China's Xinjiang region", "into Kyrgyzstan at the Torugart pass"); between
            // them lowercase words and commas only.
            // A place listed after the one before is governed as that one was ("through
            // Kazakhstan, the Caspian and Turkey"), and "with" right after a place the verb
            // links ("connecting India with Russia").
            let route_verb = |j: usize| j >= verb && frames.is_route_verb(finder.lower(j));
            let governed = if k > verb && is_list_between(finder, k, q.mention.first) {
                Some(k - 1)
            } else {
                (k..q.mention.first).rev().take(6).find(|&j| {
                    let w = finder.lower(j);
                    route_verb(j) || frames.is_route_preposition(w) || (matches!(w, "in" | "at") && j > verb && route_verb(j - 1)) || (j >= k && k > verb && matches!(w, "in" | "at" | "'s" | "with"))
                })
            };
            let Some(g) = governed else { break };
            let plain = (g + 1..q.mention.first).all(|j| !finder.is_capitalised(j) && !matches!(finder.lower(j), ";" | "which" | "who" | "where" | "while" | "but"));
            if !plain {
                break;
            }
            let facts = self.named_facts(Predicate::LocatedIn, 0.7, "route");
            out.extend(self.relation(finder, text, si, (p.mention.first, q.mention.last), p, q, facts, cues));
            k = q.mention.last;
        }
    }

    /// "North Korea's missile program", "its nuclear programme", "the Iranian space program"
    /// (`mentions.rs`, owned_programmes): the owner builds the programme.
    #[allow(clippy::too_many_arguments)]
    fn owned_programmes(&self, finder: &Finder, text: &Text, si: usize, idxs: &[usize], resolved: &[Resolved], cues: &CueCache, out: &mut Vec<Found<'_>>) {
        for (n, &pi) in idxs.iter().enumerate().skip(1) {
            let p = &resolved[pi];
            if p.class != EntityType::Project || !finder.is(p.mention.last - 1, WordKinds::PROGRAMME_HEAD) {
                continue;
            }
            let owner = &resolved[idxs[n - 1]];
            let adjacent = owner.mention.last == p.mention.first || (owner.mention.last + 1 == p.mention.first && finder.lower(owner.mention.last) == "'s");
            if adjacent && !matches!(owner.class, EntityType::Project | EntityType::Commodity | EntityType::Place) {
                let facts = self.named_facts(Predicate::Builds, 0.7, "owned-programme");
                out.extend(self.relation(finder, text, si, (owner.mention.first, p.mention.last), owner, p, facts, cues));
            }
        }
    }

    /// A name, a hyphen and a participle (`lexicon/compound_participles.csv`) describing
    /// another name: the one after it past up to three lowercase words ("the Almaty-based
    /// environmental group Save Balkhash", "the Rosneft-controlled Zvezda shipyard"), or the
    /// one the phrase is an apposition to ("Zvezda, a Rosneft-controlled yard,"). The
    /// participle says the relation ("based": located in the place; "controlled": the
    /// joined name invests in the described one).
    #[allow(clippy::too_many_arguments)]
    fn participle_compounds(&self, finder: &Finder, text: &Text, si: usize, idxs: &[usize], resolved: &[Resolved], cues: &CueCache, out: &mut Vec<Found<'_>>) {
        let end = text.sentences[si].tokens.end;
        let lowercase_words = |range: std::ops::Range<usize>| range.len() <= 3 && range.clone().all(|j| finder.is_plain_word(j));
        for (n, &at) in idxs.iter().enumerate() {
            let joined = &resolved[at];
            let k = joined.mention.last;
            // (A state's adjective too: "the Russian-built Akkuyu plant", as "Russia-built".)
            if k + 1 >= end || finder.lower(k) != "-" || !finder.text.tokens[k].joined {
                continue;
            }
            let Some(&(predicate, joined_is_subject)) = self.lexicon.compound_participles.get(finder.lower(k + 1)) else { continue };
            let after = idxs.get(n + 1).map(|&i| &resolved[i]).filter(|d| lowercase_words(k + 2..d.mention.first));
            // ("Zvezda, a Rosneft-controlled yard,": a determiner after the comma, the
            // phrase's noun closing it.)
            let apposition = || {
                let before = &resolved[idxs[n.checked_sub(1)?]];
                let b = before.mention.last;
                let set_off = b + 2 == joined.mention.first && finder.lower(b) == "," && matches!(finder.lower(b + 1), "a" | "an" | "the");
                let noun_end = (k + 2..end.min(k + 6)).find(|&j| !finder.is_plain_word(j))?;
                let closes = noun_end > k + 2 && matches!(finder.lower(noun_end), "," | "." | ";" | ")");
                (set_off && closes).then_some(before)
            };
            let Some(described) = after.or_else(apposition) else { continue };
            let (subject, object) = if joined_is_subject { (joined, described) } else { (described, joined) };
            if subject.entity != object.entity && self.lexicon.signatures.allows(predicate, subject.class, object.class) {
                let facts = self.named_facts(predicate, 0.7, "participle-compound");
                let span = (joined.mention.first.min(described.mention.first), joined.mention.last.max(described.mention.last));
                out.extend(self.relation(finder, text, si, span, subject, object, facts, cues));
            }
        }
    }

    /// "Uiwang, Gyeonggi Province", "Astana, Kazakhstan", "Ust-Luga, in Leningrad Oblast",
    /// "Ruza, outside Moscow": a place, a comma, and (after "in", "near" or "outside", the
    /// determiners and a compass word) a place or state that closes the phrase lies there.
    /// Not a list ("Tashkent, Almaty and Bishkek"): no place or state before a comma right
    /// before the first, no "and" or "or" after the second.
    #[allow(clippy::too_many_arguments)]
    fn places_after_commas(&self, finder: &Finder, text: &Text, si: usize, idxs: &[usize], resolved: &[Resolved], cues: &CueCache, out: &mut Vec<Found<'_>>) {
        let end = text.sentences[si].tokens.end;
        let placed = |r: &Resolved| matches!(r.class, EntityType::Place | EntityType::Country) && !matches!(r.mention.target, Target::Adjective(_));
        for (n, pair) in idxs.windows(2).enumerate() {
            let (place, whole) = (&resolved[pair[0]], &resolved[pair[1]]);
            let k = place.mention.last;
            if place.class != EntityType::Place || !placed(whole) || place.entity == whole.entity || k >= end || finder.lower(k) != "," {
                continue;
            }
            let mut j = k + 1;
            if matches!(finder.lower(j), "in" | "near" | "outside") {
                j += 1;
            }
            while j < whole.mention.first && (finder.is(j, WordKinds::DETERMINER) || self.lexicon.compass_words.contains(finder.lower(j))) {
                j += 1;
            }
            let listed_before = n > 0 && {
                let before = &resolved[idxs[n - 1]];
                placed(before) && before.mention.last + 1 == place.mention.first && finder.lower(before.mention.last) == ","
            };
            let after = whole.mention.last;
            let listed_after = after < end && matches!(finder.lower(after), "and" | "or" | "&");
            // "Vladivostok, Nakhodka, Ussuriysk": a third name after another comma is a list.
            let third = idxs.get(n + 2).map(|&q| &resolved[q]).is_some_and(|r| placed(r) && r.mention.first == after + 1 && finder.lower(after) == ",");
            if j != whole.mention.first || listed_before || listed_after || third {
                continue;
            }
            let facts = self.named_facts(Predicate::LocatedIn, 0.7, "place-comma-place");
            out.extend(self.relation(finder, text, si, (place.mention.first, whole.mention.last), place, whole, facts, cues));
        }
    }

    /// "Gwadar, the Pakistani port", "Ulsan, a South Korean industrial city": a place or
    /// project, a comma, an article, a state's adjective and up to three lowercase words
    /// ending in a place's or project's head (`typing/heads.csv`) lies in that state.
    #[allow(clippy::too_many_arguments)]
    fn places_described_by_state(&self, finder: &Finder, text: &Text, si: usize, idxs: &[usize], resolved: &[Resolved], cues: &CueCache, out: &mut Vec<Found<'_>>) {
        let end = text.sentences[si].tokens.end;
        for pair in idxs.windows(2) {
            let (site, state) = (&resolved[pair[0]], &resolved[pair[1]]);
            let named_site = matches!(site.class, EntityType::Place | EntityType::Project) && !matches!(site.mention.target, Target::Adjective(_));
            let adjective = state.class == EntityType::Country && matches!(state.mention.target, Target::Adjective(_));
            let k = site.mention.last;
            if !named_site || !adjective || k + 2 != state.mention.first || finder.lower(k) != "," || !matches!(finder.lower(k + 1), "a" | "an" | "the") {
                continue;
            }
            let words = (state.mention.last..end.min(state.mention.last + 3)).take_while(|&j| finder.is_plain_word(j)).count();
            let Some(head) = (state.mention.last..state.mention.last + words).rev().find(|&j| finder.is_site_head(j)) else { continue };
            if self.lexicon.signatures.allows(Predicate::LocatedIn, site.class, state.class) {
                let facts = self.named_facts(Predicate::LocatedIn, 0.7, "place-comma-state-head");
                out.extend(self.relation(finder, text, si, (site.mention.first, head + 1), site, state, facts, cues));
            }
        }
    }

    /// "the Utrenneye field on the Gydan Peninsula", "the Varnek terminal on Sakhalin Island":
    /// a place or project right before "on" (and "the"), or described before it ("Arctic LNG
    /// 2, the $21 billion project on the Gydan Peninsula"), and a place lies there. Not a state
    /// after "on" ("talks on Ukraine", "sanctions on Russia" are about it), and not "on" as a
    /// frame's preposition, which it would be for any pair. The sites listed right before it
    /// lie there too ("in Kitwe and Mufulira on the Copperbelt").
    #[allow(clippy::too_many_arguments)]
    fn sites_on_places(&self, finder: &Finder, text: &Text, si: usize, idxs: &[usize], resolved: &[Resolved], cues: &CueCache, out: &mut Vec<Found<'_>>) {
        let unowned = |r: &Resolved| !matches!(r.mention.target, Target::Adjective(_));
        for (n, pair) in idxs.windows(2).enumerate() {
            let (site, place) = (&resolved[pair[0]], &resolved[pair[1]]);
            // ("the Khorgos dry port on the Kazakh side of the border": a state's side is in it.)
            let side_at = |k: usize| k < text.sentences[si].tokens.end && finder.lower(k) == "side";
            let side = place.class == EntityType::Country && (side_at(place.mention.last) || (place.mention.last > place.mention.first + 1 && side_at(place.mention.last - 1)));
            if !matches!(site.class, EntityType::Place | EntityType::Project) || !(place.class == EntityType::Place && unowned(place) || side) || !unowned(site) || site.entity == place.entity {
                continue;
            }
            // "Arctic LNG 2, the $21 billion project on the Gydan Peninsula".
            let described = |on: usize| on > site.mention.last + 2 && finder.is_site_head(on - 1) && finder.appositive_comma_before(on - 1, site.mention.last) == Some(site.mention.last);
            let k = (site.mention.last..place.mention.first).find(|&k| finder.lower(k) == "on").filter(|&on| on == site.mention.last || described(on)).unwrap_or(site.mention.last);
            let on = finder.lower(k) == "on" && (place.mention.first == k + 1 || (place.mention.first == k + 2 && finder.lower(k + 1) == "the"));
            if on && self.lexicon.signatures.allows(Predicate::LocatedIn, site.class, place.class) {
                let facts = self.named_facts(Predicate::LocatedIn, 0.6, "site-on-place");
                out.extend(self.relation(finder, text, si, (site.mention.first, place.mention.last), site, place, facts, cues));
                // ("in Kitwe and Mufulira on the Copperbelt": and the sites listed before it,
                // of its class, joined by commas and "and".)
                let mut next = site;
                for &at in idxs[..n].iter().rev() {
                    let listed = &resolved[at];
                    let joined = listed.mention.last < next.mention.first && (listed.mention.last..next.mention.first).all(|k| matches!(finder.lower(k), "," | "and"));
                    // (Not a capital, which is where its state is: "in Moscow and Novorossiysk
                    // on the Black Sea".)
                    let capital = matches!(listed.mention.target, Target::Capital(_));
                    if !joined || capital || listed.class != site.class || !unowned(listed) || listed.entity == place.entity {
                        break;
                    }
                    let facts = self.named_facts(Predicate::LocatedIn, 0.6, "site-on-place");
                    out.extend(self.relation(finder, text, si, (listed.mention.first, place.mention.last), listed, place, facts, cues));
                    next = listed;
                }
            }
        }
    }

    /// "Russian energy resources and raw materials", "Korean cars": a state's adjective
    /// right before goods (and the goods listed with them) says the state trades them. So
    /// does a state's name written as a modifier: "DPRK coal", "Qatar gas" (not after "to":
    /// "sold to China oil and gas" is no Chinese good).
    #[allow(clippy::too_many_arguments)]
    fn national_goods(&self, finder: &Finder, text: &Text, si: usize, idxs: &[usize], resolved: &[Resolved], cues: &CueCache, out: &mut Vec<Found<'_>>) {
        for (n, &at) in idxs.iter().enumerate() {
            let state = &resolved[at];
            let modifier = || {
                let first = state.mention.first;
                let next = idxs.get(n + 1).map(|&g| &resolved[g]);
                matches!(state.mention.target, Target::Known(_))
                    && !state.referring
                    && first > text.sentences[si].tokens.start
                    && finder.preposition(first - 1).is_none()
                    && next.is_some_and(|g| g.class == EntityType::Commodity && g.mention.first == state.mention.last && !finder.is_capitalised(g.mention.first))
            };
            if state.class != EntityType::Country || !(matches!(state.mention.target, Target::Adjective(_)) || modifier()) {
                continue;
            }
            let mut end = state.mention.last;
            for &gi in &idxs[n + 1..] {
                let goods = &resolved[gi];
                let joined = goods.mention.first == end || (end < goods.mention.first && (end..goods.mention.first).all(|k| matches!(finder.lower(k), "," | "and")));
                if goods.class != EntityType::Commodity || !joined {
                    break;
                }
                let facts = self.named_facts(Predicate::Trades, 0.6, "national-goods");
                out.extend(self.relation(finder, text, si, (state.mention.first, goods.mention.last), state, goods, facts, cues));
                end = goods.mention.last;
            }
        }
    }

    /// "inter-Korean dialogue", "Sino-Russian trade": an adjective of two states
    /// (`ontology/lexicon/pair_adjectives.csv`) before a cooperation noun. Per hit, its
    /// sentence and the two states as resolved mentions of the adjective.
    pub(super) fn pair_adjectives(&self, finder: &Finder, text: &Text, resolved: &[Resolved], drafts: &mut Vec<Draft>, draft_index: &mut DraftIndex) -> Vec<(usize, Resolved, Resolved)> {
        let lex = &self.lexicon;
        let mut found = Vec::new();
        for (si, sentence) in text.sentences.iter().enumerate().filter(|&(si, _)| finder.sentence_has(si, WordKinds::PAIR_NOUN)) {
            // From each cooperation noun back to an adjective ending right before it.
            for end in sentence.tokens.clone().filter(|&k| k > sentence.tokens.start && finder.is(k, WordKinds::PAIR_NOUN)) {
                // "Russia-China relations", "Moscow-Pyongyang military cooperation": two states
                // joined by a hyphen or dash, up to two plain words before the noun.
                if let Some(pair) = dashed_states_before(finder, sentence, resolved, end) {
                    found.push((si, pair.0.clone(), pair.1.clone()));
                    continue;
                }
                let before = finder.lower(end - 1);
                for (tokens, first, second) in &lex.pair_adjectives {
                    if tokens.last().is_none_or(|last| last != before) {
                        continue;
                    }
                    let Some(k) = end.checked_sub(tokens.len()).filter(|&k| k >= sentence.tokens.start) else { continue };
                    if !tokens.iter().enumerate().all(|(n, t)| finder.lower(k + n) == t) {
                        continue;
                    }
                    let a = state_as_adjective(&lex.gazetteer, finder, si, *first, (k, end), drafts, draft_index);
                    let b = state_as_adjective(&lex.gazetteer, finder, si, *second, (k, end), drafts, draft_index);
                    found.push((si, a, b));
                }
            }
        }
        found
    }

    /// "the Russian-Korean Commission on Fisheries", "the EU–South Korea summit", "the
    /// Japan-Russia Intergovernmental Committee", "the inter-Korean summit": two states (names
    /// or adjectives the gazetteer knows joined by a hyphen or dash, or an adjective of two
    /// states, `pair_adjectives.csv`) inside the name of an organisation, event, project or
    /// initiative, or right before it, take part in it (are members of a body); two places so
    /// joined in a project's name are where it runs ("the Tumen–Hunchun railway"). Per hit:
    /// the sentence, each side as a mention of its words, the undertaking's index in
    /// `resolved`, and the predicate relating them.
    pub(super) fn state_pairs(&self, finder: &Finder, text: &Text, resolved: &[Resolved], drafts: &mut Vec<Draft>, draft_index: &mut DraftIndex) -> Vec<(usize, Resolved, usize, Predicate)> {
        let gazetteer = &self.lexicon.gazetteer;
        // The state named by tokens [first, last), if one is.
        // (The names are found by the tokens' name ids; the text as written is joined only for a case-sensitive name.)
        let state = |first: usize, last: usize| -> Option<usize> {
            let raw = || (first..last).map(|k| finder.raw(k)).collect::<Vec<_>>().join(" ");
            finder
                .gazetteer_names(first, last)
                .iter()
                .find(|n| (!n.case_sensitive || n.surface == raw()) && matches!(gazetteer.entries[n.entry].class, EntityType::Country | EntityType::Organization | EntityType::Place))
                .map(|n| n.entry)
        };
        let mut found = Vec::new();
        let mut i = 0;
        for (si, sentence) in text.sentences.iter().enumerate() {
            while i < resolved.len() && resolved[i].sentence < si {
                i += 1;
            }
            let here = &resolved[i..i + resolved[i..].iter().take_while(|r| r.sentence == si).count()];
            let tokens = sentence.tokens.clone();
            // The undertakings of a compound [first, end): the names that hold it ("the 25th
            // session of the India-Russia Commission" and "the India-Russia Commission"), or one
            // right after it.
            let undertakings = |first: usize, end: usize| -> Vec<usize> {
                let undertaking = |r: &&Resolved| matches!(r.class, EntityType::Organization | EntityType::Event | EntityType::Project | EntityType::Initiative);
                let mut holding: Vec<usize> = here.iter().enumerate().filter(|(_, r)| r.mention.first <= first && end <= r.mention.last).filter(|(_, r)| undertaking(r)).map(|(n, _)| n).collect();
                // (An event or project written up to its "of": "the 25th session" of the commission.)
                let of_holder = |r: &Resolved| {
                    let mut k = r.mention.last;
                    if k < tokens.end && finder.lower(k) == "of" {
                        k += 1;
                        if k < tokens.end && finder.lower(k) == "the" {
                            k += 1;
                        }
                        return holding.iter().any(|&h| here[h].mention.first == k);
                    }
                    false
                };
                let owners: Vec<usize> = here.iter().enumerate().filter(|(_, r)| matches!(r.class, EntityType::Event | EntityType::Project) && of_holder(r)).map(|(n, _)| n).collect();
                holding.extend(owners);
                if !holding.is_empty() {
                    return holding;
                }
                here.iter()
                    .position(|r| undertaking(&r) && r.mention.first >= end && r.mention.first <= end + 1 && (end..r.mention.first).all(|k| finder.text.tokens[k].joined || finder.lower(k) == "the"))
                    .into_iter()
                    .collect()
            };
            // "the inter-Korean summit": an adjective of two states (`pair_adjectives.csv`).
            for k in tokens.clone().filter(|&k| finder.is(k, WordKinds::PAIR_ADJECTIVE_START)) {
                for (words, a, b) in &self.lexicon.pair_adjectives {
                    let end = k + words.len();
                    if end > tokens.end || !words.iter().enumerate().all(|(n, w)| finder.lower(k + n) == w) {
                        continue;
                    }
                    for target in undertakings(k, end) {
                        let predicate = if here[target].class == EntityType::Organization { Predicate::MemberOf } else { Predicate::ParticipatesIn };
                        for entry in [*a, *b] {
                            found.push((si, state_as_adjective(gazetteer, finder, si, entry, (k, end), drafts, draft_index), i + target, predicate));
                        }
                    }
                }
            }
            for dash in tokens.clone().filter(|&k| k > tokens.start && k + 1 < tokens.end && finder.lower(k) == "-") {
                // Each side one or two words ("South Korea"), the longer first.
                let left = [2, 1].into_iter().filter(|&n| dash >= tokens.start + n).find_map(|n| state(dash - n, dash).map(|e| (dash - n, e)));
                let right = [2, 1].into_iter().filter(|&n| dash + 1 + n <= tokens.end).find_map(|n| state(dash + 1, dash + 1 + n).map(|e| (dash + 1 + n, e)));
                let (Some((first, a)), Some((end, b))) = (left, right) else { continue };
                if gazetteer.entries[a].id == gazetteer.entries[b].id {
                    continue;
                }
                for target in undertakings(first, end) {
                    // "the Tumen–Hunchun railway": two places are the ends of a project, where it runs.
                    let places = [a, b].map(|e| gazetteer.entries[e].class == EntityType::Place);
                    let predicate = match (places, here[target].class) {
                        ([true, true], EntityType::Project) => Predicate::LocatedIn,
                        ([false, false], EntityType::Organization) => Predicate::MemberOf,
                        ([false, false], _) => Predicate::ParticipatesIn,
                        _ => continue,
                    };
                    for (entry, from, to) in [(a, first, dash), (b, dash + 1, end)] {
                        found.push((si, state_as_adjective(gazetteer, finder, si, entry, (from, to), drafts, draft_index), i + target, predicate));
                    }
                }
            }
        }
        found
    }

    /// "the Russian Far East", "the Japanese Coast Guard", "the Vietnamese Ministry of
    /// Industry": a place or organisation whose name starts with one state's adjective (not
    /// a pair: "Russian-Korean"; a name, as in "Japan Times", says less) is located in that state, when the document names
    /// the state in its own right and the gazetteer places the name nowhere else (the
    /// "Korean Peninsula" is in no one state). Per hit: the sentence, the state as a mention
    /// of the adjective, and the place's or organisation's index in `resolved`.
    pub(super) fn named_states(&self, finder: &Finder, resolved: &[Resolved], drafts: &mut Vec<Draft>, draft_index: &mut DraftIndex) -> Vec<(usize, Resolved, usize)> {
        let gazetteer = &self.lexicon.gazetteer;
        let named = |id: &str| resolved.iter().any(|r| !matches!(r.mention.target, Target::Adjective(_)) && drafts[r.entity].id == id);
        let mut found = Vec::new();
        for (i, r) in resolved.iter().enumerate() {
            if r.referring || !matches!(r.class, EntityType::Place | EntityType::Organization) || matches!(r.mention.target, Target::Adjective(_)) {
                continue;
            }
            // "the U.S. Embassy in Seoul" is where it sits (`lexicon/seated_missions.txt`).
            if finder.lex.seated_missions.contains(finder.lower(r.mention.last - 1)) {
                continue;
            }
            let first = r.mention.first;
            let state = [2, 1].into_iter().filter(|&n| first + n < r.mention.last).find_map(|n| {
                let entry = finder.gazetteer_names(first, first + n).iter().find(|name| name.kind == NameKind::Adjective && gazetteer.entries[name.entry].class == EntityType::Country)?.entry;
                (!finder.is_dash(first + n)).then_some((n, entry))
            });
            let Some((n, entry)) = state else { continue };
            let id = &gazetteer.entries[entry].id;
            if drafts[r.entity].country.as_ref().is_some_and(|c| c != id) || (matches!(r.mention.target, Target::Known(_)) && drafts[r.entity].country.is_none()) || !named(id) {
                continue;
            }
            found.push((r.sentence, entry, (first, first + n), i));
        }
        found.into_iter().map(|(si, entry, span, i)| (si, state_as_adjective(gazetteer, finder, si, entry, span, drafts, draft_index), i)).collect()
    }

    /// "the Vladivostok airport", "its Changwon plant", "the Kamchatka LNG terminal": a
    /// project or event whose name starts with a place the gazetteer knows within a state (a
    /// city or region, not a state itself: "Korea Gas Corporation", "Russia–Korea pipeline") is located there. Not
    /// a name that pairs places ("the Bishkek–Osh highway": `route_places`, `state_pairs`).
    /// Per hit: the sentence, the place as a mention of the name's first words, and the
    /// project's or event's index in `resolved`.
    pub(super) fn named_places(&self, finder: &Finder, resolved: &[Resolved], drafts: &mut Vec<Draft>, draft_index: &mut DraftIndex) -> Vec<(usize, Resolved, usize)> {
        let gazetteer = &self.lexicon.gazetteer;
        let named = |id: &str| resolved.iter().any(|r| drafts[r.entity].id == id);
        let mut found = Vec::new();
        for (i, r) in resolved.iter().enumerate() {
            if r.referring || !matches!(r.class, EntityType::Project | EntityType::Event) || !matches!(r.mention.target, Target::Unknown) {
                continue;
            }
            let first = r.mention.first;
            let place = [3, 2, 1].into_iter().filter(|&n| first + n < r.mention.last).find_map(|n| {
                // The place's words end the run of names: a dash, slash or "and" after them pairs it.
                if finder.text.tokens[first + n].kind != TokenKind::Word || matches!(finder.lower(first + n), "and" | "to") {
                    return None;
                }
                let names = finder.gazetteer_names(first, first + n);
                names
                    .iter()
                    .find_map(|name| match (name.kind, gazetteer.entries[name.entry].class) {
                        (NameKind::Label | NameKind::Alias, EntityType::Place) => Some(name.entry),
                        (NameKind::Capital, _) => self.known_place(&finder.surface(first, first + n)),
                        _ => None,
                    })
                    // A place within one state: "the Arctic LNG project" is no more in the Arctic than
                    // "the Africa Energy Forum" is held across Africa.
                    .filter(|&entry| gazetteer.entries[entry].country.is_some() && named(&gazetteer.entries[entry].id))
                    .map(|entry| (n, entry))
            });
            let Some((n, entry)) = place else { continue };
            found.push((r.sentence, entry, (first, first + n), i));
        }
        found
            .into_iter()
            .map(|(si, entry, span, i)| {
                let entity = known_draft(gazetteer, entry, drafts, draft_index);
                let mention = Mention { first: span.0, last: span.1, class: EntityType::Place, target: Target::Known(entry), surface: finder.surface(span.0, span.1), titled: false, short: None };
                (si, Resolved { mention, sentence: si, entity, class: EntityType::Place, referring: false }, i)
            })
            .collect()
    }

    /// Titled person `p` holds a state office ("Energy Minister", `lexicon/state_offices.txt`)
    /// whose title follows no name ("Hyundai President Kim" is the firm's).
    fn state_office(&self, finder: &Finder, p: &Resolved) -> bool {
        let floor = finder.text.sentences[p.sentence].tokens.start;
        let Some(title) = finder.title_ending_at(floor, p.mention.first) else { return false };
        let after_name = title > 0 && finder.is_capitalised(title - 1) && finder.lower(title - 1) != "the";
        !after_name && self.lexicon.state_offices.contains(finder.lower(p.mention.first - 1))
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
            q.class == EntityType::Person && q.mention.last + 1 == p.mention.first && matches!(finder.lower(q.mention.last), "and" | ",") && of_government(q)
        };
        before_noun || of_government(p) || coordinated
    }

    /// The facts of a construction: its predicate, its confidence, its name as the rule.
    pub(super) fn named_facts<'r>(&self, predicate: Predicate, confidence: f32, rule: &'r str) -> Facts<'r> {
        Facts { predicate, confidence, status: None, rule }
    }
}

/// Whether the tokens from `from` to `to` only join two members of a list: ", ", "and", "or",
/// "the" (", the Caspian", "and the South Caucasus").
fn is_list_between(finder: &Finder, from: usize, to: usize) -> bool {
    from < to && to - from <= 3 && (from..to).all(|j| matches!(finder.lower(j), "," | "and" | "or" | "the")) && (from..to).any(|j| matches!(finder.lower(j), "," | "and" | "or"))
}

/// The two states named right before token `end` (past up to two plain words) and joined
/// by a hyphen or dash: "Russia-China", "Japan-U.S.", "Moscow-Pyongyang".
fn dashed_states_before<'r>(finder: &Finder, sentence: &crate::text::Sentence, resolved: &'r [Resolved], end: usize) -> Option<(&'r Resolved, &'r Resolved)> {
    let mut k = end;
    while k > sentence.tokens.start && end - k < 2 && finder.is_plain_word(k - 1) {
        k -= 1;
    }
    // (The document's mentions are in order: the sentence's are one run of them.)
    let from = resolved.partition_point(|r| r.mention.first < sentence.tokens.start);
    let to = resolved.partition_point(|r| r.mention.first < sentence.tokens.end);
    let resolved = &resolved[from..to.max(from)];
    let state = |r: &&Resolved| r.class == EntityType::Country;
    let second = resolved.iter().filter(state).find(|r| r.mention.last == k)?;
    let dash = second.mention.first.checked_sub(1).filter(|&d| d > sentence.tokens.start && finder.is_dash(d))?;
    let first = resolved.iter().filter(state).find(|r| r.mention.last == dash)?;
    (first.entity != second.entity).then_some((first, second))
}

/// Gazetteer state `entry` as the resolved mention of the adjective or name spanning tokens
/// `span` of sentence `si` ("inter-Korean", the "Russian" of "Russian-Korean").
fn state_as_adjective(gazetteer: &Gazetteer, finder: &Finder, si: usize, entry: usize, span: (usize, usize), drafts: &mut Vec<Draft>, draft_index: &mut DraftIndex) -> Resolved {
    let class = gazetteer.entries[entry].class;
    let entity = known_draft(gazetteer, entry, drafts, draft_index);
    let mention = Mention { first: span.0, last: span.1, class, target: Target::Adjective(entry), surface: finder.surface(span.0, span.1), titled: false, short: None };
    Resolved { mention, sentence: si, entity, class, referring: false }
}

/// The document's state: the state it names most (its name, capital or adjective), at least
/// three times and half as often again as any other, of those not in `others` (states of
/// other people's titles); a mention of it.
fn home_state<'r>(resolved: &'r [Resolved], others: &[usize]) -> Option<&'r Resolved> {
    let mut counts: FxHashMap<usize, (usize, usize)> = FxHashMap::default();
    for (i, r) in resolved.iter().enumerate().filter(|(_, r)| r.class == EntityType::Country && !r.referring && !others.contains(&r.entity)) {
        counts.entry(r.entity).or_insert((0, i)).0 += 1;
    }
    let mut ranked: Vec<(usize, usize)> = counts.into_values().collect();
    ranked.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let (top, first) = *ranked.first()?;
    let second = ranked.get(1).map_or(0, |r| r.0);
    (top >= 3 && top * 2 >= second * 3).then(|| &resolved[first])
}

/// Mention `q` follows person `p`, joined by "and" ("Bektenov and South Korea's", "Saidov
/// and his Japanese").
fn joined_after(finder: &Finder, p: &Resolved, q: &Resolved) -> bool {
    let between = p.mention.last..q.mention.first;
    q.mention.first > p.mention.last && between.len() <= 3 && between.clone().any(|k| finder.lower(k) == "and")
}

/// "Uzbekistan's transport minister, Ilkhom Makhkamov, said", "Sergei Lavrov, Russia's
/// foreign minister, said": the state of a title set off from the untitled person `idxs[n]`
/// by a comma, the title ending at the comma before the person or the person's comma
/// opening the state and its title. The person ends its phrase (a comma, the sentence's end).
fn state_title_set_off<'r>(finder: &Finder, end: usize, idxs: &[usize], n: usize, resolved: &'r [Resolved]) -> Option<&'r Resolved> {
    let p = &resolved[idxs[n]];
    let closes = |k: usize| finder.ends_phrase(k, end);
    // What may stand between a state and its title: "'s", "then", "former", lowercase words.
    let plain = |from: usize, to: usize| {
        to >= from
            && to - from <= 6
            && (from..to).all(|k| matches!(finder.lower(k), "'s" | "-" | "then" | "former") || (finder.lower(k).chars().all(char::is_alphabetic) && !finder.is(k, WordKinds::FUNCTION)))
    };
    let state = |q: &Resolved| q.class == EntityType::Country;
    // The title before: "<state> <title>, <person>".
    if p.mention.first >= 2 && finder.lower(p.mention.first - 1) == "," && closes(p.mention.last) && n >= 1 {
        let comma = p.mention.first - 1;
        // ("Kazakhstan's ambassador to Seoul, Nurgali Arystanov": past "to <place>".)
        let posted = (n >= 2).then(|| &resolved[idxs[n - 1]]).filter(|r| r.mention.first > 0 && finder.lower(r.mention.first - 1) == "to" && r.mention.last == comma);
        let (q, title_end) = match posted {
            Some(r) => (&resolved[idxs[n - 2]], r.mention.first - 1),
            None => (&resolved[idxs[n - 1]], comma),
        };
        if state(q) && q.mention.last < title_end {
            let title = finder.title_before(q.mention.last, title_end);
            if title.is_some_and(|t| plain(q.mention.last, t)) {
                return Some(q);
            }
        }
    }
    // The title after: "<person>, [the] <state> <title>,".
    if p.mention.last < end && finder.lower(p.mention.last) == "," {
        let q = resolved.get(*idxs.get(n + 1)?)?;
        let mut at = p.mention.last + 1;
        if at < end && finder.lower(at) == "the" {
            at += 1;
        }
        if state(q) && q.mention.first == at {
            let mut t = q.mention.last;
            if t < end && finder.lower(t) == "'s" {
                t += 1;
            }
            while t < end && (finder.lower(t) == "former" || finder.lower(t) == "then") {
                t += 1;
            }
            // ("Türkiye's Minister of Transport and Infrastructure,", "Japan's minister of
            // economy, trade and industry": past the portfolio's words, to its first comma.)
            let past_portfolio = |mut k: usize| {
                if k < end && matches!(finder.lower(k), "of" | "for") {
                    k += 1;
                    while k < end && (finder.lower(k).chars().all(char::is_alphabetic) || finder.lower(k) == "&") {
                        k += 1;
                    }
                }
                k
            };
            let title = (t..end.min(t + 4)).find_map(|k| finder.title_at(k, end).filter(|_| plain(t, k)));
            if title.map(past_portfolio).is_some_and(&closes) {
                return Some(q);
            }
        }
    }
    None
}

/// State mention `q` stands before a title or role ("Japan's minister", "his Japanese
/// counterpart", "South Korea's ambassador").
fn titles_after(finder: &Finder, q: &Resolved) -> bool {
    let k = q.mention.last + usize::from(finder.text.tokens.get(q.mention.last).is_some_and(|_| finder.lower(q.mention.last) == "'s"));
    k < finder.text.tokens.len() && finder.is(k, WordKinds::TITLE_WORD)
}

/// A person a title ties to one state (a role apposition of `constructions`: "Mongolian
/// Prime Minister Oyun-Erdene") holds no role the scorer `decided` in another state ("… in
/// Tokyo in the presence of …"; "President Yoon Suk Yeol's line toward North Korea").
pub(super) fn drop_roles_in_other_states(drafts: &[Draft], constructions: &[Found<'_>], decided: &mut Vec<Found<'_>>) {
    let state_role = |r: &Found<'_>| r.predicate == Predicate::HoldsRole && drafts[r.object].class == EntityType::Country;
    let titled_in: FxHashMap<usize, usize> = constructions.iter().filter(|r| state_role(r) && r.rule.starts_with("apposition:")).map(|r| (r.subject, r.object)).collect();
    decided.retain(|r| !(state_role(r) && titled_in.get(&r.subject).is_some_and(|&state| state != r.object)));
}

/// A person a title frame ties to one firm ("JSW Group Chairman Sajjan Jindal") holds no role
/// the scorer alone `decided` in another firm of the sentence's ("POSCO Group Chairman Chang
/// In-hwa and …").
pub(super) fn drop_roles_in_other_firms(drafts: &[Draft], decided: &mut Vec<Found<'_>>) {
    let firm_role = |r: &Found<'_>| r.predicate == Predicate::HoldsRole && drafts[r.object].class == EntityType::Company;
    let titled_in: FxHashMap<usize, usize> = decided.iter().filter(|r| firm_role(r) && r.rule != "scorer").map(|r| (r.subject, r.object)).collect();
    decided.retain(|r| !(firm_role(r) && r.rule == "scorer" && titled_in.get(&r.subject).is_some_and(|&firm| firm != r.object)));
}

/// "the Akkuyu plant in Türkiye, El Dabaa in Egypt and Rooppur in Bangladesh": where a frame
/// places one name of a sentence in one place and another name of its class in a second
/// place, the scorer alone does not place the first in the second too.
pub(super) fn drop_places_of_others(drafts: &[Draft], decided: &mut Vec<Found<'_>>) {
    let framed = |r: &Found| r.predicate == Predicate::LocatedIn && r.rule != "scorer";
    let crossed: Vec<bool> = decided
        .iter()
        .map(|r| {
            r.predicate == Predicate::LocatedIn
                && r.rule == "scorer"
                && decided.iter().any(|q| framed(q) && q.start == r.start && q.subject == r.subject && q.object != r.object)
                && decided.iter().any(|q| framed(q) && q.start == r.start && q.object == r.object && q.subject != r.subject && drafts[q.subject].class == drafts[r.subject].class)
        })
        .collect();
    let mut crossed = crossed.into_iter();
    decided.retain(|_| !crossed.next().unwrap_or(false));
}

/// A person or state meets no place of its own state, and a person not the state itself
/// ("Jaishankar met Lavrov in Moscow": the guest meets with Moscow, the host is at home), as
/// the gazetteer ties them. (The relations any evidence gave; `candidates` already hands a
/// frame's visit of a person at home to the guest they meet.)
pub(super) fn drop_meetings_at_home(drafts: &[Draft], decided: &mut Vec<Found<'_>>) {
    let home = |actor: &Draft, place: &Draft| match (actor.class, place.class) {
        (EntityType::Country, _) => place.country.as_deref() == Some(actor.id.as_str()),
        (_, EntityType::Country) => actor.country.as_deref() == Some(place.id.as_str()),
        _ => actor.country.is_some() && actor.country == place.country,
    };
    decided.retain(|r| !(r.predicate == Predicate::MeetsWith && matches!(drafts[r.object].class, EntityType::Place | EntityType::Country) && home(&drafts[r.subject], &drafts[r.object])));
}

/// "Deputy Chairman of the Gazprom Management Committee": a role in a body whose name is a
/// company's name and more (its board, its committee) is a role in the company too.
pub(super) fn roles_in_organs<'r>(drafts: &[Draft], relations: &[Found<'r>]) -> Vec<Found<'r>> {
    let owner = |organ: usize| {
        let label = &drafts[organ].label;
        drafts.iter().position(|d| d.class == EntityType::Company && !d.surfaces.is_empty() && label.len() > d.label.len() && label.starts_with(&d.label) && label.as_bytes()[d.label.len()] == b' ')
    };
    relations
        .iter()
        .filter(|r| r.predicate == Predicate::HoldsRole && drafts[r.object].class == EntityType::Organization)
        .filter_map(|r| owner(r.object).map(|company| Found { object: company, rule: "role-in-company-organ", amount: r.amount.clone(), ..*r }))
        .collect()
}

/// The person `resolved[idxs[n]]` follows a titled person and "and" (or a comma), and the
/// title is plural: "Presidents Vladimir Putin and Ebrahim Raisi".
fn shares_plural_title(finder: &Finder, floor: usize, idxs: &[usize], n: usize, resolved: &[Resolved]) -> bool {
    let p = &resolved[idxs[n]];
    let Some(q) = n.checked_sub(1).map(|q| &resolved[idxs[q]]) else { return false };
    let joined = matches!((q.mention.last + 1 == p.mention.first).then(|| finder.lower(q.mention.last)), Some("and" | ","));
    let title = finder.title_ending_at(floor, q.mention.first);
    // (A plural, not a courtesy: "Ms", "Mrs".)
    let plural = |word: &str| word.len() > 3 && word.ends_with('s');
    joined && q.class == EntityType::Person && q.mention.titled && title.is_some_and(|_| plural(finder.lower(q.mention.first - 1)))
}

/// A mention in the document of the state the gazetteer ties person `p` to.
fn state_named_for<'r>(p: &Resolved, resolved: &'r [Resolved], drafts: &[Draft]) -> Option<&'r Resolved> {
    let country = drafts[p.entity].country.as_ref()?;
    resolved.iter().find(|r| drafts[r.entity].id == *country)
}
