//! Text on its way to a file: appended to a buffer that is handed to the sink in large
//! chunks, so a part of any size is written in linear time and bounded memory. The Word XML,
//! the Excel XML and the Markdown writers all write through it.

use super::ooxml::Buffer;
use std::io::{self, Write};

/// Chunk size at which the buffer is passed on to the sink.
const CHUNK: usize = 1 << 16;

/// A buffer of text (`String`) or bytes (`Vec<u8>`) in front of a sink `S`: a borrowed
/// `&mut dyn Write` (the Word and Markdown writers), or an owned one given back by
/// [`Chunked::into_sink`] (the Excel writer's zip, which starts a part between chunks).
pub struct Chunked<S: Write, B: Buffer = String> {
    /// The text not yet passed on; writers append to it.
    pub buf: B,
    sink: S,
    chunk: usize,
    error: Option<io::Error>,
}

impl<S: Write, B: Buffer> Chunked<S, B> {
    pub fn new(sink: S) -> Self {
        Self::with_chunk(sink, CHUNK)
    }

    /// One that passes its buffer on at `chunk` bytes.
    pub fn with_chunk(sink: S, chunk: usize) -> Self {
        Chunked {
            buf: B::with_capacity(chunk + 4096),
            sink,
            chunk,
            error: None,
        }
    }

    /// Whether the buffer has reached the chunk size.
    pub fn is_full(&self) -> bool {
        self.buf.len() >= self.chunk
    }

    /// Passes the buffer on when it is large; call between elements or lines. An error of
    /// the sink is kept for [`Chunked::finish`].
    pub fn flush_if_full(&mut self) {
        if self.is_full() {
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

    /// Passes the buffer on now, and reports the first error of the sink so far.
    pub fn write_out(&mut self) -> io::Result<()> {
        self.flush();
        match self.error.take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }

    /// The sink, for what is written around the chunks (a zip's next part); the buffer is
    /// passed on first.
    pub fn sink(&mut self) -> io::Result<&mut S> {
        self.write_out()?;
        Ok(&mut self.sink)
    }

    /// Writes what is left and gives the sink back.
    pub fn into_sink(mut self) -> io::Result<S> {
        self.write_out()?;
        Ok(self.sink)
    }

    /// Writes what is left and reports the first error the sink returned.
    pub fn finish(self) -> io::Result<()> {
        self.into_sink().map(drop)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passes_text_on_in_chunks_and_in_order() {
        let mut sink = Vec::new();
        let mut out: Chunked<_> = Chunked::new(&mut sink);
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
        let mut out: Chunked<_> = Chunked::new(&mut sink);
        out.buf.push('x');
        assert_eq!(out.finish().unwrap_err().to_string(), "disk full");
    }
}
