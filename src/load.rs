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
    /// Something other than a regular file where a file is expected (a folder, a FIFO…).
    NotAFile(Kind),
    /// Something other than a folder where a folder is expected.
    NotAFolder(Kind),
    /// A symbolic link to something that does not exist.
    BrokenLink,
    /// Larger than [`MAX_FILE_BYTES`].
    TooLarge { bytes: u64 },
    /// A name in a folder that is not valid Unicode (shown with `�`).
    BadName,
    /// The bytes are not text in any encoding we were told of.
    Decode(Box<DecodeError>),
}

/// What a path is, when it is not what was expected.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    File,
    Folder,
    Fifo,
    Socket,
    Device,
    Other,
}

impl Kind {
    /// What a file type is (after following links).
    pub fn of(t: std::fs::FileType) -> Kind {
        if t.is_file() {
            return Kind::File;
        }
        if t.is_dir() {
            return Kind::Folder;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt as _;
            if t.is_fifo() {
                return Kind::Fifo;
            }
            if t.is_socket() {
                return Kind::Socket;
            }
            if t.is_block_device() || t.is_char_device() {
                return Kind::Device;
            }
        }
        Kind::Other
    }

    /// The noun, in a language.
    pub fn noun(self, lang: crate::diagnostic::Lang) -> &'static str {
        match self {
            Kind::File => lang.pick("a file", "một tệp"),
            Kind::Folder => lang.pick("a folder", "một thư mục"),
            Kind::Fifo => lang.pick("a named pipe (FIFO)", "một đường ống (FIFO)"),
            Kind::Socket => lang.pick("a socket", "một socket"),
            Kind::Device => lang.pick("a device", "một thiết bị"),
            Kind::Other => lang.pick("not a regular file", "không phải tệp thường"),
        }
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::diagnostic::Lang;
        match self {
            ReadError::Io(e) => f.write_str(e),
            ReadError::NotAFile(k) => write!(f, "this is {}, not a file", k.noun(Lang::En)),
            ReadError::NotAFolder(k) => write!(f, "this is {}, not a folder", k.noun(Lang::En)),
            ReadError::BrokenLink => f.write_str("a symbolic link to nothing"),
            ReadError::TooLarge { bytes } => {
                write!(f, "{bytes} bytes, more than the {MAX_FILE_BYTES} read")
            }
            ReadError::BadName => f.write_str("the name is not valid Unicode"),
            ReadError::Decode(e) => e.fmt(f),
        }
    }
}

/// The largest input file read (1 GiB): beyond it, a file is refused rather than read
/// into memory. A national long table of 10,000 communes is about 40 MB.
pub const MAX_FILE_BYTES: u64 = 1 << 30;

/// Reads a file of a data folder, `Ok(None)` when nothing is there.
///
/// Symbolic links are followed, wherever they lead; what they lead to must be a regular
/// file. A broken link, a link loop, a folder, a FIFO, a socket or a device where a file is
/// expected is an error, never a missing file and never a read that blocks or does not end.
pub fn read_file(path: &Path) -> Result<Option<Vec<u8>>, ReadError> {
    read_file_at_most(path, MAX_FILE_BYTES)
}

/// As [`read_file`], refusing a file of more than `max` bytes (at most [`MAX_FILE_BYTES`])
/// with [`ReadError::TooLarge`]: by its size before it is read, or as it is read when it
/// grows meanwhile.
pub fn read_file_at_most(path: &Path, max: u64) -> Result<Option<Vec<u8>>, ReadError> {
    use std::io::Read as _;
    let max = max.min(MAX_FILE_BYTES);
    let io = |e: std::io::Error| ReadError::Io(e.to_string());
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return match std::fs::symlink_metadata(path) {
                Ok(_) => Err(ReadError::BrokenLink),
                Err(_) => Ok(None),
            };
        }
        Err(e) => return Err(io(e)),
    };
    let regular = |m: &std::fs::Metadata| match Kind::of(m.file_type()) {
        Kind::File if m.len() > max => Err(ReadError::TooLarge { bytes: m.len() }),
        Kind::File => Ok(()),
        other => Err(ReadError::NotAFile(other)),
    };
    regular(&meta)?;
    // Opened without blocking, and looked at again once open: a FIFO swapped in between
    // the two looks cannot make the read wait forever.
    let mut open = std::fs::OpenOptions::new();
    open.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        open.custom_flags(rustix::fs::OFlags::NONBLOCK.bits() as i32);
    }
    let file = open.open(path).map_err(io)?;
    regular(&file.metadata().map_err(io)?)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(max + 1).read_to_end(&mut bytes).map_err(io)?;
    if bytes.len() as u64 > max {
        return Err(ReadError::TooLarge {
            bytes: bytes.len() as u64,
        });
    }
    Ok(Some(bytes))
}

/// The entries of a folder: the names, sorted, and the entries that cannot be named.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Listing {
    /// Every entry with a Unicode name, whatever it is (file, folder, link…): reading
    /// it says what is wrong with it.
    pub names: Vec<String>,
    /// Entries whose names are not valid Unicode, shown with `�`.
    pub bad_names: Vec<String>,
}

/// The bytes of a report to audit: the one file `ntm-report audit` is given, read by the
/// same rule as data files ([`read_file`]).
pub fn report_file(path: &Path) -> std::io::Result<Vec<u8>> {
    match read_file(path) {
        Ok(Some(bytes)) => Ok(bytes),
        Ok(None) => Err(std::io::Error::from(std::io::ErrorKind::NotFound)),
        Err(e) => Err(std::io::Error::other(e.to_string())),
    }
}

/// Read access to a data folder, by paths relative to it written with `/`.
pub trait Files: Sync {
    /// The file's text, `Ok(None)` when it does not exist, `Err` when it cannot be read or
    /// decoded.
    fn read(&self, rel: &str) -> Result<Option<SourceFile>, ReadError>;
    /// As [`Files::read`], but a file of more than `max` bytes is [`ReadError::TooLarge`],
    /// found before it is decoded (for files whose reading costs more than their bytes, such
    /// as templates). The four kinds of files here know a file's size before reading it;
    /// this default measures the text read.
    fn read_at_most(&self, rel: &str, max: u64) -> Result<Option<SourceFile>, ReadError> {
        match self.read(rel)? {
            Some(src) if src.text.len() as u64 > max => Err(ReadError::TooLarge {
                bytes: src.text.len() as u64,
            }),
            other => Ok(other),
        }
    }
    /// The file's bytes as they are (a workbook), `Ok(None)` when it does not exist.
    fn read_bytes(&self, rel: &str) -> Result<Option<Vec<u8>>, ReadError>;
    /// The names of the files directly in a folder, sorted; empty when it does not exist.
    fn list(&self, rel: &str) -> Vec<String>;
    /// The entries of a folder, sorted; `Err` when something that is not a folder is in its
    /// place, or it cannot be listed. An empty listing when it does not exist.
    fn listing(&self, rel: &str) -> Result<Listing, ReadError> {
        Ok(Listing {
            names: self.list(rel),
            bad_names: Vec::new(),
        })
    }
    /// Whether a folder exists.
    fn is_dir(&self, rel: &str) -> bool;
    /// What a folder is, whatever path leads to it (on disk, the path with every symbolic
    /// link followed), so that two paths to one folder are known as one; `None` where paths
    /// are all there is (a folder in memory is its path).
    fn identity(&self, _rel: &str) -> Option<PathBuf> {
        None
    }
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
        match read_file(&self.root.join(rel))? {
            Some(bytes) => SourceFile::decode_owned(rel.to_string(), bytes, self.encoding)
                .map(Some)
                .map_err(ReadError::Decode),
            None => Ok(None),
        }
    }

    fn read_at_most(&self, rel: &str, max: u64) -> Result<Option<SourceFile>, ReadError> {
        match read_file_at_most(&self.root.join(rel), max)? {
            Some(bytes) => SourceFile::decode_owned(rel.to_string(), bytes, self.encoding)
                .map(Some)
                .map_err(ReadError::Decode),
            None => Ok(None),
        }
    }

    fn read_bytes(&self, rel: &str) -> Result<Option<Vec<u8>>, ReadError> {
        read_file(&self.root.join(rel))
    }

    fn list(&self, rel: &str) -> Vec<String> {
        self.listing(rel).map(|l| l.names).unwrap_or_default()
    }

    fn listing(&self, rel: &str) -> Result<Listing, ReadError> {
        let path = self.root.join(rel);
        let io = |e: std::io::Error| ReadError::Io(e.to_string());
        match std::fs::metadata(&path) {
            Ok(m) if m.is_dir() => {}
            Ok(m) => return Err(ReadError::NotAFolder(Kind::of(m.file_type()))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return match std::fs::symlink_metadata(&path) {
                    Ok(_) => Err(ReadError::BrokenLink),
                    Err(_) => Ok(Listing::default()),
                };
            }
            Err(e) => return Err(io(e)),
        }
        let mut listing = Listing::default();
        for entry in std::fs::read_dir(&path).map_err(io)? {
            let name = entry.map_err(io)?.file_name();
            match name.into_string() {
                Ok(n) => listing.names.push(n),
                Err(n) => listing.bad_names.push(n.to_string_lossy().into_owned()),
            }
        }
        listing.names.sort();
        listing.bad_names.sort();
        Ok(listing)
    }

    fn is_dir(&self, rel: &str) -> bool {
        self.root.join(rel).is_dir()
    }

    fn identity(&self, rel: &str) -> Option<PathBuf> {
        std::fs::canonicalize(self.root.join(rel)).ok()
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

    fn read_at_most(&self, rel: &str, max: u64) -> Result<Option<SourceFile>, ReadError> {
        let len = self.files.get(rel).map(String::len);
        match len.or_else(|| self.bytes.get(rel).map(Vec::len)) {
            Some(bytes) if bytes as u64 > max => Err(ReadError::TooLarge {
                bytes: bytes as u64,
            }),
            _ => self.read(rel),
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

    fn read_at_most(&self, rel: &str, max: u64) -> Result<Option<SourceFile>, ReadError> {
        match self.over.read_at_most(rel, max)? {
            Some(s) => Ok(Some(s)),
            None => self.under.read_at_most(rel, max),
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

/// A unit's data folder inside a folder of units: the files under `prefix`, named as the
/// unit's own folder names them (messages then put the unit's path in front).
pub struct SubFiles<'a> {
    inner: &'a dyn Files,
    prefix: String,
}

impl<'a> SubFiles<'a> {
    /// The folder `prefix` (relative, `/`-separated, checked not to leave `inner`).
    pub fn new(inner: &'a dyn Files, prefix: &str) -> Self {
        SubFiles {
            inner,
            prefix: prefix.trim_end_matches('/').to_string(),
        }
    }

    fn join(&self, rel: &str) -> String {
        if rel.is_empty() {
            self.prefix.clone()
        } else {
            format!("{}/{rel}", self.prefix)
        }
    }
}

impl Files for SubFiles<'_> {
    fn read(&self, rel: &str) -> Result<Option<SourceFile>, ReadError> {
        let mut src = self.inner.read(&self.join(rel))?;
        if let Some(s) = src.as_mut() {
            s.name = rel.to_string();
        }
        Ok(src)
    }
    fn read_at_most(&self, rel: &str, max: u64) -> Result<Option<SourceFile>, ReadError> {
        let mut src = self.inner.read_at_most(&self.join(rel), max)?;
        if let Some(s) = src.as_mut() {
            s.name = rel.to_string();
        }
        Ok(src)
    }
    fn read_bytes(&self, rel: &str) -> Result<Option<Vec<u8>>, ReadError> {
        self.inner.read_bytes(&self.join(rel))
    }
    fn list(&self, rel: &str) -> Vec<String> {
        self.inner.list(&self.join(rel))
    }
    fn listing(&self, rel: &str) -> Result<Listing, ReadError> {
        self.inner.listing(&self.join(rel))
    }
    fn is_dir(&self, rel: &str) -> bool {
        self.inner.is_dir(&self.join(rel))
    }
    fn identity(&self, rel: &str) -> Option<PathBuf> {
        self.inner.identity(&self.join(rel))
    }
}
