//! Fuzzing with a fixed seed (issue 15): thousands of arbitrary and hostile inputs go
//! through corpus reading (text, Markdown, HTML), sentence splitting and extraction. No
//! input may panic; every document gives valid JSON whose relations' evidence is the
//! body's text at their offsets, and every sentence is a bounded span of the body.

use newsgraph::corpus::Format;
use newsgraph::export::extraction_json;
use newsgraph::extract::{Extractor, Lexicon};
use newsgraph::text::MAX_SENTENCE_BYTES;
use std::path::{Path, PathBuf};

/// A small deterministic generator (SplitMix64), so every run tries the same inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Pieces that make markup, entities, punctuation and names meet in odd ways.
const PIECES: &[&str] = &[
    "<",
    ">",
    "</",
    "<p>",
    "</p>",
    "<br/>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "<a title=\"x > y\">",
    "<meta name=author content=\"",
    "&",
    "&amp;",
    "&eacute;",
    "&#0;",
    "&#x;",
    "&#1114112;",
    "&euro",
    ";",
    "---\n",
    "# ",
    "* ",
    "1. ",
    "```",
    "[",
    "](",
    ")",
    "![",
    "**",
    "_",
    "`",
    "\n",
    "\n\n",
    " ",
    "\t",
    ".",
    ". ",
    "!",
    "?",
    ",",
    ";",
    ":",
    "\"",
    "“",
    "”",
    "’s",
    "'s",
    "(",
    "U.S.",
    "Corp.",
    "Mr.",
    "2019",
    "1,500",
    "$2.5 billion",
    "—",
    "-",
    "Russia",
    "South Korea",
    "Gazprom",
    "KOGAS",
    "Moon Jae-in",
    "Putin",
    "invested in",
    "signed a deal with",
    "supplies gas to",
    "imposed sanctions on",
    "the company",
    "it",
    "he said",
    "Primorsky Krai",
    "the port of Nakhodka",
    "Привет",
    "東京",
    "é",
    "\u{feff}",
    "\u{200b}",
    "\u{2028}",
    "\u{a0}",
    "\u{fffd}",
    "🙂",
    "By Jane Roe",
    "Photo: VGP",
    "SEOUL (Reuters) - ",
];

fn input(rng: &mut Rng) -> Vec<u8> {
    let mut bytes = Vec::new();
    let pieces = 1 + rng.below(60);
    // One input in four has raw bytes, which are mostly not UTF-8 and so refused early.
    let raw = rng.below(4) == 0;
    for _ in 0..pieces {
        match rng.below(10) {
            // Raw bytes, valid UTF-8 or not.
            0 if raw => bytes.extend((0..1 + rng.below(8)).map(|_| rng.next() as u8)),
            // A long run without sentence punctuation.
            1 if rng.below(20) == 0 => bytes.extend(" Russia Gazprom Korea".repeat(60 + rng.below(60)).as_bytes()),
            _ => bytes.extend(PIECES[rng.below(PIECES.len())].as_bytes()),
        }
    }
    bytes
}

#[test]
fn arbitrary_bytes_never_panic_and_evidence_is_its_span() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let lexicon = Lexicon::load(&root.join("ontology")).expect("the ontology loads");
    let reader = lexicon.reader();
    let extractor = Extractor::new(lexicon);
    let mut rng = Rng(15);
    let (mut documents, mut relations) = (0, 0);
    for case in 0..4000 {
        let bytes = input(&mut rng);
        for format in [Format::Text, Format::Markdown, Format::Html] {
            let Ok(doc) = reader.parse(Path::new("fuzz"), "fuzz", format, &bytes) else { continue };
            documents += 1;
            let text = extractor.lexicon.splitter.split(&doc.body);
            for s in &text.sentences {
                assert!(s.start <= s.end && s.end <= doc.body.len() && doc.body.is_char_boundary(s.start) && doc.body.is_char_boundary(s.end), "case {case}");
                let one_token = s.tokens.len() == 1;
                assert!(s.end - s.start <= MAX_SENTENCE_BYTES || one_token, "case {case}: a sentence of {} bytes", s.end - s.start);
            }
            let ex = extractor.extract(&doc);
            let json: serde_json::Value = serde_json::from_str(&extraction_json(&doc, &ex)).unwrap_or_else(|e| panic!("case {case} {format:?}: invalid JSON: {e}"));
            for r in json["relations"].as_array().expect("relations") {
                let (start, end) = (r["start"].as_u64().unwrap() as usize, r["end"].as_u64().unwrap() as usize);
                assert_eq!(doc.body.get(start..end), r["evidence"].as_str(), "case {case} {format:?}: evidence is the body at its offsets");
                relations += 1;
            }
        }
    }
    assert!(documents > 8000 && relations > 1000, "the inputs reach extraction: {documents} documents, {relations} relations");
}
