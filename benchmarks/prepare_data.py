"""Build (once) and locate the cached benchmark data for one size; print it as JSON.

    .venv/bin/python benchmarks/prepare_data.py --rows 100000

Prints ``{"csv": PATH, "vcard": PATH, "profile": PATH, "contacts": N}``. The start-up benchmark
runs this in a child process so that its own memory stays small: on Linux a child's peak RSS
(``ru_maxrss``) starts at its parent's high-water mark, which would hide the real numbers.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

from common import BENCH_DIR, contact_count, contacts_csv, contacts_profile, contacts_vcard


def prepare(rows: int, *, vcard: bool = True) -> dict[str, object]:
    profile = contacts_profile(rows)
    return {
        "csv": str(contacts_csv(rows)),
        "vcard": str(contacts_vcard(rows)) if vcard else None,
        "profile": str(profile),
        "contacts": contact_count(profile),
    }


def prepare_in_child(rows: int, *, vcard: bool = True) -> dict[str, object]:
    """``prepare(rows)`` in a fresh process; keeps the caller's memory high-water mark low."""
    completed = subprocess.run(
        [
            sys.executable,
            str(BENCH_DIR / "prepare_data.py"),
            "--rows",
            str(rows),
            *([] if vcard else ["--no-vcard"]),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    data: dict[str, object] = json.loads(completed.stdout)
    return data


def main(argv: list[str] | None = None) -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--rows", type=int, required=True)
    options.add_argument("--no-vcard", action="store_true", help="the CSV and profile only")
    args = options.parse_args(argv)
    print(json.dumps(prepare(args.rows, vcard=not args.no_vcard)))


if __name__ == "__main__":
    main()
