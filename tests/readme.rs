//! The README's examples are true: every SPARQL block answers its question on the graph
//! built from `seeds/`, and `explain` prints the evidence it promises.

use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn newsgraph(args: &[&str], store: &Path) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(args)
        .arg("--store")
        .arg(store)
        .current_dir(root())
        .env_remove("NEWSGRAPH_STORE")
        .env_remove("NEWSGRAPH_ONTOLOGY")
        .output()
        .expect("run newsgraph");
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
}

/// The ```sparql blocks of the README, in order.
fn sparql_blocks() -> Vec<String> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    readme.split("```sparql\n").skip(1).map(|rest| rest.split("```").next().unwrap().to_string()).collect()
}

#[test]
fn readme_queries_answer_their_questions_on_the_seed_graph() {
    let tmp = tempfile::tempdir().unwrap();
    let store = tmp.path().join("store");
    let exports = tmp.path().join("exports");
    let (ok, log) = newsgraph(&["build", "--corpus", "seeds", "--exports", exports.to_str().unwrap()], &store);
    assert!(ok, "{log}");
    let blocks = sparql_blocks();
    // What each question's answer must contain on the seeds, in README order.
    let expected: &[(&str, &[&str])] = &[
        ("Primorsky Krai", &["Hyundai Heavy Industries", "builds", "shipyard in Bolshoi Kamen"]),
        ("suspended", &["Yamal LNG", "suspended", "2022"]),
        ("KOGAS", &["interestedIn", "Kamchatka LNG terminal", "liquefied natural gas"]),
        ("Nakhodka", &["builds", "2022", "Hyundai also planned to build by 2022 a plant near Nakhodka"]),
    ];
    assert_eq!(blocks.len(), expected.len(), "one expectation per README query");
    for (block, (topic, wanted)) in blocks.iter().zip(expected) {
        assert!(block.contains(topic), "README query order changed: expected one about {topic}:\n{block}");
        let (ok, out) = newsgraph(&["query", "--format", "tsv", block], &store);
        assert!(ok, "query failed: {out}\n{block}");
        assert!(out.lines().count() >= 2, "no answer for the question about {topic}:\n{block}");
        for w in *wanted {
            assert!(out.contains(w), "the answer about {topic} lacks {w:?}:\n{out}");
        }
    }
    let (ok, out) = newsgraph(&["explain", "Hyundai", "Nakhodka"], &store);
    assert!(ok, "{out}");
    assert!(out.contains("plant near Nakhodka") && out.contains("builds") && out.contains("Hyundai also planned to build"), "{out}");
    let (ok, out) = newsgraph(&["explain", "Hyundai", "Atlantis"], &store);
    assert!(!ok && out.contains("no entity named \"Atlantis\""), "{out}");
}
