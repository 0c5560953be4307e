// A minimal Eleventy configuration for reading a site's Markdown without its own config file
// (which needs the site's helper modules): Markdown only, bodies not run through Liquid, and one
// collection that hands every item Eleventy built to list_eleventy.mjs.
// ELEVENTY_LIST_INPUT: the input folder; ELEVENTY_LIST_POSTS: the glob of the site's `posts`.
'use strict';

module.exports = function (eleventyConfig) {
  eleventyConfig.addCollection('listedForTheTests', api => {
    const glob = process.env.ELEVENTY_LIST_POSTS;
    globalThis.eleventyListed = {
      all: api.getAll(),
      posts: glob ? api.getFilteredByGlob(glob).map(item => item.inputPath) : [],
    };
    return [];
  });
  return {
    dir: { input: process.env.ELEVENTY_LIST_INPUT || '.', includes: '_includes', data: '_data' },
    markdownTemplateEngine: false,
    templateFormats: ['md'],
  };
};
