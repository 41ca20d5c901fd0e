//! The published JSON Schemas (`docs/schema/`), compiled once per test binary, and the
//! check that a real output matches one.

use serde_json::Value;
use std::path::Path;
use std::sync::OnceLock;

/// The schemas under `docs/schema/`.
#[derive(Clone, Copy, Debug)]
pub enum Schema {
    /// `facts.schema.json`: `OUT/YEAR/facts.json`.
    Facts,
    /// `diff.schema.json`: `diff --format json`.
    Diff,
    /// `diagnostics.schema.json`: one line of stderr with `--message-format json`.
    Diagnostics,
    /// `diff-units.schema.json`: `diff --format json` on a folder of units.
    DiffUnits,
}

impl Schema {
    /// The schema's file under `docs/schema/`.
    pub fn file(self) -> &'static str {
        match self {
            Schema::Facts => "facts.schema.json",
            Schema::Diff => "diff.schema.json",
            Schema::Diagnostics => "diagnostics.schema.json",
            Schema::DiffUnits => "diff-units.schema.json",
        }
    }

    /// The schema as JSON.
    pub fn json(self) -> &'static Value {
        static CELLS: [OnceLock<Value>; 4] = [const { OnceLock::new() }; 4];
        CELLS[self as usize].get_or_init(|| {
            let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("docs/schema")
                .join(self.file());
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        })
    }

    /// The compiled validator.
    pub fn validator(self) -> &'static jsonschema::Validator {
        static CELLS: [OnceLock<jsonschema::Validator>; 4] = [const { OnceLock::new() }; 4];
        CELLS[self as usize].get_or_init(|| {
            jsonschema::draft202012::new(self.json())
                .unwrap_or_else(|e| panic!("{} is not a valid schema: {e}", self.file()))
        })
    }

    /// The problems of `value` against the schema, one line each (empty: it matches).
    pub fn errors(self, value: &Value) -> Vec<String> {
        self.validator()
            .iter_errors(value)
            .map(|e| format!("at `{}`: {e}", e.instance_path()))
            .collect()
    }

    /// Panics, naming `what` and each problem, unless `value` matches the schema.
    pub fn check(self, value: &Value, what: &str) {
        let errors = self.errors(value);
        assert!(
            errors.is_empty(),
            "{what} does not match docs/schema/{} (change the schema with the output, and \
             docs/ with it):\n{}",
            self.file(),
            errors.join("\n")
        );
    }
}
