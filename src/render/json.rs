//! `facts.json`: the facts as JSON, indented two spaces, with every object nested five
//! levels deep or more (one commune's criterion or indicator, one village) on a line of its
//! own. A national build holds hundreds of thousands of such objects: one line each keeps
//! the file a fraction of the size of full indentation and still lets a line diff show
//! which commune's value changed.

use crate::facts::Facts;
use serde::Serialize;
use serde_json::ser::Formatter;
use std::io::{self, Write};

/// Depth (the top-level object is 1) from which objects are written on one line.
const ONE_LINE_FROM: usize = 5;

/// The facts as JSON with a final newline.
pub fn facts(f: &Facts) -> Vec<u8> {
    let mut out = Vec::new();
    write(f, &mut out).expect("writing into memory does not fail");
    out
}

/// Writes the facts as JSON with a final newline into `sink`.
pub fn write<W: Write>(f: &Facts, mut sink: W) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut sink, Layout::default());
    f.serialize(&mut ser).map_err(io::Error::other)?;
    sink.write_all(b"\n")
}

/// serde_json's pretty layout, except that objects from [`ONE_LINE_FROM`] levels deep are
/// written on one line (`{"id": "1.1", "met": "met"}`), with what they hold.
#[derive(Default)]
struct Layout {
    /// Nesting depth of the container being written.
    depth: usize,
    /// The depth of the one-line object being written, if any.
    one_line: Option<usize>,
    /// Whether the container being closed had any element.
    has_value: bool,
}

impl Layout {
    fn open(&mut self, object: bool) {
        self.depth += 1;
        self.has_value = false;
        if object && self.one_line.is_none() && self.depth >= ONE_LINE_FROM {
            self.one_line = Some(self.depth);
        }
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        if self.has_value && self.one_line.is_none() {
            w.write_all(b"\n")?;
            indent(w, self.depth - 1)?;
        }
        if self.one_line == Some(self.depth) {
            self.one_line = None;
        }
        self.depth -= 1;
        w.write_all(bracket)
    }

    fn element<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if self.one_line.is_some() {
            if !first {
                w.write_all(b", ")?;
            }
            return Ok(());
        }
        w.write_all(if first { b"\n" } else { b",\n" })?;
        indent(w, self.depth)
    }
}

fn indent<W: ?Sized + Write>(w: &mut W, depth: usize) -> io::Result<()> {
    for _ in 0..depth {
        w.write_all(b"  ")?;
    }
    Ok(())
}

impl Formatter for Layout {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(false);
        w.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.element(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(true);
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.element(w, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn layout(v: &serde_json::Value) -> String {
        let mut out = Vec::new();
        let mut ser = serde_json::Serializer::with_formatter(&mut out, Layout::default());
        v.serialize(&mut ser).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn indents_the_top_levels_and_keeps_deep_objects_on_one_line() {
        let v = json!({
            "year": 2023,
            "empty": [],
            "none": {},
            "communes": [{
                "id": "a",
                "indicators": [
                    {"id": "1.1", "met": "met", "list": [1, 2], "o": {"x": null}},
                    {"id": "1.2", "met": null, "list": []}
                ],
                "gained": [3]
            }]
        });
        let expected = r#"{
  "communes": [
    {
      "gained": [
        3
      ],
      "id": "a",
      "indicators": [
        {"id": "1.1", "list": [1, 2], "met": "met", "o": {"x": null}},
        {"id": "1.2", "list": [], "met": null}
      ]
    }
  ],
  "empty": [],
  "none": {},
  "year": 2023
}"#;
        assert_eq!(layout(&v), expected);
    }

    #[test]
    fn reads_back_as_the_same_value() {
        let v = json!({"a": [{"b": [{"c": [{"d": {"e": [1, {"f": "x"}]}}]}]}], "g": "ý"});
        let text = layout(&v);
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), v);
        assert!(text.contains(r#"{"d": {"e": [1, {"f": "x"}]}}"#), "{text}");
    }

    #[test]
    fn shallow_documents_are_laid_out_as_serde_json_pretty_prints_them() {
        let v = json!({"a": [1, 2], "b": {"c": [], "d": {"e": "f"}}, "g": []});
        assert_eq!(layout(&v), serde_json::to_string_pretty(&v).unwrap());
    }
}
