//! Every TOML source loader (references, regions, glossary, checker, questions) on one input.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        scanwise_author::fuzz::toml(text);
    }
});
