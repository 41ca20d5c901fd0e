//! Writers: from the facts (and the report model) to output bytes, streamed into any
//! `io::Write`. They never open files themselves: `output` gives them the files of the
//! staging folder.

pub mod chunked;
pub mod docx;
pub mod json;
pub mod markdown;
pub mod ooxml;
pub mod xlsx;

/// A sink for a zip writer that keeps the first I/O error and swallows what follows it.
/// A zip writer that is dropped unfinished finalises its archive and, when that fails too
/// (the disk is full), prints a debugging line of its own to stderr; with the sink latched,
/// finalising after an error writes nowhere and says nothing, and the writer's caller reports
/// the first error once, as a located message.
pub(crate) struct Latch<W> {
    inner: W,
    failed: bool,
    pos: u64,
    end: u64,
}

impl<W> Latch<W> {
    pub(crate) fn new(inner: W) -> Self {
        Latch {
            inner,
            failed: false,
            pos: 0,
            end: 0,
        }
    }

    /// The sink, when nothing failed.
    pub(crate) fn into_inner(self) -> zip::result::ZipResult<W> {
        match self.failed {
            false => Ok(self.inner),
            true => Err(std::io::Error::other("an earlier write failed").into()),
        }
    }

    fn fail<T>(&mut self, e: std::io::Error) -> std::io::Result<T> {
        self.failed = true;
        Err(e)
    }
}

impl<W: std::io::Write> std::io::Write for Latch<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.failed {
            self.pos += buf.len() as u64;
            self.end = self.end.max(self.pos);
            return Ok(buf.len());
        }
        match self.inner.write(buf) {
            Ok(n) => Ok(n),
            Err(e) => self.fail(e),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.failed {
            return Ok(());
        }
        match self.inner.flush() {
            Ok(()) => Ok(()),
            Err(e) => self.fail(e),
        }
    }
}

impl<W: std::io::Seek> std::io::Seek for Latch<W> {
    fn seek(&mut self, to: std::io::SeekFrom) -> std::io::Result<u64> {
        use std::io::SeekFrom;
        if !self.failed {
            return match self.inner.seek(to) {
                Ok(p) => {
                    (self.pos, self.end) = (p, self.end.max(p));
                    Ok(p)
                }
                Err(e) => self.fail(e),
            };
        }
        // After a failure, positions are kept as if the writes had happened.
        let at = |base: u64, d: i64| base.saturating_add_signed(d);
        self.pos = match to {
            SeekFrom::Start(p) => p,
            SeekFrom::Current(d) => at(self.pos, d),
            SeekFrom::End(d) => at(self.end, d),
        };
        Ok(self.pos)
    }
}
