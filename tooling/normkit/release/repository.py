"""The git side of a release: the state of the repository, an isolated export of a
commit, the ledger commit and the release tag.

Everything is done with git's own plumbing through GitPython, so that a release never
reads the working tree and the ledger commit appears in one step (``update-ref``) or not
at all: an interrupted release leaves no half-made commit behind.
"""

from __future__ import annotations

import io
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from normkit.errors import NormkitError
from normkit.git_tool import git_module
from normkit.release.ledger import LEDGER_PATH


class ReleaseRefused(NormkitError):
    """A release (or verification) that cannot go ahead; the message says why."""

    exit_code = 1

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint or None


@contextmanager
def _git_writes(what: str) -> Iterator[None]:
    """git refusing to write (a read-only or full disk, a locked ref) said as a
    sentence: the release is not recorded, and running it again completes it."""
    git = git_module()
    try:
        yield
    except git.GitCommandError as error:
        said = (error.stderr or "").strip().removeprefix("stderr:").strip(" '\n")
        refused = ReleaseRefused(
            f"git could not {what}: {said or error}",
            "make the repository writable (its .git folder, free disk space), "
            "then run the release again: it completes what is missing",
        )
        refused.exit_code = 2  # normkit cannot run here: nothing wrong with the standards
        raise refused from None


@dataclass(frozen=True)
class Repository:
    """The git repository holding a standards repository at ``root``.

    ``prefix`` is ``root`` relative to the git work tree (empty when they are the same),
    as git paths of its files need it.
    """

    root: Path
    repo: object  # git.Repo; typed loosely so that importing this module stays cheap
    prefix: PurePosixPath

    @classmethod
    def open(cls, root: Path) -> Repository:
        """The git repository of ``root``; refuses a folder that is not in one."""
        git = git_module()

        try:
            repo = git.Repo(root, search_parent_directories=True)
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            raise ReleaseRefused(
                f"{root} is not in a git repository",
                "releases are built from commits: `git init` and commit the standards first",
            ) from None
        top = Path(repo.working_tree_dir).resolve()
        prefix = PurePosixPath(Path(root).resolve().relative_to(top).as_posix())
        return cls(Path(root).resolve(), repo, prefix)

    def git_path(self, path: Path | str) -> str:
        """A path relative to ``root`` as git names it (relative to the work tree)."""
        joined = self.prefix / PurePosixPath(Path(path).as_posix())
        return str(joined).removeprefix("./")

    @property
    def ledger_git_path(self) -> str:
        """The ledger's path in git."""
        return self.git_path(LEDGER_PATH)

    def head_commit(self) -> str:
        """The commit checked out; refuses a detached head or a repository with none."""
        repo = self.repo
        if not repo.head.is_valid():
            raise ReleaseRefused(
                f"{self.root}: the repository has no commit yet",
                "commit the standards, then release",
            )
        if repo.head.is_detached:
            raise ReleaseRefused(
                f"{self.root}: HEAD is detached at {repo.head.commit.hexsha[:12]}",
                "a release is recorded on a branch: `git switch main` (or the release branch)",
            )
        return repo.head.commit.hexsha

    def require_clean(self) -> None:
        """Refuse modified, staged or untracked files (ignored ones, like build/, are fine):
        what is released must be exactly what is committed."""
        lines = self.repo.git.status("--porcelain", "--", str(self.prefix)).splitlines()
        if lines:
            shown = "; ".join(line.strip() for line in lines[:5])
            more = f" and {len(lines) - 5} more" if len(lines) > 5 else ""
            raise ReleaseRefused(
                f"{self.root}: the working tree has uncommitted changes ({shown}{more})",
                "a release is built from a commit: commit or stash the changes, then release",
            )

    def tree_of(self, commit: str) -> str:
        """The git id of the tree of ``root`` at ``commit``."""
        tree = self.repo.commit(commit).tree
        return (
            tree.hexsha
            if not str(self.prefix) or str(self.prefix) == "."
            else (tree / str(self.prefix)).hexsha
        )

    def commit_epoch(self, commit: str) -> int:
        """The commit's date in seconds since 1970 (the build's SOURCE_DATE_EPOCH)."""
        return int(self.repo.commit(commit).committed_date)

    def export(self, commit: str, dest: Path) -> Path:
        """Extract the files of ``root`` at ``commit`` into ``dest``; return the root
        there. Uses ``git archive``: the working tree is never read."""
        args = [commit]
        if str(self.prefix) not in ("", "."):
            args.append(str(self.prefix))
        data = self.repo.git.archive(*args, format="tar", stdout_as_string=False)
        with tarfile.open(fileobj=io.BytesIO(data)) as tar:
            tar.extractall(dest, filter="data")
        exported = dest / self.prefix if str(self.prefix) not in ("", ".") else dest
        exported.mkdir(parents=True, exist_ok=True)
        return exported

    def read_file(self, commit: str, path: Path | str) -> bytes | None:
        """The bytes of ``path`` (relative to ``root``) at ``commit``; None when absent."""
        try:
            blob = self.repo.commit(commit).tree / self.git_path(path)
        except KeyError:
            return None
        return blob.data_stream.read()

    def commit_file(self, path: Path | str, data: bytes, message: str) -> str:
        """Commit ``data`` as ``path`` on top of HEAD, touching nothing else; return the
        new commit. The commit is made in a private index and the branch moves to it
        in one ``update-ref`` (which fails if HEAD moved meanwhile); then the file in
        the working tree and the index follow."""
        git = self.repo.git
        old = self.head_commit()
        with (
            _git_writes("commit the ledger"),
            tempfile.TemporaryDirectory(prefix="normkit-ledger-") as tmp,
        ):
            blob_file = Path(tmp) / "blob"
            blob_file.write_bytes(data)
            env = {"GIT_INDEX_FILE": str(Path(tmp) / "index")}
            blob = git.hash_object("-w", str(blob_file))
            git.read_tree(old, env=env)
            git.update_index(
                "--add", "--cacheinfo", f"100644,{blob},{self.git_path(path)}", env=env
            )
            tree = git.write_tree(env=env)
            new = git.commit_tree(tree, "-p", old, "-m", message)
            git.update_ref("-m", "normkit release", "HEAD", new, old)
            git.checkout("HEAD", "--", self.git_path(path))
        return new

    def tag_target(self, name: str) -> str | None:
        """The commit a tag points to, or None when there is no such tag."""
        try:
            return self.repo.git.rev_parse("--verify", "--quiet", f"refs/tags/{name}^{{commit}}")
        except Exception:  # git exits 1 for a missing tag
            return None

    def tag_message(self, name: str) -> str:
        """The message of an annotated tag (empty for a lightweight one)."""
        tag = self.repo.tags[name].tag
        return tag.message if tag is not None else ""

    def make_tag(self, name: str, commit: str, message: str) -> None:
        """An annotated tag ``name`` on ``commit``. git signs it when the user's
        configuration asks for signed tags (``tag.gpgSign``), with their key."""
        with _git_writes(f"make the tag {name}"):
            self.repo.git.tag("-a", name, commit, "-m", message)
