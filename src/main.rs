//! The `newsgraph` binary: hands the command line to `newsgraph::cli`.

/// Extraction allocates many small strings and vectors: mimalloc serves them faster than
/// the system allocator (see `bench/`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    match newsgraph::cli::run() {
        Ok(code) => std::process::exit(code),
        // The reader of our output went away (`newsgraph query … | head`): not an error.
        Err(e) if e.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)) => std::process::exit(0),
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::exit(2);
        }
    }
}
