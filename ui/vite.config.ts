import { defineConfig } from "vitest/config";

// Everything is bundled into dist/ and served by Tauri from the app itself: no remote resources,
// no inline scripts (the CSP is `script-src 'self'`).
export default defineConfig({
  esbuild: { jsx: "automatic", jsxImportSource: "preact" },
  build: {
    target: "es2021",
    outDir: "dist",
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // bare.html is the startup baseline page for `cargo xtask bench` (one line of text).
    rollupOptions: { input: { main: "index.html", bare: "bare.html" } },
  },
  test: { environment: "happy-dom", globals: true, include: ["test/**/*.test.ts?(x)"] },
});
