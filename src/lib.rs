//! `ntm-report` compiles a district's or province's yearly report on the National Target
//! Program on New Rural Development from a folder of plain data.
//!
//! The pipeline: [`load`] (the only module that reads files) → [`validate`] (all problems
//! found in one run) → [`evaluate`] (cannot fail) → [`aggregate`] (the [`facts::Facts`]) →
//! [`render`] writers → [`output`] (the only module that writes files).

pub mod aggregate;
pub mod appendix;
pub mod audit;
pub mod carry;
pub mod cli;
pub mod dataset;
pub mod date;
pub mod diagnostic;
pub mod diff;
pub mod evaluate;
pub mod facts;
pub mod load;
pub mod number;
pub mod output;
pub mod progress;
pub mod render;
pub mod report;
pub mod ruleset;
pub mod scaffold;
pub mod source;
pub mod validate;
