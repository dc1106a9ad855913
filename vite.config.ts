import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { precompressedCopies } from './scripts/precompressed-copies.ts';

const svelteConfig = fileURLToPath(new URL('./svelte.config.js', import.meta.url));

/**
 * Modules only the admin page loads (web/src/admin, MSAL, the Graph client).
 * Chunks holding them are named `admin-*`, so the service worker can leave
 * them out of the display's precache by name.
 */
const ADMIN_MODULE = /\/web\/src\/admin\/|\/node_modules\/@azure\/msal-browser\/|\/node_modules\/@microsoft\/microsoft-graph-client\//;

// The web app lives in web/ and is built into dist/web, which the bridge serves.
export default defineConfig({
  root: 'web',
  plugins: [
    svelte({ configFile: svelteConfig }),
    VitePWA({
      strategies: 'generateSW',
      // The app decides when a new version takes over (when the room is idle), so no automatic activation.
      registerType: 'prompt',
      injectRegister: null,
      manifest: {
        name: 'Lintel room display',
        short_name: 'Lintel',
        description: "A meeting room's calendar, status and walk-up booking.",
        display: 'fullscreen',
        orientation: 'any',
        start_url: '/',
        background_color: '#0f172a',
        theme_color: '#0f172a',
        icons: [
          { src: '/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        // The admin page (MSAL, the Graph client: most of the bytes) is for an admin's own browser, online:
        // a display never downloads it. `/admin/` still gets the shell from navigateFallback and loads it from the bridge.
        globIgnores: ['**/node_modules/**/*', 'assets/admin-*'],
        // Every display URL (/, /rooms/:id) starts from the cached shell, bridge or no bridge.
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/api\//, /^\/socket\.io\//],
        cleanupOutdatedCaches: true,
        // A new version activates only when the app asks (the room is idle), then takes over open pages at once.
        clientsClaim: true,
      },
    }),
    // The bridge sends these brotli and gzip copies as they are; globPatterns above never match them (*.br, *.gz).
    precompressedCopies(),
  ],
  // The QR code's worker (lib/qr-worker.ts) is a module, as the app is.
  worker: { format: 'es' },
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    target: 'es2022',
    // Displays run current Chromium (and tablets a current browser), which all preload modules natively.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        chunkFileNames: (chunk) => (!chunk.name.startsWith('admin') && chunk.moduleIds.some((id) => ADMIN_MODULE.test(id)) ? 'assets/admin-[name]-[hash].js' : 'assets/[name]-[hash].js'),
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/socket.io': { target: 'http://localhost:8080', ws: true },
    },
  },
});
