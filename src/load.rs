//! The only module that reads files: a data folder seen through the [`Files`] trait, so that
//! validation can be run on files in memory as well, and the report `audit` is given.

use crate::source::{DecodeError, SourceFile};
use encoding_rs::Encoding;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Why a file that exists could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// The file system's error.
    Io(String),
    /// The bytes are not text in any encoding we were told of.
    Decode(Box<DecodeError>),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => f.write_str(e),
            ReadError::Decode(e) => e.fmt(f),
        }
    }
}

/// The bytes of a report to audit: the one file `ntm-report audit` is given.
pub fn report_file(path: &Path) -> std::io::Result<Vec<u8>> {
    std::fs::read(path)
}

/// Read access to a data folder, by paths relative to it written with `/`.
pub trait Files: Sync {
    /// The file's text, `Ok(None)` when it does not exist, `Err` when it cannot be read or
    /// decoded.
    fn read(&self, rel: &str) -> Result<Option<SourceFile>, ReadError>;
    /// The file's bytes as they are (a workbook), `Ok(None)` when it does not exist.
    fn read_bytes(&self, rel: &str) -> Result<Option<Vec<u8>>, ReadError>;
    /// The names of the files directly in a folder, sorted; empty when it does not exist.
    fn list(&self, rel: &str) -> Vec<String>;
    /// Whether a folder exists.
    fn is_dir(&self, rel: &str) -> bool;
}

/// A data folder on disk.
pub struct DataDir {
    root: PathBuf,
    encoding: Option<&'static Encoding>,
}

impl DataDir {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        DataDir {
            root: root.into(),
            encoding: None,
        }
    }

    /// The encoding of files without a byte-order mark that are not UTF-8
    /// (see [`SourceFile::decode`]).
    pub fn with_encoding(mut self, encoding: Option<&'static Encoding>) -> Self {
        self.encoding = encoding;
        self
    }

    pub fn root(&self) -> &Path {
        &self.root
    }
}

impl Files for DataDir {
    fn read(&self, rel: &str) -> Result<Option<SourceFile>, ReadError> {
        let path = self.root.join(rel);
        match std::fs::read(&path) {
            Ok(bytes) => SourceFile::decode_owned(rel.to_string(), bytes, self.encoding)
                .map(Some)
                .map_err(ReadError::Decode),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(ReadError::Io(e.to_string())),
        }
    }

    fn read_bytes(&self, rel: &str) -> Result<Option<Vec<u8>>, ReadError> {
        match std::fs::read(self.root.join(rel)) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(ReadError::Io(e.to_string())),
        }
    }

    fn list(&self, rel: &str) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.root.join(rel))
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .filter_map(|e| e.file_name().into_string().ok())
            .collect();
        names.sort();
        names
    }

    fn is_dir(&self, rel: &str) -> bool {
        self.root.join(rel).is_dir()
    }
}

/// A data folder held in memory (for tests, tools and fuzzing): files given as text, or
/// as raw bytes decoded like files on disk.
#[derive(Default)]
pub struct MemoryFiles {
    pub files: BTreeMap<String, String>,
    pub bytes: BTreeMap<String, Vec<u8>>,
}

impl MemoryFiles {
    fn names(&self) -> impl Iterator<Item = &String> {
        self.files.keys().chain(self.bytes.keys())
    }
}

impl Files for MemoryFiles {
    fn read(&self, rel: &str) -> Result<Option<SourceFile>, ReadError> {
        if let Some(t) = self.files.get(rel) {
            return Ok(Some(SourceFile::from_text(rel.to_string(), t)));
        }
        match self.bytes.get(rel) {
            Some(b) => SourceFile::from_bytes(rel.to_string(), b)
                .map(Some)
                .map_err(ReadError::Decode),
            None => Ok(None),
        }
    }

    fn read_bytes(&self, rel: &str) -> Result<Option<Vec<u8>>, ReadError> {
        let text = self.files.get(rel).map(|t| t.as_bytes().to_vec());
        Ok(text.or_else(|| self.bytes.get(rel).cloned()))
    }

    fn list(&self, rel: &str) -> Vec<String> {
        let prefix = format!("{}/", rel.trim_end_matches('/'));
        let mut names: Vec<String> = self
            .names()
            .filter_map(|k| k.strip_prefix(&prefix))
            .filter(|rest| !rest.contains('/'))
            .map(str::to_string)
            .collect();
        names.sort();
        names.dedup();
        names
    }

    fn is_dir(&self, rel: &str) -> bool {
        let prefix = format!("{}/", rel.trim_end_matches('/'));
        self.names().any(|k| k.starts_with(&prefix))
    }
}

/// Files in memory laid over a folder: what is in memory is read first. For a command that
/// checks the files it is about to write together with those that exist.
pub struct Overlay<'a> {
    pub over: MemoryFiles,
    pub under: &'a dyn Files,
}

impl Files for Overlay<'_> {
    fn read(&self, rel: &str) -> Result<Option<SourceFile>, ReadError> {
        match self.over.read(rel)? {
            Some(s) => Ok(Some(s)),
            None => self.under.read(rel),
        }
    }

    fn read_bytes(&self, rel: &str) -> Result<Option<Vec<u8>>, ReadError> {
        match self.over.read_bytes(rel)? {
            Some(b) => Ok(Some(b)),
            None => self.under.read_bytes(rel),
        }
    }

    fn list(&self, rel: &str) -> Vec<String> {
        let mut names = self.over.list(rel);
        names.extend(self.under.list(rel));
        names.sort();
        names.dedup();
        names
    }

    fn is_dir(&self, rel: &str) -> bool {
        self.over.is_dir(rel) || self.under.is_dir(rel)
    }
}
