//! Writers: from the facts (and the report model) to output bytes. They never touch the
//! filesystem; `output` writes what they produce.

pub mod docx;
pub mod json;
pub mod markdown;
pub mod xlsx;
