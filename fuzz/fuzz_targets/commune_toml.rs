//! A commune-year TOML file of arbitrary bytes, through validation and evaluation.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ntm_report_fuzz::commune_toml(data));
