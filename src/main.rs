//! The `ntm-report` command: a thin shell over [`ntm_report::cli::run`].

// Building a province's report allocates millions of small strings and decimals; mimalloc
// handles that load several times faster than the system allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(ntm_report::cli::run(std::env::args_os()));
}
