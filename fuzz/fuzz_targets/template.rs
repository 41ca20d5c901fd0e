//! A user template of arbitrary text in place of one of the built-in ones, compiled into
//! the report and written as Markdown, Word and Excel: it renders or ends with an error,
//! within the sandbox's limits of work, depth and size.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ntm_report_fuzz::template(data));
