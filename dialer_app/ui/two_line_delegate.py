"""An item delegate painting up to two elided lines per cell: contacts and call history."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

ROW_PADDING = 7
Line = tuple[str, QFont, QColor]
ItemIndex = QModelIndex | QPersistentModelIndex


class TwoLineDelegate(QStyledItemDelegate):
    """Paints a cell as up to two elided lines, vertically centred when there is only one.

    Subclasses say what the lines are (``lines``) and may draw something at the right end of
    the cell (``decorate``, returning the width it took).
    """

    def __init__(self, parent: QObject | None = None, *, margin: int = 12, width_hint: int = 80):
        super().__init__(parent)
        self._margin = margin
        self._width_hint = width_hint

    @staticmethod
    def row_height(metrics: QFontMetrics) -> int:
        return metrics.height() * 2 + 3 * ROW_PADDING

    def sizeHint(self, option: QStyleOptionViewItem, index: ItemIndex) -> QSize:
        return QSize(self._width_hint, self.row_height(option.fontMetrics))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: ItemIndex) -> None:
        widget = option.widget
        style = widget.style() if widget else QApplication.style()
        background = QStyleOptionViewItem(option)
        self.initStyleOption(background, index)
        background.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, background, painter, widget)
        rect: QRect = option.rect.adjusted(self._margin, ROW_PADDING, -self._margin, -ROW_PADDING)
        rect.setRight(rect.right() - self.decorate(painter, rect, index))
        height = option.fontMetrics.height()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        lines = self.lines(option, index, rect.width(), selected)
        top = rect.top() if len(lines) > 1 else rect.center().y() - height // 2
        painter.save()
        for text, font, color in lines[:2]:
            painter.setFont(font)
            painter.setPen(color)
            elided = painter.fontMetrics().elidedText(
                text, Qt.TextElideMode.ElideRight, rect.width()
            )
            painter.drawText(
                QRect(rect.left(), top, rect.width(), height),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                elided,
            )
            top += height + ROW_PADDING // 2
        painter.restore()

    def decorate(self, painter: QPainter, rect: QRect, index: ItemIndex) -> int:
        return 0

    def lines(
        self, option: QStyleOptionViewItem, index: ItemIndex, width: int, selected: bool
    ) -> list[Line]:
        raise NotImplementedError


def title_and_subtitle(
    option: QStyleOptionViewItem, title: str, subtitle: str | None, selected: bool
) -> list[Line]:
    """A semibold title and, when given, a muted line below it (plain text when selected)."""
    palette = option.palette
    color = palette.highlightedText().color() if selected else palette.text().color()
    bold = QFont(option.font)
    bold.setWeight(QFont.Weight.DemiBold)
    lines = [(title, bold, color)]
    if subtitle is not None:
        muted = color if selected else palette.placeholderText().color()
        lines.append((subtitle, QFont(option.font), muted))
    return lines
