//! The shared strings table: every distinct text once, numbered in first-use order.

use super::package::{Error, Fmt, escape_text};
use super::parts::XML_DECL;
use crate::render::chunked::Chunked;
use rustc_hash::FxHashMap;
use std::fmt::Write as _;
use std::io::Write;

/// The shared string table, in order of first use.
#[derive(Default)]
pub(super) struct Sst {
    map: FxHashMap<Box<str>, u32>,
    /// Number of text cells (the `count` of `<sst>`).
    pub(super) count: u64,
}

impl Sst {
    pub(super) fn index(&mut self, t: &str) -> u32 {
        if let Some(i) = self.map.get(t) {
            return *i;
        }
        let i = u32::try_from(self.map.len()).unwrap_or(u32::MAX);
        self.map.insert(t.into(), i);
        i
    }

    pub(super) fn write<W: Write>(&self, out: &mut Chunked<W, Vec<u8>>) -> Result<(), Error> {
        let mut strings: Vec<(&str, u32)> = self.map.iter().map(|(s, i)| (&**s, *i)).collect();
        strings.sort_unstable_by_key(|x| x.1);
        out.buf.extend_from_slice(XML_DECL.as_bytes());
        let _ = write!(
            Fmt(&mut out.buf),
            "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" \
count=\"{}\" uniqueCount=\"{}\">",
            self.count,
            strings.len()
        );
        let ws = ['\t', '\n', ' '];
        for (s, _) in strings {
            if s.starts_with(ws) || s.ends_with(ws) {
                out.buf.extend_from_slice(b"<si><t xml:space=\"preserve\">");
            } else {
                out.buf.extend_from_slice(b"<si><t>");
            }
            escape_text(&mut out.buf, s);
            out.buf.extend_from_slice(b"</t></si>");
            if out.is_full() {
                out.write_out()?;
            }
        }
        out.buf.extend_from_slice(b"</sst>");
        Ok(())
    }
}
