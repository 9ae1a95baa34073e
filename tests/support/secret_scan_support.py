"""Hunting one secret wherever a run could have left it: files, output streams and /proc.

``secret_forms`` gives the byte strings to look for (plain, URL-encoded, JSON-escaped, hex and
base64 at every alignment); ``ChildSession`` runs the dialer in child processes that a
``ProcessWatcher`` inspects while they live; ``scan_tree`` and ``scan_streams`` look at what
they left behind.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from urllib.parse import quote

from tests.support.harness import REPO_ROOT

PROXY_ENV = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")
_POLL_SECONDS = 0.01


def secret_forms(secret: str) -> dict[str, bytes]:
    """Every spelling of ``secret`` that would betray it, by name.

    Base64 is checked at all three alignments (the secret may sit anywhere in an encoded
    text, e.g. ``user:secret`` in a Basic header): for each, the part of the encoding that
    depends on the secret's bytes alone.
    """
    raw = secret.encode()
    url = quote(secret, safe="")
    forms = {
        "plain": raw,
        "url-encoded": url.encode(),
        "url-encoded (lower-case hex)": _lower_escapes(url).encode(),
        "json-escaped": json.dumps(secret)[1:-1].encode(),
        "json-escaped with \\/": json.dumps(secret)[1:-1].replace("/", "\\/").encode(),
        "hex": raw.hex().encode(),
    }
    for offset in range(3):
        start = -(-offset // 3) * 4  # first base64 quantum made of secret bytes only
        end = (offset + len(raw)) // 3 * 4  # end of the last such quantum
        for name, encode in (("base64", base64.b64encode), ("base64url", base64.urlsafe_b64encode)):
            forms[f"{name} (offset {offset})"] = encode(b"\0" * offset + raw)[start:end]
    unique: dict[bytes, str] = {}
    for name, needle in forms.items():
        unique.setdefault(needle, name)  # e.g. JSON leaves many secrets as they are
    return {name: needle for needle, name in unique.items()}


def _lower_escapes(url: str) -> str:
    parts = url.split("%")
    return parts[0] + "".join("%" + part[:2].lower() + part[2:] for part in parts[1:])


def hits_in(data: bytes, forms: Mapping[str, bytes]) -> list[str]:
    """Names of the forms found in ``data``."""
    return [name for name, needle in forms.items() if needle and needle in data]


@dataclass
class ScanResult:
    """What was looked at (labels) and what was found (``label: form``)."""

    scanned: list[str] = field(default_factory=list)
    hits: list[str] = field(default_factory=list)

    def add(self, label: str, data: bytes, forms: Mapping[str, bytes]) -> None:
        self.scanned.append(label)
        self.hits += [f"{label}: {form}" for form in hits_in(data, forms)]


def scan_tree(root: Path, forms: Mapping[str, bytes], result: ScanResult, tag: str) -> None:
    """Every regular file below ``root`` (binary files such as SQLite databases included)."""
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        try:
            data = path.read_bytes()
        except FileNotFoundError:  # e.g. a -wal file checkpointed away meanwhile
            continue
        result.add(f"{tag}:{path.relative_to(root)}", data, forms)


# processes ------------------------------------------------------------------------------
class ProcessWatcher:
    """Reads ``/proc/<pid>/cmdline`` and ``environ`` of watched processes and their
    descendants every 10 ms while they run; records each hit once."""

    def __init__(self, forms: Mapping[str, bytes]) -> None:
        self._forms = dict(forms)
        self._roots: list[int] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._poll, name="proc-watcher", daemon=True)
        self.snapshots = 0
        self.processes: dict[int, bytes] = {}  # pid -> the last cmdline seen
        self.hits: list[str] = []

    def __enter__(self) -> ProcessWatcher:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._stop.set()
        self._thread.join(5)

    def watch(self, pid: int) -> None:
        with self._lock:
            self._roots.append(pid)
        self.inspect(pid)

    def inspect(self, pid: int) -> None:
        """One look at ``pid`` and its descendants (also called from the polling thread)."""
        for each in [pid, *_descendants(pid)]:
            self._inspect_one(each)

    def _inspect_one(self, pid: int) -> None:
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
            environ = Path(f"/proc/{pid}/environ").read_bytes()
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            return  # gone already
        with self._lock:
            self.snapshots += 1
            if cmdline:
                self.processes[pid] = cmdline
            found = [f"pid {pid} cmdline: {f}" for f in hits_in(cmdline, self._forms)]
            found += [f"pid {pid} environ: {f}" for f in hits_in(environ, self._forms)]
            self.hits += [hit for hit in found if hit not in self.hits]

    def _poll(self) -> None:
        while not self._stop.wait(_POLL_SECONDS):
            with self._lock:
                roots = list(self._roots)
            for pid in roots:
                if Path(f"/proc/{pid}").exists():
                    self.inspect(pid)


def _descendants(pid: int) -> list[int]:
    found: list[int] = []
    pending = [pid]
    while pending:
        parent = pending.pop()
        try:
            tasks = list(Path(f"/proc/{parent}/task").iterdir())
        except (FileNotFoundError, ProcessLookupError):
            continue
        for task in tasks:
            try:
                children = (task / "children").read_text().split()
            except (FileNotFoundError, ProcessLookupError):
                continue
            found += [int(child) for child in children]
            pending += [int(child) for child in children]
    return found


@dataclass
class ChildRun:
    """One finished child: its label, exit code and the files holding its stdout/stderr."""

    label: str
    code: int
    stdout_path: Path
    stderr_path: Path
    pid: int = 0

    @property
    def stdout(self) -> str:
        return self.stdout_path.read_text(encoding="utf-8", errors="replace")

    @property
    def stderr(self) -> str:
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")


class ChildSession:
    """Runs ``python -m tests.support.offline_child ...`` (the dialer, offline) and helper modules
    as child processes (``module=""``: plain ``python ARGS``); every child is watched and its
    output kept in ``streams_dir``."""

    def __init__(self, streams_dir: Path, watcher: ProcessWatcher) -> None:
        streams_dir.mkdir(parents=True, exist_ok=True)
        self.streams_dir = streams_dir
        self.watcher = watcher
        self.runs: list[ChildRun] = []
        self.env = {k: v for k, v in os.environ.items() if k.upper() not in PROXY_ENV}
        self.env["QT_QPA_PLATFORM"] = "offscreen"
        self._count = 0

    def start(
        self, label: str, args: Sequence[str], *, module: str = "tests.support.offline_child"
    ) -> tuple[subprocess.Popen[bytes], ChildRun]:
        self._count += 1
        stem = self.streams_dir / f"{self._count:02d}-{label}"
        run = ChildRun(label, -1, stem.with_suffix(".out"), stem.with_suffix(".err"))
        with run.stdout_path.open("wb") as out, run.stderr_path.open("wb") as err:
            process = subprocess.Popen(
                [sys.executable, *(["-m", module] if module else []), *args],
                cwd=REPO_ROOT,
                env=self.env,
                stdin=subprocess.PIPE,
                stdout=out,
                stderr=err,
            )
        run.pid = process.pid
        self.watcher.watch(process.pid)
        self.runs.append(run)
        return process, run

    def run(
        self,
        label: str,
        args: Sequence[str],
        *,
        stdin: str = "",
        module: str = "tests.support.offline_child",
        timeout: float = 60,
    ) -> ChildRun:
        process, run = self.start(label, args, module=module)
        process.communicate(stdin.encode(), timeout=timeout)
        run.code = process.returncode
        return run

    def streams(self) -> Iterator[Path]:
        for run in self.runs:
            yield run.stdout_path
            yield run.stderr_path


