//! Crash safety. A child process (this test binary, re-run on the ignored `child_import`)
//! imports release 2 over release 1 and is killed: at every step ([`STEPS`], by `abort()`),
//! and by SIGKILL at timed points inside the import (SQLite writes, fsyncs, the rename).
//! Injected ENOSPC and EIO at every step run in-process. Under `strace` fault injection, the
//! child is also killed at every nth file system call (SQLite's own writes, fsyncs, renames
//! included) and sees ENOSPC/EIO at the nth write or fsync. After each, the content is exactly
//! release 1 or exactly release 2, every database passes `PRAGMA integrity_check`, and the
//! next sync completes.

use super::support::*;
use scanwise_device::fetch::DirFetcher;
use scanwise_device::{Device, Faults, STEPS, Step};
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

struct AbortAt(Step);

impl Faults for AbortAt {
    fn before(&self, step: Step) -> std::io::Result<()> {
        if step == self.0 {
            std::process::abort();
        }
        Ok(())
    }
}

struct FailAt(Step, i32);

impl Faults for FailAt {
    fn before(&self, step: Step) -> std::io::Result<()> {
        if step == self.0 {
            Err(std::io::Error::from_raw_os_error(self.1))
        } else {
            Ok(())
        }
    }
}

/// Run by the parent in a child process; does nothing when run directly.
#[test]
#[ignore = "child process of crash tests"]
fn child_import() {
    let Ok(dir) = std::env::var("SCANWISE_CRASH_DEVICE") else {
        return;
    };
    let channel = std::env::var("SCANWISE_CRASH_CHANNEL").unwrap();
    let root = std::fs::read(Path::new(&channel).join("channels/stable/root/1.root.json")).unwrap();
    let mut device = Device::new(&dir, &root);
    if let Ok(step) = std::env::var("SCANWISE_CRASH_STEP") {
        device = device.with_faults(Box::new(AbortAt(STEPS[step.parse::<usize>().unwrap()])));
    }
    let now: i64 = std::env::var("SCANWISE_CRASH_NOW")
        .unwrap()
        .parse()
        .unwrap();
    device.sync(&DirFetcher::new(&channel), now).unwrap();
}

struct Fixture {
    world: World,
    channel_dir: tempfile::TempDir,
    pristine: tempfile::TempDir,
    old: BTreeMap<(String, String), String>,
    new: BTreeMap<(String, String), String>,
}

fn copy_dir(from: &Path, to: &Path) {
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

fn fixture() -> Fixture {
    let mut world = World::new();
    let d = TestDevice::new(&world);
    d.device.sync(&world.channel, world.now).unwrap();
    let old = installed(&d);
    world.publish(&packs(2));
    let channel_dir = tempfile::tempdir().unwrap();
    world.channel.write_dir(channel_dir.path());
    // What release 2 looks like, from a scratch device.
    let probe = TestDevice::new(&world);
    probe.device.sync(&world.channel, world.now).unwrap();
    let new = installed(&probe);
    assert_ne!(old, new);
    let pristine = tempfile::tempdir().unwrap();
    copy_dir(&d.path(), pristine.path());
    Fixture {
        world,
        channel_dir,
        pristine,
        old,
        new,
    }
}

impl Fixture {
    fn fresh_device(&self) -> TestDevice {
        let d = TestDevice::new(&self.world);
        copy_dir(self.pristine.path(), &d.path());
        d
    }

    fn child(&self, d: &TestDevice, step: Option<usize>) -> std::process::Child {
        self.child_under(d, step, &[])
    }

    /// The child, optionally under a wrapper command (`strace ... --`).
    fn child_under(
        &self,
        d: &TestDevice,
        step: Option<usize>,
        wrapper: &[String],
    ) -> std::process::Child {
        let exe = std::env::current_exe().unwrap();
        let mut cmd = match wrapper.split_first() {
            Some((program, args)) => {
                let mut c = Command::new(program);
                c.args(args).arg(&exe);
                c
            }
            None => Command::new(&exe),
        };
        cmd.args([
            "--exact",
            "device::crash::child_import",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("SCANWISE_CRASH_DEVICE", d.path())
        .env("SCANWISE_CRASH_CHANNEL", self.channel_dir.path())
        .env("SCANWISE_CRASH_NOW", self.world.now.to_string())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
        if let Some(s) = step {
            cmd.env("SCANWISE_CRASH_STEP", s.to_string());
        }
        cmd.spawn().unwrap()
    }

    /// Old or new, intact, and the next sync finishes the job.
    fn check(&self, d: &TestDevice, what: &str) -> bool {
        let content = installed(d);
        assert!(
            content == self.old || content == self.new,
            "{what}: mixed content {content:?}"
        );
        let status = d.device.status().unwrap();
        assert!(
            integrity_ok(&status.active_slot.unwrap()),
            "{what}: slot integrity"
        );
        assert!(
            integrity_ok(&d.device.state_path()),
            "{what}: sync-state integrity"
        );
        assert_eq!(
            std::fs::read(d.path().join("user.db")).unwrap(),
            b"patient data: bookmarks, progress"
        );
        let was_new = content == self.new;
        d.device
            .sync(&DirFetcher::new(self.channel_dir.path()), self.world.now)
            .unwrap();
        assert_eq!(installed(d), self.new, "{what}: recovery sync");
        was_new
    }
}

#[test]
fn killed_at_every_step_of_an_import() {
    let f = fixture();
    for (i, step) in STEPS.iter().enumerate() {
        let d = f.fresh_device();
        let status = f.child(&d, Some(i)).wait().unwrap();
        assert!(!status.success(), "child at {step:?} should have aborted");
        let was_new = f.check(&d, &format!("abort before {step:?}"));
        // Before the commit the old release is active; after it, the new one.
        assert_eq!(was_new, *step == Step::Committed, "{step:?}");
    }
}

#[test]
fn killed_at_timed_points_inside_an_import() {
    let f = fixture();
    // Time a full import to spread the kill points over it.
    let d = f.fresh_device();
    let t = std::time::Instant::now();
    assert!(f.child(&d, None).wait().unwrap().success());
    let full = t.elapsed();
    assert_eq!(installed(&d), f.new);
    let (mut old, mut new) = (0, 0);
    for n in 0..12u32 {
        let d = f.fresh_device();
        let mut child = f.child(&d, None);
        std::thread::sleep(full.mul_f64(f64::from(n) / 10.0));
        let _ = child.kill();
        child.wait().unwrap();
        if f.check(&d, &format!("SIGKILL at {n}/10 of {full:?}")) {
            new += 1
        } else {
            old += 1
        }
    }
    println!("timed kills: {old} left the old release, {new} the new one");
}

#[test]
fn enospc_and_eio_at_every_step() {
    let f = fixture();
    for errno in [libc::ENOSPC, libc::EIO] {
        for step in STEPS {
            let d = f.fresh_device();
            let before = fingerprint(&d);
            let device = Device::new(d.path(), &f.world.root_bytes)
                .with_faults(Box::new(FailAt(step, errno)));
            let err = device
                .sync(&DirFetcher::new(f.channel_dir.path()), f.world.now)
                .unwrap_err();
            assert!(matches!(err, scanwise_device::Error::Fault { .. }), "{err}");
            if step != Step::Committed {
                assert_eq!(fingerprint(&d), before, "errno {errno} before {step:?}");
            }
            f.check(&d, &format!("errno {errno} before {step:?}"));
        }
    }
    let _ = Duration::ZERO;
}

/// File system calls counted and faulted by the strace tests.
const FILE_CALLS: &str =
    "openat,write,pwrite64,fsync,fdatasync,rename,renameat,renameat2,unlink,unlinkat,ftruncate";

fn strace() -> Option<&'static str> {
    let found = ["/usr/bin/strace", "/bin/strace"]
        .into_iter()
        .find(|p| Path::new(p).exists());
    if found.is_none() {
        eprintln!(
            "SKIPPED: strace not installed (apt-get install strace); step-level crash tests still ran"
        );
    }
    found
}

/// How many `calls` a full import makes in the child.
fn count_calls(f: &Fixture, strace: &str, calls: &str) -> usize {
    let d = f.fresh_device();
    let log = d.path().join("strace.log");
    let wrapper: Vec<String> = [
        strace,
        "-f",
        "-qq",
        "-o",
        log.to_str().unwrap(),
        "-e",
        &format!("trace={calls}"),
        "--",
    ]
    .map(String::from)
    .to_vec();
    assert!(f.child_under(&d, None, &wrapper).wait().unwrap().success());
    let text = std::fs::read_to_string(&log).unwrap();
    text.lines()
        .filter(|l| !l.contains("resumed>") && !l.contains("+++") && !l.contains("---"))
        .count()
}

fn sample(total: usize, points: usize) -> Vec<usize> {
    let mut v: Vec<usize> = (1..=points).map(|i| (i * total / points).max(1)).collect();
    v.dedup();
    v
}

#[test]
fn killed_at_every_nth_file_operation() {
    let Some(strace) = strace() else { return };
    let f = fixture();
    let total = count_calls(&f, strace, FILE_CALLS);
    assert!(total > 20, "counted {total} file operations");
    let (mut old, mut new) = (0, 0);
    for n in sample(total, 16) {
        let d = f.fresh_device();
        let wrapper: Vec<String> = [
            strace,
            "-f",
            "-qq",
            "-o",
            "/dev/null",
            "-e",
            &format!("trace={FILE_CALLS}"),
            "-e",
            &format!("inject={FILE_CALLS}:signal=SIGKILL:when={n}"),
            "--",
        ]
        .map(String::from)
        .to_vec();
        f.child_under(&d, None, &wrapper).wait().unwrap();
        if f.check(&d, &format!("SIGKILL at file operation {n} of {total}")) {
            new += 1
        } else {
            old += 1
        }
    }
    println!(
        "{total} file operations; kills left the old release {old} times, the new one {new} times"
    );
    assert!(old > 0, "some kill must land before the switch");
}

#[test]
fn enospc_and_eio_at_the_nth_write_or_fsync() {
    let Some(strace) = strace() else { return };
    let f = fixture();
    let calls = "write,pwrite64,fsync,fdatasync";
    let total = count_calls(&f, strace, calls);
    for errno in ["ENOSPC", "EIO"] {
        for n in sample(total, 8) {
            let d = f.fresh_device();
            let wrapper: Vec<String> = [
                strace,
                "-f",
                "-qq",
                "-o",
                "/dev/null",
                "-e",
                &format!("trace={calls}"),
                "-e",
                &format!("inject={calls}:error={errno}:when={n}"),
                "--",
            ]
            .map(String::from)
            .to_vec();
            f.child_under(&d, None, &wrapper).wait().unwrap();
            f.check(&d, &format!("{errno} at write/fsync {n} of {total}"));
        }
    }
}
