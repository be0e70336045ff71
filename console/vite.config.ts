import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

// Served by the server at /console/; in development the API is proxied to a running server.
export default defineConfig({
  base: '/console/',
  plugins: [preact()],
  server: { proxy: { '/api': 'http://localhost:8080', '/socket.io': { target: 'ws://localhost:8080', ws: true } } },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
});
