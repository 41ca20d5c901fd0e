//! The `ntm-report` command: a thin shell over [`ntm_report::cli::run`].

fn main() {
    std::process::exit(ntm_report::cli::run(std::env::args_os()));
}
