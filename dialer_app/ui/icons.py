"""SVG icons from ``resources/icons``, tinted to the current palette and crisp on HiDPI.

Icons render when Qt first asks for a size, not when they are made: a dozen icons at six
sizes each cost several milliseconds of start-up before the window could paint.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from dialer_app.ui.resource_files import RESOURCES as _RESOURCES

# What the engine reports as available (window managers and trays enumerate them).
_SIZES = (16, 20, 24, 32, 48, 64)
_DISABLED_OPACITY = 0.4


@cache
def _svg_text(name: str) -> str:
    return (_RESOURCES / "icons" / f"{name}.svg").read_text("utf-8")


def app_icon() -> QIcon:
    return QIcon(SvgIconEngine((_RESOURCES / "dialer-app.svg").read_bytes()))


def icon(
    name: str, color: QColor | str | None = None, checked_color: QColor | str | None = None
) -> QIcon:
    """The named icon with ``currentColor`` replaced (default: the palette's text color).

    ``checked_color`` tints the icon's "on" state (checked toggles on a highlight background).
    """
    if color is None:
        color = QGuiApplication.palette().windowText().color()
    checked = _tinted(name, checked_color) if checked_color is not None else None
    return QIcon(SvgIconEngine(_tinted(name, color), checked))


def _tinted(name: str, color: QColor | str) -> bytes:
    # Not QColor(color): choosing among its overloads creates PySide6's Qt namespace (16 ms).
    hex_color = color.name() if isinstance(color, QColor) else QColor.fromString(color).name()
    return _svg_text(name).replace("currentColor", hex_color).encode("utf-8")


class SvgIconEngine(QIconEngine):
    """Draws an SVG (``on``: another one for the checked state) at each size asked for, once."""

    def __init__(self, svg: bytes, on: bytes | None = None) -> None:
        super().__init__()
        self._svg = svg
        self._on = on
        self._pixmaps: dict[tuple[int, int, float, bool, bool], QPixmap] = {}

    def clone(self) -> QIconEngine:
        return SvgIconEngine(self._svg, self._on)

    def availableSizes(
        self, mode: QIcon.Mode = QIcon.Mode.Normal, state: QIcon.State = QIcon.State.Off
    ) -> list[QSize]:
        return [QSize(size, size) for size in _SIZES]

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        disabled = mode == QIcon.Mode.Disabled
        checked = state == QIcon.State.On and self._on is not None
        key = (size.width(), size.height(), scale, disabled, checked)
        pixmap = self._pixmaps.get(key)
        if pixmap is None:
            pixmap = self._render(size, scale, disabled, checked)
            self._pixmaps[key] = pixmap
        return pixmap

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        device = painter.device()
        scale = device.devicePixelRatioF() if device is not None else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, scale))

    def _render(self, size: QSize, scale: float, disabled: bool, checked: bool) -> QPixmap:
        width, height = max(round(size.width() * scale), 1), max(round(size.height() * scale), 1)
        side = min(width, height)  # icons are square: centred in a non-square request
        pixmap = QPixmap(width, height)
        pixmap.fill(QColor(0, 0, 0, 0))
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if disabled:
            painter.setOpacity(_DISABLED_OPACITY)
        renderer = QSvgRenderer(QByteArray(self._on if checked and self._on else self._svg))
        renderer.render(painter, QRectF((width - side) / 2, (height - side) / 2, side, side))
        painter.end()
        pixmap.setDevicePixelRatio(scale)
        return pixmap
