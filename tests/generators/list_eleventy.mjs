// Lists what Eleventy builds from a site's Markdown, as JSON in the file $LIST_JSON, without writing a page.
// Usage: node list_eleventy.mjs ELEVENTY_PACKAGE_DIR (run in the site copy, with
// ELEVENTY_LIST_INPUT and, if the site has a `posts` collection, ELEVENTY_LIST_POSTS set).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [packageDir] = process.argv.slice(2);
const { Eleventy } = await import(pathToFileURL(path.join(packageDir, 'src', 'Eleventy.js')).href);

const here = path.dirname(new URL(import.meta.url).pathname);
const input = process.env.ELEVENTY_LIST_INPUT || '.';
const output = fs.mkdtempSync(path.join(path.dirname(process.cwd()), 'out-'));
const eleventy = new Eleventy(input, output, {
  configPath: path.join(here, 'eleventy_config.cjs'),
  quietMode: true,
  dryRun: true,
});
await eleventy.write();

const listed = globalThis.eleventyListed;
if (!listed) throw new Error('Eleventy built no collections');
const posts = new Set(listed.posts);

// Eleventy dates a file whose front matter and name give none by the file's creation time,
// which in a copy is the copy's: no date then.
function date(item) {
  const when = item.date;
  if (!(when instanceof Date) || Number.isNaN(when.valueOf())) return null;
  const stats = fs.statSync(item.inputPath);
  if ([stats.birthtimeMs, stats.mtimeMs].some(ms => Math.abs(when.valueOf() - ms) < 1000)) return null;
  return when.toISOString();
}

const records = listed.all.map(item => {
  const data = item.data;
  const tags = data.tags === undefined || data.tags === null ? [] : [].concat(data.tags);
  return {
    path: path.relative('.', item.inputPath).split(path.sep).join('/'),
    kind: posts.has(item.inputPath) ? 'post' : null,
    title: typeof data.title === 'string' ? data.title : data.title == null ? null : String(data.title),
    date: date(item),
    zone: null,
    tags: tags.map(String),
    categories: [],
    draft: false,
    language: typeof data.lang === 'string' ? data.lang : null,
  };
});
fs.writeFileSync(process.env.LIST_JSON, JSON.stringify(records));
