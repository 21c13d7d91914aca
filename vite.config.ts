import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * Writes a .br and a .gz beside every text asset of the build (once, at build time, at the highest
 * levels), which @fastify/static serves by the browser's Accept-Encoding (`preCompressed`, src/app.ts):
 * compressed transfer without compressing per request or a compression dependency (decision 104).
 */
function precompress(outDir: string): Plugin {
  return {
    name: 'semesta-precompress',
    apply: 'build',
    writeBundle(_options, bundle) {
      for (const name of [...Object.keys(bundle), 'index.html']) {
        if (!/\.(js|mjs|css|html|svg|json|txt)$/.test(name)) continue;
        const file = join(outDir, name);
        let body: Buffer;
        try {
          body = readFileSync(file);
        } catch {
          continue;
        }
        if (body.length < 512) continue;
        writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
        writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
      }
    },
  };
}

const outDir = fileURLToPath(new URL('./dist/web', import.meta.url));

/**
 * The web front end (React SPA) lives in web/; the server serves the build from dist/web.
 * Users are often on phones with weak connections, so: antd is tree-shaken (ES modules, CSS-in-JS,
 * nothing imported from barrels we do not use), pages are lazy-loaded, and vendor code is split into
 * a few long-lived chunks that stay cached across releases of our own code.
 */
export default defineConfig({
  root: 'web',
  base: '/',
  plugins: [react(), precompress(outDir)],
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
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
            // ECharts (and its renderer zrender) only for the pages that draw charts: never on the login → home path
            { name: 'vendor-echarts', test: /node_modules[\\/]echarts[\\/]/, priority: 50 },
            { name: 'vendor-zrender', test: /node_modules[\\/]zrender[\\/]/, priority: 55 },
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
