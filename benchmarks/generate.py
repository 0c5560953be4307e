"""Make a synthetic blog: N posts of about 6 KB, a few hundred tags, some long posts.

python benchmarks/generate.py FOLDER --posts 10000
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

WORDS = (
    "le",
    "blog",
    "du",
    "jour",
    "parle",
    "de",
    "photo",
    "mobile",
    "réseau",
    "code",
    "texte",
    "écrire",
    "lire",
    "terminal",
    "markdown",
    "front",
    "matter",
    "tag",
    "liste",
    "vue",
    "éditeur",
    "sauvegarde",
    "fichier",
    "dossier",
    "lien",
    "image",
    "the",
    "a",
    "of",
    "to",
    "in",
    "and",
    "is",
    "was",
    "for",
    "on",
    "with",
    "as",
    "by",
    "at",
    "from",
)
TAGS = [f"tag-{number}" for number in range(300)] + ["réseaux sociaux", "été", "Python"]


def paragraph(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def body(rng: random.Random, size: int) -> str:
    parts: list[str] = []
    while sum(map(len, parts)) < size:
        kind = rng.random()
        if kind < 0.1:
            parts.append("## " + paragraph(rng, 5))
        elif kind < 0.2:
            parts.append("\n".join(f"- {paragraph(rng, 8)}" for _ in range(4)))
        elif kind < 0.25:
            parts.append("```python\nprint('bonjour')\nfor i in range(3):\n    print(i)\n```")
        else:
            parts.append(paragraph(rng, rng.randint(40, 120)))
    return "\n\n".join(parts) + "\n"


def generate(folder: Path, posts: int, seed: int = 1) -> None:
    """Write ``posts`` posts into ``folder`` (one in 200 is 50 to 200 KB long)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(posts):
        year, month, day = 2000 + number % 26, 1 + number % 12, 1 + number % 28
        size = rng.choice((50_000, 200_000)) if number % 200 == 7 else int(rng.gauss(6000, 1500))
        tags = ", ".join(rng.sample(TAGS, rng.randint(1, 5)))
        text = (
            f'---\ntitle: "Post {number}: {paragraph(rng, 4)}"\n'
            f"date: {year}-{month:02d}-{day:02d}\ntags: [{tags}]\n"
            f"draft: {'true' if number % 50 == 0 else 'false'}\n---\n\n{body(rng, max(500, size))}"
        )
        (folder / f"{year}-{month:02d}-{day:02d}-post-{number}.md").write_text(text, "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--posts", type=int, default=10_000)
    arguments = parser.parse_args()
    generate(arguments.folder, arguments.posts)


if __name__ == "__main__":
    main()
