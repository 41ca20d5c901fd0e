//! `number::parse_decimal` on arbitrary text: never panics, and what it accepts round-trips.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ntm_report_fuzz::decimal(data));
