"""Render ``resources/dialer-app.svg`` into the hicolor PNG sizes desktops look up.

Writes ``<out>/hicolor/<n>x<n>/apps/io.github.dialerapp.DialerApp.png`` for every size in
``SIZES`` (default ``<out>`` is ``resources/icons``). Runs offscreen, so it needs no display:

    .venv/bin/python packaging/render_icons.py [--output DIR]
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SOURCE_SVG = REPO_ROOT / "resources" / "dialer-app.svg"
DEFAULT_OUTPUT = REPO_ROOT / "resources" / "icons"
ICON_NAME = "io.github.dialerapp.DialerApp"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def icon_path(output: Path, size: int) -> Path:
    return output / "hicolor" / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png"


def render(svg: Path, output: Path, sizes: tuple[int, ...] = SIZES) -> list[Path]:
    """Render *svg* at each size; returns the written files."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"render_icons: cannot read {svg}")
    written = []
    for size in sizes:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        target = icon_path(output, size)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target), "PNG"):
            raise SystemExit(f"render_icons: cannot write {target}")
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--svg", type=Path, default=SOURCE_SVG, help="source SVG")
    parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="icon theme root")
    args = parser.parse_args(argv)
    for path in render(args.svg, args.output):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
