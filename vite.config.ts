import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The web front end (React SPA) lives in web/; the server serves the build from dist/web.
 * Users are often on phones with weak connections, so: antd is tree-shaken (ES modules, CSS-in-JS,
 * nothing imported from barrels we do not use), pages are lazy-loaded, and vendor code is split into
 * a few long-lived chunks that stay cached across releases of our own code.
 */
export default defineConfig({
  root: 'web',
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      treeshake: {
        // antd's helper packages (@rc-component/*, cssinjs…) do not declare `sideEffects: false`, so a
        // bundler must keep every module their index files re-export (e.g. all of rc-form's validation
        // for one Input). Their ES modules only define things, so we vouch for them; others keep the default.
        moduleSideEffects: (id) =>
          /[\\/]node_modules[\\/](@rc-component[\\/]|@ant-design[\\/](cssinjs|cssinjs-utils|colors|fast-color)[\\/])/.test(id)
            ? false
            : undefined,
      },
      output: {
        codeSplitting: {
          groups: [
            { name: 'vendor-react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|cookie|set-cookie-parser)[\\/]/, priority: 40 },
            { name: 'vendor-query', test: /node_modules[\\/]@tanstack[\\/]/, priority: 30 },
            { name: 'vendor-i18n', test: /node_modules[\\/](i18next|react-i18next|html-parse-stringify|void-elements|use-sync-external-store)[\\/]/, priority: 30 },
            { name: 'vendor-antd', test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|@babel[\\/]runtime|classnames|clsx|dayjs|stylis|@emotion|throttle-debounce|scroll-into-view-if-needed|compute-scroll-into-view|copy-to-clipboard|toggle-selection|json2mq|resize-observer-polyfill|string-convert)[\\/]/, priority: 20, minShareCount: 2 },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
  preview: {
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
});
