//! The CSV tables (roster, village roster, long commune table, village statuses,
//! documents) of arbitrary bytes, through validation and evaluation.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ntm_report_fuzz::csv_tables(data));
