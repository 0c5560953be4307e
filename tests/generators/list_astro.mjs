// Lists an Astro site's content collection entries as Astro's content layer loads them
// (`astro sync` through Astro's API, without the site's astro.config.mjs, which needs adapters
// and plugins the copy has not), as JSON in the file $LIST_JSON.
// Usage: node list_astro.mjs (in the site copy, whose node_modules links to the Astro install).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = process.cwd();
const load = name => import(pathToFileURL(path.join(root, 'node_modules', name)).href);
const { sync } = await load('astro/dist/index.js');
const devalue = await load('devalue/index.js');

const cacheDir = path.join(root, '.astro-list-cache');
// Both caches in the copy: by default they go to node_modules, the shared install.
await sync({
  root,
  configFile: false,
  cacheDir,
  vite: { cacheDir: path.join(root, '.vite-list-cache') },
  logLevel: 'error',
});
const store = devalue.parse(fs.readFileSync(path.join(cacheDir, 'data-store.json'), 'utf-8'));

const records = [];
for (const [collection, entries] of store) {
  for (const [, entry] of entries) {
    if (!entry.filePath) continue; // entries a loader made without a file
    const data = entry.data || {};
    const date = data.date instanceof Date && !Number.isNaN(data.date.valueOf()) ? data.date : null;
    records.push({
      path: entry.filePath.split(path.sep).join('/'),
      kind: 'post',
      collection,
      title: typeof data.title === 'string' ? data.title : null,
      date: date ? date.toISOString() : null,
      zone: null,
      tags: Array.isArray(data.tags) ? data.tags.map(String) : [],
      categories: Array.isArray(data.categories) ? data.categories.map(String) : [],
      draft: data.draft === true,
      language: typeof data.lang === 'string' ? data.lang : null,
    });
  }
}
fs.writeFileSync(process.env.LIST_JSON, JSON.stringify(records));
