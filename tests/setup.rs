//! The setup scripts: `tests/find-libclang.sh` finds what bindgen loads (not LLVM's
//! libclang-cpp), and the README's build command installs only what building needs.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn touch(path: &Path) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, "").unwrap();
}

#[test]
fn libclang_is_what_bindgen_loads_not_libclang_cpp() {
    let sysroot = tempfile::tempdir().unwrap();
    let find = || Command::new("bash").arg(root().join("tests/find-libclang.sh")).arg(sysroot.path()).output().unwrap();
    // A machine with LLVM but without libclang-dev: only the C++ library.
    touch(&sysroot.path().join("usr/lib/llvm-14/lib/libclang-cpp.so.14"));
    touch(&sysroot.path().join("usr/lib/x86_64-linux-gnu/libclang-cpp.so.14"));
    touch(&sysroot.path().join("usr/lib/llvm-14/lib/libclangAST.a"));
    assert!(!find().status.success(), "libclang-cpp is not libclang");
    // The library alone is not enough: clang's headers (stddef.h) come with libclang-dev.
    touch(&sysroot.path().join("usr/lib/x86_64-linux-gnu/libclang-14.so.1"));
    assert!(!find().status.success(), "no clang headers");
    touch(&sysroot.path().join("usr/lib/llvm-14/lib/clang/14.0.6/include/stddef.h"));
    let out = find();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).trim_end().ends_with("usr/lib/x86_64-linux-gnu/libclang-14.so.1"));
}

#[test]
fn the_build_command_sets_up_only_the_build() {
    let readme = fs::read_to_string(root().join("README.md")).unwrap();
    assert!(readme.contains("\nbash tests/setup.sh --build && cargo run --release -- build\n"), "README's first command");
    assert!(readme.contains("\nbash tests/run.sh\n"), "README's test command");
    let run = fs::read_to_string(root().join("tests/run.sh")).unwrap();
    assert!(run.contains("bash \"$here/tests/setup.sh\"\n"), "the test command sets up everything");
    // A copy of the scripts without the test readers' files: `--build` never reaches them
    // (the full setup would make a venv from tests/requirements.txt and fail without it).
    let copy = tempfile::tempdir().unwrap();
    for script in ["setup.sh", "find-libclang.sh"] {
        touch(&copy.path().join("tests").join(script));
        fs::copy(root().join("tests").join(script), copy.path().join("tests").join(script)).unwrap();
    }
    let out = Command::new("bash").arg(copy.path().join("tests/setup.sh")).arg("--build").output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!copy.path().join("target").exists(), "no Python venv for a build");
    let out = Command::new("bash").arg(copy.path().join("tests/setup.sh")).arg("--bogus").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}
