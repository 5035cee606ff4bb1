import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const repoRoot = path.dirname(fileURLToPath(import.meta.url));

/** Builds the staff console (web/console) into dist/console, which the server serves at `/`. */
export default defineConfig({
  root: path.join(repoRoot, 'web/console'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: path.join(repoRoot, 'dist/console'),
    emptyOutDir: true,
    // Pages are lazy chunks; antd stays split by component so a page loads only what it uses
    // (one big antd chunk made the first load ~45% larger). React gets its own long-lived chunk.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: {
    // `npx vite` serves the console with hot reload; the API comes from a running server.
    // Keep the browser's Host header: the server checks that Origin matches it on writes.
    proxy: {
      '/api': { target: process.env.GUANJIA_API_URL ?? 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
