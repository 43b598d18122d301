//! `newsgraph serve` as its users meet it: the real binary on a free loopback port, queried by
//! SPARQLWrapper and rdflib (`tests/readers/endpoint.py`) and used in Debian's Chromium
//! (`tests/readers/explorer.mjs`); a runaway query stopped at the timeout; articles added
//! while it serves. Every server is killed when its test ends (`Served` drops it).

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn newsgraph(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_newsgraph")).args(args).current_dir(root()).env_remove("NEWSGRAPH_STORE").env_remove("NEWSGRAPH_ONTOLOGY").output().expect("run newsgraph")
}

/// The seed graph in a fresh store under `dir`.
fn seed_store(dir: &Path) -> PathBuf {
    let store = dir.join("store");
    let out = newsgraph(&["build", "--corpus", "seeds", "--store", store.to_str().unwrap(), "--exports", dir.join("exports").to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    store
}

/// A running server, killed on drop.
struct Served {
    child: Child,
    port: u16,
    log: PathBuf,
}

impl Served {
    fn start(store: &Path, extra: &[&str]) -> Served {
        // A port the system just gave out and took back: free, barring a race with another test.
        let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let log = store.with_extension(format!("serve-{port}.log"));
        let child = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
            .args(["serve", "--store", store.to_str().unwrap(), "--bind", &format!("127.0.0.1:{port}")])
            .args(extra)
            .current_dir(root())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).unwrap())
            .spawn()
            .expect("start newsgraph serve");
        let mut served = Served { child, port, log };
        let start = Instant::now();
        while served.get("/").0 != 200 {
            assert!(served.child.try_wait().unwrap().is_none(), "the server ended: {}", served.log_text());
            assert!(start.elapsed() < Duration::from_secs(30), "the server did not answer: {}", served.log_text());
            std::thread::sleep(Duration::from_millis(50));
        }
        served
    }

    fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Status and body of a GET (0 when nothing answers).
    fn get(&self, path: &str) -> (u16, String) {
        let Ok(mut stream) = TcpStream::connect(("127.0.0.1", self.port)) else { return (0, String::new()) };
        stream.set_read_timeout(Some(Duration::from_secs(120))).unwrap();
        write!(stream, "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n").unwrap();
        let mut text = String::new();
        if stream.read_to_string(&mut text).is_err() {
            return (0, text);
        }
        let status = text.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
        let body = text.split_once("\r\n\r\n").map(|(_, b)| b.to_string()).unwrap_or_default();
        (status, body)
    }

    /// The server's threads, as /proc tells them: (name, nice).
    fn threads(&self) -> Vec<(String, i64)> {
        let tasks = std::fs::read_dir(format!("/proc/{}/task", self.child.id())).unwrap();
        tasks
            .flatten()
            .filter_map(|t| std::fs::read_to_string(t.path().join("stat")).ok())
            .filter_map(|stat| {
                let (head, rest) = stat.rsplit_once(')')?;
                let name = head.split_once('(')?.1.to_string();
                // Fields after the name start at the third (state); nice is the nineteenth.
                let nice = rest.split_whitespace().nth(16)?.parse().ok()?;
                Some((name, nice))
            })
            .collect()
    }

    fn threads_at_nice_19(&self) -> usize {
        self.threads().iter().filter(|(_, nice)| *nice == 19).count()
    }

    /// Threads whose name starts with `prefix` (Linux keeps the first 15 bytes of a name).
    fn threads_named(&self, prefix: &str) -> usize {
        self.threads().iter().filter(|(name, _)| name.starts_with(prefix)).count()
    }

    fn query(&self, sparql: &str) -> (u16, String) {
        let q: String = form_urlencoded::Serializer::new(String::new()).append_pair("query", sparql).finish();
        self.get(&format!("/sparql?{q}"))
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The README's SPARQL questions.
fn readme_questions() -> Vec<String> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    readme.split("```sparql\n").skip(1).map(|rest| rest.split("```").next().unwrap().to_string()).collect()
}

fn readers_ready() {
    let ready = root().join("target/pyenv/bin/python").exists() && root().join("tests/readers/node_modules").exists();
    assert!(ready, "the readers are missing: run `bash tests/setup.sh` (tests/run.sh does)");
}

fn run_reader(program: &Path, script: &str, args: &[&str]) {
    let out = Command::new(program).arg(root().join("tests/readers").join(script)).args(args).current_dir(root()).output().expect("run the reader");
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    println!("{text}");
    assert!(out.status.success() && !text.contains("FAIL"), "{script} failed:\n{text}");
}

#[test]
fn sparqlwrapper_and_rdflib_get_the_answers_of_newsgraph_query_and_every_status_code() {
    readers_ready();
    let tmp = tempfile::tempdir().unwrap();
    let store = seed_store(tmp.path());
    // `newsgraph query` first: the server holds the store while it runs.
    let expected = tmp.path().join("expected");
    std::fs::create_dir(&expected).unwrap();
    for (i, q) in readme_questions().iter().enumerate() {
        let out = newsgraph(&["query", "--format", "json", "--store", store.to_str().unwrap(), q]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        std::fs::write(expected.join(format!("q{}.rq", i + 1)), q).unwrap();
        std::fs::write(expected.join(format!("q{}.json", i + 1)), &out.stdout).unwrap();
    }
    let served = Served::start(&store, &[]);
    run_reader(&root().join("target/pyenv/bin/python"), "endpoint.py", &[&served.url(), expected.to_str().unwrap()]);
    // While it serves, another newsgraph is told why it cannot open the store.
    let out = newsgraph(&["ingest", "seeds", "--store", store.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && err.contains("`newsgraph serve`") && err.contains("--watch"), "{err}");
}

#[test]
fn a_runaway_query_is_stopped_at_the_timeout_and_its_worker_freed() {
    let tmp = tempfile::tempdir().unwrap();
    let store = seed_store(tmp.path());
    let served = Served::start(&store, &["--timeout", "1s", "--workers", "2"]);
    // A three-way cross join of the store: 10^11 rows, counted in memory.
    let runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }";
    let started = Instant::now();
    let (status, body) = served.query(runaway);
    assert_eq!(status, 503, "{body}");
    assert!(body.contains("ran longer than the server's timeout of 1s"), "{body}");
    assert!(started.elapsed() < Duration::from_secs(30), "answered at the deadline, not when the query ended");
    // Its worker runs on at the lowest priority, so live queries get the cores.
    assert_eq!(served.threads_at_nice_19(), 1, "the stopped query's worker is demoted");
    // Meanwhile the pages and other queries are served (a worker is free).
    assert_eq!(served.get("/").0, 200);
    let (status, body) = served.query("ASK { ?s a ng:Company }");
    assert_eq!((status, body.contains("true")), (200, true), "{body}");
    // The stopped query really ends (at its next store read): its worker comes back.
    let start = Instant::now();
    while !served.log_text().contains("released its worker") {
        assert!(start.elapsed() < Duration::from_secs(300), "the stopped query never ended: {}", served.log_text());
        std::thread::sleep(Duration::from_millis(200));
    }
    for _ in 0..2 {
        assert_eq!(served.query("ASK { ?s a ng:Company }").0, 200);
    }
    // The demoted worker ended and a fresh one took its place.
    let start = Instant::now();
    while served.threads_at_nice_19() > 0 || served.threads_named("query worker ") != 2 {
        let (demoted, workers) = (served.threads_at_nice_19(), served.threads_named("query worker "));
        assert!(start.elapsed() < Duration::from_secs(10), "{demoted} demoted threads, {workers} workers: expected 0 and 2");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn articles_put_in_the_watched_folder_appear_while_serving() {
    let tmp = tempfile::tempdir().unwrap();
    let store = seed_store(tmp.path());
    let inbox = tmp.path().join("inbox");
    std::fs::create_dir(&inbox).unwrap();
    let served = Served::start(&store, &["--watch", inbox.to_str().unwrap()]);
    let ask = "ASK { ?c rdfs:label \"Zorbanian Mining Corporation\" }";
    assert!(served.query(ask).1.contains("false"));
    std::fs::write(inbox.join("copper.txt"), "Zorbanian Mining Corporation signed a deal with Gazprom in 2023.\n\nZorbanian Mining Corporation said the deal would supply copper to Russia.\n")
        .unwrap();
    let start = Instant::now();
    while !served.query(ask).1.contains("true") {
        assert!(start.elapsed() < Duration::from_secs(60), "the watched article never appeared: {}", served.log_text());
        std::thread::sleep(Duration::from_millis(200));
    }
    // The report line follows the commit that made the article visible: wait for it too.
    let start = Instant::now();
    while !served.log_text().contains("1 added") {
        assert!(start.elapsed() < Duration::from_secs(30), "no report of the added article: {}", served.log_text());
        std::thread::sleep(Duration::from_millis(100));
    }
    let (status, body) = served.query("SELECT ?d WHERE { ?d ng:sourceFile \"copper.txt\" }");
    assert!(status == 200 && body.contains("https://newsgraph.dev/id/doc/"), "{body}");
}

#[test]
fn the_explorer_page_works_in_chromium() {
    readers_ready();
    let tmp = tempfile::tempdir().unwrap();
    let store = seed_store(tmp.path());
    let served = Served::start(&store, &[]);
    let shots = root().join("target/screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    let shot = shots.join("explorer.png");
    run_reader(Path::new("node"), "explorer.mjs", &[&format!("{}/", served.url()), shot.to_str().unwrap()]);
    assert!(shot.exists());
}

#[test]
fn serve_refuses_what_it_cannot_serve() {
    let tmp = tempfile::tempdir().unwrap();
    let out = newsgraph(&["serve", "--store", tmp.path().join("none").to_str().unwrap()]);
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("no store here"), "{}", String::from_utf8_lossy(&out.stderr));
    let out = newsgraph(&["serve", "--timeout", "soon"]);
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("expected a duration"), "{}", String::from_utf8_lossy(&out.stderr));
    let store = seed_store(tmp.path());
    let served = Served::start(&store, &[]);
    let out = newsgraph(&["serve", "--store", store.to_str().unwrap(), "--bind", &format!("127.0.0.1:{}", served.port + 1)]);
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("`newsgraph serve`"), "a second server on the same store: {}", String::from_utf8_lossy(&out.stderr));
}
