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


def icon(
    name: str, color: QColor | str | None = None, checked_color: QColor | str | None = None
) -> QIcon:
    """The named icon with ``currentColor`` replaced (default: the palette's text color).

    ``checked_color`` tints the icon's "on" state (checked toggles on a highlight background).
    """
    if color is None:
        color = QGuiApplication.palette().windowText().color()
    result = _render(_tinted(name, color))
    if checked_color is not None:
        _render(_tinted(name, checked_color), result, QIcon.State.On)
    return result


def _tinted(name: str, color: QColor | str) -> bytes:
    return _svg_text(name).replace("currentColor", QColor(color).name()).encode("utf-8")


def _render(svg: bytes, into: QIcon | None = None, state: QIcon.State = QIcon.State.Off) -> QIcon:
    renderer = QSvgRenderer(QByteArray(svg))
    ratio = (
        max(QGuiApplication.primaryScreen().devicePixelRatio(), 1.0)
        if (QGuiApplication.primaryScreen())
        else 1.0
    )
    result = into if into is not None else QIcon()
    for size in _SIZES:
        pixels = round(size * ratio)
        pixmap = QPixmap(pixels, pixels)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter, QRectF(0, 0, pixels, pixels))
        painter.end()
        pixmap.setDevicePixelRatio(ratio)
        result.addPixmap(pixmap, QIcon.Mode.Normal, state)
    return result
