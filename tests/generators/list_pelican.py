# mypy: ignore-errors
# (run by the generator's own Python, where its packages are)
"""Lists what Pelican reads in a site, as JSON on stdout: every article and
page with its status. Run with the Python that has Pelican installed.

Usage: python list_pelican.py SITE SETTINGS_FILE OUTPUT_FOLDER
"""

import json
import os
import sys

from pelican import Pelican
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.settings import read_settings

site, settings_file, output = sys.argv[1:4]
os.chdir(site)
settings = read_settings(
    settings_file if os.path.isfile(settings_file) else None,
    override={
        "PATH": os.path.join(site, "content"),
        "OUTPUT_PATH": output,
        "THEME": "notmyidea",
        "PLUGINS": [],
        "PLUGIN_PATHS": [],
        "JINJA_EXTENSIONS": [],  # the site names jinja2.ext.autoescape, gone from Jinja2 3
        "JINJA_ENVIRONMENT": {"trim_blocks": True, "lstrip_blocks": True, "extensions": []},
        "CACHE_CONTENT": False,
        "LOAD_CONTENT_CACHE": False,
        "CACHE_PATH": os.path.join(output, "cache"),
    },
)
pelican = Pelican(settings)
context = settings.copy()
context.update(
    {"generated_content": {}, "static_links": set(), "static_content": {}, "localsiteurl": ""}
)
records = []
generators = [
    cls(
        context=context,
        settings=settings,
        path=settings["PATH"],
        theme=settings["THEME"],
        output_path=output,
    )
    for cls in pelican._get_generator_classes()
]
for generator in generators:
    if hasattr(generator, "generate_context"):
        generator.generate_context()


def record(content, kind):
    category = getattr(content, "category", None)
    date = getattr(content, "date", None)
    return {
        "path": os.path.relpath(content.source_path, site).replace(os.sep, "/"),
        "kind": kind,
        "title": getattr(content, "title", None),
        "day": date.strftime("%Y-%m-%d") if date else None,
        "date": date.isoformat() if date else None,
        "tags": [tag.name for tag in getattr(content, "tags", None) or []],
        "categories": [category.name] if category else [],
        "status": content.status,
        "draft": content.status in ("draft", "hidden"),
        "language": getattr(content, "lang", None),
    }


for generator in generators:
    if isinstance(generator, ArticlesGenerator):
        for article in generator.articles + generator.translations:
            records.append(record(article, "post"))
        for article in generator.drafts + generator.drafts_translations:
            records.append(record(article, "post"))
        for article in generator.hidden_articles + generator.hidden_translations:
            records.append(record(article, "post"))
    elif isinstance(generator, PagesGenerator):
        for page in generator.pages + generator.translations:
            records.append(record(page, "page"))
        for page in generator.draft_pages + generator.draft_translations:
            records.append(record(page, "page"))
        for page in generator.hidden_pages + generator.hidden_translations:
            records.append(record(page, "page"))
json.dump(records, sys.stdout)
