//! Push: document graphs sent to a store that serves many users, over the SPARQL 1.1 Graph
//! Store Protocol.
//!
//! `Endpoint::put` sends one document's graph with an HTTP PUT to `URL?graph=<document IRI>`
//! (N-Triples), so sending a document again replaces its graph on the server, as `ingest`
//! replaces it locally. A refused connection, a timeout or a 5xx answer is tried again, with
//! growing waits; a 4xx answer is not. Every error names the document and the server's answer.
//! HTTP/1.1 over a plain TCP stream (`http://` only), one connection per request: no client
//! crate (oxhttp's client feature brings `url`, whose build features make RocksDB compile again).

use crate::store::DocumentGraph;
use anyhow::{bail, Context, Result};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::Duration;

/// How many times a document is sent before its error is given up on.
pub const ATTEMPTS: u32 = 4;

/// A Graph Store Protocol endpoint (Oxigraph's is `http://HOST:PORT/store`).
pub struct Endpoint {
    url: String,
    /// `host:port` to connect to.
    address: String,
    /// The path and query of the URL (`/store`).
    path: String,
}

/// How long a request may wait on the server.
const TIMEOUT: Duration = Duration::from_secs(60);

/// What the server did with a graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Put {
    /// 201: the graph is new.
    Created,
    /// 200 or 204: a graph of that name was replaced.
    Replaced,
}

impl Endpoint {
    /// The endpoint at `url` (http only), the ontology's graph (`newsgraph.ttl` of the
    /// `ontology` folder) sent to it first, as a local store is made with it.
    pub fn connect(url: &str, ontology: &Path) -> Result<Endpoint> {
        let endpoint = Endpoint::new(url)?;
        endpoint.put(&DocumentGraph::ontology(&ontology.join("newsgraph.ttl"))?, "the ontology")?;
        Ok(endpoint)
    }

    /// The endpoint at `url` (http only).
    fn new(url: &str) -> Result<Endpoint> {
        let Some(rest) = url.strip_prefix("http://") else {
            bail!("--endpoint {url}: give an http:// URL of a Graph Store Protocol endpoint (e.g. http://127.0.0.1:7878/store for Oxigraph's server)");
        };
        let (host, path) = rest.find(['/', '?']).map_or((rest, "/"), |at| rest.split_at(at));
        if host.is_empty() {
            bail!("--endpoint {url}: no host");
        }
        let address = if host.rsplit_once(':').is_some_and(|(_, port)| port.parse::<u16>().is_ok()) { host.to_string() } else { format!("{host}:80") };
        let path = if path.starts_with('?') { format!("/{path}") } else { path.to_string() };
        Ok(Endpoint { url: url.to_string(), address, path })
    }

    /// Sends `graph` (of the document `name`) to replace the graph of its IRI on the server.
    pub fn put(&self, graph: &DocumentGraph, name: &str) -> Result<Put> {
        let separator = if self.path.contains('?') { '&' } else { '?' };
        let target = format!("{}{separator}graph={}", self.path, form_urlencoded::byte_serialize(graph.iri().as_bytes()).collect::<String>());
        let body = graph.ntriples();
        let mut wait = Duration::from_millis(250);
        let mut attempt = 1;
        loop {
            let failure = match self.request("PUT", &target, "application/n-triples", &body) {
                Ok((201, _)) => return Ok(Put::Created),
                Ok((200 | 204, _)) => return Ok(Put::Replaced),
                Ok((status, text)) => {
                    let failure = format!("HTTP {status}: {}", text.chars().take(300).collect::<String>().trim());
                    if !(500..600).contains(&status) {
                        bail!("{name}: {} refused the graph {}: {failure}", self.url, graph.iri());
                    }
                    failure
                }
                Err(e) => format!("{e:#}"),
            };
            if attempt >= ATTEMPTS {
                bail!("{name}: could not send the graph {} to {} ({attempt} tries): {failure}", graph.iri(), self.url);
            }
            std::thread::sleep(wait);
            wait *= 2;
            attempt += 1;
        }
    }

    /// One HTTP/1.1 request on its own connection: the status code and the body's text.
    fn request(&self, method: &str, target: &str, content_type: &str, body: &[u8]) -> Result<(u16, String)> {
        let mut stream = TcpStream::connect(&self.address).with_context(|| format!("cannot connect to {}", self.address))?;
        stream.set_read_timeout(Some(TIMEOUT))?;
        stream.set_write_timeout(Some(TIMEOUT))?;
        let host = &self.address;
        let head = format!(
            "{method} {target} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: newsgraph/{}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            env!("CARGO_PKG_VERSION"),
            body.len()
        );
        stream.write_all(head.as_bytes())?;
        stream.write_all(body)?;
        stream.flush()?;
        let mut reader = BufReader::new(stream);
        let mut status_line = String::new();
        reader.read_line(&mut status_line)?;
        let status = status_line.split_whitespace().nth(1).and_then(|s| s.parse::<u16>().ok()).with_context(|| format!("not an HTTP answer: {:?}", status_line.trim()))?;
        // The headers, then the body as far as the server sends it before closing.
        let mut line = String::new();
        while reader.read_line(&mut line)? > 2 {
            line.clear();
        }
        let mut text = String::new();
        reader.take(64 * 1024).read_to_string(&mut text).ok();
        Ok((status, text))
    }
}
