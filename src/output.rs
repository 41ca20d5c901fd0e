//! The only module that writes files. A build's outputs are written into a staging folder
//! beside the target, `OUT/.YEAR.partial-PID`, which replaces `OUT/YEAR` in one atomic step
//! only when every file is written: at every instant `OUT/YEAR` is the complete previous
//! output or the complete new one.
//!
//! - **The swap.** On Linux the two folders are exchanged with `renameat2(RENAME_EXCHANGE)`,
//!   then the previous output (now in the staging folder's place) is removed. Where the
//!   system or the file system cannot exchange, the previous output is renamed aside to
//!   `OUT/.YEAR.old-PID` and the new one renamed in: a kill between the two renames leaves
//!   the previous output in `.YEAR.old-PID`, and the next build puts it back before anything
//!   else. Every failure keeps or restores the previous output.
//! - **The lock.** A build holds an exclusive lock (`flock`) on the folder `OUT` from the
//!   moment it stages to the end of the swap; a second build into the same `OUT` waits for
//!   it (saying so), and gives up after [`LOCK_WAIT`].
//! - **Interruptions.** On SIGINT, SIGTERM and SIGHUP the staging folder is removed before
//!   the process exits (130, 143, 129). After a SIGKILL or a power cut, the next build into
//!   `OUT` removes the staging folders left behind: it holds the lock, so no other build is
//!   using them.

use anyhow::{Context, Result};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How long a build waits for another build into the same output folder before it gives up.
pub const LOCK_WAIT: Duration = Duration::from_secs(60);

/// A set of files to write, by path relative to the output folder.
#[derive(Default, Debug)]
pub struct OutputSet {
    pub files: Vec<(String, Vec<u8>)>,
}

impl OutputSet {
    pub fn add(&mut self, rel: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.push((rel.into(), bytes.into()));
    }
}

/// Writes `set` as the folder `target`, replacing what was there only on success.
pub fn replace_dir(target: &Path, set: &OutputSet) -> Result<()> {
    let staging = Staging::new(target)?;
    for (rel, bytes) in &set.files {
        staging.put(rel, bytes)?;
    }
    staging.commit()
}

/// An output folder being written: files go into a staging folder beside the target as
/// soon as they are made (so a large build need not hold them all in memory), and the folder
/// replaces the target only on [`Staging::commit`]. Dropped without a commit, it is removed
/// and the target is left as it was.
pub struct Staging {
    tmp: PathBuf,
    target: PathBuf,
    parent: PathBuf,
    name: String,
    done: bool,
    /// The lock on the parent folder, held until the staging folder is gone.
    _lock: OutLock,
}

impl Staging {
    /// Stages a new output for `target`, waiting for another build into the same folder
    /// to finish first.
    pub fn new(target: &Path) -> Result<Self> {
        Self::new_with(target, |_| {})
    }

    /// As [`Staging::new`], calling `waiting` once, with the folder, if another build holds
    /// the output folder (so that the command can say why it waits).
    pub fn new_with(target: &Path, waiting: impl FnOnce(&Path)) -> Result<Self> {
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."))
            .to_path_buf();
        std::fs::create_dir_all(&parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "out".into());
        let lock = OutLock::acquire(&parent, LOCK_WAIT, waiting)?;
        recover(&parent)?;
        if !replaceable(target) {
            let folder = target.to_path_buf();
            return Err(NotAReport { folder }.into());
        }
        let tmp = parent.join(format!(".{name}.partial-{}", std::process::id()));
        interrupts::watch(&tmp);
        let staging = Staging {
            tmp,
            target: target.to_path_buf(),
            parent,
            name,
            done: false,
            _lock: lock,
        };
        std::fs::create_dir(&staging.tmp)
            .with_context(|| format!("cannot create {}", staging.tmp.display()))?;
        Ok(staging)
    }

    /// Writes one file of the output folder.
    pub fn put(&self, rel: &str, bytes: &[u8]) -> Result<()> {
        self.write_with(rel, |f| f.write_all(bytes))
    }

    /// Writes one file of the output folder as `write` makes it, through a buffer; the
    /// folder is written from several threads at once.
    pub fn write_with(
        &self,
        rel: &str,
        write: impl FnOnce(&mut BufWriter<File>) -> std::io::Result<()>,
    ) -> Result<()> {
        let path = self.tmp.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        let file =
            File::create(&path).with_context(|| format!("cannot write {}", path.display()))?;
        let mut out = BufWriter::with_capacity(1 << 16, file);
        write(&mut out)
            .and_then(|()| out.flush())
            .with_context(|| format!("cannot write {}", path.display()))
    }

    /// Moves the finished folder into place, in one step where the system allows it.
    pub fn commit(mut self) -> Result<()> {
        self.done = true;
        let result = swap_in(&self.tmp, &self.target, &self.parent, &self.name);
        // Whatever is left in the staging folder's place is not needed: the previous output
        // after an exchange, or the new one after a failure.
        let _ = remove_any(&self.tmp);
        interrupts::unwatch(&self.tmp);
        result
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = remove_any(&self.tmp);
            interrupts::unwatch(&self.tmp);
        }
    }
}

/// Removes a folder and all in it, or a file or a link (never following it).
fn remove_any(path: &Path) -> std::io::Result<()> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(path),
        Ok(_) => std::fs::remove_file(path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// What an interrupted build left in `parent`, the output folder: a staging folder
/// (`.NAME.partial-PID`) or a previous output moved aside (`.NAME.old-PID`). Called with the
/// lock held, so no build is using them.
fn leftovers(parent: &Path) -> Vec<(PathBuf, String, bool)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(parent).into_iter().flatten().flatten() {
        let Ok(file) = entry.file_name().into_string() else {
            continue;
        };
        let Some(rest) = file.strip_prefix('.') else {
            continue;
        };
        for (mark, old) in [(".partial-", false), (".old-", true)] {
            if let Some((name, pid)) = rest.rsplit_once(mark)
                && !name.is_empty()
                && !pid.is_empty()
                && pid.bytes().all(|b| b.is_ascii_digit())
            {
                found.push((entry.path(), name.to_string(), old));
            }
        }
    }
    found.sort();
    found
}

/// Puts back a previous output an interrupted swap left aside (only the fallback swap can
/// leave one), and removes every other leftover of interrupted builds.
fn recover(parent: &Path) -> Result<()> {
    for (path, name, old) in leftovers(parent) {
        let owner = parent.join(&name);
        if old && std::fs::symlink_metadata(&owner).is_err() {
            std::fs::rename(&path, &owner).with_context(|| {
                format!(
                    "cannot put the previous output {} back in {}",
                    path.display(),
                    owner.display()
                )
            })?;
            continue;
        }
        remove_any(&path).with_context(|| {
            format!(
                "cannot remove {}, left by an interrupted build",
                path.display()
            )
        })?;
    }
    Ok(())
}

/// The facts of a report, in its folder (and in a folder of units' summary folder): what
/// the build writes first, and what tells a folder a build may replace.
pub const FACTS: &str = "facts.json";

/// Whether `target` may be replaced by a new output: it does not exist, is an empty folder,
/// or is a report this program wrote (its `facts.json`, or a folder of units' summary's
/// `tong-hop/facts.json`). Anything else is somebody's files, which replacing would delete:
/// the year's data itself when `--out` names the data folder.
fn replaceable(target: &Path) -> bool {
    match std::fs::symlink_metadata(target) {
        Err(_) => true,
        // Not a folder: the swap refuses it with its own message.
        Ok(m) if !m.is_dir() => true,
        Ok(_) => {
            let empty = std::fs::read_dir(target).is_ok_and(|mut d| d.next().is_none());
            let ours =
                |rel: &str| std::fs::symlink_metadata(target.join(rel)).is_ok_and(|m| m.is_file());
            empty
                || ours(FACTS)
                || ours(&format!("{}/{FACTS}", crate::validate::units::SUMMARY_DIR))
        }
    }
}

/// The folder a build would replace holds files that are not a report this program wrote
/// (no `facts.json`): it is left as it was, and nothing is written.
#[derive(Debug)]
pub struct NotAReport {
    pub folder: PathBuf,
}

impl std::fmt::Display for NotAReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} is not a report written by this program",
            self.folder.display()
        )
    }
}

impl std::error::Error for NotAReport {}

impl NotAReport {
    /// The message of the catalogue that says so, in the user's language.
    pub fn message(&self) -> crate::diagnostic::Message {
        crate::diagnostic::Message::OutputNotAReport
    }
}

/// The previous output cannot be replaced because a file in it is open in another program:
/// Windows refuses to rename a folder while Word or Excel holds one of its files. The
/// previous output is left as it was.
#[derive(Debug)]
pub struct InUse {
    /// The file found open, or the output folder when which file cannot be told.
    pub file: PathBuf,
}

impl std::fmt::Display for InUse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} is open in another program", self.file.display())
    }
}

impl std::error::Error for InUse {}

impl InUse {
    /// The message of the catalogue that says so, in the user's language.
    pub fn message(&self) -> crate::diagnostic::Message {
        crate::diagnostic::Message::OutputInUse {
            file: self.file.display().to_string(),
        }
    }
}

/// When moving `target` failed with `e` because another program holds a file in it, that
/// file (or `target` itself when the system says a file is held but not which).
fn held_open(e: &std::io::Error, target: &Path) -> Option<PathBuf> {
    // ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION; ERROR_ACCESS_DENIED also stands for
    // real permissions, so it counts only when a file is found open.
    let sharing = e.kind() == std::io::ErrorKind::ResourceBusy
        || (cfg!(windows) && matches!(e.raw_os_error(), Some(32 | 33)));
    let denied = cfg!(windows) && e.raw_os_error() == Some(5);
    if !sharing && !denied {
        return None;
    }
    open_file(target).or_else(|| sharing.then(|| target.to_path_buf()))
}

/// A file of `dir` that another program holds open: the document beside an owner file
/// (`~$o-cao-ntm-2023.docx`, which Word and Excel write next to a document they open: its
/// name with the first characters replaced by `~$`), or, on Windows, a file that cannot be
/// opened without sharing it.
fn open_file(dir: &Path) -> Option<PathBuf> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    let documents = || names.iter().filter(|n| !n.starts_with("~$"));
    for owner in names.iter().filter_map(|n| n.strip_prefix("~$")) {
        if let Some(doc) = documents().find(|d| d.ends_with(owner)) {
            return Some(dir.join(doc));
        }
    }
    #[cfg(windows)]
    for doc in documents() {
        use std::os::windows::fs::OpenOptionsExt;
        let path = dir.join(doc);
        let open = std::fs::OpenOptions::new()
            .read(true)
            .share_mode(0)
            .open(&path);
        if matches!(open, Err(e) if e.raw_os_error() == Some(32)) {
            return Some(path);
        }
    }
    None
}

type Move<'a> = &'a dyn Fn(&Path, &Path) -> std::io::Result<()>;

fn swap_in(tmp: &Path, target: &Path, parent: &Path, name: &str) -> Result<()> {
    swap_in_with(tmp, target, parent, name, &exchange, &|a, b| {
        std::fs::rename(a, b)
    })
}

/// [`swap_in`] with the exchange and the rename given (a test makes them fail).
fn swap_in_with(
    tmp: &Path,
    target: &Path,
    parent: &Path,
    name: &str,
    exchange: Move,
    rename: Move,
) -> Result<()> {
    let _guard = interrupts::hold();
    if std::fs::symlink_metadata(target).is_err() {
        return rename(tmp, target)
            .with_context(|| format!("cannot move the new output into {}", target.display()));
    }
    match exchange(tmp, target) {
        Ok(()) => return Ok(()),
        Err(e) if !exchange_unsupported(&e) => {
            if let Some(file) = held_open(&e, target) {
                return Err(InUse { file }.into());
            }
            return Err(e)
                .with_context(|| format!("cannot move the new output into {}", target.display()));
        }
        Err(_) => {}
    }
    // The fallback: two renames, the previous output put back if the second fails, and by
    // the next build if the process dies between them.
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    if let Err(e) = rename(target, &old) {
        if let Some(file) = held_open(&e, target) {
            return Err(InUse { file }.into());
        }
        return Err(e)
            .with_context(|| format!("cannot move the previous {} aside", target.display()));
    }
    if let Err(e) = rename(tmp, target) {
        let _ = rename(&old, target);
        return Err(e)
            .with_context(|| format!("cannot move the new output into {}", target.display()));
    }
    let _ = remove_any(&old);
    Ok(())
}

/// Exchanges two paths atomically.
#[cfg(any(target_os = "linux", target_os = "android"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(any(target_os = "linux", target_os = "android")))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
}

/// Whether an exchange failed because the system or file system cannot do it (then the
/// fallback is used), not because of the folders.
fn exchange_unsupported(e: &std::io::Error) -> bool {
    if e.kind() == std::io::ErrorKind::Unsupported {
        return true;
    }
    #[cfg(unix)]
    {
        use rustix::io::Errno;
        let code = e.raw_os_error();
        [Errno::INVAL, Errno::NOSYS, Errno::OPNOTSUPP]
            .iter()
            .any(|errno| Some(errno.raw_os_error()) == code)
    }
    #[cfg(not(unix))]
    false
}

/// An exclusive lock on an output folder, released when dropped (and by the system when
/// the process dies, however it dies).
struct OutLock {
    #[allow(dead_code)]
    file: Option<File>,
}

impl OutLock {
    fn acquire(dir: &Path, wait: Duration, waiting: impl FnOnce(&Path)) -> Result<OutLock> {
        #[cfg(unix)]
        {
            use rustix::fs::{FlockOperation, flock};
            use rustix::io::Errno;
            let file = File::open(dir).with_context(|| format!("cannot open {}", dir.display()))?;
            let start = Instant::now();
            let mut waiting = Some(waiting);
            loop {
                match flock(&file, FlockOperation::NonBlockingLockExclusive) {
                    Ok(()) => return Ok(OutLock { file: Some(file) }),
                    Err(Errno::WOULDBLOCK) => {
                        if let Some(w) = waiting.take() {
                            w(dir);
                        }
                        if start.elapsed() >= wait {
                            anyhow::bail!(
                                "another build has been writing into {} for over {} s: gave up waiting for it (nothing was written)",
                                dir.display(),
                                wait.as_secs()
                            );
                        }
                        std::thread::sleep(Duration::from_millis(50));
                    }
                    // A file system without locks: go on unlocked, as before locks.
                    Err(Errno::NOLCK | Errno::OPNOTSUPP | Errno::NOSYS) => {
                        return Ok(OutLock { file: None });
                    }
                    Err(e) => {
                        return Err(std::io::Error::from(e))
                            .with_context(|| format!("cannot lock {}", dir.display()));
                    }
                }
            }
        }
        #[cfg(not(unix))]
        {
            let _ = (dir, wait, waiting);
            Ok(OutLock { file: None })
        }
    }
}

/// Removing the staging folders of this process when it is interrupted.
mod interrupts {
    use super::*;

    /// The staging folders of this process, and a lock the swap holds: an interruption
    /// waits for a swap under way to end, so it never removes a folder mid-rename.
    static WATCHED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

    fn watched() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
        WATCHED.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Registers a staging folder, starting the signal watcher on first use.
    pub fn watch(tmp: &Path) {
        start();
        watched().push(tmp.to_path_buf());
    }

    pub fn unwatch(tmp: &Path) {
        watched().retain(|p| p != tmp);
    }

    /// Holds interruptions off while a swap is under way.
    pub fn hold() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
        watched()
    }

    #[cfg(unix)]
    fn start() {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        static STARTED: std::sync::Once = std::sync::Once::new();
        STARTED.call_once(|| {
            let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
            else {
                return;
            };
            std::thread::spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    let folders = watched();
                    for tmp in folders.iter() {
                        // Writers may still be adding files: a few tries empty it.
                        for _ in 0..10 {
                            if super::remove_any(tmp).is_ok() && !tmp.exists() {
                                break;
                            }
                        }
                    }
                    let text = crate::diagnostic::Lang::from_env().pick(
                        "interrupted: the unfinished output was removed",
                        "bị dừng giữa chừng: đã xóa phần kết quả chưa ghi xong",
                    );
                    let _ = writeln!(std::io::stderr(), "{text} (signal {signal})");
                    std::process::exit(128 + signal);
                }
            });
        });
    }

    #[cfg(not(unix))]
    fn start() {}
}

/// Writes a new file `rel` (a `/`-separated path) under the folder `root`, creating the
/// folders on the way; `Ok(false)`, writing nothing, when something (even a broken symbolic
/// link) is already there. Never writes through a symbolic link to a place outside `root`:
/// a link among the folders on the way must lead inside it, and the file itself is created
/// new, never opened through a link. For `init` and `templates export`.
pub fn write_new_file(root: &Path, rel: &str, bytes: &[u8]) -> std::io::Result<bool> {
    use std::io::{Error, ErrorKind};
    std::fs::create_dir_all(root)
        .map_err(|e| Error::new(e.kind(), format!("{}: {e}", root.display())))?;
    let base = root.canonicalize()?;
    let mut dir = root.to_path_buf();
    let (folders, name) = match rel.rsplit_once('/') {
        Some((folders, name)) => (folders.split('/').collect::<Vec<_>>(), name),
        None => (Vec::new(), rel),
    };
    for part in folders {
        dir.push(part);
        let shown = || dir.display().to_string();
        match std::fs::symlink_metadata(&dir) {
            Ok(m) if m.file_type().is_symlink() => {
                let real = dir
                    .canonicalize()
                    .map_err(|e| Error::new(e.kind(), format!("{}: {e}", shown())))?;
                if !real.starts_with(&base) {
                    return Err(Error::new(
                        ErrorKind::PermissionDenied,
                        format!(
                            "{} is a symbolic link to {}, outside {}: nothing is written through it",
                            shown(),
                            real.display(),
                            root.display()
                        ),
                    ));
                }
                if !real.is_dir() {
                    return Err(Error::new(
                        ErrorKind::NotADirectory,
                        format!("{} is not a folder", shown()),
                    ));
                }
            }
            Ok(m) if m.is_dir() => {}
            Ok(_) => {
                return Err(Error::new(
                    ErrorKind::NotADirectory,
                    format!("{} is not a folder", shown()),
                ));
            }
            Err(e) if e.kind() == ErrorKind::NotFound => std::fs::create_dir(&dir)
                .or_else(|e| if dir.is_dir() { Ok(()) } else { Err(e) })
                .map_err(|e| Error::new(e.kind(), format!("{}: {e}", shown())))?,
            Err(e) => return Err(Error::new(e.kind(), format!("{}: {e}", shown()))),
        }
    }
    let path = dir.join(name);
    let with_path = |e: Error| Error::new(e.kind(), format!("{}: {e}", path.display()));
    // `create_new` is O_CREAT|O_EXCL: it fails on anything already there, a link included.
    let mut file = match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(f) => f,
        Err(e) if e.kind() == ErrorKind::AlreadyExists => return Ok(false),
        Err(e) => return Err(with_path(e)),
    };
    if let Err(e) = file.write_all(bytes).and_then(|()| file.sync_all()) {
        drop(file);
        let _ = std::fs::remove_file(&path);
        return Err(with_path(e));
    }
    Ok(true)
}

/// Writes generated files (the manual pages of `ntm-report man`) into `root`, creating it
/// when needed and replacing files of the same names, each in one rename: a reader never
/// sees half a file. Other files of `root` are left alone.
pub fn write_files(root: &Path, files: &[(String, Vec<u8>)]) -> std::io::Result<()> {
    std::fs::create_dir_all(root)?;
    for (name, bytes) in files {
        let path = root.join(name);
        let tmp = root.join(format!(".{name}.partial-{}", std::process::id()));
        let written = std::fs::write(&tmp, bytes).and_then(|()| std::fs::rename(&tmp, &path));
        if let Err(e) = written {
            let _ = std::fs::remove_file(&tmp);
            return Err(std::io::Error::new(
                e.kind(),
                format!("{}: {e}", path.display()),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_whole_folder() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("out/2023");
        let mut a = OutputSet::default();
        a.add("facts.json", "1");
        a.add("phu-bieu/01.md", "x");
        replace_dir(&target, &a).unwrap();
        let mut b = OutputSet::default();
        b.add("facts.json", "2");
        replace_dir(&target, &b).unwrap();
        assert_eq!(
            std::fs::read_to_string(target.join("facts.json")).unwrap(),
            "2"
        );
        assert!(!target.join("phu-bieu").exists(), "stale files are gone");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path().join("out")).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary folders left");
    }

    #[test]
    fn a_failed_write_keeps_the_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("2023");
        let mut a = OutputSet::default();
        a.add("facts.json", "good");
        replace_dir(&target, &a).unwrap();
        let mut bad = OutputSet::default();
        bad.add("x", "1");
        bad.add("x/y", "2"); // `x` is a file: cannot hold `y`
        assert!(replace_dir(&target, &bad).is_err());
        assert_eq!(
            std::fs::read_to_string(target.join("facts.json")).unwrap(),
            "good"
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn an_abandoned_staging_folder_leaves_nothing_behind() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("2023");
        let mut a = OutputSet::default();
        a.add("facts.json", "old");
        replace_dir(&target, &a).unwrap();
        {
            let staging = Staging::new(&target).unwrap();
            staging.put("facts.json", b"new").unwrap();
            // A writer fails here: the staging folder is dropped without a commit.
        }
        assert_eq!(
            std::fs::read_to_string(target.join("facts.json")).unwrap(),
            "old"
        );
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no partial folder left"
        );
    }

    /// Windows refuses to rename a folder while Word holds a file of it: the failure is
    /// injected here, as that system gives it.
    #[test]
    fn a_document_held_open_is_named_and_the_previous_output_kept() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("2023");
        std::fs::create_dir_all(&target).unwrap();
        std::fs::write(target.join("bao-cao-ntm-2023.docx"), "old").unwrap();
        std::fs::write(target.join("phu-bieu-2023.xlsx"), "old").unwrap();
        // The owner file Word writes beside a document it has open.
        std::fs::write(target.join("~$o-cao-ntm-2023.docx"), "owner").unwrap();
        let tmp = dir.path().join(".2023.partial-1");
        std::fs::create_dir_all(&tmp).unwrap();
        std::fs::write(tmp.join("bao-cao-ntm-2023.docx"), "new").unwrap();
        let busy = |_: &Path, _: &Path| -> std::io::Result<()> {
            Err(std::io::Error::from(std::io::ErrorKind::ResourceBusy))
        };
        let unsupported = |_: &Path, _: &Path| -> std::io::Result<()> {
            Err(std::io::Error::from(std::io::ErrorKind::Unsupported))
        };
        for exchange in [&busy as Move, &unsupported] {
            let e = swap_in_with(&tmp, &target, dir.path(), "2023", exchange, &busy).unwrap_err();
            let in_use = e.downcast_ref::<InUse>().expect("said to be in use");
            assert_eq!(in_use.file, target.join("bao-cao-ntm-2023.docx"));
            let text = in_use.message().text(crate::diagnostic::Lang::Vi);
            assert!(text.starts_with("tệp "), "{text}");
            assert!(text.contains("bao-cao-ntm-2023.docx"), "{text}");
            assert_eq!(
                std::fs::read_to_string(target.join("bao-cao-ntm-2023.docx")).unwrap(),
                "old"
            );
        }
        // Excel's owner file: `~$` before the whole name.
        std::fs::remove_file(target.join("~$o-cao-ntm-2023.docx")).unwrap();
        std::fs::write(target.join("~$phu-bieu-2023.xlsx"), "owner").unwrap();
        let e = swap_in_with(&tmp, &target, dir.path(), "2023", &unsupported, &busy).unwrap_err();
        let in_use = e.downcast_ref::<InUse>().unwrap();
        assert_eq!(in_use.file, target.join("phu-bieu-2023.xlsx"));
        // Held, but no telling which file: the folder is named.
        std::fs::remove_file(target.join("~$phu-bieu-2023.xlsx")).unwrap();
        let e = swap_in_with(&tmp, &target, dir.path(), "2023", &unsupported, &busy).unwrap_err();
        assert_eq!(e.downcast_ref::<InUse>().unwrap().file, target);
        // Another failure is not taken for a file in use.
        let denied = |_: &Path, _: &Path| -> std::io::Result<()> {
            Err(std::io::Error::from(std::io::ErrorKind::PermissionDenied))
        };
        let e = swap_in_with(&tmp, &target, dir.path(), "2023", &unsupported, &denied).unwrap_err();
        assert!(e.downcast_ref::<InUse>().is_none(), "{e:#}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }
}
