//! The startup baseline for `cargo xtask bench`: a bare Tauri 2 window showing one line of
//! text, built exactly like the app (same crate, profile, config and embedded assets), so the
//! ratio measures what ScanWise itself adds.

fn main() {
    let mut context = tauri::generate_context!();
    // Only the bench's own window, not the app's configured one.
    context.config_mut().app.windows.clear();
    tauri::Builder::default()
        .setup(|app| {
            tauri::WebviewWindowBuilder::new(
                app,
                "main",
                tauri::WebviewUrl::App("bare.html".into()),
            )
            .title("bare")
            // The app's window size (tauri.conf.json), so both paint the same area.
            .inner_size(1024.0, 768.0)
            .build()?;
            Ok(())
        })
        .run(context)
        .expect("bare window");
}
