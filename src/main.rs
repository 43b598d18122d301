//! The `newsgraph` binary: hands the command line to `newsgraph::cli`.

/// Extraction allocates many small strings and vectors: mimalloc serves them faster than
/// the system allocator (see `bench/`). It also replaces `malloc`/`free` (the `override`
/// feature), so C and C++ code — RocksDB — allocates from the same heap: Oxigraph frees
/// RocksDB's `malloc`'d error texts as Rust `CString`s, and with two heaps any store error
/// (a full disk) was a segfault.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    match newsgraph::cli::run() {
        Ok(code) => std::process::exit(code),
        // The reader of our output went away (`newsgraph query … | head`): not an error.
        Err(e) if newsgraph::cli::is_broken_pipe(&e) => std::process::exit(0),
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::exit(2);
        }
    }
}
