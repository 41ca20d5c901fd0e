//! Feedback on long builds: on a terminal, once a build has taken more than about a second,
//! a bar of the build's stages with the one running ("[##---] 2/4 evaluate and aggregate");
//! with `--timings`, each stage's wall time and the peak memory on stderr. Nothing extra is
//! printed when stderr is not a terminal (unless timings are asked for).

use indicatif::{ProgressBar, ProgressStyle};
use std::io::IsTerminal as _;
use std::time::{Duration, Instant};

/// How long a build runs before it starts showing progress.
const QUIET_FOR: Duration = Duration::from_secs(1);

/// Stage timing and progress display for one build.
pub struct Progress {
    start: Instant,
    terminal: bool,
    timings: bool,
    bar: Option<ProgressBar>,
    /// Each stage's name, wall time, and the peak memory of the process when it ended.
    done: Vec<(&'static str, Duration, Option<u64>)>,
    /// How many stages the build has.
    stages: u64,
    /// Timings as JSON lines (`--message-format json`).
    json: bool,
}

impl Progress {
    /// `timings`: print each stage's wall time when the build ends; `stages`: how many
    /// stages the bar counts.
    pub fn new(timings: bool, stages: u64) -> Self {
        Progress {
            start: Instant::now(),
            terminal: std::io::stderr().is_terminal(),
            timings,
            bar: None,
            done: Vec::new(),
            stages,
            json: false,
        }
    }

    /// Timings as JSON lines, one per stage and one for the total, beside the diagnostics
    /// of `--message-format json`: `{"severity":"note","code":"timing","message":…,
    /// "stage":…,"ms":…,"peak_mb":…}`.
    pub fn as_json(mut self) -> Self {
        self.json = true;
        self.terminal = false;
        self
    }

    /// The same without the stage bar (`--quiet`, `--message-format json`: stderr holds
    /// only what was asked for); timings, when asked, are still printed.
    pub fn without_bar(mut self) -> Self {
        self.terminal = false;
        self
    }

    /// No display and no timings: for builds made as a library call.
    pub fn silent() -> Self {
        Progress {
            terminal: false,
            ..Progress::new(false, 0)
        }
    }

    /// Runs one stage, showing its name while it runs (on a terminal, after the first second).
    pub fn stage<T>(&mut self, name: &'static str, f: impl FnOnce() -> T) -> T {
        if self.terminal && self.bar.is_none() && self.start.elapsed() >= QUIET_FOR {
            let bar = ProgressBar::new(self.stages);
            bar.set_style(
                ProgressStyle::with_template("{spinner} [{bar:12}] {pos}/{len} {elapsed:>4} {msg}")
                    .expect("valid template")
                    .progress_chars("#>-"),
            );
            bar.set_position(self.done.len() as u64);
            bar.enable_steady_tick(Duration::from_millis(120));
            self.bar = Some(bar);
        }
        if let Some(bar) = &self.bar {
            bar.set_message(name);
        }
        let t = Instant::now();
        let out = f();
        self.done.push((name, t.elapsed(), peak_memory_kb()));
        if let Some(bar) = &self.bar {
            bar.set_position(self.done.len() as u64);
        }
        out
    }

    /// Ends the display and prints the timings when asked for.
    pub fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
        if self.timings {
            let total = ("total", self.start.elapsed(), None);
            for (name, d, peak) in self.done.iter().chain([&total]) {
                let line = match peak {
                    Some(kb) => format!(
                        "{:>9.3} s  {:>6} MB peak  {name}",
                        d.as_secs_f64(),
                        kb / 1024
                    ),
                    None => format!("{:>9.3} s  {name}", d.as_secs_f64()),
                };
                if self.json {
                    let json = serde_json::json!({
                        "severity": "note",
                        "code": "timing",
                        "message": line.trim_start(),
                        "stage": name,
                        "ms": d.as_millis() as u64,
                        "peak_mb": peak.map(|kb| kb / 1024),
                    });
                    eprintln!("{json}");
                } else {
                    eprintln!("{line}");
                }
            }
        }
    }
}

/// The peak resident memory of this process so far, in kilobytes, where the system says it
/// (`VmHWM` of `/proc/self/status` on Linux).
fn peak_memory_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
