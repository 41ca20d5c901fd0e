//! Writers: from the facts (and the report model) to output bytes, streamed into any
//! `io::Write`. They never open files themselves: `output` gives them the files of the
//! staging folder.

pub mod chunked;
pub mod docx;
pub mod json;
pub mod markdown;
pub mod ooxml;
pub mod xlsx;
