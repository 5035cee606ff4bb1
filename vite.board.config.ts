import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const repoRoot = path.dirname(fileURLToPath(import.meta.url));

/**
 * Builds the entrance board (web/board) into dist/board, served under /board/ (a second build
 * next to the console's vite.config.ts: its own base, no antd, one small bundle).
 */
export default defineConfig({
  root: path.join(repoRoot, 'web/board'),
  base: '/board/',
  plugins: [react()],
  build: {
    outDir: path.join(repoRoot, 'dist/board'),
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': { target: process.env.GUANJIA_API_URL ?? 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
