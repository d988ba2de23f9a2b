use super::rust::{self, ItemKind};
use super::*;

const MAP: &str = "\
# Architecture

## Code map

| path | job |
| --- | --- |
| `crates/core` | The brain. `model` (packs), `core::prescription` (links), `checker::signs_by_tier`. |
| `crates/cli` | The binary: `check`, `open-module`. |
| `content`, `locales` | Sources. |

## Next section

| `crates/late` | not in the code map section |
";

fn krate(name: &str, dir: &str) -> Crate {
    Crate {
        name: name.into(),
        dir: dir.into(),
        lib: None,
    }
}

#[test]
fn the_code_map_is_the_table_under_its_heading() {
    let map = code_map(MAP);
    assert_eq!(map.len(), 3);
    assert_eq!(map[2].paths, vec!["content", "locales"]);
    assert!(map[0].names.contains("core::prescription"));
}

#[test]
fn a_crate_without_a_row_is_reported_with_where_to_add_it() {
    let map = code_map(MAP);
    let gaps = map_gaps(&map, &krate("scanwise-late", "crates/late"), &[], &[]);
    assert_eq!(gaps.len(), 1);
    assert!(gaps[0].contains("`crates/late`") && gaps[0].contains("## Code map"));
    assert!(map_gaps(&map, &krate("scanwise-core", "crates/core"), &[], &[]).is_empty());
}

#[test]
fn every_public_module_and_subcommand_must_be_named_in_its_row() {
    let map = code_map(MAP);
    let core = krate("scanwise-core", "crates/core");
    let named = ["model", "prescription", "checker"].map(String::from);
    assert!(map_gaps(&map, &core, &named, &[]).is_empty());
    let gaps = map_gaps(&map, &core, &["search".into()], &[]);
    assert_eq!(gaps.len(), 1);
    assert!(gaps[0].contains("`search`") && gaps[0].contains("`crates/core` row"));
    // A name in another crate's row does not count.
    assert_eq!(map_gaps(&map, &core, &["check".into()], &[]).len(), 1);

    let cli = krate("scanwise-cli", "crates/cli");
    let subs = ["check", "open-module", "poster"].map(String::from);
    let gaps = map_gaps(&map, &cli, &[], &subs);
    assert_eq!(gaps.len(), 1);
    assert!(gaps[0].contains("subcommand `poster`"));
}

#[test]
fn public_modules_are_top_level_pub_mods_that_are_not_test_only() {
    let lib = r#"
//! Docs mention `pub mod docs;` in a comment.
pub mod checker;
pub(crate) mod internal;
mod private;
/// Limits.
pub mod limits {
    pub mod nested {}
}
#[cfg(any(test, feature = "test-support"))]
pub mod testing;
#[cfg(feature = "fuzzing")]
pub mod fuzzing;
const S: &str = "pub mod in_a_string;";
pub mod decoder;
"#;
    assert_eq!(public_modules(lib), vec!["checker", "limits", "decoder"]);
}

#[test]
fn subcommands_are_the_kebab_case_variants_of_subcommand_enums() {
    let src = r#"
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check { the content }.
    Check(check::Args),
    OpenModule { id: String, map: Vec<(u8, u8)> },
    #[command(name = "sync-now")]
    Sync,
}
#[derive(Debug, ValueEnum)]
enum Format { Pdf, Svg }
"#;
    assert_eq!(
        subcommands_in(src),
        vec!["check", "open-module", "sync-now"]
    );
    assert_eq!(kebab("ShowNewContent"), "show-new-content");
}

#[test]
fn the_tokenizer_skips_comments_strings_and_char_literals() {
    let src = r####"
/* mod hidden; /* nested */ still hidden */
fn a() { let c = '{'; let s = r#"mod raw { "#; let b = b"}"; let l: &'static str = "\"{"; }
mod after;
"####;
    let items = rust::items(src);
    let names: Vec<_> = items
        .iter()
        .map(|i| (i.kind, i.name.as_str(), i.depth))
        .collect();
    assert_eq!(
        names,
        vec![(ItemKind::Fn, "a", 0), (ItemKind::Mod, "after", 0)]
    );
}

#[test]
fn only_cfgs_that_are_off_in_a_normal_build_gate_a_test_module() {
    assert!(rust::is_test_cfg("cfg(test)"));
    assert!(rust::is_test_cfg("cfg(any(test,feature=\"test-support\"))"));
    assert!(rust::is_test_cfg("cfg(all(test,feature=\"ts\"))"));
    assert!(!rust::is_test_cfg("cfg(not(test))"));
    assert!(!rust::is_test_cfg("cfg(unix)"));
    assert!(!rust::is_test_cfg("path=\"tests.rs\""));
}

/// A throwaway crate source tree under the system temp dir.
struct Tree(PathBuf);

impl Tree {
    fn new(name: &str, files: &[(&str, &str)]) -> Self {
        let dir = std::env::temp_dir().join(format!("xtask-tidy-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        for (path, text) in files {
            let p = dir.join(path);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
        }
        Tree(dir)
    }
    fn problems(&self) -> Vec<String> {
        ungated_test_modules(&self.0, &self.0.join("src/lib.rs")).unwrap()
    }
}

impl Drop for Tree {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn gated_test_modules_pass() {
    let tree = Tree::new(
        "gated",
        &[
            (
                "src/lib.rs",
                "pub mod slot;\n#[cfg(test)]\nmod tests;\n#[cfg(test)]\nmod unit {\n    mod fixtures {}\n}\n",
            ),
            (
                "src/slot.rs",
                "#[path = \"store/error.rs\"]\nmod error;\n#[cfg(any(test, feature = \"x\"))]\n#[path = \"store/tests.rs\"]\nmod checks;\n",
            ),
            ("src/slot/../store/error.rs", "pub struct E;\n"),
            ("src/tests.rs", "mod fixtures;\n"),
        ],
    );
    assert_eq!(tree.problems(), Vec::<String>::new());
}

#[test]
fn ungated_test_modules_are_found_through_the_module_tree() {
    let tree = Tree::new(
        "ungated",
        &[
            ("src/lib.rs", "pub mod decoder;\npub mod fuzzing;\n"),
            (
                "src/decoder/mod.rs",
                "mod area;\n#[path = \"../store/user_tests.rs\"]\nmod checks;\n",
            ),
            ("src/decoder/area.rs", "pub mod test_data {}\n"),
            ("src/store/user_tests.rs", ""),
            ("src/fuzzing.rs", ""),
        ],
    );
    let problems = tree.problems();
    assert_eq!(problems.len(), 3, "{problems:#?}");
    assert!(problems[0].contains("src/lib.rs: mod fuzzing"));
    assert!(
        problems
            .iter()
            .any(|p| p.contains("src/decoder/mod.rs: mod checks"))
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("src/decoder/area.rs: mod test_data"))
    );
    assert!(problems[0].contains("#[cfg(test)]"));
}

#[test]
fn webkit_and_its_families_are_found_by_crate_name() {
    let tree = "scanwise-journeys v0.1.0\nserde v1.0.0\ntauri-runtime-wry v2.0.0\ngtk v0.18.0\ntauri_like v1.0.0\n";
    let problems = webkit_in("scanwise-journeys", tree);
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].contains("gtk, tauri-runtime-wry"),
        "{}",
        problems[0]
    );
    assert!(webkit_in("scanwise-core", "scanwise-core v0.1.0\nrusqlite v0.37.0\n").is_empty());
}

const COMMANDS: &str = r#"
// Keep in step with `generate_handler!` in lib.rs.
#[tauri::command]
pub fn home(state: State<'_, AppState>) -> Result<Home, AppError> { todo!() }
#[tauri::command(rename_all = "snake_case")]
pub async fn open_module(id: String) -> Result<(), AppError> { todo!() }
fn helper() {}
fn run() {
    tauri::Builder::default().invoke_handler(tauri::generate_handler![
        commands::content::home,
        commands::content::open_module,
    ]);
}
"#;

#[test]
fn the_command_lists_agree() {
    let mut c = AppCommands::default();
    c.add_source(COMMANDS);
    c.capability = Some(
        capability_commands(
            r#"{"permissions": ["core:default", "allow-home", "allow-open-module"]}"#,
        )
        .unwrap(),
    );
    assert_eq!(c.functions.len(), 2);
    assert_eq!(c.mismatches(), Vec::<String>::new());
}

#[test]
fn a_command_missing_from_a_list_or_extra_in_one_is_reported() {
    let mut c = AppCommands::default();
    c.add_source(&COMMANDS.replace("commands::content::home,", ""));
    c.capability = Some(
        capability_commands(
            r#"{"permissions": ["allow-home", "allow-open-module", "allow-gone"]}"#,
        )
        .unwrap(),
    );
    let problems = c.mismatches();
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert!(problems[0].contains("generate_handler! list lacks home"));
    assert!(problems[1].contains("lists gone"));
    // A layout without the hand-kept lists (generated ones) is still checked against the rest.
    let mut generated = AppCommands::default();
    generated.add_source("#[tauri::command]\nfn home() {}\n");
    assert!(generated.mismatches().is_empty());
    assert_eq!(AppCommands::default().mismatches().len(), 1);
}

#[test]
fn the_contract_names_the_tauri_commands() {
    let mut c = AppCommands::default();
    c.add_contract(
        "pub const TAURI_COMMANDS: &[&str] = &[\"call_main\", \"call_worker\"];\n\
         commands {\n    main fn home(area: Option<BodyArea>) -> Vec<ModuleCard>;\n    worker fn kiosk_reset() -> ();\n}\n",
    );
    // The contract's own commands are dispatched, not Tauri commands.
    assert!(c.functions.is_empty());
    c.add_source(
        "#[tauri::command]\nfn call_main() {}\n#[tauri::command(async)]\nfn call_worker() {}\n",
    );
    c.capability = Some(["call_main".to_string(), "call_worker".to_string()].into());
    assert_eq!(c.mismatches(), Vec::<String>::new());
    c.capability = Some(["call_main".to_string(), "home".to_string()].into());
    let problems = c.mismatches();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].contains("lacks call_worker"));
    assert!(problems[1].contains("lists home"));
}
