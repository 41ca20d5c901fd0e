//! `facts.json`.

use crate::facts::Facts;

/// The facts as pretty-printed JSON with a final newline.
pub fn facts(f: &Facts) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(f).expect("facts serialise");
    out.push(b'\n');
    out
}
