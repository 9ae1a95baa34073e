"""SVG icons from ``resources/icons``, tinted to the current palette and crisp on HiDPI."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from PySide6.QtCore import QByteArray, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

_SIZES = (16, 20, 24, 32, 48, 64)


@cache
def _svg_text(name: str) -> str:
    return (files("dialer_app.resources") / "icons" / f"{name}.svg").read_text("utf-8")


def app_icon() -> QIcon:
    data = (files("dialer_app.resources") / "dialer-app.svg").read_bytes()
    return _render(data)


def icon(name: str, color: QColor | str | None = None) -> QIcon:
    """The named icon with ``currentColor`` replaced (default: the palette's text color)."""
    if color is None:
        color = QGuiApplication.palette().windowText().color()
    tint = QColor(color).name()
    return _render(_svg_text(name).replace("currentColor", tint).encode("utf-8"))


def _render(svg: bytes) -> QIcon:
    renderer = QSvgRenderer(QByteArray(svg))
    ratio = (
        max(QGuiApplication.primaryScreen().devicePixelRatio(), 1.0)
        if (QGuiApplication.primaryScreen())
        else 1.0
    )
    result = QIcon()
    for size in _SIZES:
        pixels = round(size * ratio)
        pixmap = QPixmap(pixels, pixels)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, pixels, pixels))
        painter.end()
        pixmap.setDevicePixelRatio(ratio)
        result.addPixmap(pixmap)
    return result
