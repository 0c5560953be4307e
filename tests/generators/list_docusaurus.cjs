// Lists a Docusaurus site's blog posts (each blog instance), docs (each version) and Markdown
// pages as Docusaurus's own content plugins load them, without a build, as JSON in $LIST_JSON.
// Usage: node list_docusaurus.cjs NODE_MODULES BLOG_ID=PATH... (in the site copy).
// The site's options that bear on reading are repeated here.
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const [modules, ...blogs] = process.argv.slice(2);
const need = createRequire(path.join(modules, 'package.json'));
const { validateConfig } = need('@docusaurus/core/lib/server/configValidation');
const { normalizePluginOptions } = need('@docusaurus/utils-validation');

const siteDir = process.cwd();
const siteConfig = validateConfig(
  // No git in the copy: the version-control dates are off.
  { title: 'Site', url: 'https://example.com', baseUrl: '/', future: { experimental_vcs: false } },
  path.join(siteDir, 'docusaurus.config.js'),
);
const context = {
  siteDir,
  siteConfig,
  siteVersion: undefined,
  generatedFilesDir: path.join(siteDir, '.docusaurus'),
  localizationDir: path.join(siteDir, 'i18n', 'en'),
  baseUrl: '/',
  outDir: path.join(siteDir, 'build'),
  i18n: {
    defaultLocale: 'en',
    locales: ['en'],
    path: 'i18n',
    currentLocale: 'en',
    localeConfigs: {
      en: {
        label: 'English', direction: 'ltr', htmlLang: 'en', calendar: 'gregory', path: 'en',
        translate: false, url: 'https://example.com', baseUrl: '/',
      },
    },
  },
  codeTranslations: {},
  siteStorage: { type: 'localStorage', namespace: '' },
  currentBundler: { name: 'webpack' },
};

async function load(pluginName, options) {
  const plugin = need(pluginName);
  const validated = plugin.validateOptions({ validate: normalizePluginOptions, options });
  return (await plugin.default(context, validated)).loadContent();
}

const relative = source => path.relative(siteDir, source).split(path.sep).join('/');
const sitePath = aliased => aliased.replace(/^@site\//, '');
const whenValid = date => (date instanceof Date && !Number.isNaN(date.valueOf()) ? date : null);

async function main() {
  const records = [];
  for (const blog of blogs) {
    const [id, blogPath] = blog.split('=');
    const content = await load('@docusaurus/plugin-content-blog', {
      id,
      path: blogPath,
      routeBasePath: id === 'default' ? 'blog' : id,
      authorsMapPath: '../authors.yml',
      onInlineAuthors: 'ignore',
      onUntruncatedBlogPosts: 'ignore',
      feedOptions: { type: null },
      showReadingTime: false, // the plugin's word count takes half a minute on `community`
    });
    for (const { metadata } of content.blogPosts) {
      const source = sitePath(metadata.source);
      const date = whenValid(metadata.date);
      // A post dated neither in its front matter nor its name gets the file's birth time
      // (git is off), which in a copy is the copy's: no date then.
      const born = fs.statSync(path.join(siteDir, source)).birthtimeMs;
      records.push({
        path: source,
        kind: 'post',
        blog: id,
        title: metadata.title ?? null,
        date: date && Math.abs(date.valueOf() - born) >= 1000 ? date.toISOString() : null,
        zone: null,
        tags: metadata.tags.map(tag => tag.label),
        categories: [],
        // Outside production builds the plugin keeps drafts and tells them by front matter.
        draft: metadata.frontMatter.draft === true,
        unlisted: metadata.frontMatter.unlisted === true,
        language: null,
      });
    }
  }
  if (fs.existsSync(path.join(siteDir, 'docs'))) {
    const docs = await load('@docusaurus/plugin-content-docs', { sidebarPath: false });
    for (const version of docs.loadedVersions) {
      for (const doc of version.docs) {
        records.push({
          path: sitePath(doc.source),
          kind: 'page',
          version: version.versionName,
          title: doc.title ?? null,
          date: null,
          zone: null,
          tags: doc.tags.map(tag => tag.label),
          categories: [],
          draft: doc.frontMatter.draft === true,
          unlisted: doc.frontMatter.unlisted === true,
          language: null,
        });
      }
    }
  }
  if (fs.existsSync(path.join(siteDir, 'src', 'pages'))) {
    const pages = await load('@docusaurus/plugin-content-pages', {});
    for (const page of pages) {
      if (page.type !== 'mdx') continue; // a React page, not Markdown
      records.push({
        path: sitePath(page.source),
        kind: 'page',
        title: page.title ?? null,
        date: null,
        zone: null,
        tags: [],
        categories: [],
        draft: page.frontMatter.draft === true,
        unlisted: page.frontMatter.unlisted === true,
        language: null,
      });
    }
  }
  fs.writeFileSync(process.env.LIST_JSON, JSON.stringify(records));
}

main().catch(err => {
  console.error(err && err.stack ? err.stack : err);
  process.exit(1);
});
