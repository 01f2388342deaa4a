import { defineConfig } from "vite";

// One script and one stylesheet with content-hashed names under /dashboard/assets/, nothing
// inline (the gateway's Content-Security-Policy allows only 'self'), no source maps shipped.
export default defineConfig({
  base: "/dashboard/",
  build: {
    outDir: "dist",
    assetsDir: "assets",
    emptyOutDir: true,
    target: "es2022",
    cssCodeSplit: false,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
});
