//! The `newsgraph` binary: hands the command line to `newsgraph::cli`.

fn main() {
    match newsgraph::cli::run() {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::exit(2);
        }
    }
}
