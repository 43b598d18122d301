//! Serve: `newsgraph serve`, a read-only SPARQL endpoint and the explorer page over the store.
//!
//! Owns the HTTP side (oxhttp: one thread per connection, at most `MAX_CONNECTIONS`): the
//! SPARQL 1.1 Protocol at `/sparql` (GET, POST form, POST `application/sparql-query`;
//! content negotiation; 400, 403 for updates, 405, 406, 413, 415, 503), the Graph Store
//! Protocol's GET at `/graph?graph=IRI`, the explorer page at `/` with its vendored
//! JavaScript (`explorer.*`, `vendor/`), the pool of query workers that enforces the
//! timeout, and the watched folder whose articles it ingests while serving (`--watch`).
//! It knows nothing of RDF: queries go through `store` (`EndpointQuery`, `Media`).
//!
//! Timeout: a query runs on one of `workers` threads; the connection thread waits for its
//! answer until the deadline, then answers 503 and stops the query (`Stop`: Oxigraph fails
//! its next store read; the answer's writer fails its next write). A query busy inside an
//! in-memory join sees neither until it reads or writes again: its worker stays taken until
//! then, demoted to nice 19 so live queries get the cores, and is replaced by a fresh worker
//! when it ends. Queries wait for a free worker within their own deadline, so runaway
//! queries hold at most `workers` threads and never the server.

use crate::store::{AnswerKind, EndpointQuery, Media, Stop, Store};
use anyhow::{Context, Result};
use oxhttp::model::{header, Body, HeaderValue, Method, Request, Response, StatusCode};
use std::io::{Read, Write};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod watch;

/// What `newsgraph serve` was asked.
pub struct Options {
    pub store: PathBuf,
    pub bind: SocketAddr,
    pub timeout: Duration,
    /// Query workers, the most queries evaluated at once (default: twice the cores, at least 4).
    pub workers: Option<usize>,
    /// A folder whose articles are ingested while serving (added or changed files).
    pub watch: Option<PathBuf>,
    /// The extraction knowledge, for `watch`.
    pub ontology: PathBuf,
}

/// Connections served at once (each holds a thread); more wait to be accepted.
const MAX_CONNECTIONS: usize = 256;
/// The largest request body read (a query or a form).
const MAX_BODY: u64 = 1 << 20;
/// The largest answer written: past it a query is stopped (use LIMIT).
const MAX_ANSWER: usize = 256 << 20;

/// A duration such as `30s`, `500ms`, `2m` or `2.5` (seconds).
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let t = text.trim();
    let (number, unit) = match t.find(|c: char| c.is_ascii_alphabetic()) {
        Some(i) => t.split_at(i),
        None => (t, "s"),
    };
    let scale = match unit {
        "ms" => 0.001,
        "s" => 1.0,
        "m" | "min" => 60.0,
        _ => return Err(format!("expected a duration like 30s, 500ms or 2m, got {text:?}")),
    };
    number
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite() && *n > 0.0)
        .map(|n| Duration::from_secs_f64(n * scale))
        .ok_or_else(|| format!("expected a positive duration like 30s, 500ms or 2m, got {text:?}"))
}

/// Serves until the process is ended.
pub fn run(options: Options) -> Result<i32> {
    let store = Arc::new(Store::open_existing(&options.store)?);
    if let Some(dir) = &options.watch {
        watch::spawn(Arc::clone(&store), dir.clone(), &options.ontology)?;
    }
    let endpoint = Arc::new(Endpoint { store, pool: Pool::new(options.workers.unwrap_or_else(default_workers).max(1)), timeout: options.timeout });
    let handler = Arc::clone(&endpoint);
    let server = oxhttp::Server::new(move |request| handler.handle(request))
        .bind(options.bind)
        .with_max_concurrent_connections(MAX_CONNECTIONS)
        .with_global_timeout(options.timeout.max(Duration::from_secs(60)))
        .spawn()
        .with_context(|| format!("cannot listen on {}", options.bind))?;
    if !options.bind.ip().is_loopback() {
        eprintln!("warning: serving on {}, reachable from other machines (the endpoint only reads, but it has no access control)", options.bind);
    }
    eprintln!(
        "serving {} at http://{}/ (SPARQL endpoint: http://{}/sparql; read-only; queries stopped after {}s; {} query workers)",
        options.store.display(),
        options.bind,
        options.bind,
        options.timeout.as_secs_f64(),
        endpoint.pool.size
    );
    server.join().context("the server stopped")?;
    Ok(0)
}

/// Twice the cores, at least 4: a query waiting on the disk leaves its core to another.
fn default_workers() -> usize {
    std::thread::available_parallelism().map_or(4, |n| (2 * n.get()).max(4))
}

struct Endpoint {
    store: Arc<Store>,
    pool: Pool,
    timeout: Duration,
}

/// The explorer page and its scripts, built into the binary.
const ASSETS: &[(&str, &str, &[u8])] = &[
    ("/", "text/html; charset=utf-8", include_bytes!("explorer.html")),
    ("/explorer.js", "text/javascript; charset=utf-8", include_bytes!("explorer.js")),
    ("/explorer.css", "text/css; charset=utf-8", include_bytes!("explorer.css")),
    ("/vendor/cytoscape.min.js", "text/javascript; charset=utf-8", include_bytes!("vendor/cytoscape.min.js")),
];

/// What the explorer page is told at start: the classes with their colours (as every export
/// draws them), the predicates, the README's SPARQL questions as examples, and the IRI
/// prefixes of entities and of the ontology's terms.
fn explorer_meta() -> String {
    use crate::model::{EntityType, Predicate};
    let classes: Vec<_> = EntityType::ALL.iter().map(|t| serde_json::json!({"name": t.as_str(), "colour": crate::export::type_hex(*t)})).collect();
    let predicates: Vec<&str> = Predicate::ALL.iter().map(|p| p.as_str()).collect();
    let examples: Vec<_> = readme_questions().into_iter().map(|(title, query)| serde_json::json!({"title": title, "query": query})).collect();
    let prefixes = serde_json::json!({"entity": crate::store::entity_iri(""), "ng": crate::store::vocab::NG});
    serde_json::json!({"classes": classes, "predicates": predicates, "examples": examples, "prefixes": prefixes}).to_string()
}

/// The README's ```sparql blocks, each with its first comment line as its title.
fn readme_questions() -> Vec<(String, String)> {
    const README: &str = include_str!("../../README.md");
    README
        .split("```sparql\n")
        .skip(1)
        .filter_map(|rest| rest.split("```").next())
        .map(|query| {
            let title = query.lines().next().and_then(|l| l.strip_prefix('#')).unwrap_or("query").trim().to_string();
            (title, query.to_string())
        })
        .collect()
}

/// A failed request: its status and a plain message for the client.
struct Refusal(StatusCode, String);

impl Refusal {
    fn new(status: StatusCode, message: impl Into<String>) -> Refusal {
        Refusal(status, message.into())
    }
}

/// A protocol request, decoded: the query and the dataset the client named.
struct Protocol {
    query: String,
    default_graphs: Vec<String>,
    named_graphs: Vec<String>,
}

impl Endpoint {
    fn handle(&self, request: &mut Request<Body>) -> Response<Body> {
        let answer = match request.uri().path() {
            "/sparql" => self.sparql(request),
            "/graph" => self.graph_store(request),
            "/explorer.json" => Ok(respond(StatusCode::OK, "application/json", explorer_meta().into_bytes())),
            path => match ASSETS.iter().find(|(p, _, _)| *p == path) {
                Some((_, media, bytes)) if request.method() == Method::GET || request.method() == Method::HEAD => Ok(respond(StatusCode::OK, media, bytes.to_vec())),
                Some(_) => Err(Refusal::new(StatusCode::METHOD_NOT_ALLOWED, "this page is only read (GET)")),
                None => Err(Refusal::new(StatusCode::NOT_FOUND, format!("nothing at {path}: the SPARQL endpoint is /sparql, the explorer is /"))),
            },
        };
        let mut response = answer.unwrap_or_else(|Refusal(status, message)| respond(status, "text/plain; charset=utf-8", format!("{message}\n").into_bytes()));
        if response.status() == StatusCode::METHOD_NOT_ALLOWED {
            response.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD, POST"));
        }
        if response.status() == StatusCode::SERVICE_UNAVAILABLE {
            response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        // Any page may query the endpoint (YASGUI, notebooks): it only reads.
        response.headers_mut().insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
        response
    }

    /// `/sparql`: the SPARQL 1.1 Protocol's query operation.
    fn sparql(&self, request: &mut Request<Body>) -> Result<Response<Body>, Refusal> {
        let protocol = read_protocol(request)?;
        let accept = header_text(request, header::ACCEPT);
        self.evaluate(&protocol, &accept)
    }

    /// `/graph?graph=IRI`: the Graph Store Protocol's GET of one named graph (a document's).
    fn graph_store(&self, request: &mut Request<Body>) -> Result<Response<Body>, Refusal> {
        if request.method() != Method::GET && request.method() != Method::HEAD {
            let status = if request.method() == Method::POST || request.method() == Method::PUT || request.method() == Method::DELETE { StatusCode::FORBIDDEN } else { StatusCode::METHOD_NOT_ALLOWED };
            return Err(Refusal::new(status, "read-only: the store is changed with `newsgraph ingest` or `newsgraph build`, or by `newsgraph serve --watch DIR`"));
        }
        let params = query_params(request);
        let graphs: Vec<&String> = params.iter().filter(|(k, _)| k == "graph").map(|(_, v)| v).collect();
        let [graph] = graphs[..] else {
            let default = params.iter().any(|(k, _)| k == "default");
            let why = if default {
                "the default graph is the union of every graph: get it with a CONSTRUCT query at /sparql, or `newsgraph export --format nquads`"
            } else {
                "give one graph: /graph?graph=IRI (a document's IRI, https://newsgraph.dev/id/doc/…)"
            };
            return Err(Refusal::new(StatusCode::BAD_REQUEST, why));
        };
        if graph.contains(|c: char| c == '>' || c == '<' || c.is_whitespace()) || !self.store.has_named_graph(graph).map_err(internal)? {
            return Err(Refusal::new(StatusCode::NOT_FOUND, format!("no graph {graph:?} in the store")));
        }
        let protocol = Protocol { query: format!("CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"), default_graphs: vec![], named_graphs: vec![] };
        self.evaluate(&protocol, &header_text(request, header::ACCEPT))
    }

    /// Runs a query on a worker and answers it, or 503 at the deadline (which counts from
    /// the request: waiting for a free worker is part of it).
    fn evaluate(&self, protocol: &Protocol, accept: &str) -> Result<Response<Body>, Refusal> {
        let stop = Stop::default();
        let query = EndpointQuery::parse(&protocol.query, &protocol.default_graphs, &protocol.named_graphs, &stop).map_err(|e| Refusal::new(StatusCode::BAD_REQUEST, format!("{e:#}")))?;
        let deadline = Instant::now() + self.timeout;
        let (send, answer) = mpsc::sync_channel(1);
        let store = Arc::clone(&self.store);
        let wanted = accept.to_string();
        let running = Arc::new(Running::default());
        let on_worker = Arc::clone(&running);
        let job = move || {
            if Instant::now() >= deadline {
                return;
            }
            on_worker.start();
            let mut out = Bounded { bytes: Vec::new(), deadline };
            let result = store.run_endpoint_query(query, |kind| negotiate(&wanted, kind), &mut out);
            // (Any time past the deadline: the request was answered 503 then, however soon
            // after it the query noticed it was stopped.)
            let late = Instant::now().saturating_duration_since(deadline);
            if !late.is_zero() {
                eprintln!("a query stopped at the timeout ended {:.1}s after the deadline and released its worker", late.as_secs_f64());
            }
            on_worker.end();
            // The connection thread may have answered 503 and gone: nobody to tell then.
            let _ = send.send(result.map(|media| media.map(|m| (m, out.bytes))));
        };
        if !self.pool.run(Box::new(job)) {
            return Err(Refusal::new(StatusCode::SERVICE_UNAVAILABLE, "too many queries are waiting for a worker: try again in a moment"));
        }
        let result = answer.recv_timeout(deadline.saturating_duration_since(Instant::now()));
        let late = Instant::now() >= deadline;
        match result {
            Ok(Ok(Ok((media, bytes)))) => Ok(respond(StatusCode::OK, media.content_type(), bytes)),
            Ok(Ok(Err(kind))) => {
                let offered: Vec<&str> = Media::ALL.iter().filter(|m| m.answer_kind() == kind).map(|m| m.content_type()).collect();
                Err(Refusal::new(StatusCode::NOT_ACCEPTABLE, format!("no media type of Accept: {accept} fits this answer; it is written as {}", offered.join(", "))))
            }
            Ok(Err(e)) if !late => Err(Refusal::new(StatusCode::INTERNAL_SERVER_ERROR, format!("the query failed: {e:#}"))),
            Ok(Err(e)) => Err(stopped(self.timeout, &format!("{e:#}"))),
            Err(_) if !running.started.load(Ordering::SeqCst) => Err(Refusal::new(
                StatusCode::SERVICE_UNAVAILABLE,
                format!("the query waited {}s (the server's timeout) for one of the {} query workers, all busy: try again in a moment", self.timeout.as_secs_f64(), self.pool.size),
            )),
            Err(RecvTimeoutError::Timeout) => {
                stop.stop();
                running.demote();
                Err(stopped(self.timeout, ""))
            }
            Err(RecvTimeoutError::Disconnected) => Err(Refusal::new(StatusCode::INTERNAL_SERVER_ERROR, "the query's worker failed")),
        }
    }
}

fn stopped(timeout: Duration, detail: &str) -> Refusal {
    let detail = if detail.contains("answer passed") { format!(" ({detail})") } else { String::new() };
    Refusal::new(StatusCode::SERVICE_UNAVAILABLE, format!("the query ran longer than the server's timeout of {}s and was stopped{detail}; narrow it or add LIMIT", timeout.as_secs_f64()))
}

fn internal(e: anyhow::Error) -> Refusal {
    Refusal::new(StatusCode::INTERNAL_SERVER_ERROR, format!("{e:#}"))
}

fn respond(status: StatusCode, media: &str, bytes: Vec<u8>) -> Response<Body> {
    Response::builder().status(status).header(header::CONTENT_TYPE, media).body(Body::from(bytes)).expect("a valid response")
}

fn header_text(request: &Request<Body>, name: header::HeaderName) -> String {
    request.headers().get_all(name).iter().filter_map(|v| v.to_str().ok()).collect::<Vec<_>>().join(", ")
}

fn query_params(request: &Request<Body>) -> Vec<(String, String)> {
    form_urlencoded::parse(request.uri().query().unwrap_or("").as_bytes()).into_owned().collect()
}

/// The protocol's three ways of sending a query; updates refused.
fn read_protocol(request: &mut Request<Body>) -> Result<Protocol, Refusal> {
    let mut params = query_params(request);
    let read_only =
        || Refusal::new(StatusCode::FORBIDDEN, "read-only endpoint: SPARQL UPDATE is refused (the store is changed with `newsgraph ingest` or `newsgraph build`, or by `newsgraph serve --watch DIR`)");
    let mut query = None;
    if request.method() == Method::POST {
        let media = header_text(request, header::CONTENT_TYPE);
        let media = media.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        let body = read_body(request)?;
        match media.as_str() {
            "application/x-www-form-urlencoded" => params.extend(form_urlencoded::parse(&body).into_owned()),
            "application/sparql-query" => query = Some(String::from_utf8(body).map_err(|_| Refusal::new(StatusCode::BAD_REQUEST, "the query is not UTF-8"))?),
            "application/sparql-update" => return Err(read_only()),
            other => {
                let given = if other.is_empty() { "no Content-Type".to_string() } else { format!("Content-Type {other}") };
                return Err(Refusal::new(StatusCode::UNSUPPORTED_MEDIA_TYPE, format!("{given}: send a query as application/sparql-query or application/x-www-form-urlencoded (query=…)")));
            }
        }
    } else if request.method() != Method::GET && request.method() != Method::HEAD {
        return Err(Refusal::new(StatusCode::METHOD_NOT_ALLOWED, format!("{} is not part of the protocol: use GET or POST", request.method())));
    }
    if params.iter().any(|(k, _)| k == "update") {
        return Err(read_only());
    }
    let values = |key: &str| -> Vec<String> { params.iter().filter(|(k, _)| k == key).map(|(_, v)| v.clone()).collect() };
    let mut queries = values("query");
    if let Some(q) = query {
        queries.push(q);
    }
    if queries.len() != 1 {
        let why = if queries.is_empty() { "no query: give one as ?query=…, a form field query=…, or an application/sparql-query body" } else { "more than one query given" };
        return Err(Refusal::new(StatusCode::BAD_REQUEST, why));
    }
    Ok(Protocol { query: queries.remove(0), default_graphs: values("default-graph-uri"), named_graphs: values("named-graph-uri") })
}

fn read_body(request: &mut Request<Body>) -> Result<Vec<u8>, Refusal> {
    let mut body = Vec::new();
    request.body_mut().take(MAX_BODY + 1).read_to_end(&mut body).map_err(|e| Refusal::new(StatusCode::BAD_REQUEST, format!("cannot read the request body: {e}")))?;
    if body.len() as u64 > MAX_BODY {
        return Err(Refusal::new(StatusCode::PAYLOAD_TOO_LARGE, format!("the request body is over {MAX_BODY} bytes")));
    }
    Ok(body)
}

/// The media type to write an answer of `kind` in, by the Accept header (q-values, `*/*`,
/// `type/*`); no header means the kind's first. `None`: nothing acceptable (406).
pub fn negotiate(accept: &str, kind: AnswerKind) -> Option<Media> {
    let offered: Vec<Media> = Media::ALL.iter().copied().filter(|m| m.answer_kind() == kind).collect();
    if accept.trim().is_empty() {
        return offered.first().copied();
    }
    let mut best: Option<(f32, usize, Media)> = None;
    for (order, range) in accept.split(',').enumerate() {
        let mut parts = range.split(';');
        let name = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = parts.filter_map(|p| p.trim().strip_prefix("q=")).find_map(|v| v.trim().parse::<f32>().ok()).unwrap_or(1.0);
        if q <= 0.0 {
            continue;
        }
        let matches = |m: &Media| {
            let t = m.content_type();
            name == "*/*"
                || name == t
                || name.strip_suffix("/*").is_some_and(|major| t.split('/').next() == Some(major))
                || (name == "application/json" && *m == Media::ResultsJson)
                || (name == "application/xml" && *m == Media::ResultsXml)
        };
        // Exact names beat wildcards at equal q; then the client's order.
        let exact = !name.contains('*');
        if let Some(m) = offered.iter().copied().find(matches) {
            let key = (q + if exact { 0.0001 } else { 0.0 }, usize::MAX - order, m);
            if best.is_none_or(|(bq, bo, _)| (key.0, key.1) > (bq, bo)) {
                best = Some(key);
            }
        }
    }
    best.map(|(_, _, m)| m)
}

/// The answer being written: fails a write past the deadline (a stopped query stops
/// there) or past `MAX_ANSWER` bytes.
struct Bounded {
    bytes: Vec<u8>,
    deadline: Instant,
}

impl Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if Instant::now() >= self.deadline {
            return Err(std::io::Error::other("stopped at the timeout"));
        }
        if self.bytes.len() + buf.len() > MAX_ANSWER {
            return Err(std::io::Error::other(format!("the answer passed {} MiB", MAX_ANSWER >> 20)));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A query's worker, as its connection thread sees it. Past the deadline the worker is
/// demoted to the lowest CPU priority (nice 19) while its query runs on, so live queries get
/// the cores; when that query ends, the worker thread ends and the pool starts a fresh one.
#[derive(Default)]
struct Running {
    started: AtomicBool,
    /// The worker's thread id while the query runs, and whether it was demoted.
    thread: Mutex<(Option<libc::pid_t>, bool)>,
}

impl Running {
    fn start(&self) {
        self.started.store(true, Ordering::SeqCst);
        // SAFETY: gettid has no preconditions.
        let tid = unsafe { libc::gettid() };
        *self.thread.lock().unwrap_or_else(|e| e.into_inner()) = (Some(tid), false);
    }

    fn end(&self) {
        let mut thread = self.thread.lock().unwrap_or_else(|e| e.into_inner());
        if thread.1 {
            RETIRE.with(|r| r.set(true));
        }
        thread.0 = None;
    }

    fn demote(&self) {
        let mut thread = self.thread.lock().unwrap_or_else(|e| e.into_inner());
        if let (Some(tid), false) = *thread {
            // SAFETY: setpriority only reads its arguments; on Linux, PRIO_PROCESS with a
            // thread id sets that thread's nice value.
            let done = unsafe { libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, 19) } == 0;
            thread.1 = done;
        }
    }
}

thread_local! {
    /// Set on a worker whose query was demoted: the worker ends after it.
    static RETIRE: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

type Job = Box<dyn FnOnce() + Send>;

/// Requests that may wait for a worker at once; past them a query is refused (503).
const QUEUE: usize = MAX_CONNECTIONS;

/// A fixed number of query workers taking jobs from a bounded queue. A worker busy with a
/// query past its deadline stays taken (at nice 19) until the query ends, then is replaced;
/// the jobs that wait meanwhile are dropped unrun once their own deadline has passed.
struct Pool {
    size: usize,
    jobs: SyncSender<Job>,
}

impl Pool {
    fn new(size: usize) -> Pool {
        let (jobs, queue) = mpsc::sync_channel::<Job>(QUEUE);
        let queue: Arc<Mutex<Receiver<Job>>> = Arc::new(Mutex::new(queue));
        // Workers are started by one thread of normal priority: a thread inherits the nice
        // value of the thread that starts it, and a retiring worker's is 19.
        let (respawn, retired) = mpsc::channel::<usize>();
        for i in 0..size {
            respawn.send(i).expect("the receiver is here");
        }
        std::thread::Builder::new()
            .name("worker starter".into())
            .spawn(move || {
                let again = respawn.clone();
                for i in retired {
                    let (queue, again) = (Arc::clone(&queue), again.clone());
                    let started = std::thread::Builder::new().name(format!("query worker {i}")).spawn(move || work(&queue, &again, i));
                    if let Err(e) = started {
                        eprintln!("error: cannot start query worker {i}: {e}");
                    }
                }
            })
            .expect("spawn the query worker starter");
        Pool { size, jobs }
    }

    /// Queues the job; false when the queue is full.
    fn run(&self, job: Job) -> bool {
        self.jobs.try_send(job).is_ok()
    }
}

/// A worker: runs queued jobs until one of them retires it, then asks for its replacement.
fn work(queue: &Mutex<Receiver<Job>>, respawn: &mpsc::Sender<usize>, i: usize) {
    loop {
        let job = match queue.lock() {
            Ok(queue) => queue.recv(),
            Err(_) => return,
        };
        let Ok(job) = job else { return };
        // A panic in a query is that query's failure, not the worker's.
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
        if RETIRE.with(|r| r.replace(false)) {
            let _ = respawn.send(i);
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    #[test]
    fn accept_headers_choose_the_media_type() {
        use AnswerKind::{Graph, Results};
        assert_eq!(negotiate("", Results), Some(Media::ResultsJson));
        assert_eq!(negotiate("", Graph), Some(Media::Turtle));
        assert_eq!(negotiate("*/*", Graph), Some(Media::Turtle));
        assert_eq!(negotiate("application/sparql-results+xml", Results), Some(Media::ResultsXml));
        assert_eq!(negotiate("text/csv;q=0.5, text/tab-separated-values", Results), Some(Media::ResultsTsv));
        assert_eq!(negotiate("application/n-triples, */*;q=0.1", Graph), Some(Media::NTriples));
        assert_eq!(negotiate("text/*;q=0.9, application/ld+json", Graph), Some(Media::JsonLd));
        assert_eq!(negotiate("application/json", Results), Some(Media::ResultsJson));
        assert_eq!(negotiate("image/png", Results), None);
        assert_eq!(negotiate("text/turtle", Results), None);
        assert_eq!(negotiate("text/csv;q=0", Results), None);
    }

    #[test]
    fn the_explorer_offers_the_readme_questions() {
        let questions = readme_questions();
        assert!(questions.len() >= 4, "{questions:?}");
        assert!(questions.iter().any(|(title, query)| title.contains("Nakhodka") && query.contains("SELECT")), "{questions:?}");
    }

    #[test]
    fn durations_are_read_with_their_unit() {
        assert_eq!(parse_duration("30s"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_duration("2.5"), Ok(Duration::from_millis(2500)));
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert!(parse_duration("0s").is_err() && parse_duration("soon").is_err() && parse_duration("3h").is_err());
    }

    #[test]
    fn the_pool_runs_at_most_its_size_at_once_and_queues_the_rest() {
        let pool = Pool::new(2);
        let (release, wait) = mpsc::channel::<()>();
        let wait = Arc::new(Mutex::new(wait));
        let (done, finished) = mpsc::channel();
        let running = Arc::new(AtomicUsize::new(0));
        for _ in 0..2 {
            let (wait, running) = (Arc::clone(&wait), Arc::clone(&running));
            assert!(pool.run(Box::new(move || {
                running.fetch_add(1, Ordering::SeqCst);
                let _ = wait.lock().unwrap().recv();
            })));
        }
        let third = done.clone();
        assert!(pool.run(Box::new(move || third.send(()).unwrap())));
        assert!(finished.recv_timeout(Duration::from_millis(300)).is_err(), "the third job waits while both workers are taken");
        release.send(()).unwrap();
        finished.recv_timeout(Duration::from_secs(10)).expect("the third job runs once a worker is free");
        release.send(()).unwrap();
        assert_eq!(running.load(Ordering::SeqCst), 2);
    }
}
