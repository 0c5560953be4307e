"""The settings file: default folder, theme, editor, new-post template, keys."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import DataTable

from tests.helpers import settle, started, until_open
from tui.app import BlogApp
from tui.cli import main
from tui.config import Config, ConfigError, load, remember_theme


def settings(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, "utf-8")
    return path


def test_a_missing_default_file_is_fine_a_missing_given_one_is_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tui.config.default_path", lambda: tmp_path / "none" / "config.toml")
    assert load(None) == Config()
    with pytest.raises(ConfigError, match="no such file"):
        load(tmp_path / "absent.toml")


def test_settings_are_read(tmp_path: Path) -> None:
    path = settings(
        tmp_path,
        'folder = "~/blog"\ntheme = "nord"\neditor = "nvim -p"\n'
        "[new_post]\ntemplate = '''---\ntitle: {title}\n---\n'''\n"
        '[keys]\n"list.edit" = "i"\n',
    )
    config = load(path)
    assert config.folder == Path("~/blog").expanduser()
    assert (config.theme, config.editor) == ("nord", "nvim -p")
    assert config.template == "---\ntitle: {title}\n---\n"
    assert config.keys == {"list.edit": "i"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'theme = "nord"\nfolder = 3\n',
            r"config.toml, line 2: folder: must be a non-empty string",
        ),
        ('theme = "nord"\n\ncolour = "red"\n', r"line 3: colour: unknown setting"),
        ("theme = nord\n", r"config.toml: Invalid value \(at line 1, column 9\)"),
        ("[new_post]\ntemplate = 'x {author}'\n", r"line 2: template: only \{title\}"),
        ("keys = 1\n", r"line 1: keys: must be a table"),
    ],
)
def test_a_bad_file_names_the_file_the_line_and_the_problem(
    tmp_path: Path, text: str, message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        load(settings(tmp_path, text))


def test_the_commands_use_the_configured_folder_and_report_a_bad_file(
    blog_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = settings(tmp_path, f"folder = {str(blog_dir)!r}\n")
    assert main(["list", "--config", str(good)]) == 0
    assert "Steve Jobs @ Stanford" in capsys.readouterr().out
    bad = settings(tmp_path, "folder = 3\n")
    assert main(["list", "--config", str(bad)]) == 2
    assert capsys.readouterr().err == (
        f"blog: {bad}, line 1: folder: must be a non-empty string in quotes\n"
    )
    assert main(["--config", str(bad)]) == 2  # the app too, before it starts


def test_the_template_shapes_new_posts(
    blog_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = settings(
        tmp_path,
        "[new_post]\ntemplate = '''---\ntitle: {title}\ndate: {date}\ntags: {tags}\n"
        "author: BLOmiG\nlang: fr\n---\n\nÉcrire ici.\n'''\n",
    )
    assert main(["new", "Été", "--tag", "vie", "--dir", str(blog_dir), "--config", str(path)]) == 0
    created = Path(capsys.readouterr().out.strip())
    today = dt.date.today().isoformat()
    assert created.read_text("utf-8") == (
        f'---\ntitle: "Été"\ndate: {today}\ntags: [vie]\nauthor: BLOmiG\nlang: fr\n---\n\n'
        "Écrire ici.\n"
    )


async def test_theme_keys_and_editor_settings_reach_the_app(blog_dir: Path, tmp_path: Path) -> None:
    config = load(
        settings(
            tmp_path,
            'theme = "nord"\neditor = "no-such-editor-here"\n[keys]\n"list.edit" = "i"\n',
        )
    )
    app = BlogApp(blog_dir, watch=False, config=config)
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await started(pilot)
        assert app.theme == "nord"
        await pilot.press("i")  # "e" moved to "i"
        await until_open(pilot, screen, blog_dir / "2010-11-08-steve-jobs-stanford.md")
        assert screen.view == "edit"
        await pilot.press("escape", "E")
        await settle(pilot)
        messages = [str(n.message) for n in app._notifications]
        assert "Cannot run no-such-editor-here: No such file or directory" in messages
        await pilot.press("f1")  # the help shows the keys as they now are
        table = app.screen.query_one("#help-keys", DataTable)
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]
        assert ["post list", "i", "Edit", "list.edit"] in rows


async def test_an_unknown_theme_or_key_id_is_told(blog_dir: Path, tmp_path: Path) -> None:
    config = load(settings(tmp_path, 'theme = "plaid"\n[keys]\n"list.nope" = "x"\n'))
    app = BlogApp(blog_dir, watch=False, config=config)
    async with app.run_test(size=(160, 40)) as pilot:
        await started(pilot)
        messages = " ".join(str(n.message) for n in app._notifications)
        assert "theme: no theme named 'plaid'" in messages
        assert "unknown binding ids list.nope" in messages


def test_remembering_a_theme_keeps_every_other_line(tmp_path: Path) -> None:
    settings = tmp_path / "config.toml"
    assert remember_theme("nord", settings) == settings  # made when absent
    assert settings.read_text() == 'theme = "nord"\n'
    settings.write_text("# Mes réglages\r\ntheme = 'dracula'  # sombre\r\n[keys]\r\ntheme = 1\r\n")
    remember_theme("gruvbox", settings)
    assert settings.read_bytes() == (
        b'# Mes r\xc3\xa9glages\r\ntheme = "gruvbox"  # sombre\r\n[keys]\r\ntheme = 1\r\n'
    )
    settings.write_text("theme = 'x'\r\n")
    remember_theme("nord", settings)
    assert settings.read_bytes() == b'theme = "nord"\r\n'
    settings.write_text('folder = "~/blog"\n')
    remember_theme("nord", settings)
    assert settings.read_text() == 'theme = "nord"\nfolder = "~/blog"\n'


def test_a_theme_is_not_written_into_a_broken_file(tmp_path: Path) -> None:
    settings = tmp_path / "config.toml"
    settings.write_text("folder = \n")
    with pytest.raises(ConfigError):
        remember_theme("nord", settings)
    assert settings.read_text() == "folder = \n"
