import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The gateway serves the built portal; `/assets/` belongs to media's files, so the bundle lives under `/static/`.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', assetsDir: 'static', sourcemap: true },
  server: { proxy: { '/graphql': 'http://127.0.0.1:4000', '/feeds': 'http://127.0.0.1:4000', '/portal-config.json': 'http://127.0.0.1:4000' } },
});
