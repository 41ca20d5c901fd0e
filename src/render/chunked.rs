//! Text on its way to a file: appended to a buffer that is handed to the sink in large
//! chunks, so a part of any size is written in linear time and bounded memory. The Word XML
//! and the Markdown writers both write through it.

use std::io::{self, Write};

/// Chunk size at which the buffer is passed on to the sink.
const CHUNK: usize = 1 << 16;

pub struct Chunked<'w> {
    /// The text not yet passed on; writers append to it.
    pub buf: String,
    sink: &'w mut dyn Write,
    error: Option<io::Error>,
}

impl<'w> Chunked<'w> {
    pub fn new(sink: &'w mut dyn Write) -> Self {
        Chunked {
            buf: String::with_capacity(CHUNK + 4096),
            sink,
            error: None,
        }
    }

    /// Passes the buffer on when it is large; call between elements or lines.
    pub fn flush_if_full(&mut self) {
        if self.buf.len() >= CHUNK {
            self.flush();
        }
    }

    fn flush(&mut self) {
        if self.error.is_none()
            && let Err(e) = self.sink.write_all(self.buf.as_bytes())
        {
            self.error = Some(e);
        }
        self.buf.clear();
    }

    /// Writes what is left and reports the first error the sink returned.
    pub fn finish(mut self) -> io::Result<()> {
        self.flush();
        match self.error.take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passes_text_on_in_chunks_and_in_order() {
        let mut sink = Vec::new();
        let mut out = Chunked::new(&mut sink);
        for i in 0..20_000 {
            out.buf.push_str(&format!("<a>{i}</a>"));
            out.flush_if_full();
            assert!(out.buf.len() < CHUNK + 64);
        }
        out.finish().unwrap();
        let expected: String = (0..20_000).map(|i| format!("<a>{i}</a>")).collect();
        assert_eq!(sink, expected.as_bytes());
    }

    #[test]
    fn reports_the_sinks_first_error() {
        struct Full;
        impl Write for Full {
            fn write(&mut self, _: &[u8]) -> io::Result<usize> {
                Err(io::Error::other("disk full"))
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut sink = Full;
        let mut out = Chunked::new(&mut sink);
        out.buf.push('x');
        assert_eq!(out.finish().unwrap_err().to_string(), "disk full");
    }
}
