// The command names, shared by build.rs (which turns them into permissions, deny-by-default)
// and by the bindings generator. Keep in step with `generate_handler!` in lib.rs.
pub const COMMAND_NAMES: &[&str] = &[
    "bootstrap",
    "preview_language",
    "save_settings",
    "home",
    "open_module",
    "set_bookmark",
    "mark_read",
    "concept",
    "search",
    "checker",
    "evaluate_checker",
    "decode_report",
    "my_questions",
    "add_question",
    "add_own_question",
    "remove_question",
];
