//! `serve --watch DIR`: the articles of a folder ingested while the store is served.
//!
//! The server holds the store (RocksDB lets one process open it), so a second `newsgraph
//! ingest` is refused with a message that names the server; this is the way to add
//! articles while serving. Every `POLL`, the folder's files are listed with their sizes and
//! modification times; when that list changed, the folder is ingested as `newsgraph ingest
//! DIR` does it (unchanged documents are skipped by their content hash, each document is
//! one transaction, so a query sees a document whole or not at all). Nothing is removed
//! from the store: a file taken out of the folder keeps its document (`ingest --prune`
//! after the server ends removes it).

use crate::corpus::Reader;
use crate::extract::{Extractor, Lexicon};
use crate::store::Store;
use anyhow::{Context, Result};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// How often the folder is looked at.
const POLL: Duration = Duration::from_secs(1);

/// Starts the watcher: it ingests the folder once now, then again whenever it changes.
pub fn spawn(store: Arc<Store>, dir: PathBuf, ontology: &Path) -> Result<()> {
    if !dir.is_dir() {
        anyhow::bail!("--watch {}: not a folder", dir.display());
    }
    let lexicon = Lexicon::load(ontology).with_context(|| format!("loading extraction knowledge from {}", ontology.display()))?;
    let extractor = Extractor::new(lexicon);
    std::thread::Builder::new().name("watch".into()).spawn(move || {
        let reader = extractor.lexicon.reader();
        let mut seen = None;
        loop {
            let now = listing(&reader, &dir);
            if seen.as_ref() != Some(&now) {
                match crate::pipeline::ingest(&extractor, &store, std::slice::from_ref(&dir)) {
                    Ok(r) => {
                        if r.added + r.replaced > 0 || !r.failed.is_empty() || r.stopped.is_some() {
                            eprintln!("watch {}: {} added, {} replaced, {} unchanged, {} failed", dir.display(), r.added, r.replaced, r.unchanged, r.failed.len());
                        }
                        if let Some((error, _)) = r.stopped {
                            eprintln!("watch {}: the store refused a write ({error}); will try again when the folder changes", dir.display());
                        }
                    }
                    Err(e) => eprintln!("watch {}: {e:#}", dir.display()),
                }
                seen = Some(now);
            }
            std::thread::sleep(POLL);
        }
    })?;
    Ok(())
}

/// The folder's article files with their sizes and modification times.
fn listing(reader: &Reader, dir: &Path) -> Vec<(PathBuf, u64, Option<SystemTime>)> {
    let (files, _) = reader.discover(&[dir.to_path_buf()]);
    let mut list: Vec<_> = files
        .into_iter()
        .map(|f| {
            let meta = std::fs::metadata(&f.path).ok();
            let (len, modified) = meta.map(|m| (m.len(), m.modified().ok())).unwrap_or((0, None));
            (f.path, len, modified)
        })
        .collect();
    list.sort();
    list
}
