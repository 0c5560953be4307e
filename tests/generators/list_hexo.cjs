// Lists a Hexo site's posts and pages as Hexo reads them, as JSON in the file $LIST_JSON.
// Usage: node list_hexo.cjs SITE_COPY (the copy has node_modules linked to the Hexo install).
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const site = path.resolve(process.argv[2]);
const requireHere = createRequire(path.join(site, 'package.json'));
const Hexo = requireHere('hexo');
let sourceRoot = site;

// A file whose front matter and name give no date is dated by the file's own birth time,
// which in a copy is the copy's: no date then.
function date(doc) {
  const when = doc.date;
  if (!when || !when.isValid()) return null;
  const born = fs.statSync(path.join(sourceRoot, doc.source)).birthtimeMs;
  if (Math.abs(when.valueOf() - born) < 1000) return null;
  return when.toISOString();
}

// Each category as its whole path, "Parent/Child", from the category's parent links.
function categoryPath(category, byId) {
  const names = [];
  for (let c = category; c; c = c.parent ? byId.get(c.parent) : null) names.unshift(c.name);
  return names.join('/');
}

function categories(doc, byId) {
  const attached = doc.categories.toArray();
  // A category that is the parent of another attached one is part of that entry's path.
  const parents = new Set(attached.map(c => c.parent).filter(Boolean));
  return attached.filter(c => !parents.has(c._id)).map(c => categoryPath(c, byId));
}

async function main() {
  const hexo = new Hexo(site, { silent: true, draft: true, safe: false });
  await hexo.init();
  // The site's own tag `note` lives in its scripts/, which the copy does not have.
  if (!hexo.extend.tag.env.extensions || !hexo.extend.tag.env.extensions.note) {
    hexo.extend.tag.register('note', (args, content) => content, { ends: true });
  }
  await hexo.load();
  const byId = new Map(hexo.model('Category').toArray().map(c => [c._id, c]));
  sourceRoot = hexo.source_dir;
  const sourceDir = path.relative(site, hexo.source_dir).split(path.sep).join('/');
  const records = [];
  for (const post of hexo.model('Post').toArray()) {
    records.push({
      path: `${sourceDir}/${post.source}`,
      kind: 'post',
      title: post.title || null,
      date: date(post),
      zone: hexo.config.timezone || null,
      tags: post.tags.toArray().map(t => t.name),
      categories: categories(post, byId),
      draft: !post.published,
      language: post.lang || post.language || null,
    });
  }
  for (const page of hexo.model('Page').toArray()) {
    records.push({
      path: `${sourceDir}/${page.source}`,
      kind: 'page',
      title: page.title || null,
      date: date(page),
      zone: hexo.config.timezone || null,
      tags: [],
      categories: [],
      draft: false,
      language: page.lang || page.language || null,
    });
  }
  await hexo.exit();
  fs.writeFileSync(process.env.LIST_JSON, JSON.stringify(records));
}

main().catch(err => {
  console.error(err && err.stack ? err.stack : err);
  process.exit(1);
});
