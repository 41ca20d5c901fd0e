//! A ruleset file (the commune set or the village set) of arbitrary bytes, through
//! validation and evaluation of the folder that uses it.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ntm_report_fuzz::ruleset_toml(data));
