//! The only module that writes files. A build's outputs are written into a temporary folder
//! beside the target and renamed into place only when all of them are written, so a failed
//! build never leaves a half-written or mixed output folder.

use anyhow::{Context, Result};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

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

/// An output folder being written: files go into a temporary folder beside the target as
/// soon as they are made (so a large build need not hold them all in memory), and the folder
/// replaces the target only on [`Staging::commit`]. Dropped without a commit, it is removed
/// and the target is left as it was.
pub struct Staging {
    tmp: PathBuf,
    target: PathBuf,
    parent: PathBuf,
    name: String,
    done: bool,
}

impl Staging {
    pub fn new(target: &Path) -> Result<Self> {
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
        let tmp = parent.join(format!(".{name}.partial-{}", std::process::id()));
        write_all(&tmp, &OutputSet::default())?;
        Ok(Staging {
            tmp,
            target: target.to_path_buf(),
            parent,
            name,
            done: false,
        })
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

    /// Moves the finished folder into place.
    pub fn commit(mut self) -> Result<()> {
        self.done = true;
        let result = swap_in(&self.tmp, &self.target, &self.parent, &self.name);
        if result.is_err() {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
        result
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

fn write_all(tmp: &Path, set: &OutputSet) -> Result<()> {
    if tmp.exists() {
        std::fs::remove_dir_all(tmp)?;
    }
    std::fs::create_dir_all(tmp).with_context(|| format!("cannot create {}", tmp.display()))?;
    for (rel, bytes) in &set.files {
        let path = tmp.join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
        }
        std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
    }
    Ok(())
}

fn swap_in(tmp: &Path, target: &Path, parent: &Path, name: &str) -> Result<()> {
    let old: Option<PathBuf> = if target.exists() {
        let old = parent.join(format!(".{name}.old-{}", std::process::id()));
        std::fs::rename(target, &old)
            .with_context(|| format!("cannot move the previous {} aside", target.display()))?;
        Some(old)
    } else {
        None
    };
    if let Err(e) = std::fs::rename(tmp, target) {
        if let Some(old) = &old {
            let _ = std::fs::rename(old, target);
        }
        return Err(e)
            .with_context(|| format!("cannot move the new output into {}", target.display()));
    }
    if let Some(old) = old {
        std::fs::remove_dir_all(&old)
            .with_context(|| format!("cannot remove {}", old.display()))?;
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
}
