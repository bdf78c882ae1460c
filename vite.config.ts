import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { precompress } from './vite/precompress.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** The web app lives in src/web; the server serves the build from dist/web with an SPA fallback. */
export default defineConfig({
  root: here('./src/web'),
  // Brotli and gzip copies of the build, sent as they are by the server (src/server/core/web-app.ts).
  plugins: [react(), precompress()],
  build: {
    outDir: here('./dist/web'),
    emptyOutDir: true,
    // The first script is about 940 kB minified (290 kB gzipped, issue 14 allows 300 kB): a chunk past 1000 kB warns.
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Everything main.tsx imports statically in one chunk: Rolldown otherwise splits the modules that lazy
          // pages share with it into dozens of small chunks the first page has to fetch anyway.
          groups: [{ name: 'index', test: /[\\/]src[\\/]web[\\/]main\.tsx$/ }],
        },
      },
    },
  },
  server: {
    port: 5173,
    // The API server runs beside Vite in development (npm run dev), on PORT like npm start. The page's Host is
    // kept (Vite's string shorthand would rewrite it), so the server's same-origin check sees the page's origin.
    proxy: { '/api': { target: `http://127.0.0.1:${process.env.PORT ?? 3000}`, changeOrigin: false } },
  },
});
