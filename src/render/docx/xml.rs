//! A streaming XML text buffer: markup is appended as strings, text is escaped on the way,
//! and the text goes to the sink in large chunks ([`Chunked`]).

use crate::render::chunked::Chunked;
use crate::render::ooxml::{self, Escape};
use std::io::{self, Write};

/// WordprocessingML text on its way to a zip entry.
pub struct Xml<'w>(Chunked<&'w mut dyn std::io::Write>);

impl<'w> Xml<'w> {
    pub fn new(sink: &'w mut dyn Write) -> Self {
        Xml(Chunked::new(sink))
    }

    /// Appends markup as it is.
    pub fn raw(&mut self, s: &str) {
        self.0.buf.push_str(s);
    }

    /// Appends a number.
    pub fn num(&mut self, n: impl Into<u64>) {
        use std::fmt::Write as _;
        let _ = write!(self.0.buf, "{}", n.into());
    }

    /// Appends text, escaped for an element's content or a quoted attribute value.
    pub fn text(&mut self, s: &str) {
        ooxml::escape_into(&mut self.0.buf, s, Escape::Word);
    }

    /// Passes the buffer on when it is large; call between elements.
    pub fn flush_if_full(&mut self) {
        self.0.flush_if_full();
    }

    /// Writes what is left and reports the first error the sink returned.
    pub fn finish(self) -> io::Result<()> {
        self.0.finish()
    }
}

/// `s`, escaped for WordprocessingML.
pub fn escape(s: &str) -> String {
    ooxml::escape(s, Escape::Word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_in_chunks() {
        let mut sink = Vec::new();
        let mut x = Xml::new(&mut sink);
        for _ in 0..20_000 {
            x.raw("<a>");
            x.text("&");
            x.raw("</a>");
            x.flush_if_full();
        }
        x.finish().unwrap();
        assert_eq!(sink.len(), 20_000 * "<a>&amp;</a>".len());
    }
}
