//! What the end-to-end tests share: running the `newsgraph` binary with this tree's
//! ontology and reading its output.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `newsgraph ARGS` run from `cwd`, its output kept.
pub fn newsgraph(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsgraph")).args(args).current_dir(cwd).env("NEWSGRAPH_ONTOLOGY", root().join("ontology")).env_remove("NEWSGRAPH_STORE").output().expect("run newsgraph")
}

/// The standard output of a run that must succeed.
pub fn ok(out: &Output) -> String {
    assert!(out.status.success(), "newsgraph failed: {}\n{}", String::from_utf8_lossy(&out.stderr), String::from_utf8_lossy(&out.stdout));
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

pub fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}
