import * as path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Built into admin/dist and served by the NestJS server at /admin (SPA fallback there). */
export default defineConfig({
  base: '/admin/',
  plugins: [react()],
  resolve: { alias: { '@mall/shared': path.resolve(__dirname, '../shared/src') } },
  server: { proxy: { '/api': 'http://localhost:3000' } },
  build: {
    outDir: 'dist',
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      output: { manualChunks: { antd: ['antd', '@ant-design/icons'], pro: ['@ant-design/pro-components'], react: ['react', 'react-dom', 'react-router-dom'] } },
    },
  },
});
