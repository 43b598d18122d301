//! Sorted lines: sorts more lines of text than memory should hold (an external merge sort),
//! so a big store is dumped in a fixed order without holding the dump.
//!
//! Lines are held in memory up to a budget of bytes, then sorted and spilled as one run to a
//! temporary file (in the system's temporary folder: `TMPDIR`); at the end the runs are
//! merged as they are read. The order is the byte order of the lines (`str`'s `Ord`), each
//! distinct line comes out once. Lines must not contain a line break. A run's file is
//! removed when the sort is done with it (also on an error).

use anyhow::{Context, Result};
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What one held line costs beyond its text (the `String` and the allocator's rounding).
const LINE_OVERHEAD: usize = 32;

/// Collects lines, then gives them back sorted and without repeats (`finish`).
pub struct LineSorter {
    budget: usize,
    held: usize,
    lines: Vec<String>,
    runs: Vec<Run>,
}

/// One sorted run spilled to a temporary file, removed on drop.
struct Run {
    path: PathBuf,
}

impl Drop for Run {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

impl LineSorter {
    /// A sorter holding at most about `budget` bytes of lines in memory.
    pub fn new(budget: usize) -> LineSorter {
        LineSorter { budget: budget.max(1), held: 0, lines: Vec::new(), runs: Vec::new() }
    }

    /// Adds one line (without its line break).
    pub fn push(&mut self, line: String) -> Result<()> {
        debug_assert!(!line.contains('\n'), "a sorted line holds no line break");
        self.held += line.len() + LINE_OVERHEAD;
        self.lines.push(line);
        if self.held >= self.budget {
            self.spill()?;
        }
        Ok(())
    }

    /// The runs spilled to disk so far.
    pub fn runs(&self) -> usize {
        self.runs.len()
    }

    /// Sorts the held lines and writes them as one run.
    fn spill(&mut self) -> Result<()> {
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        self.lines.sort_unstable();
        self.lines.dedup();
        let path = std::env::temp_dir().join(format!("newsgraph-sort-{}-{}.txt", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed)));
        let run = Run { path };
        let file = File::create(&run.path).with_context(|| format!("{}: cannot create a temporary file for sorting", run.path.display()))?;
        let mut out = BufWriter::with_capacity(1 << 16, file);
        for line in self.lines.drain(..) {
            out.write_all(line.as_bytes()).and_then(|()| out.write_all(b"\n")).with_context(|| format!("{}: cannot write (disk full?)", run.path.display()))?;
        }
        out.flush().with_context(|| format!("{}: cannot write (disk full?)", run.path.display()))?;
        self.lines = Vec::new();
        self.held = 0;
        self.runs.push(run);
        Ok(())
    }

    /// Every line pushed, sorted, each once.
    pub fn finish(mut self) -> Result<Sorted> {
        if self.runs.is_empty() {
            self.lines.sort_unstable();
            self.lines.dedup();
            return Ok(Sorted(Lines::Memory(std::mem::take(&mut self.lines).into_iter())));
        }
        if !self.lines.is_empty() {
            self.spill()?;
        }
        let mut readers = Vec::with_capacity(self.runs.len());
        let mut heap = BinaryHeap::with_capacity(self.runs.len());
        for (i, run) in self.runs.iter().enumerate() {
            let file = File::open(&run.path).with_context(|| format!("{}: cannot reopen a temporary file", run.path.display()))?;
            let mut reader = BufReader::with_capacity(1 << 16, file);
            if let Some(line) = read_line(&mut reader, &run.path)? {
                heap.push(Reverse((line, i)));
            }
            readers.push(reader);
        }
        Ok(Sorted(Lines::Merge { readers, heap, runs: std::mem::take(&mut self.runs), last: None }))
    }
}

/// One line of a run, without its line break; `None` at the end.
fn read_line(reader: &mut BufReader<File>, path: &std::path::Path) -> Result<Option<String>> {
    let mut line = String::new();
    if reader.read_line(&mut line).with_context(|| format!("{}: cannot read a temporary file", path.display()))? == 0 {
        return Ok(None);
    }
    if line.ends_with('\n') {
        line.pop();
    }
    Ok(Some(line))
}

/// The sorted lines: from memory, or merged from the runs on disk.
pub struct Sorted(Lines);

enum Lines {
    Memory(std::vec::IntoIter<String>),
    Merge { readers: Vec<BufReader<File>>, heap: BinaryHeap<Reverse<(String, usize)>>, runs: Vec<Run>, last: Option<String> },
}

impl Iterator for Sorted {
    type Item = Result<String>;

    fn next(&mut self) -> Option<Result<String>> {
        match &mut self.0 {
            Lines::Memory(lines) => lines.next().map(Ok),
            Lines::Merge { readers, heap, runs, last } => loop {
                let Reverse((line, i)) = heap.pop()?;
                match read_line(&mut readers[i], &runs[i].path) {
                    Ok(Some(next)) => heap.push(Reverse((next, i))),
                    Ok(None) => {}
                    Err(e) => return Some(Err(e)),
                }
                if last.as_deref() == Some(line.as_str()) {
                    continue;
                }
                *last = Some(line.clone());
                return Some(Ok(line));
            },
        }
    }
}

/// The sorted lines as a byte stream, each line followed by `suffix` (for a parser to read).
pub struct LinesReader {
    lines: Sorted,
    suffix: &'static [u8],
    buffer: Vec<u8>,
    at: usize,
}

impl LinesReader {
    pub fn new(lines: Sorted, suffix: &'static [u8]) -> LinesReader {
        LinesReader { lines, suffix, buffer: Vec::new(), at: 0 }
    }
}

impl Read for LinesReader {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.at == self.buffer.len() {
            self.buffer.clear();
            self.at = 0;
            match self.lines.next() {
                None => return Ok(0),
                Some(Err(e)) => return Err(std::io::Error::other(format!("{e:#}"))),
                Some(Ok(line)) => {
                    self.buffer.extend_from_slice(line.as_bytes());
                    self.buffer.extend_from_slice(self.suffix);
                }
            }
        }
        let n = out.len().min(self.buffer.len() - self.at);
        out[..n].copy_from_slice(&self.buffer[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(lines: &[&str], budget: usize) -> (Vec<String>, usize) {
        let mut sorter = LineSorter::new(budget);
        for line in lines {
            sorter.push((*line).to_owned()).unwrap();
        }
        let runs = sorter.runs();
        (sorter.finish().unwrap().collect::<Result<_>>().unwrap(), runs)
    }

    #[test]
    fn lines_come_back_sorted_and_once_from_memory_and_from_spilled_runs() {
        let lines = ["<b> <p> \"x\"", "<a> <p> \"é\"", "<b> <p> \"x\"", "", "<a> <p>", "<c>", "<a> <p> \"é\"", "<a> <q> <b>"];
        let mut want: Vec<String> = lines.iter().map(|l| (*l).to_owned()).collect();
        want.sort();
        want.dedup();
        let (in_memory, runs) = sorted(&lines, usize::MAX);
        assert_eq!(runs, 0);
        assert_eq!(in_memory, want);
        // A budget of one line: every line its own run, repeats across runs merged away.
        let (merged, runs) = sorted(&lines, 1);
        assert_eq!(runs, lines.len());
        assert_eq!(merged, want);
        let (merged, runs) = sorted(&lines, 3 * (LINE_OVERHEAD + 10));
        assert!(runs > 1 && runs < lines.len(), "{runs} runs");
        assert_eq!(merged, want);
    }

    #[test]
    fn the_runs_files_are_removed_when_the_sort_is_done() {
        let mut sorter = LineSorter::new(1);
        for line in ["b", "a", "c"] {
            sorter.push(line.to_owned()).unwrap();
        }
        let Sorted(Lines::Merge { runs, .. }) = sorter.finish().unwrap() else { panic!("spilled runs are merged") };
        let paths: Vec<PathBuf> = runs.iter().map(|r| r.path.clone()).collect();
        assert!(paths.iter().all(|p| p.exists()));
        drop(runs);
        assert!(paths.iter().all(|p| !p.exists()), "{paths:?}");
    }

    #[test]
    fn the_reader_gives_each_line_with_its_suffix() {
        let mut sorter = LineSorter::new(1);
        for line in ["<b> <p> <o>", "<a> <p> <o>"] {
            sorter.push(line.to_owned()).unwrap();
        }
        let mut text = String::new();
        LinesReader::new(sorter.finish().unwrap(), b" .\n").read_to_string(&mut text).unwrap();
        assert_eq!(text, "<a> <p> <o> .\n<b> <p> <o> .\n");
    }
}
