//! The tidy check, run by `cargo xtask check-architecture` after the dependency invariants:
//!
//! 1. ARCHITECTURE.md's code map has a row for every workspace crate, and that row names every
//!    top-level public module of the crate's library and (for the CLI) every subcommand;
//! 2. no test-only module (`tests`, `test_*`, `*_tests`, `testing`, `fixtures`, `fuzz`,
//!    `fuzzing`, or a `tests.rs` file) is compiled into a library without a `cfg`;
//! 3. no default workspace member depends on Tauri, WebKit or GTK, so a plain `cargo test`
//!    builds without them;
//! 4. the app's Tauri command list is one list: the `#[tauri::command]` functions, the handler
//!    list, the names handed to `tauri_build` (the contract's `TAURI_COMMANDS`) and the
//!    capability's `allow-*` permissions agree.
//!
//! The Rust sources are read with a small tokenizer (comments and literals skipped), not a
//! parser: enough to see `mod`, `fn` and `enum` items with their attributes.

mod rust;

use anyhow::{Context, Result, bail};
use rust::ItemKind;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs every check and reports every problem at once.
pub fn check() -> Result<()> {
    let root = crate::root();
    let ws = Workspace::load(&root)?;
    let map_text =
        std::fs::read_to_string(root.join("ARCHITECTURE.md")).context("reading ARCHITECTURE.md")?;
    let map = code_map(&map_text);
    if map.is_empty() {
        bail!("tidy: ARCHITECTURE.md has no `## Code map` table (| path | job |)");
    }

    let mut problems = Vec::new();
    for krate in &ws.crates {
        let modules = match &krate.lib {
            Some(lib) => public_modules(&std::fs::read_to_string(lib)?),
            None => Vec::new(),
        };
        let subcommands = if krate.name == CLI_PACKAGE {
            cli_subcommands(&krate.dir)?
        } else {
            Vec::new()
        };
        problems.extend(map_gaps(&map, krate, &modules, &subcommands));
        if let Some(lib) = &krate.lib {
            problems.extend(ungated_test_modules(&root, lib)?);
        }
    }
    for name in &ws.default_members {
        problems.extend(webkit_in(name, &cargo_tree(name)?));
    }
    let commands = AppCommands::read(&root.join(APP_DIR), &root.join(CONTRACT))?;
    problems.extend(commands.mismatches());

    if !problems.is_empty() {
        bail!(
            "tidy check failed ({} problem{}):\n  - {}",
            problems.len(),
            if problems.len() == 1 { "" } else { "s" },
            problems.join("\n  - ")
        );
    }
    eprintln!(
        "tidy: ok ({} crates in the code map, no ungated test modules, no WebKit in {} default \
         members, {} app commands in one list)",
        ws.crates.len(),
        ws.default_members.len(),
        commands.functions.len()
    );
    Ok(())
}

/// The CLI package, whose subcommands the code map names.
const CLI_PACKAGE: &str = "scanwise-cli";
/// The Tauri shell's directory.
const APP_DIR: &str = "src-tauri";
/// The one IPC contract (`ipc_contract!`): its commands reach `App::dispatch` through the
/// shell's Tauri commands, which it names (`TAURI_COMMANDS`).
const CONTRACT: &str = "crates/app/src/contract.rs";

// ---------------------------------------------------------------------------------------------
// The workspace, from `cargo metadata --no-deps`.

struct Crate {
    name: String,
    /// Relative to the workspace root, `/`-separated (`crates/core`).
    dir: String,
    /// The library target's root file, if the crate has a library.
    lib: Option<PathBuf>,
}

struct Workspace {
    crates: Vec<Crate>,
    default_members: Vec<String>,
}

impl Workspace {
    fn load(root: &Path) -> Result<Self> {
        let out = Command::new("cargo")
            .args(["metadata", "--no-deps", "--format-version", "1"])
            .current_dir(root)
            .output()
            .context("could not start cargo metadata")?;
        if !out.status.success() {
            bail!(
                "cargo metadata failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let meta: Value = serde_json::from_slice(&out.stdout)?;
        Self::from_metadata(&meta, root)
    }

    fn from_metadata(meta: &Value, root: &Path) -> Result<Self> {
        let packages = meta["packages"]
            .as_array()
            .context("cargo metadata: no packages")?;
        let mut crates = Vec::new();
        let mut default_members = Vec::new();
        let defaults: Vec<&str> = meta["workspace_default_members"]
            .as_array()
            .context("cargo metadata: no workspace_default_members (cargo too old?)")?
            .iter()
            .filter_map(Value::as_str)
            .collect();
        for p in packages {
            let name = p["name"].as_str().context("package without a name")?;
            let manifest = Path::new(p["manifest_path"].as_str().context("no manifest_path")?);
            let dir = manifest
                .parent()
                .and_then(|d| d.strip_prefix(root).ok())
                .map(|d| d.to_string_lossy().replace('\\', "/"))
                .with_context(|| format!("{name} lies outside the workspace"))?;
            let lib = p["targets"].as_array().and_then(|ts| {
                ts.iter()
                    .find(|t| {
                        t["kind"].as_array().is_some_and(|k| {
                            k.iter().any(|k| {
                                matches!(k.as_str(), Some("lib" | "rlib" | "cdylib" | "staticlib"))
                            })
                        })
                    })
                    .and_then(|t| t["src_path"].as_str())
                    .map(PathBuf::from)
            });
            if p["id"].as_str().is_some_and(|id| defaults.contains(&id)) {
                default_members.push(name.to_string());
            }
            crates.push(Crate {
                name: name.to_string(),
                dir,
                lib,
            });
        }
        Ok(Self {
            crates,
            default_members,
        })
    }
}

// ---------------------------------------------------------------------------------------------
// 1. The code map names every crate, public module and CLI subcommand.

/// One row of the code map: the paths in its first cell and the backticked names in the rest.
#[derive(Debug)]
struct MapRow {
    paths: Vec<String>,
    names: BTreeSet<String>,
}

/// The rows of the table under `## Code map`.
fn code_map(markdown: &str) -> Vec<MapRow> {
    markdown
        .lines()
        .skip_while(|l| l.trim() != "## Code map")
        .skip(1)
        .take_while(|l| !l.starts_with("## "))
        .filter(|l| l.trim_start().starts_with('|'))
        .filter_map(|l| {
            let l = l.trim().trim_start_matches('|');
            let (first, rest) = l.split_once('|')?;
            let paths = backticked(first);
            (!paths.is_empty()).then(|| MapRow {
                paths,
                names: backticked(rest).into_iter().collect(),
            })
        })
        .collect()
}

/// The `code spans` of a piece of Markdown.
fn backticked(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .map(|s| s.trim().to_string())
        .collect()
}

/// Whether `row` names `name` as `name`, `path::name` or `name::path`.
fn row_names(row: &MapRow, name: &str) -> bool {
    row.names
        .iter()
        .any(|n| n.split("::").any(|seg| seg == name))
}

fn map_gaps(map: &[MapRow], krate: &Crate, modules: &[String], subs: &[String]) -> Vec<String> {
    let Some(row) = map.iter().find(|r| r.paths.contains(&krate.dir)) else {
        return vec![format!(
            "crate `{}` ({}) has no row in ARCHITECTURE.md's code map: add \
             \"| `{}` | what it is for |\" to the table under `## Code map`",
            krate.name, krate.dir, krate.dir
        )];
    };
    let mut gaps = Vec::new();
    for m in modules.iter().filter(|m| !row_names(row, m)) {
        gaps.push(format!(
            "public module `{m}` of `{}` is not in the code map: name it as `{m}` in the \
             `{}` row of ARCHITECTURE.md (or make it private)",
            krate.name, krate.dir
        ));
    }
    for s in subs.iter().filter(|s| !row_names(row, s)) {
        gaps.push(format!(
            "CLI subcommand `{s}` is not in the code map: name it as `{s}` in the `{}` row of \
             ARCHITECTURE.md",
            krate.dir
        ));
    }
    gaps
}

/// Top-level `pub mod` items of a library root, except test-only ones (checked separately).
fn public_modules(lib_src: &str) -> Vec<String> {
    rust::items(lib_src)
        .into_iter()
        .filter(|i| i.kind == ItemKind::Mod && i.depth == 0 && i.public && !i.test_gated())
        .filter(|i| !is_test_only_name(&i.name))
        .map(|i| i.name)
        .collect()
}

/// Subcommand names (kebab-case, as clap derives them, or their `name = "…"`) of every enum
/// deriving `Subcommand` in the CLI's sources.
fn cli_subcommands(cli_dir: &str) -> Result<Vec<String>> {
    let mut names = Vec::new();
    for file in rust_files(&crate::root().join(cli_dir).join("src"))? {
        names.extend(subcommands_in(&std::fs::read_to_string(&file)?));
    }
    Ok(names)
}

fn subcommands_in(src: &str) -> Vec<String> {
    rust::items(src)
        .into_iter()
        .filter(|i| {
            i.kind == ItemKind::Enum && i.attrs.iter().any(|a| is_derive_of(a, "Subcommand"))
        })
        .flat_map(|i| i.variants)
        .map(|v| v.explicit_name.unwrap_or_else(|| kebab(&v.name)))
        .collect()
}

fn is_derive_of(attr: &str, name: &str) -> bool {
    attr.starts_with("derive(")
        && attr
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| w == name)
}

/// `OpenModule` → `open-module`.
fn kebab(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('-');
        }
        out.extend(c.to_lowercase());
    }
    out
}

fn rust_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).with_context(|| format!("reading {}", d.display()))? {
            let path = entry?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

// ---------------------------------------------------------------------------------------------
// 2. No test-only module compiled into a library without a cfg.

/// Test-only modules compiled into a library on purpose, with the reason. Empty today: the
/// fuzz entry points sit behind the `fuzzing` feature.
const ALLOWED_TEST_MODULES: &[(&str, &str)] = &[];

fn is_test_only_name(name: &str) -> bool {
    matches!(
        name,
        "test" | "tests" | "testing" | "fixtures" | "fuzz" | "fuzzing"
    ) || name.starts_with("test_")
        || name.ends_with("_tests")
}

fn is_test_only_file(path: &Path) -> bool {
    path.file_stem()
        .and_then(|s| s.to_str())
        .is_some_and(|stem| stem == "tests" || stem.ends_with("_tests"))
}

/// Walks the library's module tree from its root file, following `mod x;` (and `#[path]`)
/// but not into `cfg`-gated test modules, and names every test-only module it finds ungated.
fn ungated_test_modules(root: &Path, lib: &Path) -> Result<Vec<String>> {
    let mut problems = Vec::new();
    // (file, whether it is a mod-rs file: lib.rs, main.rs, mod.rs or a #[path] target)
    let mut stack = vec![(lib.to_path_buf(), true)];
    while let Some((file, mod_rs)) = stack.pop() {
        let src = std::fs::read_to_string(&file)
            .with_context(|| format!("reading {}", file.display()))?;
        let rel = file
            .strip_prefix(root)
            .unwrap_or(&file)
            .display()
            .to_string();
        let dir = file.parent().unwrap_or(Path::new(".")).to_path_buf();
        for item in rust::items(&src) {
            if item.kind != ItemKind::Mod || item.inside_test_gate {
                continue;
            }
            let child = if item.inline {
                None
            } else if let Some(p) = &item.path_attr {
                Some((dir.join(p), true))
            } else if item.depth == 0 {
                let base = if mod_rs {
                    dir.clone()
                } else {
                    dir.join(file.file_stem().unwrap_or_default())
                };
                let flat = base.join(format!("{}.rs", item.name));
                Some(if flat.exists() {
                    (flat, false)
                } else {
                    (base.join(&item.name).join("mod.rs"), true)
                })
            } else {
                None // an outline module inside an inline one: not used here
            };
            let test_only = is_test_only_name(&item.name)
                || child.as_ref().is_some_and(|(p, _)| is_test_only_file(p));
            let label = format!("{rel}: mod {}", item.name);
            if test_only && !item.test_gated() {
                if !ALLOWED_TEST_MODULES.iter().any(|(a, _)| *a == label) {
                    problems.push(format!(
                        "{label} is test-only but compiled into the library: put \
                         #[cfg(test)] (or #[cfg(any(test, feature = \"...\"))]) on it, or list it \
                         with a reason in ALLOWED_TEST_MODULES (xtask/src/tidy.rs)"
                    ));
                }
                continue;
            }
            if item.test_gated() {
                continue;
            }
            if let Some(c) = child {
                stack.push(c);
            }
        }
    }
    Ok(problems)
}

// ---------------------------------------------------------------------------------------------
// 3. No default member depends on Tauri, WebKit or GTK.

/// Crates (and their `-sys`/`-runtime` families) that need GTK/WebKit to build.
const WEBKIT_FAMILY: &[&str] = &["tauri", "wry", "webkit2gtk", "javascriptcore-rs", "gtk"];

/// The packages `cargo test -p name` builds: normal, build and its own dev dependencies.
fn cargo_tree(name: &str) -> Result<String> {
    let out = Command::new("cargo")
        .args(["tree", "-p", name, "-e", "normal,build,dev"])
        .args(["--prefix", "none", "-f", "{p}"])
        .current_dir(crate::root())
        .output()
        .context("could not start cargo tree")?;
    if !out.status.success() {
        bail!(
            "cargo tree -p {name} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn webkit_in(member: &str, tree: &str) -> Vec<String> {
    let found: BTreeSet<&str> = tree
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .filter(|dep| {
            WEBKIT_FAMILY
                .iter()
                .any(|w| *dep == *w || dep.starts_with(&format!("{w}-")))
        })
        .collect();
    if found.is_empty() {
        return Vec::new();
    }
    vec![format!(
        "default member `{member}` depends on {} (cargo tree -p {member} -i <name> says how): a \
         plain `cargo test` must build without GTK/WebKit; move that code to the shell \
         ({APP_DIR}) or make the shell a non-default member",
        found.into_iter().collect::<Vec<_>>().join(", ")
    )]
}

// ---------------------------------------------------------------------------------------------
// 4. One command list in the app.

/// The app's command names as each place lists them. A place that does not exist in the
/// current layout (for example a handler list generated by a macro) is `None` and not compared.
#[derive(Debug, Default)]
struct AppCommands {
    /// The commands: the `#[tauri::command]` functions under src-tauri/src.
    functions: BTreeSet<String>,
    /// `generate_handler![…]` entries (last path segment).
    handlers: Option<BTreeSet<String>>,
    /// The names handed to `tauri_build` (deny-by-default permissions): the contract's
    /// `TAURI_COMMANDS`.
    names: Option<BTreeSet<String>>,
    /// `allow-*` permissions in capabilities/default.json, as command names.
    capability: Option<BTreeSet<String>>,
}

impl AppCommands {
    fn read(app: &Path, contract: &Path) -> Result<Self> {
        let mut c = AppCommands::default();
        if contract.exists() {
            c.add_contract(&std::fs::read_to_string(contract)?);
        }
        for file in rust_files(&app.join("src"))? {
            let src = std::fs::read_to_string(&file)?;
            c.add_source(&src);
        }
        let cap = app.join("capabilities/default.json");
        if cap.exists() {
            c.capability = Some(capability_commands(&std::fs::read_to_string(&cap)?)?);
        }
        Ok(c)
    }

    /// The Tauri commands the contract names (`TAURI_COMMANDS`, handed to `tauri_build`). Its
    /// `main fn` / `worker fn` entries are not Tauri commands: `App::dispatch`, generated from
    /// the same list, runs them.
    fn add_contract(&mut self, src: &str) {
        if let Some(list) = const_str_list(src, "TAURI_COMMANDS") {
            self.names.get_or_insert_default().extend(list);
        }
    }

    fn add_source(&mut self, src: &str) {
        for item in rust::items(src) {
            if item.kind == ItemKind::Fn && item.attrs.iter().any(|a| is_command_attr(a)) {
                self.functions.insert(item.name);
            }
        }
        // A handler list written inside a macro (`$($name),*`) is generated from the contract.
        if let Some(list) = macro_list(src, "generate_handler")
            .filter(|list| !list.iter().any(|entry| entry.contains('$')))
        {
            let names = list.iter().map(|p| last_segment(p).to_string());
            self.handlers.get_or_insert_default().extend(names);
        }
    }

    fn mismatches(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.functions.is_empty() {
            return vec![format!(
                "found no #[tauri::command] functions under {APP_DIR}/src: update \
                 AppCommands::read in xtask/src/tidy.rs to where the commands are now written"
            )];
        }
        let places = [
            ("the generate_handler! list", &self.handlers),
            ("TAURI_COMMANDS (handed to tauri_build)", &self.names),
            (
                "the allow-* permissions of capabilities/default.json",
                &self.capability,
            ),
        ];
        for (place, list) in places {
            let Some(list) = list else { continue };
            let missing: Vec<_> = self.functions.difference(list).cloned().collect();
            let extra: Vec<_> = list.difference(&self.functions).cloned().collect();
            if !missing.is_empty() {
                out.push(format!(
                    "{place} lacks {}, declared as a command: add {} there",
                    missing.join(", "),
                    if missing.len() == 1 { "it" } else { "them" }
                ));
            }
            if !extra.is_empty() {
                out.push(format!(
                    "{place} lists {}, but no command has that name: \
                     remove {} or write the command in {CONTRACT}",
                    extra.join(", "),
                    if extra.len() == 1 { "it" } else { "them" }
                ));
            }
        }
        out
    }
}

fn is_command_attr(attr: &str) -> bool {
    attr == "tauri::command" || attr.starts_with("tauri::command(")
}

fn last_segment(path: &str) -> &str {
    path.rsplit("::").next().unwrap_or(path)
}

/// The comma-separated entries of the first `name![ … ]` (or `name!( … )`) in `src`, spaces
/// removed; mentions in prose (`name!` followed by anything else) are skipped.
fn macro_list(src: &str, name: &str) -> Option<Vec<String>> {
    let pat = format!("{name}!");
    src.match_indices(&pat).find_map(|(at, _)| {
        let rest = src[at + pat.len()..].trim_start();
        let close = match rest.chars().next()? {
            '[' => ']',
            '(' => ')',
            '{' => '}',
            _ => return None,
        };
        let body = &rest[1..rest.find(close)?];
        Some(
            body.split(',')
                .map(|s| s.split_whitespace().collect::<String>())
                .filter(|s| !s.is_empty())
                .collect(),
        )
    })
}

/// The string literals of `const NAME: &[&str] = &[ … ];` in `src`.
fn const_str_list(src: &str, name: &str) -> Option<Vec<String>> {
    let at = src.find(&format!("const {name}"))?;
    let rest = &src[at..];
    let body = &rest[rest.find("= &[")? + 4..rest.find("];")?];
    Some(
        body.split('"')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect(),
    )
}

/// Command names (`open_module`) of the `allow-open-module` permissions of a capability file.
fn capability_commands(json: &str) -> Result<BTreeSet<String>> {
    let cap: Value = serde_json::from_str(json).context("capabilities/default.json")?;
    Ok(cap["permissions"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        // Plugin permissions (`core:default`, `deep-link:default`) are not app commands.
        .filter(|p| !p.contains(':'))
        .filter_map(|p| p.strip_prefix("allow-"))
        .map(|p| p.replace('-', "_"))
        .collect())
}

#[cfg(test)]
mod tests;
