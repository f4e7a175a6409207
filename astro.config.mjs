// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';

export default defineConfig({
  // Origin of the deployment, e.g. https://example.github.io (used for permalinks in citations and printouts).
  ...(process.env.SITE_URL ? { site: process.env.SITE_URL } : {}),
  // Path prefix when the site is served from a sub-path, e.g. /guichets-fermes on GitHub Pages.
  base: process.env.BASE_PATH || '/',
  integrations: [mdx()],
  trailingSlash: 'always',
  // Stylesheets as shared files: inlined, they would repeat in every one of the thousands of month pages.
  // Four pages at a time: rendering is one thread either way, but while one page's file is being written
  // the next one renders (one at a time, the build sat idle ~4.6 s of ~19 s of page generation on
  // 40 procedures x 120 months); every page is built from the dataset alone, so the output is the same.
  build: { format: 'directory', inlineStylesheets: 'never', concurrency: 4 },
  devToolbar: { enabled: false },
  vite: {
    build: {
      rollupOptions: {
        // Astro's MDX modules carry a "use astro:head-inject" directive the bundler warns about
        // once per guide; the warning is upstream noise, not a problem of ours.
        onwarn(warning, warn) {
          if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
        },
      },
    },
  },
});
