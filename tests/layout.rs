//! The layout ARCHITECTURE.md promises: each outside library has one home in `src/`.

use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, in name order.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}

/// The files of `src/` that name `library` in a `use` or a path (`library::`).
fn users_of(library: &str) -> Vec<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    rust_files(&src)
        .into_iter()
        .filter(|path| std::fs::read_to_string(path).unwrap().lines().any(|line| !line.trim_start().starts_with("//") && line.contains(&format!("{library}::"))))
        .map(|path| path.strip_prefix(&src).unwrap().display().to_string())
        .collect()
}

#[test]
fn oxigraph_is_used_by_the_store_alone_and_clap_by_the_cli_alone() {
    assert_eq!(users_of("oxigraph"), ["store.rs"]);
    assert_eq!(users_of("clap"), ["cli.rs"]);
}
