//! Shards: N-Quads written as extraction goes, and read back for `load`.
//!
//! `NquadsOut` is where `extract --format nquads` writes each document's graph the moment it
//! is extracted: stdout, or numbered gzip shards of `--shard-size` documents in a folder with
//! a `manifest.json` (documents, quads and the SHA-256 of each shard). `shard_files` lists
//! the files `load` reads (a folder's manifest, checked, or the files given) and `open`
//! opens one, its hash checked, gzip undone. The quads themselves are the store's
//! (`store::DocumentGraph::into_nquads`): no blank nodes, so shards made anywhere merge.

use crate::model::hex;
use crate::store::Nquads;
use anyhow::{bail, Context, Result};
use flate2::write::GzEncoder;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::fs::File;
use std::io::{BufWriter, Read, Write};
use std::path::{Path, PathBuf};

/// The manifest's file name in a shard folder.
pub const MANIFEST: &str = "manifest.json";

/// What a shard folder holds, written last (a folder without it is unfinished).
#[derive(Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct Manifest {
    pub documents: usize,
    pub quads: usize,
    pub shards: Vec<ShardEntry>,
}

/// One shard: its file name in the folder, its counts and the SHA-256 of its bytes (hex).
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct ShardEntry {
    pub file: String,
    pub documents: usize,
    pub quads: usize,
    pub sha256: String,
}

/// A writer that hashes what it passes on.
struct Hashing<W> {
    inner: W,
    hash: Sha256,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// The shard being written.
pub struct Open {
    writer: GzEncoder<Hashing<BufWriter<File>>>,
    entry: ShardEntry,
}

/// Where `extract --format nquads` writes.
pub enum NquadsOut<W: Write> {
    Stream { out: W },
    Shards { dir: PathBuf, size: usize, open: Option<Box<Open>>, manifest: Manifest },
}

impl<W: Write> NquadsOut<W> {
    /// Shards of `size` documents each in `dir` (created; shards and a manifest already
    /// there are replaced).
    pub fn shards(dir: &Path, size: usize) -> Result<NquadsOut<W>> {
        if size == 0 {
            bail!("--shard-size: a shard holds at least one document");
        }
        std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create the shard folder", dir.display()))?;
        for entry in std::fs::read_dir(dir).with_context(|| format!("{}: cannot list", dir.display()))? {
            let path = entry?.path();
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            if name == MANIFEST || (name.starts_with("shard-") && name.ends_with(".nq.gz")) {
                std::fs::remove_file(&path).with_context(|| format!("{}: cannot remove the old shard", path.display()))?;
            }
        }
        Ok(NquadsOut::Shards { dir: dir.to_path_buf(), size, open: None, manifest: Manifest::default() })
    }

    /// Writes one document's graph.
    pub fn write(&mut self, graph: &Nquads) -> Result<()> {
        match self {
            NquadsOut::Stream { out } => Ok(out.write_all(&graph.text)?),
            NquadsOut::Shards { dir, size, open, manifest } => {
                if open.is_none() {
                    let file = format!("shard-{:05}.nq.gz", manifest.shards.len());
                    let path = dir.join(&file);
                    let created = File::create(&path).with_context(|| format!("{}: cannot create", path.display()))?;
                    let writer = GzEncoder::new(Hashing { inner: BufWriter::new(created), hash: Sha256::new() }, flate2::Compression::fast());
                    *open = Some(Box::new(Open { writer, entry: ShardEntry { file, documents: 0, quads: 0, sha256: String::new() } }));
                }
                let shard = open.as_mut().expect("opened above");
                shard.writer.write_all(&graph.text).with_context(|| format!("{}: cannot write", dir.join(&shard.entry.file).display()))?;
                shard.entry.documents += 1;
                shard.entry.quads += graph.quads;
                if shard.entry.documents >= *size {
                    close(dir, open.take().expect("open"), manifest)?;
                }
                Ok(())
            }
        }
    }

    /// Ends the output: flushes the stream, or closes the last shard and writes the manifest.
    pub fn finish(self) -> Result<()> {
        match self {
            NquadsOut::Stream { mut out } => Ok(out.flush()?),
            NquadsOut::Shards { dir, open, mut manifest, .. } => {
                if let Some(shard) = open {
                    close(&dir, shard, &mut manifest)?;
                }
                let path = dir.join(MANIFEST);
                let text = serde_json::to_string_pretty(&manifest)? + "\n";
                std::fs::write(&path, text).with_context(|| format!("{}: cannot write", path.display()))?;
                eprintln!("wrote {} documents, {} quads in {} shards to {}", manifest.documents, manifest.quads, manifest.shards.len(), dir.display());
                Ok(())
            }
        }
    }
}

/// Finishes a shard and enters it in the manifest.
fn close(dir: &Path, shard: Box<Open>, manifest: &mut Manifest) -> Result<()> {
    let Open { writer, mut entry } = *shard;
    let path = dir.join(&entry.file);
    let mut hashing = writer.finish().with_context(|| format!("{}: cannot write", path.display()))?;
    hashing.flush().with_context(|| format!("{}: cannot write", path.display()))?;
    entry.sha256 = hex(&hashing.hash.finalize());
    manifest.documents += entry.documents;
    manifest.quads += entry.quads;
    manifest.shards.push(entry);
    Ok(())
}

/// A file `load` reads, with the hash its folder's manifest gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShardFile {
    pub path: PathBuf,
    pub sha256: Option<String>,
}

/// The files under `paths`: a folder with a manifest gives its shards in the manifest's
/// order (hashes to check), a folder without one its `.nq` and `.nq.gz` files sorted by
/// name; a file is read as given.
pub fn shard_files(paths: &[PathBuf]) -> Result<Vec<ShardFile>> {
    let mut files = Vec::new();
    for path in paths {
        if !path.is_dir() {
            if !path.exists() {
                bail!("{}: no such file or folder", path.display());
            }
            files.push(ShardFile { path: path.clone(), sha256: None });
            continue;
        }
        let manifest = path.join(MANIFEST);
        if manifest.exists() {
            let text = std::fs::read_to_string(&manifest).with_context(|| format!("{}: cannot read", manifest.display()))?;
            let manifest: Manifest = serde_json::from_str(&text).with_context(|| format!("{}: not a shard manifest", manifest.display()))?;
            files.extend(manifest.shards.into_iter().map(|s| ShardFile { path: path.join(s.file), sha256: Some(s.sha256) }));
            continue;
        }
        let mut found: Vec<PathBuf> = std::fs::read_dir(path)
            .with_context(|| format!("{}: cannot list", path.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.to_str().is_some_and(|n| n.ends_with(".nq") || n.ends_with(".nq.gz")))
            .collect();
        found.sort();
        if found.is_empty() {
            bail!("{}: no {MANIFEST}, .nq or .nq.gz files here", path.display());
        }
        files.extend(found.into_iter().map(|p| ShardFile { path: p, sha256: None }));
    }
    Ok(files)
}

/// The N-Quads text of a shard: its bytes read whole and checked against the manifest's
/// hash before anything is parsed, gzip undone for `.gz`.
pub fn open(file: &ShardFile) -> Result<Box<dyn Read>> {
    let path = &file.path;
    let bytes = std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
    if let Some(expected) = &file.sha256 {
        let actual = hex(&Sha256::digest(&bytes));
        if &actual != expected {
            bail!("{}: damaged shard: its SHA-256 is {actual}, the manifest says {expected}", path.display());
        }
    }
    let cursor = std::io::Cursor::new(bytes);
    Ok(if path.extension().is_some_and(|e| e == "gz") { Box::new(GzReader(flate2::read::GzDecoder::new(cursor), path.clone())) } else { Box::new(cursor) })
}

/// A gzip stream whose errors name its file.
struct GzReader(flate2::read::GzDecoder<std::io::Cursor<Vec<u8>>>, PathBuf);

impl Read for GzReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.0.read(buf).map_err(|e| std::io::Error::new(e.kind(), format!("{}: not gzip: {e}", self.1.display())))
    }
}
