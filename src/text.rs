//! Text: sentences and tokens as byte spans into a document body.
//!
//! Owns tokenisation and sentence splitting. Pure: no I/O, never fails. Every
//! token and sentence is a byte range into the original body, and no later stage
//! changes them, so evidence offsets always point into the text as read.
//!
//! Knows nothing about entities or the ontology; the only knowledge it takes is handed
//! in by the caller: abbreviations ("Corp.", "Sept.") and the words that open a sentence
//! ("The", "However").

use rustc_hash::FxHashSet;
use std::ops::Range;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (and digits after a letter): "Russia", "U.S.", "COVID", "Primorye".
    Word,
    /// A number: "2018", "2.1", "23.3", "1,500".
    Number,
    /// Anything else, one character at a time; "'s" is one token too.
    Punct,
}

/// One token: a byte span into the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: TokenKind,
    /// True when no whitespace separates this token from the previous one.
    pub joined: bool,
}

impl Token {
    pub fn text<'a>(&self, body: &'a str) -> &'a str {
        &body[self.start..self.end]
    }
}

/// One sentence: its byte span and the range of its tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub start: usize,
    pub end: usize,
    pub tokens: Range<usize>,
}

/// A body cut into tokens and sentences.
#[derive(Debug, Clone, Default)]
pub struct Text {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
}

/// Cuts text into tokens and sentences. Holds the abbreviations that keep their period
/// and the words that open a sentence.
#[derive(Debug, Clone, Default)]
pub struct Splitter {
    abbreviations: FxHashSet<String>,
    /// After "U.S." a capitalised word usually continues the sentence ("the U.S. Embassy"),
    /// unless it is one of these, as written ("the U.S. The talks").
    openers: FxHashSet<String>,
}

/// Byte classes of the tokenizer's fast path (`class`): ASCII letters, digits, whitespace,
/// and punctuation that is always a token of its own (any other ASCII but the apostrophe).
const LETTER: u8 = 1;
const DIGIT: u8 = 2;
const SPACE: u8 = 3;
const PUNCT: u8 = 4;

/// Per byte, its class; 0 for the apostrophe and non-ASCII bytes, which take the slow path.
const CLASSES: [u8; 256] = {
    let mut classes = [0; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        classes[b] = if c.is_ascii_alphabetic() {
            LETTER
        } else if c.is_ascii_digit() {
            DIGIT
        } else if matches!(c, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ') {
            // What `char::is_whitespace` says of ASCII (unlike `u8::is_ascii_whitespace`, with U+000B).
            SPACE
        } else if c == b'\'' {
            0
        } else {
            PUNCT
        };
        b += 1;
    }
    classes
};

fn class(b: u8) -> u8 {
    CLASSES[b as usize]
}

/// The end of the ASCII letters and digits of `bytes` from `pos`: eight bytes at a time
/// while eight remain (most words end within the first eight), then byte by byte.
fn alphanumeric_end(bytes: &[u8], mut pos: usize) -> usize {
    const ONES: u64 = u64::MAX / 255;
    const HIGH: u64 = ONES * 0x80;
    // Per byte of `x` (each below 0x80, so no sum carries into the next byte), its high
    // bit set when `lo <= byte <= hi`.
    fn within(x: u64, lo: u8, hi: u8) -> u64 {
        (x + ONES * (0x80 - lo as u64)) & !(x + ONES * (0x7f - hi as u64)) & HIGH
    }
    while let Some(chunk) = bytes.get(pos..pos + 8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        let seven_bits = x & !HIGH;
        // Letters of either case (`| 0x20` lowercases them) or digits, and ASCII (`& !x`).
        let alphanumeric = (within(seven_bits | (ONES * 0x20), b'a', b'z') | within(seven_bits, b'0', b'9')) & !x;
        let others = !alphanumeric & HIGH;
        if others != 0 {
            return pos + (others.trailing_zeros() / 8) as usize;
        }
        pos += 8;
    }
    while pos < bytes.len() && matches!(class(bytes[pos]), LETTER | DIGIT) {
        pos += 1;
    }
    pos
}

/// General punctuation (U+2010–U+205E: dashes, curly quotes, the ellipsis), the non-ASCII
/// characters news text has most: no letters or digits among them.
const GENERAL_PUNCTUATION: std::ops::RangeInclusive<char> = '\u{2010}'..='\u{205e}';

/// `char::is_alphabetic`, answered at once for general punctuation, which the general
/// lookup is slow for.
fn is_alphabetic(c: char) -> bool {
    !GENERAL_PUNCTUATION.contains(&c) && c.is_alphabetic()
}

/// `char::is_alphanumeric`, answered at once for general punctuation.
fn is_alphanumeric(c: char) -> bool {
    !GENERAL_PUNCTUATION.contains(&c) && c.is_alphanumeric()
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Whether the letters after an apostrophe (`rest` starts right after it) go on with the
/// word: two or more, and not the ends of a contraction ("'re", "'ve", "'ll").
fn inner_apostrophe(rest: &str) -> bool {
    let letters = rest.chars().take_while(|c| c.is_alphabetic()).count();
    letters >= 2 && !(letters == 2 && matches!(rest.get(..2).map(str::to_ascii_lowercase).as_deref(), Some("re" | "ve" | "ll")))
}

impl Splitter {
    /// `abbreviations` are written with or without their final period ("Corp." or "Corp");
    /// they and the sentence `openers` ("The", "However") are matched case-sensitively.
    pub fn new(abbreviations: impl IntoIterator<Item = impl AsRef<str>>, openers: impl IntoIterator<Item = impl AsRef<str>>) -> Self {
        let abbreviations = abbreviations.into_iter().map(|a| a.as_ref().trim().trim_end_matches('.').to_string()).filter(|a| !a.is_empty()).collect();
        let openers = openers.into_iter().map(|o| o.as_ref().trim().to_string()).collect();
        Splitter { abbreviations, openers }
    }

    /// Tokens of `body`, each a byte span.
    pub fn tokenize(&self, body: &str) -> Vec<Token> {
        self.tokens_and_line_starts(body).0
    }

    /// Tokens of `body`, and the indices of the tokens that start a line (come after a
    /// line break), ascending, ending with the number of tokens.
    fn tokens_and_line_starts(&self, body: &str) -> (Vec<Token>, Vec<usize>) {
        // News text runs about one token per three bytes.
        let mut tokens = Vec::with_capacity(body.len() / 3 + 8);
        let mut line_starts = Vec::new();
        let bytes = body.as_bytes();
        // The character starting at byte `pos` and the byte after it (ASCII without decoding).
        let at = |pos: usize| -> Option<(char, usize)> {
            let b = *bytes.get(pos)?;
            if b.is_ascii() {
                return Some((b as char, pos + 1));
            }
            body[pos..].chars().next().map(|c| (c, pos + c.len_utf8()))
        };
        let char_at = |pos: usize| at(pos).map(|(c, _)| c);
        let mut i = 0;
        let mut joined = false;
        while i < bytes.len() {
            let start = i;
            // The usual tokens, decided on bytes alone.
            match class(bytes[i]) {
                SPACE => {
                    if bytes[i] == b'\n' && line_starts.last() != Some(&tokens.len()) {
                        line_starts.push(tokens.len());
                    }
                    joined = false;
                    i += 1;
                    continue;
                }
                PUNCT => {
                    tokens.push(Token { start, end: i + 1, kind: TokenKind::Punct, joined });
                    joined = true;
                    i += 1;
                    continue;
                }
                // Digits with inner '.' or ',' followed by a digit.
                DIGIT => {
                    let digit_at = |j: usize| bytes.get(j).is_some_and(u8::is_ascii_digit);
                    let mut j = i + 1;
                    while j < bytes.len() {
                        if digit_at(j) {
                            j += 1;
                        } else if matches!(bytes[j], b'.' | b',') && digit_at(j + 1) {
                            j += 2;
                        } else {
                            break;
                        }
                    }
                    tokens.push(Token { start, end: j, kind: TokenKind::Number, joined });
                    joined = true;
                    i = j;
                    continue;
                }
                // ASCII letters and digits starting with a letter, followed by nothing that
                // could continue them (a period, '&', an apostrophe, a non-ASCII letter).
                LETTER => {
                    let end = alphanumeric_end(bytes, i + 1);
                    if bytes.get(end).is_none_or(|&b| b.is_ascii() && b != b'.' && b != b'&' && b != b'\'') {
                        tokens.push(Token { start, end, kind: TokenKind::Word, joined });
                        // The usual space after a word is passed at once.
                        joined = bytes.get(end) != Some(&b' ');
                        i = if joined { end } else { end + 1 };
                        continue;
                    }
                }
                _ => {}
            }
            // The rest: words that go on past their ASCII letters, the apostrophe and non-ASCII text.
            let Some((c, after)) = at(i) else { break };
            if c.is_whitespace() {
                joined = false;
                i = after;
                continue;
            }
            // Positions below are bytes; '.', ',', '&', 's' and digits are one byte each.
            let (end, kind) = if is_alphabetic(c) && char_at(after) == Some('.') && at(after + 1).is_some_and(|(d, past)| is_alphabetic(d) && char_at(past) == Some('.')) {
                // Initials: U.S., U.K., U.S.S.R. (the final period included).
                let mut j = start;
                while let Some((_, past)) = at(j).filter(|&(d, past)| is_alphabetic(d) && char_at(past) == Some('.')) {
                    j = past + 1;
                }
                (j, TokenKind::Word)
            } else if is_alphanumeric(c) {
                let mut j = after;
                loop {
                    // ASCII letters and digits, the usual case, byte by byte.
                    j = alphanumeric_end(bytes, j);
                    match at(j) {
                        Some((d, past)) if is_alphanumeric(d) => j = past,
                        // "S&P", "AT&T"
                        Some(('&', _)) if char_at(j + 1).is_some_and(char::is_uppercase) && c.is_uppercase() && body[start..j].chars().count() <= 2 => j += 1,
                        // "Ma'aden", "O'zbekiston", "d'Ivoire": an apostrophe inside a name, not
                        // a possessive or a contraction ("'s", "n't", "'re", "'ve", "'ll").
                        Some((d, past)) if is_apostrophe(d) && inner_apostrophe(&body[past..]) => j = past,
                        _ => break,
                    }
                }
                // A period that belongs to the word: an abbreviation, or a single capital (an initial).
                if char_at(j) == Some('.') {
                    let single_capital = j == after && c.is_uppercase();
                    if single_capital || self.abbreviations.contains(&body[start..j]) {
                        j += 1;
                    }
                }
                (j, TokenKind::Word)
            } else if is_apostrophe(c) && char_at(after).is_some_and(|d| d == 's' || d == 'S') && !char_at(after + 1).is_some_and(is_alphanumeric) && joined {
                (after + 1, TokenKind::Punct)
            } else {
                (after, TokenKind::Punct)
            };
            tokens.push(Token { start, end, kind, joined });
            joined = true;
            i = end;
        }
        if line_starts.last() != Some(&tokens.len()) {
            line_starts.push(tokens.len());
        }
        (tokens, line_starts)
    }

    /// Tokens and sentences of `body`. Sentences end at `.`, `!`, `?` followed by a
    /// space and a capital, digit or quote, and at every line break; one longer than
    /// `MAX_SENTENCE_BYTES` is cut into pieces (`push_bounded`).
    pub fn split(&self, body: &str) -> Text {
        let (tokens, line_starts) = self.tokens_and_line_starts(body);
        let bytes = body.as_bytes();
        let mut sentences = Vec::with_capacity(tokens.len() / 16 + 1);
        // The first token of the current sentence, and the index in `line_starts` of the first
        // line start after the current token.
        let (mut first, mut line) = (0, 0);
        let mut i = 0;
        while i < tokens.len() {
            while line_starts[line] <= i {
                line += 1;
            }
            let token = &tokens[i];
            // Most words have no period second: no need to look at them as a whole.
            let initialism = token.kind == TokenKind::Word && bytes.get(token.start + 1) == Some(&b'.') && is_initialism(&bytes[token.start..token.end]);
            let terminal = initialism || (token.kind == TokenKind::Punct && token.end == token.start + 1 && matches!(bytes[token.start], b'.' | b'!' | b'?'));
            // A closing quote or bracket right after the terminal stays in the sentence
            // (it is joined to it, so no line break comes between).
            let mut last = i;
            let closing = |n: &Token| n.joined && matches!(n.text(body), "\"" | "\u{201d}" | ")" | "'" | "\u{2019}");
            while terminal && tokens.get(last + 1).is_some_and(closing) {
                last += 1;
            }
            // The sentence ends at a line break or the last token, and at a terminal before
            // what opens a new sentence (after an initialism, only one of `openers`).
            let ends = last + 1 == line_starts[line]
                || terminal && {
                    let n = &tokens[last + 1];
                    let c = body[n.start..].chars().next().unwrap_or(' ');
                    !n.joined && (c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '\u{201c}' | '\'')) && (!initialism || self.openers.contains(&body[n.start..n.end]))
                };
            if ends {
                push_bounded(&mut sentences, &tokens, bytes, first..last + 1);
                first = last + 1;
                // The closing quotes given to this sentence are not looked at again.
                i = last + 1;
            } else {
                i += 1;
            }
        }
        Text { tokens, sentences }
    }
}

/// The longest a sentence may be, in bytes. The longest real sentence of the seeds and the
/// development articles has 446; text without sentence punctuation (a scraped table, a
/// run of words) would otherwise be one sentence, and every stage after this one does work
/// and keeps evidence in proportion to a sentence's length times its names.
pub const MAX_SENTENCE_BYTES: usize = 1_000;

/// Pushes the sentence of `tokens[range]`, cut into pieces of at most `MAX_SENTENCE_BYTES`
/// when longer: each piece ends after the last `;`, `:` or `,` that keeps it within the
/// bound, else before the last token with a space before it, else before the token that
/// crosses it (a single token longer than the bound is a piece of its own).
fn push_bounded(sentences: &mut Vec<Sentence>, tokens: &[Token], body: &[u8], range: Range<usize>) {
    let mut first = range.start;
    while first < range.end {
        let limit = tokens[first].start + MAX_SENTENCE_BYTES;
        let mut end = first + 1;
        let (mut after_clause, mut before_space) = (None, None);
        while end < range.end && tokens[end].end <= limit {
            let t = &tokens[end];
            if t.kind == TokenKind::Punct && matches!(body[t.start], b';' | b':' | b',') {
                after_clause = Some(end + 1);
            }
            if !t.joined {
                before_space = Some(end);
            }
            end += 1;
        }
        if end < range.end {
            end = after_clause.or(before_space).unwrap_or(end);
        }
        sentences.push(Sentence { start: tokens[first].start, end: tokens[end - 1].end, tokens: first..end });
        first = end;
    }
}

/// "U.S.", "U.K.": letters separated by periods.
fn is_initialism(bytes: &[u8]) -> bool {
    bytes.len() >= 4 && bytes[1] == b'.' && bytes.iter().enumerate().all(|(k, b)| if k % 2 == 1 { *b == b'.' } else { b.is_ascii_alphabetic() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn splitter() -> Splitter {
        Splitter::new(["Corp.", "Co.", "Inc.", "Ltd.", "Sept.", "Mr.", "Dr.", "St.", "Jan."], ["The", "It"])
    }

    fn words(body: &str) -> Vec<&str> {
        splitter().tokenize(body).iter().map(|t| t.text(body)).collect()
    }

    fn sentences(body: &str) -> Vec<&str> {
        splitter().split(body).sentences.iter().map(|s| &body[s.start..s.end]).collect()
    }

    #[test]
    fn tokens_keep_abbreviations_initials_and_decimals() {
        assert_eq!(
            words("The U.S. and Acme Corp. paid $2.1 billion (23.3%) on Sept. 5."),
            ["The", "U.S.", "and", "Acme", "Corp.", "paid", "$", "2.1", "billion", "(", "23.3", "%", ")", "on", "Sept.", "5", "."]
        );
    }

    #[test]
    fn possessive_and_hyphens_are_their_own_tokens() {
        assert_eq!(words("Moscow’s plan with Moon Jae-in"), ["Moscow", "’s", "plan", "with", "Moon", "Jae", "-", "in"]);
        assert_eq!(words("US-led"), ["US", "-", "led"]);
    }

    #[test]
    fn an_apostrophe_inside_a_name_keeps_it_whole() {
        assert_eq!(words("Ma'aden's O’zbekiston deal"), ["Ma'aden", "'s", "O’zbekiston", "deal"]);
        assert_eq!(words("Korea's firms won't say they're late"), ["Korea", "'s", "firms", "won", "'", "t", "say", "they", "'", "re", "late"]);
    }

    #[test]
    fn offsets_point_into_the_body() {
        let body = "Привет, Seoul — ok";
        for t in splitter().tokenize(body) {
            assert!(body.is_char_boundary(t.start) && body.is_char_boundary(t.end));
        }
        assert_eq!(words(body), ["Привет", ",", "Seoul", "—", "ok"]);
        assert_eq!(words("a\u{b}b\u{0}c\u{a0}d"), ["a", "b", "\u{0}", "c", "d"]);
    }

    #[test]
    fn sentences_survive_abbreviations_initials_and_decimals() {
        let body = "Acme Corp. signed a deal with the U.S. Embassy on Sept. 5. It was worth 2.5 billion. Mr. J. Smith agreed! Then \"done.\" Next";
        assert_eq!(sentences(body), ["Acme Corp. signed a deal with the U.S. Embassy on Sept. 5.", "It was worth 2.5 billion.", "Mr. J. Smith agreed!", "Then \"done.\"", "Next"]);
    }

    #[test]
    fn initialism_at_sentence_end_closes_it_before_an_opener() {
        assert_eq!(sentences("Sanctions came from the U.S. The talks failed."), ["Sanctions came from the U.S.", "The talks failed."]);
    }

    #[test]
    fn line_breaks_end_sentences() {
        assert_eq!(sentences("A Headline Here\nBody text follows."), ["A Headline Here", "Body text follows."]);
    }

    #[test]
    fn alphanumeric_end_agrees_with_a_byte_by_byte_scan() {
        let mut bodies: Vec<Vec<u8>> = (0..=255u8).map(|b| [b"abc".as_slice(), &[b], b"defghijklmnop"].concat()).collect();
        bodies.push("Zürich’s Ann0123456789xyz".as_bytes().to_vec());
        for body in &bodies {
            for pos in 0..body.len() {
                let expected = pos + body[pos..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
                assert_eq!(alphanumeric_end(body, pos), expected, "{body:?} from {pos}");
            }
        }
    }

    #[test]
    fn long_sentences_are_cut_at_clauses_or_spaces_within_the_bound() {
        // No terminal at all: 4,000 words in one line.
        let body = (0..4000).map(|i| if i % 50 == 49 { "word," } else { "word" }).collect::<Vec<_>>().join(" ");
        let text = splitter().split(&body);
        assert!(text.sentences.len() > 1);
        let mut next = 0;
        for s in &text.sentences {
            assert!(s.end - s.start <= MAX_SENTENCE_BYTES, "{} bytes", s.end - s.start);
            assert_eq!(s.tokens.start, next, "pieces are contiguous");
            assert_eq!((s.start, s.end), (text.tokens[s.tokens.start].start, text.tokens[s.tokens.end - 1].end));
            next = s.tokens.end;
        }
        assert_eq!(next, text.tokens.len());
        // Cut after a comma, the last one within the bound.
        assert!(body[text.sentences[0].start..text.sentences[0].end].ends_with("word,"));
        // Without clause punctuation, between words; a giant word is a piece of its own.
        let body = format!("{} {} end", "a ".repeat(700), "x".repeat(3000));
        let pieces = sentences(&body);
        assert!(pieces.iter().all(|p| !p.starts_with(' ') && !p.ends_with(' ')));
        assert!(pieces.contains(&"x".repeat(3000).as_str()) && pieces.last() == Some(&"end"), "{:?}", pieces.iter().map(|p| p.len()).collect::<Vec<_>>());
        // A sentence within the bound is left whole.
        let long = format!("{}.", "word ".repeat(190).trim_end());
        assert_eq!(sentences(&long), [long.as_str()]);
    }

    #[test]
    fn odd_input_never_panics() {
        for body in ["", " ", "'", "’s", "...", "U.", "U.S", "1,", "\u{0}\u{1}", "a\n\n\nb", "\u{2028}x\u{2029}", "a\u{202f}b"] {
            let text = splitter().split(body);
            for s in &text.sentences {
                assert!(s.start <= s.end && s.end <= body.len());
            }
        }
    }
}
