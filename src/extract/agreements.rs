//! Agreements written in lowercase: "a free trade agreement between the Republic of Korea
//! and the Eurasian Economic Union", "its visa-free regime with Russia".
//!
//! Owns one recogniser: a head from `ontology/lexicon/agreement_heads.txt` with the
//! lowercase words that specify it ("free trade", "visa-free"), vague ones dropped
//! (`ontology/lexicon/vague_modifiers.txt`: "prospective", "new"). Between two named parties
//! the agreement is named after them ("Republic of Korea–Eurasian Economic Union free trade
//! agreement"), so agreements between other parties stay other entities; the words alone are
//! its alias ("the memorandum of understanding between KOGAS and JERA" needs none). Without
//! named parties it needs two specifying words ("visa free travel arrangement"): "a trade
//! deal" names nothing. Relations come from the cue rules.

use super::lexicon::WordKinds;
use super::mentions::{Finder, Mention, Target};
use crate::model::EntityType;
use crate::text::{Sentence, TokenKind};

/// The mentions of sentence `si` with its lowercase agreements added, in order.
pub fn with_agreements(finder: &Finder, si: usize, mut mentions: Vec<Mention>) -> Vec<Mention> {
    if !finder.sentence_has(si, WordKinds::AGREEMENT_START) {
        return mentions;
    }
    let sentence = &finder.text.sentences[si];
    let lex = finder.lex;
    let covered = |k: usize, mentions: &[Mention]| mentions.iter().any(|m| m.first <= k && k < m.last);
    let mut found = Vec::new();
    for at in sentence.tokens.clone().filter(|&k| finder.is(k, WordKinds::AGREEMENT_START)) {
        // The longest head starting here ("memorandum of understanding" over "memorandum").
        let fits = |h: &&Vec<String>| at + h.len() <= sentence.tokens.end && h.iter().enumerate().all(|(n, w)| finder.lower(at + n) == w);
        let Some(head_words) = lex.agreement_heads.iter().filter(fits).max_by_key(|h| h.len()) else { continue };
        let head = at + head_words.len() - 1;
        if (at..=head).any(|k| covered(k, &mentions)) || found.iter().any(|m: &Mention| m.first <= at && at < m.last) {
            continue;
        }
        // The specifying words before the head: lowercase words and the dashes inside
        // "visa-free", stopping at a vague word, a function word, a verb or anything else.
        let mut first = at;
        while first > sentence.tokens.start {
            let k = first - 1;
            let token = &finder.text.tokens[k];
            let word = finder.lower(k);
            let lowercase_word = token.kind == TokenKind::Word && token.text(finder.body).chars().next().is_some_and(char::is_lowercase);
            let inner_dash = word == "-" && k > sentence.tokens.start && first < at;
            // (Not a verb after its subject: "UAE ink quadrilateral deal", a headline's; "visa
            // free travel arrangement" is no verb's.)
            let verb = lex.frames.is_verb_only(word) && k > sentence.tokens.start && covered(k - 1, &mentions);
            if covered(k, &mentions) || !(lowercase_word || inner_dash) || finder.is(k, WordKinds::FUNCTION) || lex.vague_modifiers.contains(word) || verb {
                break;
            }
            first = k;
        }
        if finder.lower(first) == "-" {
            first += 1;
        }
        let words = (first..at).filter(|&k| finder.text.tokens[k].kind == TokenKind::Word).count();
        let phrase = finder.surface(first, head + 1);
        let parties = between_parties(finder, sentence, head + 1, &mentions);
        // ("an intergovernmental agreement on cooperation in nuclear energy": one specifying
        // word and what it is about, two words or more, name it too.)
        let specified = (words == 1 && head + 1 < sentence.tokens.end && matches!(finder.lower(head + 1), "on" | "in"))
            .then(|| specification_end(finder, sentence, head + 1, &mentions))
            .filter(|&(_, content)| content >= 2);
        let (surface, short, last) = match (parties, specified) {
            (Some((a, b)), _) => (format!("{}–{} {phrase}", a.surface, b.surface), Some(phrase).filter(|_| words > 0), head + 1),
            (None, _) if words >= 2 => (phrase, None, head + 1),
            (None, Some((last, _))) => (finder.surface(first, last), None, last),
            (None, None) => continue,
        };
        // Typed by its head (`ontology/typing/heads.csv`: an agreement is an initiative, a
        // trade agreement a project); an arrangement or a regime is a project.
        let lowers: Vec<&str> = (first..=head).map(|k| finder.lower(k)).collect();
        let class = lex.head_type(&lowers).unwrap_or(EntityType::Project);
        found.push(Mention { first, last, class, target: Target::Unknown, surface, titled: false, short });
    }
    // (A good named in what an agreement is about is one of its words.)
    mentions.retain(|m| !found.iter().any(|f| f.first < m.first && m.last <= f.last));
    mentions.extend(found);
    mentions.sort_by_key(|m| m.first);
    specified_names(finder, sentence, &mut mentions);
    mentions
}

/// Connectors that may open or continue what an agreement's name is about.
const ABOUT: &[&str] = &["on", "in", "of", "for", "to", "the", "a", "an", "and"];

/// The most words a name's lowercase specification may add.
const MAX_SPECIFICATION: usize = 10;

/// "the Memorandum of Understanding on natural gas supplies from Russia", "the Agreement to
/// jointly explore the project": a capitalised agreement's name goes on with what it is
/// about, lowercase words (and lowercase names such as "natural gas") after "on", "in",
/// "of", "for" or "to", up to a name, a number, punctuation, another function word
/// ("between", "from") or a past participle ("signed").
fn specified_names(finder: &Finder, sentence: &Sentence, mentions: &mut Vec<Mention>) {
    let end = sentence.tokens.end;
    // "the Agreement to …": a capitalised head alone is a name only with what it is about.
    let capitalised = |k: usize| finder.text.tokens[k].text(finder.body).starts_with(char::is_uppercase);
    let bare: Vec<usize> = (sentence.tokens.start + 1..end)
        .filter(|&k| finder.is(k, WordKinds::AGREEMENT_START) && capitalised(k) && finder.lower(k - 1) == "the" && !mentions.iter().any(|m| m.first <= k && k < m.last))
        .collect();
    for &k in &bare {
        let at = mentions.partition_point(|m| m.first < k);
        mentions.insert(at, Mention { first: k, last: k + 1, class: EntityType::Initiative, target: Target::Unknown, surface: finder.surface(k, k + 1), titled: false, short: None });
    }
    let mut i = 0;
    while i < mentions.len() {
        let m = &mentions[i];
        let agreement = matches!(m.target, Target::Unknown)
            && matches!(m.class, EntityType::Initiative | EntityType::Project)
            && finder.text.tokens[m.last - 1].text(finder.body).starts_with(char::is_uppercase)
            && (m.first..m.last).any(|k| finder.is(k, WordKinds::AGREEMENT_START));
        let is_bare = m.last == m.first + 1 && bare.contains(&m.first);
        if !agreement || m.last >= end || !matches!(finder.lower(m.last), "on" | "in" | "of" | "for" | "to") {
            if is_bare {
                mentions.remove(i);
            } else {
                i += 1;
            }
            continue;
        }
        let (last, _) = specification_end(finder, sentence, m.last, &mentions[i + 1..]);
        if last > m.last {
            let swallowed = mentions[i + 1..].iter().take_while(|n| n.first < last).count();
            mentions.drain(i + 1..i + 1 + swallowed);
            let m = &mut mentions[i];
            m.surface = finder.surface(m.first, last);
            m.last = last;
        } else if is_bare {
            mentions.remove(i);
            continue;
        }
        i += 1;
    }
}

/// Where what a name is about ends, from token `at` on: lowercase words (and the goods
/// among `mentions`, "natural gas") after "on", "in",
/// "of", "for" or "to", up to a name, a number, punctuation, another function word
/// ("between", "from") or a past participle ("signed"); and how many of its words are not
/// connectors.
fn specification_end(finder: &Finder, sentence: &Sentence, at: usize, mentions: &[Mention]) -> (usize, usize) {
    let end = sentence.tokens.end;
    let (mut k, mut last, mut content) = (at, at, 0);
    while k < end && k < at + MAX_SPECIFICATION {
        if let Some(name) = mentions.iter().find(|n| n.first == k && n.class == EntityType::Commodity) {
            (k, last) = (name.last, name.last);
            content += 1;
            continue;
        }
        let token = &finder.text.tokens[k];
        let word = finder.lower(k);
        let lowercase = token.kind == TokenKind::Word && token.text(finder.body).starts_with(char::is_lowercase);
        let connector = ABOUT.contains(&word);
        let participle = word.ends_with("ed") && !ABOUT.contains(&finder.lower(k - 1));
        if !lowercase || participle || (finder.is(k, WordKinds::FUNCTION) && !connector) {
            break;
        }
        k += 1;
        if !connector {
            last = k;
            content += 1;
        }
    }
    (last, content)
}

/// "between X and Y" right after the head: the two party mentions.
fn between_parties<'m>(finder: &Finder, sentence: &Sentence, at: usize, mentions: &'m [Mention]) -> Option<(&'m Mention, &'m Mention)> {
    if at >= sentence.tokens.end || finder.lower(at) != "between" {
        return None;
    }
    let skip_article = |k: usize| if k < sentence.tokens.end && finder.lower(k) == "the" { k + 1 } else { k };
    let party = |k: usize| mentions.iter().find(|m| m.first == skip_article(k) && is_party(m));
    let a = party(at + 1)?;
    // "Korea Gas Corporation (KOGAS) and JERA": a bracketed short name is skipped.
    let mut and = a.last;
    if and < sentence.tokens.end && finder.lower(and) == "(" {
        and = (and..sentence.tokens.end).find(|&k| finder.lower(k) == ")")? + 1;
    }
    if and >= sentence.tokens.end || finder.lower(and) != "and" {
        return None;
    }
    let b = party(and + 1)?;
    Some((a, b))
}

fn is_party(m: &Mention) -> bool {
    matches!(m.class, EntityType::Country | EntityType::Organization | EntityType::Company) && !matches!(m.target, Target::Adjective(_))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::mentions::Lowered;
    use crate::extract::Lexicon;
    use std::path::Path;
    use std::sync::OnceLock;

    fn lexicon() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| Lexicon::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("ontology")).unwrap())
    }

    /// The agreements found in a one-sentence text, as (surface, alias).
    fn agreements(text: &str) -> Vec<(String, Option<String>)> {
        let lex = lexicon();
        let parsed = lex.splitter.split(text);
        let lowered = Lowered::new(text, &parsed);
        let finder = Finder::new(lex, text, &parsed, &lowered);
        let sentence = &parsed.sentences[0];
        let mentions = finder.sentence_mentions(sentence);
        let before: Vec<usize> = mentions.iter().map(|m| m.first).collect();
        with_agreements(&finder, 0, mentions).into_iter().filter(|m| !before.contains(&m.first)).map(|m| (m.surface, m.short)).collect()
    }

    #[test]
    fn an_agreement_between_two_named_parties_is_named_after_them() {
        assert_eq!(
            agreements("They discussed a possible customs agreement between Mongolia and the European Union last year."),
            [("Mongolia–European Union customs agreement".to_string(), Some("customs agreement".to_string()))]
        );
    }

    #[test]
    fn a_memorandum_of_understanding_between_parties_needs_no_other_words() {
        assert_eq!(
            agreements("A memorandum of understanding between the Mongolian Mining Corporation (MMC) and the European Union was signed."),
            [("Mongolian Mining Corporation–European Union memorandum of understanding".to_string(), None)]
        );
    }

    #[test]
    fn without_parties_two_specifying_words_are_needed() {
        assert_eq!(agreements("Chile kept its visa-free regime with Peru."), [("visa-free regime".to_string(), None)]);
        assert_eq!(agreements("A long-stay work permit arrangement was agreed."), [("long-stay work permit arrangement".to_string(), None)]);
        assert!(agreements("The two sides signed a trade deal in May.").is_empty());
        // A duration says for how long, not which: "short-term" is no specifying word.
        assert!(agreements("India ran the port under a short-term arrangement.").is_empty());
        assert_eq!(agreements("Chile has a long-term visa-free travel arrangement with Peru."), [("visa-free travel arrangement".to_string(), None)]);
        assert!(agreements("The agreement was signed in May.").is_empty());
    }

    #[test]
    fn one_specifying_word_and_what_it_is_about_name_an_agreement() {
        assert_eq!(
            agreements("Chile and Peru signed an intergovernmental agreement on cooperation in copper mining."),
            [("intergovernmental agreement on cooperation in copper mining".to_string(), None)]
        );
        assert_eq!(agreements("They signed a bilateral agreement on natural gas supplies."), [("bilateral agreement on natural gas supplies".to_string(), None)]);
        // What it is about needs two words; a date or a name ends it.
        assert!(agreements("They signed a bilateral agreement on trade.").is_empty());
        assert!(agreements("They signed a bilateral agreement on Monday.").is_empty());
    }
}
