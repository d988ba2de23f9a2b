#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = scanwise_channel::fuzzing::refresh(data);
});
