import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const repoRoot = path.dirname(fileURLToPath(import.meta.url));

/**
 * Builds the resident's rating page of the supervision card (web/rating) into dist/rating,
 * served under /r/ (the QR code's /r/<token>): a third build next to the console and the board,
 * plain React, no antd, one small bundle for a phone.
 */
export default defineConfig({
  root: path.join(repoRoot, 'web/rating'),
  base: '/r/',
  plugins: [react()],
  build: {
    outDir: path.join(repoRoot, 'dist/rating'),
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': { target: process.env.GUANJIA_API_URL ?? 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
