//! The only module that reads files: a data folder seen through the [`Files`] trait, so that
//! validation can be run on files in memory as well.

use crate::source::SourceFile;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Read access to a data folder, by paths relative to it written with `/`.
pub trait Files {
    /// The file's text, `Ok(None)` when it does not exist, `Err` when it cannot be read or
    /// decoded.
    fn read(&self, rel: &str) -> Result<Option<SourceFile>, String>;
    /// The names of the files directly in a folder, sorted; empty when it does not exist.
    fn list(&self, rel: &str) -> Vec<String>;
    /// Whether a folder exists.
    fn is_dir(&self, rel: &str) -> bool;
}

/// A data folder on disk.
pub struct DataDir {
    root: PathBuf,
}

impl DataDir {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        DataDir { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }
}

impl Files for DataDir {
    fn read(&self, rel: &str) -> Result<Option<SourceFile>, String> {
        let path = self.root.join(rel);
        match std::fs::read(&path) {
            Ok(bytes) => SourceFile::from_bytes(rel.to_string(), &bytes).map(Some),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.to_string()),
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

/// A data folder held in memory (for tests and tools).
#[derive(Default)]
pub struct MemoryFiles {
    pub files: BTreeMap<String, String>,
}

impl Files for MemoryFiles {
    fn read(&self, rel: &str) -> Result<Option<SourceFile>, String> {
        Ok(self
            .files
            .get(rel)
            .map(|t| SourceFile::from_text(rel.to_string(), t)))
    }

    fn list(&self, rel: &str) -> Vec<String> {
        let prefix = format!("{}/", rel.trim_end_matches('/'));
        self.files
            .keys()
            .filter_map(|k| k.strip_prefix(&prefix))
            .filter(|rest| !rest.contains('/'))
            .map(str::to_string)
            .collect()
    }

    fn is_dir(&self, rel: &str) -> bool {
        let prefix = format!("{}/", rel.trim_end_matches('/'));
        self.files.keys().any(|k| k.starts_with(&prefix))
    }
}
