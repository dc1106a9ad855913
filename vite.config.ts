import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

const svelteConfig = fileURLToPath(new URL('./svelte.config.js', import.meta.url));

// The web app lives in web/ and is built into dist/web, which the bridge serves.
export default defineConfig({
  root: 'web',
  plugins: [svelte({ configFile: svelteConfig })],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/socket.io': { target: 'http://localhost:8080', ws: true },
    },
  },
});
