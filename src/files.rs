//! Files: the one walk over a folder tree, for the article corpus and the ontology folder.
//!
//! Symbolic links are followed, but each folder is entered once (by its canonical path), so
//! a link cycle ends; a folder's entries come in name order.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// What the walk finds.
#[derive(Debug)]
pub enum Found {
    /// A path that is not a folder, with its metadata (links followed: an error for a
    /// broken link).
    File { path: PathBuf, meta: io::Result<fs::Metadata> },
    /// A folder that could not be listed.
    Unlisted { path: PathBuf, error: io::Error },
}

/// Walks the tree under the folder `dir` depth first, in name order, and hands `visit`
/// everything that is not a folder. `entered` holds the canonical paths of the folders
/// entered so far: a folder in it is not entered again (share it between walks to enter
/// each folder once in all of them).
pub fn walk(dir: &Path, entered: &mut HashSet<PathBuf>, visit: &mut impl FnMut(Found)) {
    let canonical = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if !entered.insert(canonical) {
        return;
    }
    let mut entries: Vec<PathBuf> = match fs::read_dir(dir) {
        Ok(entries) => entries.flatten().map(|e| e.path()).collect(),
        Err(error) => return visit(Found::Unlisted { path: dir.to_path_buf(), error }),
    };
    entries.sort();
    for path in entries {
        match fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => walk(&path, entered, visit),
            meta => visit(Found::File { path, meta }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files_under(dir: &Path) -> Vec<String> {
        let mut files = Vec::new();
        walk(dir, &mut HashSet::new(), &mut |found| match found {
            Found::File { path, .. } => files.push(path.strip_prefix(dir).unwrap().to_string_lossy().into_owned()),
            Found::Unlisted { path, error } => panic!("{}: {error}", path.display()),
        });
        files
    }

    #[test]
    fn a_link_cycle_ends_and_every_folder_is_entered_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("b/c")).unwrap();
        fs::write(root.join("b/c/z.txt"), "z").unwrap();
        fs::write(root.join("a.txt"), "a").unwrap();
        std::os::unix::fs::symlink(".", root.join("loop")).unwrap();
        std::os::unix::fs::symlink("..", root.join("b/up")).unwrap();
        std::os::unix::fs::symlink("missing", root.join("broken")).unwrap();
        assert_eq!(files_under(root), ["a.txt", "b/c/z.txt", "broken"]);
    }
}
