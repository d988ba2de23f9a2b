//! The web edition's browser tests (`cargo xtask test web`, also part of `cargo xtask test`) and
//! its Lighthouse numbers (`cargo xtask bench web`, also part of `cargo xtask bench`).
//!
//! Both build the site with `scanwise site` into a temporary folder and serve it on a free
//! loopback port. The tests then start Debian's chromedriver on another free port and run
//! `tests/web` (node's test runner, WebdriverIO -> chromedriver -> headless Chromium, axe-core).
//! Every process is started by PID as the leader of its own process group, killed with its group
//! when dropped, and every wait is bounded.

use crate::app::{
    Guard, TempDir, free_port, node_test, npm_ci, spawn_guarded, target_dir, test_files,
    wait_child, wait_for_port,
};
use crate::{root, sh};
use anyhow::{Context, Result, bail};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Debian's Chromium, the browser the tests and Lighthouse drive.
const CHROMIUM: &str = "/usr/bin/chromium";
/// Debian's chromedriver (package chromium-driver), of the same version as the browser.
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The whole suite may take this long before it is stopped.
const SUITE_LIMIT: Duration = Duration::from_secs(15 * 60);

/// The command that serves the built site `site` on 127.0.0.1:`port`: `scanwise-server --site`
/// (release build: it brotli-compresses the site on a background thread at start-up), beside an
/// empty channel folder, with the development release key (keys/dev, tests only). The one place
/// that names the server: xtask starts it with a real port, and the offline test starts its own
/// with the same argv and `{port}` filled in (SITE_SERVER).
fn site_server(site: &Path, port: &str) -> Vec<String> {
    let channel = site.with_file_name("channel");
    vec![
        target_dir()
            .join("release/scanwise-server")
            .display()
            .to_string(),
        "--listen".into(),
        format!("127.0.0.1:{port}"),
        "--data-dir".into(),
        channel.display().to_string(),
        "--release-key".into(),
        root().join("keys/dev/release.json").display().to_string(),
        "--site".into(),
        site.display().to_string(),
    ]
}

/// `cargo xtask test web`: the browser suite against a freshly built and served site.
pub fn test() -> Result<()> {
    npm_ci("tests/web")?;
    let oracle = build_oracle()?;
    let served = Served::start()?;
    let driver_port = free_port()?;
    let _driver = spawn_guarded(
        "chromedriver",
        Command::new(CHROMEDRIVER)
            .arg(format!("--port={driver_port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null()),
    )?;
    wait_for_port("chromedriver", driver_port)?;

    let files = test_files(&root().join("tests/web"))?;
    let server_argv = serde_json::to_string(&site_server(&served.site, "{port}"))?;
    let mut cmd = node_test(&root().join("tests/web"));
    cmd.args(&files)
        .env("SITE_URL", &served.url)
        .env("SITE_DIR", &served.site)
        .env("SITE_SERVER", server_argv)
        .env("WEBDRIVER_PORT", driver_port.to_string())
        .env("CHECKER_ORACLE", &oracle)
        // The CLI that built the site (`cargo run -p scanwise-cli`, debug): the poster test runs it.
        .env("SCANWISE_CLI", target_dir().join("debug/scanwise"))
        .env("CHROMIUM", CHROMIUM);
    eprintln!(
        "$ (cd tests/web) node --test {}  [site {}]",
        files.join(" "),
        served.url
    );
    let start = Instant::now();
    let mut node = spawn_guarded("node --test", &mut cmd)?;
    let Some(status) = wait_child(&mut node.1, SUITE_LIMIT)? else {
        bail!("the web suite did not finish in {SUITE_LIMIT:?}");
    };
    drop(node);
    eprintln!(
        "web suite: {:.0} s wall clock",
        start.elapsed().as_secs_f64()
    );
    if !status.success() {
        bail!("the web suite failed ({status})");
    }
    Ok(())
}

/// The pages Lighthouse measures: the English home page and the largest English module page.
const LIGHTHOUSE_PAGES: &[(&str, &str)] =
    &[("home", "en/"), ("module", "en/m/when-a-scan-is-needed/")];

/// `cargo xtask bench web`: Lighthouse (pinned in tests/web, mobile form factor, Debian's
/// Chromium) on the home page and a module page: its performance, accessibility and
/// best-practices scores, and the module page's first-load bytes (HTML, CSS and scripts, a
/// search index left out; goal <= 60 KB).
pub fn bench() -> Result<()> {
    npm_ci("tests/web")?;
    let served = Served::start()?;
    let lighthouse = root().join("tests/web/node_modules/.bin/lighthouse");
    for (name, path) in LIGHTHOUSE_PAGES {
        let url = format!("{}{path}", served.url);
        let report = served.tmp.0.join(format!("lighthouse-{name}.json"));
        let mut cmd = Command::new(&lighthouse);
        cmd.arg(&url)
            .args([
                "--quiet",
                "--output=json",
                "--form-factor=mobile",
                "--only-categories=performance,accessibility,best-practices",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
            ])
            .arg(format!("--output-path={}", report.display()))
            .current_dir(root().join("tests/web"))
            .env("CHROME_PATH", CHROMIUM)
            .stdout(Stdio::null());
        eprintln!("$ lighthouse {url}");
        let mut run = spawn_guarded("lighthouse", &mut cmd)?;
        let Some(status) = wait_child(&mut run.1, Duration::from_secs(300))? else {
            bail!("lighthouse on {url} did not finish in 5 minutes");
        };
        if !status.success() {
            bail!("lighthouse on {url} failed ({status})");
        }
        let lhr: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&report)?)
            .context("lighthouse's JSON report")?;
        print_scores(name, path, &lhr, *name == "module");
    }
    Ok(())
}

fn print_scores(name: &str, path: &str, lhr: &serde_json::Value, bytes: bool) {
    let score = |c: &str| {
        lhr["categories"][c]["score"]
            .as_f64()
            .map(|s| format!("{:.0}", s * 100.0))
            .unwrap_or_else(|| "n/a".into())
    };
    println!(
        "lighthouse {name} (/{path}, mobile): performance {}, accessibility {}, best practices {}",
        score("performance"),
        score("accessibility"),
        score("best-practices")
    );
    if let Some(err) = lhr["runtimeError"]["message"].as_str() {
        println!("  lighthouse runtime error: {err}");
    }
    // What cost points: every weighted audit below full score.
    for category in ["performance", "accessibility", "best-practices"] {
        let refs = lhr["categories"][category]["auditRefs"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for r in refs.iter().filter(|r| r["weight"].as_f64() > Some(0.0)) {
            let id = r["id"].as_str().unwrap_or("");
            let audit = &lhr["audits"][id];
            if let Some(score) = audit["score"].as_f64().filter(|s| *s < 1.0) {
                println!(
                    "  {category}: {id} {score:.2} ({}){}",
                    audit["title"].as_str().unwrap_or(""),
                    audit["displayValue"]
                        .as_str()
                        .map(|v| format!(": {v}"))
                        .unwrap_or_default()
                );
            }
        }
    }
    if !bytes {
        return;
    }
    // First load: the network requests of a cold-cache load, by resource type.
    let items = lhr["audits"]["network-requests"]["details"]["items"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let (mut counted, mut left_out) = (Vec::new(), Vec::new());
    let mut total = 0u64;
    for item in &items {
        let url = item["url"].as_str().unwrap_or("");
        let kind = item["resourceType"].as_str().unwrap_or("");
        let size = item["transferSize"].as_f64().unwrap_or(0.0) as u64;
        // A search index (LANG/search/ data, pagefind files) loads for searching, not reading.
        let search_index = url.contains("pagefind") || url.contains("/search/");
        if matches!(kind, "Document" | "Stylesheet" | "Script") && !search_index {
            total += size;
            counted.push(format!("{kind} {} B", size));
        } else {
            left_out.push(format!("{kind} {url} {size} B"));
        }
    }
    println!(
        "  first load of the module page: {:.1} KB transferred as HTML+CSS+JS ({}) (goal <= 60 KB); not counted: {}",
        total as f64 / 1024.0,
        counted.join(", "),
        if left_out.is_empty() {
            "nothing".to_string()
        } else {
            left_out.join(", ")
        }
    );
}

/// The checker oracle (tests/examples/checker_oracle.rs): the engine for the conformance test.
fn build_oracle() -> Result<PathBuf> {
    sh(
        "cargo",
        &[
            "build",
            "-q",
            "-p",
            "scanwise-journeys",
            "--example",
            "checker_oracle",
        ],
    )?;
    Ok(target_dir().join("debug/examples/checker_oracle"))
}

/// The site built by `scanwise site` into a temporary folder and served on a free loopback port.
struct Served {
    // Field order is drop order: the server stops before its folder goes.
    _server: Guard,
    url: String,
    site: PathBuf,
    tmp: TempDir,
}

impl Served {
    fn start() -> Result<Served> {
        let tmp = TempDir::new("scanwise-web")?;
        let site = tmp.0.join("site");
        let out = site.display().to_string();
        sh(
            "cargo",
            &[
                "run",
                "-q",
                "-p",
                "scanwise-cli",
                "--",
                "site",
                "--out",
                &out,
            ],
        )?;
        sh(
            "cargo",
            &["build", "-q", "--release", "-p", "scanwise-server"],
        )?;
        std::fs::create_dir_all(site.with_file_name("channel"))?;
        let port = free_port()?;
        let argv = site_server(&site, &port.to_string());
        let server = spawn_guarded(
            "site server",
            Command::new(&argv[0])
                .args(&argv[1..])
                .stdout(log_file(&tmp.0, "site-server.log")?)
                .stderr(log_file(&tmp.0, "site-server.log")?),
        )?;
        wait_for_port("the site server", port)?;
        Ok(Served {
            _server: server,
            url: format!("http://127.0.0.1:{port}/"),
            site,
            tmp,
        })
    }
}

fn log_file(dir: &Path, name: &str) -> Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(dir.join(name))
        .with_context(|| format!("could not open {name}"))
}
