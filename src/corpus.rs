//! Corpus: reads article files into `Document`s.
//!
//! Owns everything about files on disk: finding articles in folders, decoding,
//! telling plain text, Markdown and HTML apart, stripping markup and page furniture,
//! dropping paragraphs repeated verbatim, picking up title/author/date/URL, and the
//! document's content hash. The only module that reads articles. A bad file is a
//! `CorpusError` naming the file; the caller decides whether the batch goes on.

use crate::files::{self, Found};
use crate::model::short_hash;
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

/// How an article file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
}

impl Format {
    /// Every article file extension (lowercase) and its format, in the order `article_named`
    /// tries them.
    pub const EXTENSIONS: &[(&str, Format)] =
        &[("txt", Format::Text), ("text", Format::Text), ("md", Format::Markdown), ("markdown", Format::Markdown), ("html", Format::Html), ("htm", Format::Html), ("xhtml", Format::Html)];

    /// The format for a file name's extension, or None for files that are not articles.
    pub fn from_path(path: &Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Format::EXTENSIONS.iter().find(|(e, _)| *e == ext).map(|&(_, format)| format)
    }
}

/// The article `<stem>.<extension>` in the first of `folders` that has one (extensions
/// tried in the order of `Format::EXTENSIONS`): the article a gold file is named after.
pub fn article_named<'a>(folders: impl IntoIterator<Item = &'a Path>, stem: &str) -> Option<PathBuf> {
    folders.into_iter().flat_map(|dir| Format::EXTENSIONS.iter().map(move |(ext, _)| dir.join(format!("{stem}.{ext}")))).find(|p| p.exists())
}

/// One article, cleaned, ready for the text stage.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// First 16 hex digits of the SHA-256 of the cleaned body: changes when the text does.
    pub id: String,
    /// The path relative to the corpus folder it was found in, with `/` between folders
    /// (`000_3353ae50f96aff86.txt`, `2024/05/talks.html`), or the file name of a file given
    /// on its own: what a user calls the document, and what a changed version replaces.
    pub name: String,
    pub path: PathBuf,
    pub format: Format,
    pub title: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
    pub url: Option<String>,
    /// The outlet that published it, from its copyright line ("© 2024 Andes Trade Monitor.
    /// All rights reserved.") or its page's `og:site_name`: no actor of the article.
    pub publisher: Option<String>,
    /// The cleaned text: paragraphs separated by blank lines. Evidence offsets point here.
    pub body: String,
}

/// Why a file could not become a document.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("{path}: cannot read: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{path}: not UTF-8 text (invalid byte sequence at byte {offset})")]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{path}: UTF-16 text (byte order mark) with an invalid sequence at byte {offset}")]
    NotUtf16 { path: PathBuf, offset: usize },
    #[error("{path}: binary file (contains NUL bytes), not an article")]
    Binary { path: PathBuf },
    #[error("{path}: empty: no article text after removing markup and page furniture")]
    Empty { path: PathBuf },
    #[error("{path}: no such file or folder")]
    Missing { path: PathBuf },
    #[error("{path}: not a regular file ({file_type}), skipped")]
    NotRegular { path: PathBuf, file_type: Special },
    #[error("{path}: internal error while reading it (please report): {message}")]
    Bug { path: PathBuf, message: String },
}

/// What a path that is neither a regular file nor a folder is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Special {
    Fifo,
    Socket,
    BlockDevice,
    CharDevice,
    Other,
}

impl Special {
    fn of(file_type: &fs::FileType) -> Special {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            Special::Fifo
        } else if file_type.is_socket() {
            Special::Socket
        } else if file_type.is_block_device() {
            Special::BlockDevice
        } else if file_type.is_char_device() {
            Special::CharDevice
        } else {
            Special::Other
        }
    }
}

impl std::fmt::Display for Special {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Special::Fifo => "a named pipe",
            Special::Socket => "a socket",
            Special::BlockDevice => "a block device",
            Special::CharDevice => "a character device",
            Special::Other => "an unknown kind of file",
        })
    }
}

/// An article file to read, and the name its document goes by (`Document::name`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub path: PathBuf,
    pub name: String,
}

impl Source {
    /// A file given on its own: named by its file name.
    pub fn file(path: &Path) -> Source {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        Source { path: path.to_path_buf(), name }
    }

    /// A file found under the corpus folder `root`: named by its path relative to it, so
    /// files of the same name in different folders are different documents.
    fn within(root: &Path, path: PathBuf) -> Source {
        let relative = path.strip_prefix(root).unwrap_or(&path);
        let name = relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        Source { path, name }
    }
}

/// Reads articles. Holds the page-furniture phrases, the headings of link blocks and the
/// names of share buttons (from `ontology/lexicon/furniture.txt`, `link_headings.txt` and
/// `share_buttons.txt`).
#[derive(Debug, Clone, Default)]
pub struct Reader {
    furniture: Vec<String>,
    link_headings: Vec<String>,
    /// Longest first, so "copy link" is read before "copy".
    share_buttons: Vec<String>,
}

impl Reader {
    /// `furniture`: phrases; a short paragraph that is or starts with one is dropped.
    /// `link_headings`: phrases; the short lines under such a heading are dropped too.
    /// `share_buttons`: names; a short paragraph of three or more and nothing else is dropped.
    pub fn new(furniture: Vec<String>, link_headings: Vec<String>, share_buttons: Vec<String>) -> Self {
        let lower = |phrases: Vec<String>| -> Vec<String> { phrases.into_iter().map(|f| f.trim().to_lowercase()).filter(|f| !f.is_empty()).collect() };
        let mut share_buttons = lower(share_buttons);
        share_buttons.sort_by_key(|b| std::cmp::Reverse(b.len()));
        Reader { furniture: lower(furniture), link_headings: lower(link_headings), share_buttons }
    }

    /// Every article file under `paths` (files as given, folders recursively), sorted by
    /// path. Files with other extensions inside folders are skipped; a missing path or a
    /// file that is no regular file (a FIFO, a device) is an error naming it. Symbolic links
    /// are followed, each folder is walked once (so a link cycle ends) and a file reached
    /// twice is listed once.
    pub fn discover(&self, paths: &[PathBuf]) -> (Vec<Source>, Vec<CorpusError>) {
        let mut found = Vec::new();
        let mut errors = Vec::new();
        let mut walked = HashSet::new();
        for path in paths {
            match fs::metadata(path) {
                Ok(meta) if meta.is_dir() => files::walk(path, &mut walked, &mut |entry| match entry {
                    Found::Unlisted { path, error } => errors.push(CorpusError::Io { path, source: error }),
                    // A broken link with an article's extension is read (and fails, naming
                    // itself) like any unreadable file.
                    Found::File { path: file, meta } => match meta {
                        _ if Format::from_path(&file).is_none() => {}
                        Ok(meta) if !meta.is_file() => errors.push(CorpusError::NotRegular { path: file, file_type: Special::of(&meta.file_type()) }),
                        _ => found.push(Source::within(path, file)),
                    },
                }),
                Ok(meta) if meta.is_file() => found.push(Source::file(path)),
                Ok(meta) => errors.push(CorpusError::NotRegular { path: path.clone(), file_type: Special::of(&meta.file_type()) }),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => errors.push(CorpusError::Missing { path: path.clone() }),
                Err(source) => errors.push(CorpusError::Io { path: path.clone(), source }),
            }
        }
        found.sort_by(|a, b| a.path.cmp(&b.path));
        // The same file through two links or two arguments: the first path keeps it.
        let mut seen = HashSet::new();
        found.retain(|s| seen.insert(fs::canonicalize(&s.path).unwrap_or_else(|_| s.path.clone())));
        (found, errors)
    }

    /// Reads and cleans one article file given on its own (named by its file name).
    pub fn read(&self, path: &Path) -> Result<Document, CorpusError> {
        self.read_source(&Source::file(path))
    }

    /// Reads and cleans one article file found by `discover`. Anything but a regular file
    /// is refused before it is opened (opening a FIFO would wait for a writer forever).
    pub fn read_source(&self, source: &Source) -> Result<Document, CorpusError> {
        let path = &source.path;
        let io = |source| CorpusError::Io { path: path.clone(), source };
        let meta = fs::metadata(path).map_err(io)?;
        if !meta.is_file() {
            return Err(CorpusError::NotRegular { path: path.clone(), file_type: Special::of(&meta.file_type()) });
        }
        let bytes = fs::read(path).map_err(io)?;
        let format = Format::from_path(path).unwrap_or(Format::Text);
        // No input may take the batch down: should cleaning ever panic, it is this file's error.
        std::panic::catch_unwind(|| self.parse(path, &source.name, format, &bytes)).unwrap_or_else(|panic| Err(CorpusError::Bug { path: path.clone(), message: panic_message(&panic) }))
    }

    /// Cleans an article given as bytes; `path` and `name` only label it.
    pub fn parse(&self, path: &Path, name: &str, format: Format, bytes: &[u8]) -> Result<Document, CorpusError> {
        let utf16;
        let raw = match decode_utf16(bytes) {
            Some(decoded) => {
                utf16 = decoded.map_err(|offset| CorpusError::NotUtf16 { path: path.to_path_buf(), offset })?;
                utf16.as_str()
            }
            None if bytes.contains(&0) => return Err(CorpusError::Binary { path: path.to_path_buf() }),
            None => std::str::from_utf8(bytes).map_err(|e| CorpusError::NotUtf8 { path: path.to_path_buf(), offset: e.valid_up_to() })?,
        };
        // UTF-16 text with a NUL character.
        if raw.contains('\0') {
            return Err(CorpusError::Binary { path: path.to_path_buf() });
        }
        let raw = raw.strip_prefix('\u{feff}').unwrap_or(raw);
        let mut meta = Meta::default();
        let paragraphs = match format {
            Format::Text => text_paragraphs(raw),
            Format::Markdown => markdown_paragraphs(raw, &mut meta),
            Format::Html => html_paragraphs(raw, &mut meta),
        };
        let mut seen = HashSet::new();
        let mut kept = Vec::new();
        // Past the first paragraph of running text, a link heading ("Read more:", "Related
        // Article") starts a block of links: the short lines after it that are no sentences
        // are its headlines and buttons.
        let (mut running_seen, mut in_links) = (false, false);
        for p in paragraphs {
            let p = collapse_spaces(&p);
            if self.is_caption(&p) {
                continue;
            }
            let p = self.without_credits(strip_dateline(&p));
            if p.is_empty() {
                continue;
            }
            if meta.publisher.is_none() {
                meta.publisher = copyright_holder(&p).map(str::to_string);
            }
            if self.is_furniture(&p) {
                in_links = running_seen && self.is_link_heading(&p);
                continue;
            }
            let link_line = p.split_whitespace().count() <= 20 && !p.trim_end_matches(['"', '\'', '”', '’', ')']).ends_with(['.', '!', '?']);
            if in_links && link_line {
                continue;
            }
            in_links = false;
            running_seen |= is_running_text(&p);
            if let Some(author) = byline(&p) {
                meta.author.get_or_insert_with(|| author.to_string());
                continue;
            }
            if meta.url.is_none() && is_url(&p) {
                meta.url = Some(p.clone());
                continue;
            }
            // Repeated paragraphs (scrapes often duplicate blocks) are kept once.
            if p.len() > 40 && !seen.insert(p.clone()) {
                continue;
            }
            kept.push(p);
        }
        let mut kept = drop_name_fragments(kept, &mut meta);
        drop_author_bio(&mut kept, meta.author.as_deref());
        let body = kept.join("\n\n");
        if !body.chars().any(|c| c.is_alphabetic()) {
            return Err(CorpusError::Empty { path: path.to_path_buf() });
        }
        if meta.title.is_none() {
            meta.title = kept.first().filter(|t| t.len() <= 200).cloned();
        }
        let id = short_hash([body.as_bytes()]);
        Ok(Document { id, name: name.to_string(), path: path.to_path_buf(), format, title: meta.title, author: meta.author, date: meta.date, url: meta.url, publisher: meta.publisher, body })
    }

    /// `paragraph` without the credits in it: a bracketed one anywhere ("[Photo by Hyundai]",
    /// "(Photo: VGP)") and an unbracketed one that ends it ("… in Hanoi. Photo: VGP"), a
    /// credit being a furniture phrase followed by ":" or "by" ("photo", "source", "credit").
    fn without_credits(&self, paragraph: &str) -> String {
        let mut out = String::with_capacity(paragraph.len());
        let mut rest = paragraph;
        while let Some(open) = rest.find(['(', '[']) {
            let close = if rest[open..].starts_with('(') { ')' } else { ']' };
            let Some(len) = rest[open..].find(close) else { break };
            let inside = &rest[open + 1..open + len];
            if self.is_credit(inside) {
                out.push_str(rest[..open].trim_end());
                rest = &rest[open + len + 1..];
            } else {
                out.push_str(&rest[..open + len + 1]);
                rest = &rest[open + len + 1..];
            }
        }
        out.push_str(rest);
        // The reporter's addresses after running text: "… said Lee. kdy@yna.co.kr" (a short
        // contact line with one is furniture: `is_furniture`).
        while let Some((text, last)) = out.trim_end().rsplit_once(char::is_whitespace) {
            if !is_email(last.trim_matches([',', ';', '(', ')', '<', '>'])) || !is_running_text(text) {
                break;
            }
            out = text.trim_end().to_string();
        }
        // An unbracketed credit after the paragraph's last sentence, or a photographer's
        // agency: "… in Mersin. REUTERS/Stringer/File Photo", "… in Tashkent. (Yonhap)".
        if let Some(end) = out.rfind(['.', '!', '?']).filter(|&end| end + 1 < out.len() && (self.is_credit(out[end + 1..].trim()) || is_agency_credit(out[end + 1..].trim()))) {
            out.truncate(end + 1);
        }
        out.trim().to_string()
    }

    /// "Facebook   X   KakaoTalk   LinkedIn   Email   Copy link": three or more share
    /// buttons and nothing else (bars and dots between them allowed).
    /// (`lower` is the paragraph in lower case.)
    fn is_share_bar(&self, lower: &str) -> bool {
        const BETWEEN: [char; 5] = [' ', '|', '·', '•', '/'];
        let mut rest = lower.trim_start_matches(BETWEEN);
        let mut buttons = 0;
        while !rest.is_empty() {
            let Some(button) = self.share_buttons.iter().find(|b| rest.strip_prefix(b.as_str()).is_some_and(|after| after.is_empty() || after.starts_with(BETWEEN))) else {
                return false;
            };
            rest = rest[button.len()..].trim_start_matches(BETWEEN);
            buttons += 1;
        }
        buttons >= 3
    }

    /// "Read more:", "Related Article", "Share this article": a short paragraph that is or
    /// starts with a link heading.
    fn is_link_heading(&self, paragraph: &str) -> bool {
        paragraph.chars().count() <= 80 && starts_with_phrase(&paragraph.to_lowercase(), &self.link_headings)
    }

    /// "Related: Japan, India to sign minerals pact | Can Toyota build it?": a link
    /// heading and a colon, then the headlines of other stories on the same line (of any
    /// length short of running text).
    /// (`lower` is `paragraph` in lower case.)
    fn is_link_line(&self, paragraph: &str, lower: &str) -> bool {
        // (Headlines between bars are no running text even when the last is a question.)
        self.link_headings.iter().any(|h| lower.strip_prefix(h.as_str()).is_some_and(|rest| rest.starts_with(':'))) && (!is_running_text(paragraph) || paragraph.contains(" | "))
    }

    /// "[Photo] The ministers attend a news conference in Moscow. REUTERS/Jane Roe": an image
    /// caption, a paragraph opened by a bracketed furniture word ("[Photo]", "(Image)"). It
    /// repeats the story or names the photographer's agency: it is no text of the article.
    /// A paragraph that is one bracket opened by such a word and a colon is one too: "[Image:
    /// A tanker in the East China Sea. (Photo: Reuters)]".
    fn is_caption(&self, paragraph: &str) -> bool {
        let Some(rest) = paragraph.strip_prefix(['[', '(']) else { return false };
        let close = if paragraph.starts_with('[') { ']' } else { ')' };
        let opened = rest.split_once(close).is_some_and(|(inside, after)| !after.trim().is_empty() && self.furniture.iter().any(|f| inside.trim().eq_ignore_ascii_case(f)));
        let whole = rest.trim_end().strip_suffix(close).and_then(|inside| inside.split_once(':')).is_some_and(|(word, _)| self.furniture.iter().any(|f| word.trim().eq_ignore_ascii_case(f)));
        opened || whole
    }

    /// "Photo: VGP", "Photo by Hyundai Heavy Industries", "Source: Yonhap": a furniture
    /// phrase, then ":" or "by", then a few words; "Reporting by Anna Kim in Seoul; Editing by
    /// Jon Ray": a furniture phrase that ends in "by", then the names of a credit line.
    fn is_credit(&self, text: &str) -> bool {
        let lower = text.to_lowercase();
        let words = text.split_whitespace().count();
        self.furniture.iter().any(|f| {
            lower.strip_prefix(f.as_str()).is_some_and(|after| {
                let tagged = after.starts_with(':') || after.starts_with(" by ") || after.starts_with(" courtesy");
                (tagged && words <= 8) || (f.ends_with(" by") && after.starts_with(' ') && words <= 24)
            })
        })
    }

    /// Ratings, share buttons, polls, "Related Articles", vote counts, footnote URL lists.
    fn is_furniture(&self, paragraph: &str) -> bool {
        let lower = paragraph.to_lowercase();
        let short = paragraph.chars().count() <= 80;
        // A consent banner of a few sentences: "We use cookies to … Cookie Policy. [Accept all]".
        let banner = paragraph.chars().count() <= 400 && lower.contains("cookie");
        // A phrase of three or more words is furniture in a longer paragraph too: "The views
        // expressed are the author's own and do not necessarily reflect those of …".
        let long_phrase = paragraph.chars().count() <= 300 && self.furniture.iter().any(|f| f.split_whitespace().count() >= 3 && starts_with_phrase(&lower, std::slice::from_ref(f)));
        if ((short || banner) && starts_with_phrase(&lower, &self.furniture)) || long_phrase {
            return true;
        }
        if short && self.is_share_bar(&lower) {
            return true;
        }
        // "Copyright The Andes Monitor. All rights reserved. Unauthorized reproduction …": a
        // copyright line that runs on (not a sentence before it: "The talks ended. © 2024 …").
        if paragraph.chars().count() <= 200 && copyright_mark(&lower).is_some() && lower.contains("all rights reserved") {
            return true;
        }
        // A credit line of any length: "Reporting by …; Editing by …".
        if self.is_credit(paragraph) || self.is_link_line(paragraph, &lower) {
            return true;
        }
        // "Home | Politics | Economy", "Home › Press Service › News", "Anna Kim, Reporter |
        // 14 May 2024 | 5 min read": three or more short pieces between bars or arrows, all
        // words capitalised or a number among them, are a menu, a breadcrumb or a page's
        // facts ("Japan, India sign pact | Business | Nikkei Asia" is a headline; a byline
        // keeps its author).
        // Four or more pieces of one to three words, each capitalised, are a menu in sentence
        // case too ("Trang chủ | Chính trị | Kinh tế | Thế giới").
        let labels = || paragraph.split_whitespace().all(|w| !w.starts_with(char::is_lowercase)) || paragraph.contains(|c: char| c.is_ascii_digit());
        let sentence_case_menu = |pieces: &[&str]| pieces.len() >= 4 && pieces.iter().all(|p| p.split_whitespace().count() <= 3 && p.trim().starts_with(char::is_uppercase));
        // "COMMENTARY | ENERGY & CONNECTIVITY": labels in capitals between bars.
        let capitals = !paragraph.contains(char::is_lowercase) && paragraph.split_whitespace().count() <= 8;
        if capitals && paragraph.contains(" | ") {
            return true;
        }
        if paragraph.chars().count() <= 200 && byline(paragraph).is_none() {
            for bar in [" | ", " › "] {
                let pieces: Vec<&str> = paragraph.trim().trim_end_matches(['|', '›', ' ']).split(bar).collect();
                // ("Issue 212 | Monday, 24 June 2024": a number and a date; "Anna Kim | 3 June
                // 2025" is a byline, `drop_name_fragments`.)
                let date = |p: &str| ends_with_date(&p.split_whitespace().collect::<Vec<_>>());
                let dated = pieces.len() == 2 && pieces.iter().any(|p| date(p)) && pieces.iter().all(|p| p.contains(|c: char| c.is_ascii_digit()));
                if ((pieces.len() >= 3 || dated) && labels() && pieces.iter().all(|p| p.trim().chars().count() <= 48)) || sentence_case_menu(&pieces) {
                    return true;
                }
            }
        }
        // "(votes: 3, rating: 5)", "33 (31%)", "★★★★☆", "[1]"
        let letters = paragraph.chars().filter(|c| c.is_alphabetic()).count();
        if short && letters * 3 < paragraph.chars().count() {
            return true;
        }
        if short && (lower.starts_with('(') && lower.contains("vote")) {
            return true;
        }
        // "Media contact: Anna Kim, press@example.com": a short contact line with an address.
        if paragraph.split_whitespace().count() <= 25 && !is_running_text(paragraph) && paragraph.split_whitespace().any(is_email) && byline(paragraph).is_none() {
            return true;
        }
        // A list of links or footnotes: mostly URLs.
        let url_chars: usize = paragraph.split_whitespace().filter(|w| is_url(w)).map(str::len).sum();
        url_chars * 2 > paragraph.len()
    }
}

/// A paragraph without the dateline it starts with: "TOKYO, Dec. 16 (UPI) -- ", "SEOUL
/// (Reuters) - ", "MOSCOW, June 5. /TASS/. ", "date 2024-06-19 ". A dateline is a place in
/// capitals (with a date) and the agency that filed it, or a scraped "date" and an ISO date.
fn strip_dateline(paragraph: &str) -> &str {
    let p = paragraph.trim_start();
    if let Some(rest) = p.strip_prefix("date ").or_else(|| p.strip_prefix("Date: ")) {
        let (date, after) = rest.split_once(' ').unwrap_or((rest, ""));
        if date.len() == 10 && date.bytes().all(|b| b.is_ascii_digit() || b == b'-') {
            return after.trim_start();
        }
    }
    // The place: a first word of two or more capitals ("TOKYO", "NEW YORK").
    let first_word = p.split_whitespace().next().unwrap_or("").trim_end_matches(',');
    if first_word.chars().filter(|c| c.is_alphabetic()).count() < 2 || first_word.chars().any(char::is_lowercase) {
        return paragraph;
    }
    // The agency: "(Reuters)" or "/TASS/" within the first few words (the place may hold a
    // slash of its own: "MOSCOW/NEW DELHI, Aug 21 (Reuters) - ").
    for (open, _) in p.match_indices(['(', '/']).take_while(|&(at, _)| at <= 40) {
        let close = if p[open..].starts_with('(') { ')' } else { '/' };
        let Some(len) = p[open + 1..].find(close) else { continue };
        let agency = &p[open + 1..open + 1 + len];
        let is_agency = (1..=3).contains(&agency.split_whitespace().count()) && agency.starts_with(char::is_uppercase) && !agency.contains(['(', ')', '/']);
        if !is_agency {
            continue;
        }
        let after = p[open + 1 + len + 1..].trim_start_matches(['.', ' ']);
        let dashed = after.trim_start_matches(['-', '–', '—']);
        // "KOGAS (Korea Gas Corporation) signed …" is no dateline: "(Agency)" needs a dash after it.
        if (close == ')' && dashed.len() == after.len()) || dashed.trim().is_empty() {
            continue;
        }
        return dashed.trim_start();
    }
    paragraph
}

/// The text of a file that starts with a UTF-16 byte order mark (little- or big-endian),
/// or the byte offset of its first invalid sequence; None for any other file.
fn decode_utf16(bytes: &[u8]) -> Option<Result<String, usize>> {
    let little_endian = match bytes {
        [0xff, 0xfe, ..] => true,
        [0xfe, 0xff, ..] => false,
        _ => return None,
    };
    let units = bytes[2..].chunks(2).map(|pair| match *pair {
        [a, b] if little_endian => u16::from_le_bytes([a, b]),
        [a, b] => u16::from_be_bytes([a, b]),
        // An odd last byte: no code unit; a lone low surrogate stands for it, so it is invalid.
        _ => 0xdc00,
    });
    let mut text = String::with_capacity(bytes.len() / 2);
    let mut offset = 2;
    for c in char::decode_utf16(units) {
        match c {
            Ok(c) => {
                offset += c.len_utf16() * 2;
                text.push(c);
            }
            Err(_) => return Some(Err(offset)),
        }
    }
    Some(Ok(text))
}

/// What a caught panic said.
pub(crate) fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| panic.downcast_ref::<String>().cloned()).unwrap_or_default()
}

#[derive(Default)]
struct Meta {
    title: Option<String>,
    author: Option<String>,
    date: Option<String>,
    url: Option<String>,
    publisher: Option<String>,
}

/// "press@example.com", "<anna.kim@example.org>": a word that is an e-mail address.
fn is_email(word: &str) -> bool {
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    word.split_once('@').is_some_and(|(user, host)| !user.is_empty() && host.contains('.') && !host.starts_with('.') && !host.ends_with('.'))
}

fn is_url(text: &str) -> bool {
    let t = text.trim_start_matches(|c: char| c == '[' || c.is_ascii_digit() || c == ']' || c == '.' || c == ' ');
    (t.starts_with("http://") || t.starts_with("https://") || t.starts_with("www.")) && !t.contains(' ')
}

/// Bylines, author lists and site names around the article ("Andrey Gubin", "• Fyodor
/// Tertitskiy", "HANKYOREH"): a paragraph of one to four capitalised words, before the
/// first or after the last paragraph of running text, is not text; nor is what follows a
/// leading byline up to the running text (the author's bio). The first leading one of
/// three or more words is kept as the likely title; the first dropped one of two or more
/// words that is not all capitals becomes the author.
fn drop_name_fragments(paragraphs: Vec<String>, meta: &mut Meta) -> Vec<String> {
    let running = |p: &String| is_running_text(p);
    let (Some(first), Some(last)) = (paragraphs.iter().position(running), paragraphs.iter().rposition(running)) else { return paragraphs };
    let mut kept = Vec::with_capacity(paragraphs.len());
    let mut in_bio = false;
    let mut title_kept = false;
    // ("Adam Lucente" over "March 20, 2024", under a standfirst: a name over a bare date is
    // a byline wherever it stands.)
    let dated: Vec<bool> = (0..paragraphs.len()).map(|i| paragraphs.get(i + 1).is_some_and(|next| is_bare_date(next))).collect();
    for (i, p) in paragraphs.into_iter().enumerate() {
        // ("Anna Kim Jun 3, 2025", "Anna Kim | 3 June 2025": a byline with its date.)
        let name = without_trailing_date(p.trim_start_matches(['•', '·', '*', '-', '–', ' '])).trim_end_matches(['|', ' ']);
        // ("Anna Kim, Senior Fellow": a byline with the author's role, near the top.)
        let (name, role) = match name.split_once(", ") {
            Some((person, role)) if i <= first + 2 && is_role(role) => (person, true),
            _ => (name, false),
        };
        let words = name.split_whitespace().count();
        let placed = i < first || i > last || (dated[i] && words >= 2) || (role && words >= 2);
        // ("EURASIA CONNECTIVITY FORUM", "GAS & LNG FLOWS WEEKLY": a masthead in capitals
        // is the site's name, never the title.)
        let capitals = !name.contains(char::is_lowercase);
        let mut fragment = placed && (words <= 4 || (capitals && words <= 6)) && looks_like_byline(name) && !name.ends_with(['.', '!', '?']) && !name.chars().any(|c| c.is_ascii_digit());
        if fragment && i < first && words >= 3 && !title_kept && !capitals {
            fragment = false;
        }
        title_kept |= i < first && words >= 3 && !(fragment && capitals);
        let person_like = words >= 2 && name.split_whitespace().all(|w| w.chars().any(char::is_lowercase) || w == "and");
        let bio = in_bio && i < first && !fragment;
        in_bio = (fragment && i < first && person_like) || bio;
        if bio {
            continue;
        }
        if !fragment {
            kept.push(p);
            continue;
        }
        if meta.author.is_none() && person_like {
            meta.author = Some(name.to_string());
        }
    }
    kept
}

/// "Anna Kim is a freelance journalist covering Peru.": the author's bio closing the article,
/// a short paragraph among the last three opening with the author's full name and "is",
/// "was" or "writes".
fn drop_author_bio(paragraphs: &mut Vec<String>, author: Option<&str>) {
    let Some(author) = author.filter(|a| a.split_whitespace().count() >= 2) else { return };
    let bio = |p: &String| p.split_whitespace().count() <= 40 && p.strip_prefix(author).is_some_and(|rest| [" is ", " was ", " writes "].iter().any(|verb| rest.starts_with(verb)));
    if let Some(at) = (paragraphs.len().saturating_sub(3).max(1)..paragraphs.len()).rev().find(|&at| bio(&paragraphs[at])) {
        paragraphs.remove(at);
    }
}

/// "Senior Fellow", "Industry Reporter": one to four capitalised words, not all capitals,
/// no digits, no sentence end: an author's role after their name.
fn is_role(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (1..=4).contains(&words) && looks_like_byline(text) && text.contains(char::is_lowercase) && !text.contains(|c: char| c.is_ascii_digit()) && !text.ends_with(['.', '!', '?'])
}

/// `text` without a date that ends it ("Anna Kim Jun 3, 2025" → "Anna Kim"; also "3 June
/// 2025", "June 3 2025").
fn without_trailing_date(text: &str) -> &str {
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.len() < 4 || !ends_with_date(&words) {
        return text;
    }
    // The text before the date's three words.
    let mut rest = text.trim_end();
    for _ in 0..3 {
        rest = rest[..rest.rfind(char::is_whitespace).unwrap_or(0)].trim_end();
    }
    rest
}

/// A paragraph that is a date alone: "March 20, 2024", "16 June 2025".
fn is_bare_date(paragraph: &str) -> bool {
    let words: Vec<&str> = paragraph.split_whitespace().collect();
    words.len() == 3 && ends_with_date(&words)
}

/// The last three words are a date: a year last, a day and a month name (or its
/// abbreviation) before it, in either order.
fn ends_with_date(words: &[&str]) -> bool {
    const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    let [.., a, b, y] = words else { return false };
    let year = |w: &str| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit());
    let day = |w: &str| {
        let w = w.trim_end_matches(',');
        (1..=2).contains(&w.len()) && w.chars().all(|c| c.is_ascii_digit())
    };
    let month = |w: &str| {
        let w = w.trim_end_matches(['.', ',']).to_lowercase();
        w.len() >= 3 && MONTHS.iter().any(|m| w.starts_with(m)) && w.chars().all(char::is_alphabetic)
    };
    year(y) && ((month(a) && day(b)) || (day(a) && month(b)))
}

/// The author of a byline paragraph: "By Anna Kim", "BY PARK EUN-JI, Industry Reporter
/// [park@example.com]", "By Anna Kim, Energy Correspondent, and Jon Ray, Moscow Bureau Chief":
/// "By" and a capitalised name, a short paragraph that is no sentence.
fn byline(paragraph: &str) -> Option<&str> {
    // "Interview by Anna Kim | Print edition, page 6", "Text by …": one capitalised word first.
    let after_word = paragraph.split_once(' ').filter(|(word, _)| word.chars().next().is_some_and(char::is_uppercase) && word.chars().all(char::is_alphabetic)).map(|(_, rest)| rest);
    let rest = paragraph.strip_prefix("By ").or_else(|| paragraph.strip_prefix("BY ")).or_else(|| after_word.and_then(|rest| rest.strip_prefix("by ")))?;
    let words = rest.split_whitespace().count();
    let name = rest.split([',', '[', '(', ';', '|']).next().unwrap_or(rest).trim();
    // ("By Anna Kim Published: Dec. 20, 2023": a label and its colon end the name.)
    let name = match name.split_once(':') {
        Some((before, _)) => before.rsplit_once(' ').map_or(before, |(name, _)| name).trim(),
        None => name,
    };
    // ("By Anna Kim in Business on 16 June 2025": the site's section and the date after it.)
    let section = |at: usize| name[at + 4..].starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
    let name = match [" in ", " on "].iter().filter_map(|w| name.find(w)).min() {
        Some(at) if section(at) && !rest.trim_end().ends_with(['.', '!', '?']) => &name[..at],
        _ => name,
    };
    let no_sentence = !rest.trim_end().ends_with(['.', '!', '?']) || words <= 6;
    (words <= 20 && no_sentence && looks_like_byline(name) && !name.is_empty()).then_some(name)
}

/// "REUTERS/Stringer/File Photo", "AFP/Getty Images", "(Yonhap)", "[YONHAP]": an agency's
/// credit, a word in capitals before a slash, or one or two capitalised words in brackets.
fn is_agency_credit(text: &str) -> bool {
    if let Some((agency, _)) = text.split_once('/') {
        return agency.len() >= 2 && agency.chars().all(|c| c.is_ascii_uppercase()) && text.split_whitespace().count() <= 6;
    }
    let inside = text.strip_prefix('(').and_then(|t| t.strip_suffix(')')).or_else(|| text.strip_prefix('[').and_then(|t| t.strip_suffix(']')));
    inside.is_some_and(|inside| (1..=2).contains(&inside.split_whitespace().count()) && inside.split_whitespace().all(|w| w.starts_with(|c: char| c.is_uppercase())))
}

/// The holder a copyright line names: "© 2024 Andes Trade Monitor. All rights reserved.",
/// "(c) 2019-2024 Andes Trade Monitor", "Copyright The Andes Monitor. All rights …": after
/// the mark and the years, one to six capitalised words up to a full stop or a comma.
fn copyright_holder(paragraph: &str) -> Option<&str> {
    let mark = copyright_mark(&paragraph.to_lowercase())?;
    // (The lowercase text has the same byte offsets as long as the mark is ASCII or a symbol.)
    let rest = paragraph.get(mark.len()..)?.trim_start();
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || matches!(c, '-' | '–' | ' ' | ','));
    let holder = rest.split(['.', ',', '|']).next()?.trim();
    let words = holder.split_whitespace().count();
    ((1..=6).contains(&words) && holder.split_whitespace().all(|w| w.starts_with(char::is_uppercase) || matches!(w, "of" | "and" | "&" | "the"))).then_some(holder)
}

/// The copyright mark the lowercase `text` starts with: "©", "(c)", "copyright", …
fn copyright_mark(lower: &str) -> Option<&'static str> {
    ["©", "ⓒ", "(c)", "copyright ©", "copyright (c)", "copyright"].into_iter().find(|m| lower.starts_with(m))
}

/// Whether the lowercase `text` is one of `phrases` or starts with one, then a space or ":".
fn starts_with_phrase(text: &str, phrases: &[String]) -> bool {
    phrases.iter().any(|f| text.strip_prefix(f.as_str()).is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', ':'])))
}

/// A paragraph of running text: a dozen words or more, ending as a sentence does.
fn is_running_text(paragraph: &str) -> bool {
    paragraph.split_whitespace().count() >= 12 && paragraph.trim_end_matches(['"', '\'', '”', '’', ')', ']']).ends_with(['.', '!', '?', ':'])
}

fn looks_like_byline(rest: &str) -> bool {
    let words: Vec<&str> = rest.split_whitespace().collect();
    (1..=6).contains(&words.len()) && words.iter().all(|w| w.chars().next().is_some_and(|c| c.is_uppercase()) || matches!(*w, "and" | "&"))
}

fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Plain text: one paragraph per non-empty line (scrapes put one block per line).
fn text_paragraphs(raw: &str) -> Vec<String> {
    raw.lines().map(str::to_string).collect()
}

/// Markdown, read by pulldown-cmark (CommonMark): each block (paragraph, heading, list
/// item, quote, table cell) is a paragraph; emphasis and links give their text; images,
/// code blocks and HTML give none; the first level-1 heading is the title. YAML front
/// matter is read first.
fn markdown_paragraphs(raw: &str, meta: &mut Meta) -> Vec<String> {
    use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
    let body = front_matter(raw, meta);
    let mut out = Vec::new();
    let mut current = String::new();
    // Inside an image (its alt text is no article text) or a code block; inside the first h1.
    let (mut in_image, mut in_code, mut in_h1) = (0usize, false, false);
    let mut h1 = None;
    for event in Parser::new_ext(body, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Text(text) | Event::Code(text) if in_image == 0 && !in_code => current.push_str(&text),
            Event::SoftBreak => current.push(' '),
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Superscript | Tag::Subscript | Tag::Link { .. })
            | Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Superscript | TagEnd::Subscript | TagEnd::Link) => {}
            // Every other start or end is a block's: the text so far is a paragraph.
            Event::Start(tag) => {
                out.push(std::mem::take(&mut current));
                in_code |= matches!(tag, Tag::CodeBlock(_));
                in_h1 = matches!(tag, Tag::Heading { level: HeadingLevel::H1, .. }) && h1.is_none();
            }
            Event::End(tag) => {
                if in_h1 && matches!(tag, TagEnd::Heading(_)) {
                    h1 = Some(collapse_spaces(&current));
                    in_h1 = false;
                }
                in_code &= !matches!(tag, TagEnd::CodeBlock);
                out.push(std::mem::take(&mut current));
            }
            Event::HardBreak | Event::Rule => out.push(std::mem::take(&mut current)),
            _ => {}
        }
    }
    out.push(current);
    if meta.title.is_none() {
        meta.title = h1.filter(|t| !t.is_empty());
    }
    out
}

/// YAML front matter: `---` on the first line, then `key: value` lines (indented lines
/// continue a value; blank and `#` lines are allowed), then `---` or `...`. Reads title,
/// author, date and URL, and returns the text after it; anything else (a thematic break
/// opening the article) is no front matter and the whole text is returned.
fn front_matter<'a>(raw: &'a str, meta: &mut Meta) -> &'a str {
    let mut lines = raw.split_inclusive('\n');
    let Some(first) = lines.next().filter(|l| l.trim_end() == "---") else { return raw };
    let mut fields: Vec<(&str, String)> = Vec::new();
    let mut consumed = first.len();
    for line in lines {
        consumed += line.len();
        let trimmed = line.trim();
        if trimmed == "---" || trimmed == "..." {
            for (key, value) in fields {
                let value = Some(value);
                match key.to_lowercase().as_str() {
                    "title" => meta.title = value,
                    "author" => meta.author = value,
                    "date" => meta.date = value,
                    "url" | "source" => meta.url = value,
                    _ => {}
                }
            }
            return &raw[consumed..];
        }
        if trimmed.is_empty() || trimmed.starts_with('#') || line.starts_with([' ', '\t']) {
            continue;
        }
        let key_value = line.split_once(':').filter(|(key, _)| !key.is_empty() && key.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-'));
        let Some((key, value)) = key_value else { return raw };
        fields.push((key, value.trim().trim_matches(['"', '\'']).to_string()));
    }
    raw
}

/// HTML: text of the page without scripts, styles, navigation, headers, footers,
/// asides and forms; block elements become paragraph breaks. Read by html5gum's
/// WHATWG tokenizer: attributes never leak into the text, every named and numeric
/// character reference is decoded, and what a browser would not show (`&#0;`, control
/// characters) is dropped.
fn html_paragraphs(raw: &str, meta: &mut Meta) -> Vec<String> {
    use html5gum::{DefaultEmitter, Token, Tokenizer};
    const SKIP: &[&str] = &["script", "style", "nav", "header", "footer", "aside", "form", "noscript", "svg", "iframe", "button", "select", "template", "figcaption"];
    const BLOCK: &[&str] = &["p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "blockquote", "tr", "table", "title", "hr", "dd", "dt", "main"];
    let mut out = Vec::new();
    let mut current = String::new();
    let mut skip_depth: Vec<String> = Vec::new();
    let mut in_title = false;
    let mut in_h1 = false;
    let mut title = String::new();
    let mut h1 = String::new();
    let mut emitter = DefaultEmitter::default();
    // Script, style and title content is read as text, not as tags.
    emitter.naively_switch_states(true);
    for token in Tokenizer::new_with_emitter(raw, emitter) {
        let Ok(token) = token;
        let (name, closing, self_closing) = match &token {
            Token::StartTag(tag) => (String::from_utf8_lossy(&tag.name).into_owned(), false, tag.self_closing),
            Token::EndTag(tag) => (String::from_utf8_lossy(&tag.name).into_owned(), true, false),
            Token::String(text) => {
                if !skip_depth.is_empty() {
                    continue;
                }
                let chunk: String = String::from_utf8_lossy(text).chars().filter(|&c| c != '\u{fffd}' && (!c.is_control() || c.is_whitespace())).collect();
                if in_title {
                    title.push_str(&chunk);
                    continue;
                }
                if in_h1 {
                    h1.push_str(&chunk);
                }
                current.push_str(&chunk);
                continue;
            }
            _ => continue,
        };
        if let Token::StartTag(tag) = &token {
            if name == "meta" {
                read_meta_tag(&tag.attributes, meta);
                continue;
            }
        }
        if SKIP.contains(&name.as_str()) && !self_closing {
            if closing {
                if let Some(pos) = skip_depth.iter().rposition(|n| *n == name) {
                    skip_depth.truncate(pos);
                }
            } else {
                skip_depth.push(name);
            }
            continue;
        }
        match name.as_str() {
            "title" => in_title = !closing,
            "h1" => in_h1 = !closing,
            _ => {}
        }
        if BLOCK.contains(&name.as_str()) && skip_depth.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    out.push(current);
    let h1 = collapse_spaces(&h1);
    let title = collapse_spaces(&title);
    if meta.title.is_none() {
        meta.title = [h1, title].into_iter().find(|t| !t.is_empty());
    }
    out
}

/// `<meta name="author" content="…">` and the like: title, author, date and URL.
fn read_meta_tag(attributes: &std::collections::BTreeMap<html5gum::HtmlString, html5gum::Spanned<html5gum::HtmlString, ()>>, meta: &mut Meta) {
    let attr = |key: &str| attributes.get(key.as_bytes()).map(|v| String::from_utf8_lossy(v).trim().to_string());
    let key = attr("name").or_else(|| attr("property")).unwrap_or_default().to_ascii_lowercase();
    let Some(content) = attr("content") else { return };
    match key.as_str() {
        "og:title" | "twitter:title" => meta.title = meta.title.take().or(Some(content)),
        "author" | "article:author" => meta.author = meta.author.take().or(Some(content)),
        "date" | "article:published_time" | "pubdate" => meta.date = meta.date.take().or(Some(content)),
        "og:url" => meta.url = meta.url.take().or(Some(content)),
        "og:site_name" => meta.publisher = meta.publisher.take().or(Some(content)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A paragraph of running text.
    const RUNNING: &str = "The ministry said on Tuesday that the new terminal would handle twice the cargo of the old one.";

    fn reader() -> Reader {
        Reader::new(vec!["rate this article".into(), "share this article".into(), "related articles".into(), "poll conducted".into()], vec!["related articles".into()], vec![])
    }

    fn parse(format: Format, text: &str) -> Result<Document, CorpusError> {
        reader().parse(Path::new("a"), "a", format, text.as_bytes())
    }

    #[test]
    fn furniture_and_repeats_are_dropped() {
        let text = "Rate this article\n(votes: 3, rating: 5)\nShare this article\nKogas signed a long contract with the supplier.\n\n\
                    Kogas signed a long contract with the supplier.\n 33 (31%)\nhttps://example.org/a https://example.org/b\nRelated Articles";
        let doc = parse(Format::Text, text).unwrap();
        assert_eq!(doc.body, "Kogas signed a long contract with the supplier.");
    }

    #[test]
    fn consent_banners_and_share_bars_are_dropped() {
        let running = RUNNING;
        let r = Reader::new(vec!["we use cookies".into()], vec![], vec!["facebook".into(), "x".into(), "kakaotalk".into(), "email".into(), "copy link".into()]);
        let text = format!(
            "We use cookies to personalize content. By continuing to use this site, you agree to our Privacy Policy and Cookie Policy. [Accept all]\n\n\
             Facebook   X   KakaoTalk   Email   Copy link\n\n{running}\n\nFacebook X KakaoTalk lost users in Korea last year."
        );
        let doc = r.parse(Path::new("a"), "a", Format::Text, text.as_bytes()).unwrap();
        // Buttons and other words are a sentence.
        assert_eq!(doc.body, format!("{running}\n\nFacebook X KakaoTalk lost users in Korea last year."));
    }

    #[test]
    fn menus_breadcrumbs_and_barred_bylines_are_dropped() {
        let running = RUNNING;
        let text = format!(
            "HARBOURS & TERMINALS | NORTH ASIA | PACIFIC\nHome › Business › Shipping\nOlga Lim, Staff Writer | 3 May 2024 | 4 min read\nTrang chủ | Chính trị | Kinh tế | Thế giới\n{running}\n\
             Kogas and Novatek | a deal\n\nKogas, Novatek sign a deal | Business | Daily"
        );
        let doc = parse(Format::Text, &text).unwrap();
        // Two pieces between bars may be a headline's; so are three with a lowercase word and no number.
        assert_eq!(doc.body, format!("{running}\n\nKogas and Novatek | a deal\n\nKogas, Novatek sign a deal | Business | Daily"));
    }

    #[test]
    fn bylines_bios_site_names_and_credits_around_the_text_are_dropped() {
        let running = RUNNING;
        let text = format!(
            "MARITIME HERALD\n\nPortside Talks Resume\n\nIrina Volkova\n\nSenior Fellow at the Baltic Institute, Kaliningrad\n\n{running}\n\n\
             Second paragraph of running text, which also has enough words to count as prose.\n\nImage: Shutterstock/Pavel Orlov\n\n• Irina Volkova"
        );
        let doc = parse(Format::Text, &text).unwrap();
        assert_eq!(doc.body, format!("Portside Talks Resume\n\n{running}\n\nSecond paragraph of running text, which also has enough words to count as prose."));
        assert_eq!(doc.author.as_deref(), Some("Irina Volkova"));
        assert_eq!(doc.title.as_deref(), Some("Portside Talks Resume"));
        // Without running text nothing is judged a fragment.
        assert_eq!(parse(Format::Text, "Irina Volkova\n\nShort note.").unwrap().body, "Irina Volkova\n\nShort note.");
    }

    #[test]
    fn a_reporters_address_after_the_last_sentence_is_dropped_not_the_paragraph() {
        let doc = parse(Format::Text, "Hanwha signed a deal with Tarsk Shipping to build ten tankers for its Arctic routes, said Lee. kdy@yna.co.kr").unwrap();
        assert_eq!(doc.body, "Hanwha signed a deal with Tarsk Shipping to build ten tankers for its Arctic routes, said Lee.");
    }

    #[test]
    fn datelines_and_credits_are_dropped() {
        let r = Reader::new(vec!["photo".into(), "source".into()], vec![], vec![]);
        let parse = |text: &str| r.parse(Path::new("a"), "a", Format::Text, text.as_bytes()).unwrap().body;
        assert_eq!(parse("LIMA, Dec. 16 (UPI) -- Peru signed the deal."), "Peru signed the deal.");
        assert_eq!(parse("LIMA (Reuters) - Peru signed the deal."), "Peru signed the deal.");
        assert_eq!(parse("LIMA, June 5. /TASS/. Peru signed the deal."), "Peru signed the deal.");
        assert_eq!(parse(" date 2024-06-19 Following talks, Peru signed the deal."), "Following talks, Peru signed the deal.");
        assert_eq!(parse("The minister met the envoy in Lima. Photo: VGP"), "The minister met the envoy in Lima.");
        assert_eq!(parse("[Photo by Andes Shipping] Peru signed the deal (Source: Andina)."), "Peru signed the deal.");
        let r = Reader::new(vec!["reporting by".into()], vec![], vec![]);
        let body = r.parse(Path::new("a"), "a", Format::Text, b"Peru signed the deal. (Reporting by Ana Ruiz in Lima and Jon Ray in Quito; Editing by Tom Oates)").unwrap().body;
        assert_eq!(body, "Peru signed the deal.");
        let body = r
            .parse(Path::new("a"), "a", Format::Text, b"Peru signed the deal.\n\nReporting by Ana Ruiz in Lima, Jon Ray in Quito and Marta Gil in Bogota; additional reporting by Tom Oates")
            .unwrap()
            .body;
        assert_eq!(body, "Peru signed the deal.");
        // Brackets that are no credit stay; so does a first word that is no place in capitals.
        assert_eq!(parse("The Andes Shipping Company (ASC) won. Photography is an art."), "The Andes Shipping Company (ASC) won. Photography is an art.");
        assert_eq!(parse("Peru (and Chile) - signed."), "Peru (and Chile) - signed.");
        assert_eq!(parse("KOGAS (Korea Gas Corporation) signed."), "KOGAS (Korea Gas Corporation) signed.");
    }

    #[test]
    fn captions_bylines_agency_credits_and_link_blocks_are_dropped() {
        let r = Reader::new(vec!["photo".into(), "read more".into(), "related".into()], vec!["read more".into(), "related".into()], vec![]);
        let parse = |text: &str| r.parse(Path::new("a"), "a", Format::Text, text.as_bytes()).unwrap();
        let running = RUNNING;
        let text = format!(
            "Port deal signed\n\nBY PARK MIN-JI, Industry Reporter [park@example.com]\n\n[Photo] The ministers meet in Lima. REUTERS/Ana Ruiz\n\n\
             LIMA/QUITO, Aug 21 (Reuters) - {running}\n\nRead more:\nAndes Shipping weighs new financing\n- Pacific Lines wins order from Chilean owner\n\n\
             The envoy met the minister in Quito. (Andina)\n\nThe talks ended. ANDINA/Jon Ray"
        );
        let doc = parse(&text);
        assert_eq!(doc.body, format!("Port deal signed\n\n{running}\n\nThe envoy met the minister in Quito.\n\nThe talks ended."));
        assert_eq!(doc.author.as_deref(), Some("PARK MIN-JI"));
        // A heading's block ends at the first sentence; a headline before the text stays.
        let text = format!("Related\n\nPort deal signed\n\n{running}\n\nRelated\n\nThe envoy met the minister in Quito.\n\nA closing line without a stop");
        assert_eq!(parse(&text).body, format!("Port deal signed\n\n{running}\n\nThe envoy met the minister in Quito.\n\nA closing line without a stop"));
        // Headlines of other stories on one line after "Related:", however long.
        let text = format!("{running}\n\nRelated: Andes Shipping weighs new financing for its fleet | Pacific Lines wins order from Chilean owner\n\nThe talks ended.");
        assert_eq!(parse(&text).body, format!("{running}\n\nThe talks ended."));
        // "By Friday, …" is a sentence, not a byline.
        assert_eq!(parse("By Friday, Peru had signed the deal with Chile and Bolivia on the new port.").body, "By Friday, Peru had signed the deal with Chile and Bolivia on the new port.");
        // A caption that is one bracket opened by a furniture word and a colon.
        let text = format!("{running}\n\n[Photo: A tanker off Callao. Released by the Navy of Peru. (Photo: Reuters)]\n\nThe talks ended.");
        assert_eq!(parse(&text).body, format!("{running}\n\nThe talks ended."));
        // A bracket of running text stays.
        let text = format!("{running}\n\n[Peru signed the deal with Chile on the new port.]");
        assert_eq!(parse(&text).body, format!("{running}\n\n[Peru signed the deal with Chile on the new port.]"));
    }

    #[test]
    fn the_publisher_comes_from_the_copyright_line_or_the_site_name() {
        assert_eq!(copyright_holder("© 2024 Andes Trade Monitor. All rights reserved."), Some("Andes Trade Monitor"));
        assert_eq!(copyright_holder("(c) 2019-2024 Andes Trade Monitor"), Some("Andes Trade Monitor"));
        assert_eq!(copyright_holder("Copyright The Andes Monitor. All rights reserved."), Some("The Andes Monitor"));
        assert_eq!(copyright_holder("Copyright rules were tightened in 2021, the ministry said."), None);
        let doc = parse(Format::Text, &format!("{RUNNING}\n\n© 2024 Andes Trade Monitor. All rights reserved. Reproduction prohibited without the written consent of the publisher.")).unwrap();
        assert_eq!((doc.body.as_str(), doc.publisher.as_deref()), (RUNNING, Some("Andes Trade Monitor")));
        // A sentence before the mark keeps the paragraph.
        let text = format!("{RUNNING}\n\nThe talks ended. © 2024 Andes Trade Monitor. All rights reserved.");
        assert_eq!(parse(Format::Text, &text).unwrap().body, text);
        let html = format!("<html><head><meta property=\"og:site_name\" content=\"Andes Monitor\"></head><body><p>{RUNNING}</p></body></html>");
        assert_eq!(parse(Format::Html, &html).unwrap().publisher.as_deref(), Some("Andes Monitor"));
    }

    #[test]
    fn mastheads_bylines_without_by_issue_lines_and_disclaimers_are_dropped() {
        let running = RUNNING;
        let read = |text: String| parse(Format::Text, &text).unwrap();
        // A masthead in capitals is no title; labels in capitals between bars are no text.
        let doc =
            read(format!("ANDES TRADE MONITOR\n\nCOMMENTARY | PORTS & SHIPPING\n\nCan the new terminal in Callao pay for itself at last, and who will pay?\n\nAna Ruiz, Senior Fellow\n\n{running}"));
        assert_eq!(doc.body, format!("Can the new terminal in Callao pay for itself at last, and who will pay?\n\n{running}"));
        assert_eq!((doc.title.as_deref(), doc.author.as_deref()), (Some("Can the new terminal in Callao pay for itself at last, and who will pay?"), Some("Ana Ruiz")));
        // A byline with its date after a bar; the author's bio among the last paragraphs;
        // a disclaimer longer than a short line; headlines between bars after "Related:".
        let reader = Reader::new(vec!["the views expressed".into(), "related".into()], vec!["related".into()], vec![]);
        let read = |text: String| reader.parse(Path::new("a.txt"), "a.txt", Format::Text, text.as_bytes()).unwrap();
        let doc = read(format!("Port deal signed\n\nJon Ray | 14 October 2024\n\n{running}\n\nJon Ray is a senior fellow in the Ports Programme. The views expressed are his own.\n\nThe views expressed are the author's own and do not necessarily reflect those of the Andes Trade Monitor or its board.\n\nRelated: Peru's port bind between Lima and Beijing | Can the Callao line be built?"));
        assert_eq!((doc.body.as_str(), doc.author.as_deref()), (format!("Port deal signed\n\n{running}").as_str(), Some("Jon Ray")));
        // A newsletter's issue line; a byline's label after the name.
        let doc = read(format!("Issue 212 | Monday, 24 June 2024\n\nPort deal signed\n\nBy Ana Ruiz Published: Dec. 20, 2023 - 15:42\n\n{running}"));
        assert_eq!((doc.body.as_str(), doc.author.as_deref()), (format!("Port deal signed\n\n{running}").as_str(), Some("Ana Ruiz")));
    }

    #[test]
    fn bylines_with_a_role_or_a_date_contact_lines_and_closing_bios_are_dropped() {
        let running = RUNNING;
        // (The body and author of a text, and the body that should be left.)
        let read = |text: String, body: String, author: Option<&str>| {
            let doc = parse(Format::Text, &text).unwrap();
            assert_eq!(doc.body, body);
            assert_eq!(doc.author.as_deref(), author);
        };
        let text = format!("Port deal signed\n\nInterview by Ana Ruiz | Print edition, page 6\n\n{running}\n\nMedia relations: Tomas Vidal, press@andes.example\n\nThe talks ended.");
        read(text, format!("Port deal signed\n\n{running}\n\nThe talks ended."), Some("Ana Ruiz"));
        let text = format!("Port deal signed\n\nJon Ray Jun 3, 2025\n\n{running}\n\nJon Ray is a freelance journalist covering Peru.");
        read(text, format!("Port deal signed\n\n{running}"), Some("Jon Ray"));
        // A sentence about someone else, an address in running text and a "by" in prose stay.
        let text = format!("{running}\n\nWrite to the ministry at info@andes.example if you have questions about the new terminal and its cargo.\n\nAna Ruiz is the new minister.");
        assert_eq!(parse(Format::Text, &text).unwrap().body, text);
        assert_eq!(without_trailing_date("Anna Kim 3 June 2023"), "Anna Kim");
        assert_eq!(without_trailing_date("Anna Kim"), "Anna Kim");
        // A byline with the site's section and the date; a name over a bare date under the
        // standfirst (running text before it).
        let text = format!("Port deal signed\n\nBy Ana Ruiz in Business on 16 June 2025\n\n{running}");
        read(text, format!("Port deal signed\n\n{running}"), Some("Ana Ruiz"));
        let text = format!("Port deal signed\n\n{running}\n\nJon Ray\nMarch 20, 2024\n\n{running}");
        assert!(!parse(Format::Text, &text).unwrap().body.contains("Jon Ray"));
        // "By Monday in Lima the talks ended." is a sentence; a name over a sentence stays.
        let text = format!("{running}\n\nBy Monday in Lima the talks ended.\n\nJon Ray\n\n{running}");
        assert!(parse(Format::Text, &text).unwrap().body.contains("By Monday in Lima the talks ended."));
        assert!(is_bare_date("March 20, 2024") && is_bare_date("16 June 2025") && !is_bare_date("Jon Ray"));
    }

    #[test]
    fn html_keeps_text_and_metadata_but_not_scripts_or_navigation() {
        let html = r#"<html><head><title>T</title><meta name="author" content="Jane Roe"><meta property="article:published_time" content="2024-05-01"><script>var x = "<p>no</p>";</script></head>
<body><nav><a href="/">Home</a></nav><h1>Ports &amp; Pipes</h1><p>The port of Zarubino&#8217;s future.</p><footer>Share</footer></body></html>"#;
        let doc = parse(Format::Html, html).unwrap();
        assert_eq!(doc.body, "Ports & Pipes\n\nThe port of Zarubino’s future.");
        assert_eq!(doc.title.as_deref(), Some("Ports & Pipes"));
        assert_eq!(doc.author.as_deref(), Some("Jane Roe"));
        assert_eq!(doc.date.as_deref(), Some("2024-05-01"));
    }

    #[test]
    fn markdown_front_matter_and_inline_markup() {
        let md = "---\ntitle: \"Gas deal\"\nauthor: A. Writer\n---\n# Gas deal\n\nThe **deal** with [Novatek](https://x.y) was _signed_ in 2019. ![chart](c.png)\n";
        let doc = parse(Format::Markdown, md).unwrap();
        assert_eq!(doc.body, "Gas deal\n\nThe deal with Novatek was signed in 2019.");
        assert_eq!(doc.title.as_deref(), Some("Gas deal"));
        assert_eq!(doc.author.as_deref(), Some("A. Writer"));
    }

    #[test]
    fn markdown_opening_with_a_rule_keeps_its_text() {
        let md = "---\nRussia and China signed a gas deal in 2019.\n\n---\n\nGazprom will supply gas.\n";
        assert_eq!(parse(Format::Markdown, md).unwrap().body, "Russia and China signed a gas deal in 2019.\n\nGazprom will supply gas.");
        // Only a rule, no closing one: still text, not "empty".
        assert_eq!(parse(Format::Markdown, "---\nJapan imposed sanctions.").unwrap().body, "Japan imposed sanctions.");
        // Front matter with lists and comments; soft-wrapped lines are one paragraph; code,
        // HTML and images give no text; a list item is a paragraph.
        let md = "---\ntitle: Talks\ntags:\n  - gas\n# a comment\n---\nThe talks\nwent on.\n\n```\nlet x = 1;\n```\n\n<div>html</div>\n\n* First item\n* Second ![x](y.png)item\n";
        let doc = parse(Format::Markdown, md).unwrap();
        assert_eq!(doc.body, "The talks went on.\n\nFirst item\n\nSecond item");
        assert_eq!(doc.title.as_deref(), Some("Talks"));
    }

    #[test]
    fn bad_files_name_the_problem() {
        let r = reader();
        let bin = r.parse(Path::new("x.txt"), "x.txt", Format::Text, b"ab\0cd").unwrap_err();
        assert!(bin.to_string().contains("x.txt") && bin.to_string().contains("binary"));
        let utf = r.parse(Path::new("y.txt"), "y.txt", Format::Text, b"ok \xff\xfe").unwrap_err();
        assert!(utf.to_string().contains("y.txt") && utf.to_string().contains("UTF-8") && utf.to_string().contains("byte 3"));
        let empty = r.parse(Path::new("z.txt"), "z.txt", Format::Text, b"  \n\n").unwrap_err();
        assert!(empty.to_string().contains("z.txt") && empty.to_string().contains("empty"));
    }

    #[test]
    fn html_attributes_entities_and_scripts_are_read_as_a_browser_does() {
        let html = r#"<p><a title="if a > b then Hyundai invests in Nakhodka" href="x">Link</a> text.</p><p>Jos&eacute; Mart&iacute; paid &euro;5 A&#0;B&#1;C.</p>
<script>if (a < b) { document.write("<p>no</p>"); }</script><style>p > a { }</style><p>After &amp; the script&#x2019;s end&hellip;</p>"#;
        let doc = parse(Format::Html, html).unwrap();
        assert_eq!(doc.body, "Link text.\n\nJosé Martí paid €5 ABC.\n\nAfter & the script’s end…");
        let meta = r#"<meta name=author content="Ana &eacute;lise"><meta property="og:title" content='A > B'><p>Text.</p>"#;
        let doc = parse(Format::Html, meta).unwrap();
        assert_eq!((doc.author.as_deref(), doc.title.as_deref()), (Some("Ana élise"), Some("A > B")));
    }

    #[test]
    fn html_cut_off_inside_a_tag_is_read() {
        let doc = parse(Format::Html, "<p>Russia and Korea signed a deal.</p><").unwrap();
        assert_eq!(doc.body, "Russia and Korea signed a deal.");
        for html in ["<", "<p", "<p>Text<", "<!--", "&", "&#", "&#x;", "<p title=\"a"] {
            let _ = parse(Format::Html, html);
        }
    }

    fn names(sources: &[Source]) -> Vec<&str> {
        sources.iter().map(|s| s.name.as_str()).collect()
    }

    #[test]
    fn files_of_the_same_name_in_different_folders_are_different_documents() {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["x", "y/z"] {
            fs::create_dir_all(dir.path().join(sub)).unwrap();
            fs::write(dir.path().join(sub).join("a.txt"), format!("Text of {sub}.")).unwrap();
        }
        fs::write(dir.path().join("b.md"), "Top.").unwrap();
        let (found, errors) = reader().discover(&[dir.path().to_path_buf()]);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(names(&found), ["b.md", "x/a.txt", "y/z/a.txt"]);
        assert_eq!(reader().read_source(&found[2]).unwrap().name, "y/z/a.txt");
        // A file given on its own goes by its file name.
        let (found, _) = reader().discover(&[dir.path().join("y/z/a.txt")]);
        assert_eq!(names(&found), ["a.txt"]);
    }

    #[test]
    fn linked_folders_are_walked_once_and_files_read_once() {
        let dir = tempfile::tempdir().unwrap();
        let corpus = dir.path();
        fs::create_dir(corpus.join("real")).unwrap();
        fs::write(corpus.join("real/a.txt"), "Text.").unwrap();
        std::os::unix::fs::symlink(".", corpus.join("loop1")).unwrap();
        std::os::unix::fs::symlink(".", corpus.join("loop2")).unwrap();
        std::os::unix::fs::symlink("real", corpus.join("also")).unwrap();
        std::os::unix::fs::symlink("real/a.txt", corpus.join("link.txt")).unwrap();
        let (found, errors) = reader().discover(&[corpus.to_path_buf(), corpus.join("real/a.txt")]);
        assert!(errors.is_empty(), "{errors:?}");
        // Walked in name order: "also" reaches real/a.txt first; every other way to it is the same file.
        assert_eq!(names(&found), ["also/a.txt"]);
        assert_eq!(found[0].path, corpus.join("also/a.txt"));
    }

    #[test]
    fn fifos_are_named_and_never_opened() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.txt");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(made.success());
        fs::write(dir.path().join("z.txt"), "Text.").unwrap();
        let (found, errors) = reader().discover(&[dir.path().to_path_buf()]);
        assert_eq!(names(&found), ["z.txt"]);
        assert_eq!(errors.len(), 1);
        assert!(errors[0].to_string().contains("pipe.txt: not a regular file (a named pipe)"), "{}", errors[0]);
        let (found, errors) = reader().discover(std::slice::from_ref(&fifo));
        assert!(found.is_empty() && errors[0].to_string().contains("a named pipe"), "{errors:?}");
        let err = reader().read(&fifo).unwrap_err();
        assert!(err.to_string().contains("a named pipe"), "{err}");
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_decoded() {
        let text = "Gazprom supplies gas to Ch\u{ed}na. \u{1f642}";
        let le: Vec<u8> = [0xff, 0xfe].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
        let be: Vec<u8> = [0xfe, 0xff].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect();
        for bytes in [&le, &be] {
            assert_eq!(reader().parse(Path::new("u.txt"), "u.txt", Format::Text, bytes).unwrap().body, text);
        }
        // A lone surrogate or an odd byte at the end is named as bad UTF-16, not "binary".
        let bad = reader().parse(Path::new("u.txt"), "u.txt", Format::Text, &[0xff, 0xfe, b'A', 0, 0x00, 0xd8, b'B', 0]).unwrap_err();
        assert!(bad.to_string().contains("u.txt: UTF-16") && bad.to_string().contains("byte 4"), "{bad}");
        let odd = reader().parse(Path::new("u.txt"), "u.txt", Format::Text, &[0xfe, 0xff, 0, b'A', 0]).unwrap_err();
        assert!(odd.to_string().contains("UTF-16"), "{odd}");
    }

    #[test]
    fn id_is_a_hash_of_the_cleaned_body() {
        let a = parse(Format::Text, "Same words here.\n").unwrap();
        let b = parse(Format::Text, "Rate this article\nSame words here.").unwrap();
        let c = parse(Format::Text, "Other words here.").unwrap();
        assert_eq!(a.id, b.id);
        assert_ne!(a.id, c.id);
        assert_eq!(a.id.len(), 16);
    }
}
