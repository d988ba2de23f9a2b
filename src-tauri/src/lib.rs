mod commands {
    pub mod names;
}
#[cfg(feature = "ts")]
mod bindings;
mod ipc;

#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    tauri::Builder::default()
        .run(tauri::generate_context!())
        .expect("error while running ScanWise");
}
