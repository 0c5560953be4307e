"""A blog on disk: finding, reading, saving, creating and deleting posts."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Collection, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from tui.blog.cache import PostCache
from tui.blog.collector import held_off
from tui.blog.conventions import DEFAULT, Convention
from tui.blog.encoding import Decoded, decode
from tui.blog.errors import LINK, BlogError, ChangedOnDisk, NeedsConfirmation
from tui.blog.files import allows, atomic_write, make_folders, remove_folders
from tui.blog.head_start import PARALLEL_FROM, worker_count
from tui.blog.index import BlogIndex
from tui.blog.parallel import ParallelReader
from tui.blog.post import Post, read_head, read_post, too_large
from tui.blog.survey import Survey, SurveyLost
from tui.blog.trash import send_to_trash
from tui.blog.walk import Listed, Stamp, is_post_name, is_skipped_folder, listed, post_folders

if TYPE_CHECKING:
    from tui.blog.site import Site


@dataclass(frozen=True)
class PostText:
    """A post's file as the editor opens it."""

    path: Path
    raw: bytes
    decoded: Decoded
    was_link: bool = False
    """Whether the path was a symbolic link when the post was opened."""

    @property
    def text(self) -> str:
        return self.decoded.text

    def encode(self, text: str) -> bytes:
        """The bytes to save for ``text``: the very bytes read when unchanged."""
        if text == self.decoded.text:
            return self.raw
        return self.decoded.encode(text)


def _children_of(folder: Path) -> Callable[[str], Path]:
    """What makes the paths of ``folder``'s files from their names, without
    parsing the name again where pathlib allows (at 100,000 posts, parsing
    every path takes a second)."""
    return getattr(folder, "_make_child_relpath", folder.joinpath)


def _path_maker(root: Path) -> Callable[[str], Path]:
    """What makes the path of a post from its path from ``root``: each
    folder's Path made once, its files' paths from it."""
    folders: dict[str, Callable[[str], Path]] = {}

    def path_of(relative: str) -> Path:
        folder, _, name = relative.rpartition("/")
        child = folders.get(folder)
        if child is None:
            base = root / folder if folder else root
            child = folders[folder] = _children_of(base)
        return child(name)

    return path_of


__all__ = ["Blog", "ChangedOnDisk", "NeedsConfirmation", "PostText", "check_title"]


def check_title(title: str) -> None:
    """Say when ``title`` cannot be a new post's (before anything is read for it)."""
    if not title.strip():
        raise BlogError("A new post needs a title.")


class Blog:
    """A folder of posts, read and written the way its author keeps it."""

    def __init__(self, root: Path) -> None:
        self.root = Path(os.path.abspath(root))  # normalised, symlinks kept
        self.index = BlogIndex(self.root)
        self.unreadable: list[str] = []
        """Folders the last full read (and the refreshes since) could not read, and why."""
        self.site_changed = False
        """Set when a refresh found the site changed (a config file): for the
        caller to clear once it has shown the new site."""

    @property
    def site(self) -> Site:
        """The site the blog's folder is in, as its generator reads it."""
        from tui.blog.site import site_for

        return site_for(self.root)

    def is_post_path(self, path: Path) -> bool:
        """Whether ``path`` is where a post would be (by name, not by content)."""
        if not is_post_name(path.name):
            return False
        return self.is_content_folder(path.parent)

    def is_content_folder(self, folder: Path) -> bool:
        """Whether ``folder`` is inside the blog and may hold posts."""
        try:
            parts = folder.relative_to(self.root).parts
        except ValueError:
            return False
        return not any(is_skipped_folder(part) for part in parts)

    def scan(self, folder: Path | None = None) -> Iterator[Path]:
        """Every post file under the blog (or one of its folders), in no order.

        Folders that cannot be read are skipped and named in ``unreadable``.
        Links to folders are not followed, so a loop of links cannot hang it.
        """
        for folder_name, names in post_folders(str(folder or self.root), self.unreadable):
            child = _children_of(Path(folder_name))
            for name in names:
                yield child(name)

    def read(self, paths: Iterable[Path]) -> Iterator[Post]:
        """Read posts without touching the index (safe in a worker thread)."""
        for path in paths:
            yield read_post(path, self.root)

    def read_parts(
        self,
        size: int = 500,
        cache: PostCache | None = None,
        workers: int | None = None,
        started: ParallelReader | None = None,
        survey: Survey | None = None,
    ) -> Generator[BlogIndex, None, None]:
        """Read every post, some at a time, so a list can fill as it loads;
        each part comes indexed, for the caller to :meth:`BlogIndex.absorb`.

        With a ``cache``, the posts whose files' size, times and inode are
        unchanged come in one part, indexed as the cache kept them, once
        every file has been listed; what was read is handed to the cache, for
        the caller to :meth:`PostCache.save` when it suits (the app: after the
        list is shown). The rest come in parts of ``size`` posts. When many
        files are to be read, up to ``workers`` processes parse them
        (default: one a core; 0 or 1: all in this process), or those already
        ``started`` (the app starts them while it draws its window when no
        cache is there). A ``survey`` started by the caller lists the files
        (the app's next starts); else they are listed here. All of these are
        stopped when the reading ends either way.
        """
        try:
            if cache is not None:
                cache.load()
            self.unreadable.clear()  # said again by this scan if still so
            for found in self._read_listed(size, cache, workers, started, survey):
                if isinstance(found, BlogIndex):
                    yield found
                else:
                    part = BlogIndex(self.root)
                    part.add_all(found)
                    yield part
        finally:  # also when the reading is given up half way
            if survey is not None:
                survey.close()
            if started is not None:
                started.close()  # a second close does nothing

    def _read_listed(
        self,
        size: int,
        cache: PostCache | None,
        workers: int | None,
        started: ParallelReader | None,
        survey: Survey | None,
    ) -> Generator[list[Post] | BlogIndex, None, None]:
        stamps: dict[str, Stamp] = {}
        """Stamps of the files being parsed, for when their posts come back."""
        kept: list[Post] = []
        kept_stamps: dict[str, Stamp] = {}
        """The posts read (and their files' stamps then), for the cache."""
        batch: list[Post] = []
        read = 0
        listing: Iterable[list[Listed]] = self._listed(survey, self.unreadable)
        path_of = _path_maker(self.root)
        # What the cache holds, made into posts and indexed while the files
        # are listed (by the survey, on another core); shown only once each
        # file is known to have the stamp its post was read with.
        cached, cached_stamps = cache.restore(path_of) if cache is not None else (None, {})
        cached_size = len(cached_stamps)
        left_out: set[str] | None = None
        """The cache's posts whose files changed or went, once known."""
        if cache is not None and cached is not None and cached_size and survey is not None:
            changes = survey.changes()
            if changes is not None and changes.digest == cache.digest:
                # The child compared the files with this very cache.
                self.unreadable += changes.unreadable
                if changes.none:  # all of it stands
                    yield cached
                    cache.keep(cached.posts(), cached_stamps, changed=False)
                    return
                # Only what it found changed is listed below, to be read.
                listing = [changes.changed]
                left_out = {relative for relative, _ in changes.changed}
                left_out &= cached_stamps.keys()
                left_out.update(changes.gone)
        unchanged: list[str] = []
        if started is not None and started.reads_shares:
            # Workers started with the app have been reading the folder: what
            # they read of a file as it is listed now is taken, the rest read below.
            unread: dict[str, Stamp | None] = {}
            for files in listing:
                unread.update(files)
            for relative, current in list(unread.items()) if cached_stamps else ():
                if current is not None and cached_stamps.get(relative) == current:
                    del unread[relative]
                    unchanged.append(relative)
            for found in started.found(path_of):
                for name, then, parsed in found:
                    if unread.get(name, False) == then:
                        del unread[name]
                        batch.append(parsed)
                        read += 1
                        if then is not None:  # no stamp: not cached, read again next time
                            kept.append(parsed)
                            kept_stamps[name] = then
                if len(batch) >= size:
                    yield batch
                    batch = []
            listing = [list(unread.items())]

        def take(posts: Iterable[Post]) -> None:
            nonlocal read
            for post in posts:
                batch.append(post)
                current = stamps.pop(post.relative, None)
                if current is not None:
                    kept.append(post)
                    kept_stamps[post.relative] = current
                read += 1

        # Files to parse wait here until they are known to be many (then
        # workers parse them) or the listing is over (then they are read here).
        to_read: list[tuple[Path, str]] = []
        parallel: ParallelReader | None = None
        wanted = worker_count() if workers is None else workers
        try:
            for files in listing:
                for relative, current in files:
                    if current is not None and cached_stamps.get(relative) == current:
                        unchanged.append(relative)
                        continue
                    path = path_of(relative)
                    if current is not None:
                        stamps[relative] = current
                    if parallel is not None:
                        take(parallel.add(path, relative))
                    else:
                        to_read.append((path, relative))
                        if (started or wanted > 1) and len(to_read) >= PARALLEL_FROM:
                            parallel = started or ParallelReader(self.root, wanted)
                            for item in to_read:
                                take(parallel.add(*item))
                            to_read = []
                    if len(batch) >= size:
                        yield batch
                        batch = []
            if cached is not None and cached_size:
                # Every file listed: the cache's posts whose files changed or
                # went are left out, and the rest is shown as it was indexed.
                if left_out is None:
                    left_out = cached_stamps.keys() - set(unchanged)
                cached.discard(left_out)
                for relative in left_out:
                    cached_stamps.pop(relative, None)
                kept += cached.posts()
                kept_stamps.update(cached_stamps)
                yield cached
            for path, relative in to_read:
                take((read_post(path, self.root, relative),))
                if len(batch) >= size:
                    yield batch
                    batch = []
            if parallel is not None:
                for posts in parallel.rest():
                    take(posts)
                    if len(batch) >= size:
                        yield batch
                        batch = []
        finally:
            if parallel is not None:
                parallel.close()
        if batch:
            yield batch
        if cache is not None:
            changed = read > 0 or bool(left_out) or len(kept_stamps) != cache.size
            cache.keep(kept, kept_stamps, changed=changed)

    def _listed(self, survey: Survey | None, unreadable: list[str]) -> Iterator[list[Listed]]:
        """Every post file with its stamp: from the ``survey``, else listed here."""
        root = str(self.root)
        if survey is None:
            yield from listed(root, unreadable)
            return
        seen: set[str] = set()
        try:
            for files in survey.files():
                seen.update(relative for relative, _ in files)
                yield files
            unreadable += survey.unreadable
            return
        except SurveyLost:
            pass  # what it had not listed yet is listed here
        for files in listed(root, unreadable):
            rest = [file for file in files if file[0] not in seen]
            if rest:
                yield rest

    def changed_since(
        self, known: dict[str, Stamp | None], survey: Survey | None = None
    ) -> tuple[list[Path], list[Path]]:
        """The post files changed since they were read, and those gone.

        ``known`` holds what the reading found: each post's path from the
        blog's folder and its stamp then (None: it could not be stat'ed).
        A ``survey`` (closed here) lists the files, else they are listed here.
        """
        changed: list[Path] = []
        seen: set[str] = set()
        path_of = _path_maker(self.root)
        try:
            for files in self._listed(survey, []):
                for relative, current in files:
                    seen.add(relative)
                    if relative not in known or known[relative] != current:
                        changed.append(path_of(relative))
        finally:
            if survey is not None:
                survey.close()
        return changed, [path_of(relative) for relative in known.keys() - seen]

    def load(self) -> BlogIndex:
        """Read every post into the index (for scripts; the app streams)."""
        with held_off():
            for part in self.read_parts():
                self.index.absorb(part)
        return self.index

    def refresh(self, paths: Iterable[Path]) -> tuple[list[Post], list[Path]]:
        """Re-read changed ``paths`` (files or folders) without touching the index.

        Returns the posts found there, and the paths that no longer exist
        (a vanished folder stands for every post that was under it).
        """
        found: list[Post] = []
        gone: list[Path] = []
        paths = list(paths)
        if self._site_changed(paths):
            # Another generator, or the same one told otherwise: every post
            # is read again, as the site now says (and none is gone).
            self.site_changed = True
            return list(self.read(self.scan())), []
        for path in paths:
            # As the listing: never through a link to a folder (one to / would read the machine).
            if self._in_linked_folder(path):
                continue
            if os.path.islink(path) and os.path.isdir(path):
                gone.append(path)  # nothing of the blog is there, whatever was
            elif path.is_dir():
                if self.is_content_folder(path):
                    found.extend(self.read(self.scan(path)))
            elif os.path.lexists(path):
                # A FIFO, a device or a broken link too: listed, with why it cannot be read.
                if self.is_post_path(path):
                    found.append(read_post(path, self.root))
            else:
                gone.append(path)
        return found, gone

    def _site_changed(self, paths: list[Path]) -> bool:
        """Whether one of ``paths`` is a config file that may change how the
        site reads its posts; if so, the site is forgotten, to be read again."""
        from tui.blog.site import forget
        from tui.blog.site.names import CONFIG_NAMES

        if not any(path.name in CONFIG_NAMES for path in paths):
            return False
        before = self.site.read_as
        forget()
        return self.site.read_as != before

    def _in_linked_folder(self, path: Path) -> bool:
        """Whether ``path`` is under a link to a folder, inside the blog."""
        depth = len(self.root.parts)
        for folder in path.parents:
            if len(folder.parts) <= depth:
                return False
            if os.path.islink(folder):
                return True
        return False

    def open(self, path: Path) -> PostText:
        """Read a post's whole file for the editor."""
        try:
            raw, size = read_head(path)  # a regular file only, never more than a bounded part
        except OSError as error:
            raise BlogError(f"Cannot open {path.name}: {error.strerror}") from error
        decoded = decode(raw)
        reason = too_large(size)
        if reason:  # never saved: only a part of the file is in hand
            decoded = replace(decoded, read_only_reason=reason)
        return PostText(path, raw, decoded, was_link=path.is_symlink())

    def save(
        self, document: PostText, text: str, confirmed: bool | Collection[str] = False
    ) -> tuple[PostText, Post]:
        """Write ``text`` over the post atomically; the saved file and its new entry.

        The file must still hold what ``document`` was read with (or be
        gone: the text is then written back). The index is left to the
        caller, who may be on another thread.

        Raises:
            BlogError: the post cannot be written (read-only, now a folder...).
            ChangedOnDisk: another program changed the file since it was read.
            NeedsConfirmation: unless ``confirmed`` (True, or holding the
                question's kind), when writing would go through a link (to a
                file or a folder) out of the blog, through a link that was not
                there when the post was opened, or over a read-only file.
        """
        path = document.path
        if path.is_dir():
            raise BlogError(f"{path.name} is now a folder; the post was not written")
        if not allows(confirmed, LINK) and path.is_symlink() and not document.was_link:
            raise NeedsConfirmation(
                f"{path.name} was replaced by a link to {os.readlink(path)} "
                "since it was opened. Write through it?",
                LINK,
            )
        if document.decoded.read_only_reason:
            raise BlogError(
                f"{document.path.name} is read-only: {document.decoded.read_only_reason}"
            )
        try:
            data = document.encode(text)
        except UnicodeEncodeError as error:
            raise BlogError(
                f"Cannot save {document.path.name}: {error.object[error.start]!r} "
                f"cannot be written in {document.decoded.encoding}"
            ) from error
        atomic_write(
            document.path, data, expected=document.raw, within=self.root, confirmed=confirmed
        )
        saved = PostText(document.path, data, decode(data), was_link=document.path.is_symlink())
        return saved, read_post(document.path, self.root)

    def delete(self, path: Path) -> Path | None:
        """Send the post to the desktop's trash; the trash folder it went to
        (None: the file was already gone).

        Raises:
            NoTrash: no trash can be had here (:meth:`remove` deletes for ever).
        """
        return send_to_trash(path)

    def remove(self, path: Path) -> None:
        """Delete the post for ever."""
        try:
            os.remove(path)
        except FileNotFoundError:
            pass
        except OSError as error:
            raise BlogError(f"Cannot delete {path.name}: {error.strerror}") from error

    def new_post(
        self,
        title: str,
        now: dt.datetime | None = None,
        tags: Sequence[str] = (),
        convention: Convention = DEFAULT,
        template: str | None = None,
    ) -> tuple[Post, int]:
        """Create a draft the way ``convention`` says; the post and its body line.

        The default is ``YYYY-MM-DD-slug.md`` with YAML front matter; a name
        already taken gets ``-2``, ``-3``... A ``template`` (the user's own
        text, with {title}, {date}, {tags} and {slug}) replaces the
        convention's front matter. The index is left to the caller, as for
        :meth:`save`.
        """
        check_title(title)
        now = now or dt.datetime.now().astimezone()
        if template is None:
            text, body_line = convention.text(title, now, tags)
        else:
            text = convention.fill(template, title, now, tags)
            body_line = text.count("\n")
        data = text.encode("utf-8")
        for attempt in range(1, 1000):
            relative = convention.relative_path(title, now.date(), attempt)
            path = Path(os.path.normpath(self.root / relative))
            if not path.is_relative_to(self.root):  # the slug cannot do this; be sure
                raise BlogError(f"Cannot create {relative}: it is outside the blog's folder.")
            # Written whole beside its name, then linked there only if the
            # name is free: a full disk leaves no empty post, nor its folders.
            made: list[Path] = []
            try:
                make_folders(path.parent, made)
                atomic_write(path, data, exclusive=True)
            except FileExistsError:
                remove_folders(made)
                continue
            except OSError as error:
                remove_folders(made)
                raise BlogError(f"Cannot create {relative}: {error.strerror}") from error
            except BlogError as error:
                remove_folders(made)
                cause = error.__cause__
                why = cause.strerror if isinstance(cause, OSError) else error.message
                raise BlogError(f"Cannot create {relative}: {why}") from error
            return read_post(path, self.root), body_line
        raise BlogError(f"Cannot create a post for {title!r}: too many with that name.")
