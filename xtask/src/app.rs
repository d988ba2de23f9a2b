//! The app parts of `cargo xtask run | test`: building the UI and the Tauri shell, and the
//! real-window suite (Xvfb + tauri-driver + WebKitWebDriver, started and stopped by PID).

use crate::{root, sh};
use anyhow::{Context, Result, bail};
use std::ffi::OsStr;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// `npm ci` when node_modules is missing or older than the lock file, in `dir` (ui/, tests/e2e/).
pub fn npm_ci(dir: &str) -> Result<()> {
    let d = root().join(dir);
    let stamp = d.join("node_modules/.package-lock.json");
    let lock = d.join("package-lock.json");
    let fresh = match (stamp.metadata(), lock.metadata()) {
        (Ok(s), Ok(l)) => s.modified()? >= l.modified()?,
        _ => false,
    };
    if !fresh {
        npm(dir, &["ci", "--no-audit", "--no-fund"])?;
    }
    Ok(())
}

pub fn npm(dir: &str, args: &[&str]) -> Result<()> {
    eprintln!("$ (cd {dir}) npm {}", args.join(" "));
    let status = Command::new("npm")
        .args(args)
        .current_dir(root().join(dir))
        .status()
        .context("could not start npm")?;
    if !status.success() {
        bail!("`npm {}` in {dir} failed ({status})", args.join(" "));
    }
    Ok(())
}

pub fn build_ui() -> Result<()> {
    npm_ci("ui")?;
    npm("ui", &["run", "build"])
}

/// Builds the shell (debug) and returns the binary. `test_config` bakes in
/// `src-tauri/tauri.conf.test.json` (own identifier, own window title).
pub fn build_app(test_config: bool) -> Result<PathBuf> {
    let mut cmd = Command::new("cargo");
    cmd.args(["build", "-p", "scanwise-app"])
        .current_dir(root());
    if test_config {
        let conf = std::fs::read_to_string(root().join("src-tauri/tauri.conf.test.json"))?;
        cmd.env("TAURI_CONFIG", conf);
    } else {
        cmd.env_remove("TAURI_CONFIG");
    }
    eprintln!(
        "$ cargo build -p scanwise-app{}",
        if test_config { " (test config)" } else { "" }
    );
    if !cmd.status()?.success() {
        bail!("building the app failed");
    }
    Ok(target_dir().join("debug/scanwise-app"))
}

pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
}

/// A child that leads its own process group (see `spawn_guarded`), killed with its group when
/// dropped: tauri-driver's WebKitWebDriver would otherwise outlive tauri-driver.
pub(crate) struct Guard(&'static str, pub(crate) Child);

impl Drop for Guard {
    fn drop(&mut self) {
        let pid = self.1.id();
        let _ = Command::new("kill")
            .args(["-KILL", "--", &format!("-{pid}")])
            .stderr(Stdio::null())
            .status();
        let _ = self.1.kill();
        let _ = self.1.wait();
        eprintln!("stopped {} (pid {pid})", self.0);
    }
}

/// Starts `cmd` as the leader of a new process group, guarded.
pub(crate) fn spawn_guarded(name: &'static str, cmd: &mut Command) -> Result<Guard> {
    use std::os::unix::process::CommandExt;
    let child = cmd
        .process_group(0)
        .spawn()
        .with_context(|| format!("could not start {name}"))?;
    Ok(Guard(name, child))
}

/// tauri-driver on a free loopback port for `display`, once it answers. `env` reaches the app
/// it launches; `quiet` drops the app's output (the bench).
fn start_tauri_driver(display: u32, env: &[(&str, &OsStr)], quiet: bool) -> Result<(u16, Guard)> {
    let port = free_port()?;
    let mut cmd = Command::new(which("tauri-driver")?);
    cmd.args(["--port", &port.to_string()])
        .args(["--native-port", &free_port()?.to_string()])
        .env("DISPLAY", format!(":{display}"))
        .env("NO_AT_BRIDGE", "1")
        .envs(env.iter().copied());
    if quiet {
        cmd.stdout(Stdio::null()).stderr(Stdio::null());
    }
    let guard = spawn_guarded("tauri-driver", &mut cmd)?;
    wait_for_port("tauri-driver", port)?;
    Ok((port, guard))
}

pub(crate) fn free_port() -> Result<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

fn free_display() -> u32 {
    (90..200)
        .find(|n| {
            !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
                && !Path::new(&format!("/tmp/.X{n}-lock")).exists()
        })
        .unwrap_or(99)
}

/// A virtual X display on a free number, stopped when the guard drops.
fn start_xvfb() -> Result<(u32, Guard)> {
    let display = free_display();
    let guard = spawn_guarded(
        "Xvfb",
        Command::new("Xvfb")
            .args([
                &format!(":{display}"),
                "-screen",
                "0",
                "1280x800x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
    )?;
    wait_until("Xvfb", Duration::from_secs(10), || {
        Path::new(&format!("/tmp/.X11-unix/X{display}")).exists()
    })?;
    Ok((display, guard))
}

pub(crate) fn wait_until(
    what: &str,
    limit: Duration,
    mut ready: impl FnMut() -> bool,
) -> Result<()> {
    let start = Instant::now();
    while !ready() {
        if start.elapsed() > limit {
            bail!("{what} not ready after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    Ok(())
}

/// Waits (at most 20 s) until something accepts connections on 127.0.0.1:`port`.
pub(crate) fn wait_for_port(what: &str, port: u16) -> Result<()> {
    wait_until(what, Duration::from_secs(20), || {
        TcpStream::connect(("127.0.0.1", port)).is_ok()
    })
}

/// A fresh, empty temporary folder `<prefix>-<pid>`, removed when dropped (also on an early
/// error).
pub(crate) struct TempDir(pub(crate) PathBuf);

impl TempDir {
    pub(crate) fn new(prefix: &str) -> Result<TempDir> {
        let dir = TempDir(std::env::temp_dir().join(format!("{prefix}-{}", std::process::id())));
        let _ = std::fs::remove_dir_all(&dir.0);
        std::fs::create_dir_all(&dir.0)
            .with_context(|| format!("could not create {}", dir.0.display()))?;
        Ok(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Waits for `child` to exit, polling, for at most `limit`: `None` when it is still running then
/// (the caller decides what to stop and what to say).
pub(crate) fn wait_child(child: &mut Child, limit: Duration) -> Result<Option<ExitStatus>> {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        if start.elapsed() > limit {
            return Ok(None);
        }
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// The test files (`*.test.mjs`) directly in `dir`, by name, sorted: node's test runner is
/// given them one by one (a folder argument is read as a module by Node >= 21).
pub(crate) fn test_files(dir: &Path) -> Result<Vec<String>> {
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .with_context(|| format!("could not list {}", dir.display()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".test.mjs"))
        .collect();
    files.sort();
    Ok(files)
}

/// `node --test` in `dir` as the browser suites run it: one file at a time, the spec reporter,
/// ten minutes per test. The caller adds the files and the environment.
pub(crate) fn node_test(dir: &Path) -> Command {
    let mut cmd = Command::new("node");
    cmd.args([
        "--test",
        "--test-concurrency=1",
        "--test-reporter=spec",
        "--test-timeout=600000",
    ])
    .current_dir(dir);
    cmd
}

/// Runs `tests/e2e` against `app` in a fresh data directory. `extra_env` reaches the test
/// runner (e.g. `SCANWISE_SHOTS` to write screenshots).
pub fn real_window_suite(app: &Path, extra_env: &[(&str, String)]) -> Result<()> {
    npm_ci("tests/e2e")?;
    let data = TempDir::new("scanwise-e2e")?;

    let (display, _xvfb) = start_xvfb()?;

    // WebKitWebDriver serves one session and exits when it ends, so each test file gets a
    // fresh tauri-driver. The files share the data directory: 2-after-restart sees what
    // 1-first-use saved, which is how "survives a restart" is tested.
    let files = test_files(&root().join("tests/e2e"))?;
    let mut failed = Vec::new();
    for file in &files {
        if !run_test_file(file, display, app, &data.0, extra_env)? {
            failed.push(file.clone());
        }
    }
    if !failed.is_empty() {
        bail!("real-window suite failed: {}", failed.join(", "));
    }
    Ok(())
}

/// One test file against a fresh tauri-driver; `Ok(false)` when a test failed.
fn run_test_file(
    file: &str,
    display: u32,
    app: &Path,
    data: &Path,
    extra_env: &[(&str, String)],
) -> Result<bool> {
    // Content updates go to loopback only: nothing listens there unless a test (the updates
    // test) starts a channel server on this port.
    let channel_url = format!("http://127.0.0.1:{}", free_port()?);
    // The app (started by WebKitWebDriver under tauri-driver) inherits these.
    let (port, _driver) = start_tauri_driver(
        display,
        &[
            ("SCANWISE_DATA_DIR", data.as_os_str()),
            ("SCANWISE_CHANNEL_URL", OsStr::new(&channel_url)),
            ("LANG", OsStr::new("en_GB.UTF-8")),
        ],
        false,
    )?;

    let mut cmd = node_test(&root().join("tests/e2e"));
    cmd.arg(file)
        .env("SCANWISE_APP", app)
        // The kiosk test writes its kiosk.toml there before starting the app.
        .env("SCANWISE_DATA_DIR", data)
        .env("SCANWISE_CHANNEL_URL", &channel_url)
        .env("WEBDRIVER_PORT", port.to_string());
    for (k, v) in extra_env {
        cmd.env(k, v);
    }
    eprintln!("$ (cd tests/e2e) node --test {file}");
    let mut node = cmd.spawn().context("could not start node")?;
    // Bounded: a hung window must not hang CI.
    let Some(status) = wait_child(&mut node, Duration::from_secs(900))? else {
        let _ = node.kill();
        let _ = node.wait();
        bail!("{file} timed out after 15 minutes");
    };
    Ok(status.success())
}

fn which(program: &str) -> Result<PathBuf> {
    let home_bin =
        std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo/bin").join(program));
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|d| d.join(program))
        .chain(home_bin)
        .find(|p| p.is_file())
        .with_context(|| format!("{program} not found on PATH"))
}

/// `cargo xtask run`: the UI, then the app, then start it.
pub fn run() -> Result<()> {
    build_ui()?;
    let app = build_app(false)?;
    let status = Command::new(&app)
        .status()
        .with_context(|| format!("could not start {}", app.display()))?;
    if !status.success() {
        bail!("the app exited with {status}");
    }
    Ok(())
}

/// How much of the app's share is left to run.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum AppPart {
    /// `cargo xtask test app`: the UI build and the app layer's tests too.
    Alone,
    /// After the workspace run, which built the UI and ran `scanwise-app-core` (a default member).
    AfterWorkspace,
}

/// The app's share of `cargo xtask test`.
pub fn test(part: AppPart) -> Result<()> {
    if part == AppPart::Alone {
        build_ui()?;
    }
    npm("ui", &["test"])?;
    // The shell's own tests (it needs ui/dist for generate_context!), and alone also the app
    // layer's (screens, updates, kiosk, the contract's drift and capability checks).
    let mut args = vec!["test", "-p", "scanwise-app"];
    if part == AppPart::Alone {
        args.extend(["-p", "scanwise-app-core"]);
    }
    sh("cargo", &args)?;
    let app = build_app(true)?;
    real_window_suite(&app, &[])
}

/// `cargo xtask screenshots`: the real-window suite with screenshots on, into docs/screenshots.
pub fn screenshots() -> Result<()> {
    build_ui()?;
    let app = build_app(true)?;
    let out = root().join("docs/screenshots");
    real_window_suite(&app, &[("SCANWISE_SHOTS", out.display().to_string())])
}

/// `cargo xtask bench`, app part: start to first content frame against a bare Tauri 2 window
/// (same crate, profile and config), resident memory after five modules, release binary size
/// against the bare window's (`[profile.release]` in the root Cargo.toml applies to both) and
/// installer size.
pub fn bench() -> Result<()> {
    build_ui()?;
    npm_ci("tests/e2e")?;
    sh(
        "cargo",
        &[
            "build",
            "--release",
            "-p",
            "scanwise-app",
            "--bin",
            "scanwise-app",
            "--example",
            "bare",
        ],
    )?;
    let app = target_dir().join("release/scanwise-app");
    let bare = target_dir().join("release/examples/bare");
    let data = TempDir::new("scanwise-bench")?;

    let (display, _xvfb) = start_xvfb()?;

    let measure = |bin: &Path, selector: &str, mode: &str| -> Result<String> {
        let (port, _driver) =
            start_tauri_driver(display, &[("SCANWISE_DATA_DIR", data.0.as_os_str())], true)?;
        let out = Command::new("node")
            .arg("bench.mjs")
            .arg(bin)
            .args([selector, mode])
            .current_dir(root().join("tests/e2e"))
            .env("WEBDRIVER_PORT", port.to_string())
            .output()?;
        if !out.status.success() {
            bail!("bench run failed: {}", String::from_utf8_lossy(&out.stderr));
        }
        Ok(String::from_utf8_lossy(&out.stdout)
            .lines()
            .last()
            .unwrap_or("")
            .to_string())
    };

    // Warm up both (the app's first run imports its seed and finishes onboarding).
    measure(&app, "h1", "onboard")?;
    measure(&bare, "#line", "")?;
    const RUNS: usize = 21;
    let (mut app_ms, mut bare_ms, mut pair_ratios) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..RUNS {
        // Interleaved, so drift on a shared machine hits both alike; each run starts once the
        // last one's WebKit processes are gone.
        wait_for_webkit_exit()?;
        let a = json_u64(&measure(&app, "[data-module]", "")?, "ms");
        wait_for_webkit_exit()?;
        let b = json_u64(&measure(&bare, "#line", "")?, "ms");
        app_ms.push(a);
        bare_ms.push(b);
        pair_ratios.push(a as f64 / b.max(1) as f64);
    }
    let median = |v: &mut Vec<u64>| {
        v.sort_unstable();
        v[v.len() / 2]
    };
    let (a, b) = (median(&mut app_ms), median(&mut bare_ms));
    pair_ratios.sort_by(f64::total_cmp);
    let pair_median = pair_ratios[RUNS / 2];
    let mem = measure(&app, "[data-module]", "five")?;
    let (size, bare_size) = (
        std::fs::metadata(&app)?.len(),
        std::fs::metadata(&bare)?.len(),
    );
    drop(data);
    println!("app startup to first content frame: median {a} ms over {RUNS} runs {app_ms:?}");
    println!("bare Tauri 2 window, one line:       median {b} ms over {RUNS} runs {bare_ms:?}");
    println!(
        "ratio app / bare: {:.2} (target <= 1.15); median of the {RUNS} paired ratios: {pair_median:.2}",
        a as f64 / b.max(1) as f64
    );
    println!(
        "resident memory after opening {} modules: app process {} MiB, with its WebKit processes {} MiB",
        json_u64(&mem, "modules"),
        json_u64(&mem, "app_rss_kb") / 1024,
        json_u64(&mem, "tree_rss_kb") / 1024
    );
    println!(
        "release binary size: app {:.1} MiB, bare Tauri 2 window {:.1} MiB, ratio {:.2} \
         (target <= 1.5, content included)",
        size as f64 / 1048576.0,
        bare_size as f64 / 1048576.0,
        size as f64 / bare_size.max(1) as f64
    );
    let deb = installer()?;
    println!(
        "installer size: {:.1} MiB ({})",
        std::fs::metadata(&deb)?.len() as f64 / 1048576.0,
        deb.display()
    );
    Ok(())
}

/// Builds the Linux installer (.deb) with the Tauri CLI from ui/'s lockfile; bundling is off in
/// tauri.conf.json so that everyday builds skip it. Other formats need tools from outside the
/// package registries (AppImage downloads linuxdeploy).
fn installer() -> Result<PathBuf> {
    let status = Command::new(root().join("ui/node_modules/.bin/tauri"))
        .args(["build", "--ci", "--bundles", "deb"])
        .args(["--config", r#"{"bundle":{"active":true}}"#])
        .current_dir(root())
        .env_remove("TAURI_CONFIG")
        .status()
        .context("could not start the Tauri CLI (ui/node_modules/.bin/tauri)")?;
    if !status.success() {
        bail!("building the installer failed ({status})");
    }
    let dir = target_dir().join("release/bundle/deb");
    std::fs::read_dir(&dir)?
        .flatten()
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|e| e == "deb"))
        .with_context(|| format!("no .deb in {}", dir.display()))
}

/// Waits (bounded) until no WebKit process of an earlier run is left, then a moment more, so
/// one run's shutdown does not slow the next one's start.
fn wait_for_webkit_exit() -> Result<()> {
    let busy = || {
        std::fs::read_dir("/proc")
            .into_iter()
            .flatten()
            .flatten()
            .any(|e| {
                std::fs::read_to_string(e.path().join("comm")).is_ok_and(|c| {
                    c.starts_with("WebKit") || c.trim() == "scanwise-app" || c.trim() == "bare"
                })
            })
    };
    wait_until(
        "the last run's WebKit processes to exit",
        Duration::from_secs(10),
        || !busy(),
    )?;
    std::thread::sleep(Duration::from_millis(300));
    Ok(())
}

/// A number field of bench.mjs's one-line JSON (flat, numbers only).
fn json_u64(line: &str, key: &str) -> u64 {
    let pat = format!("\"{key}\":");
    line.split_once(&pat)
        .map(|(_, rest)| {
            rest.chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
        })
        .and_then(|d| d.parse().ok())
        .unwrap_or(0)
}
