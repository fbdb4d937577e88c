"""The findings list: grouped by category with counts, filtered by category, severity, rule and text."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QBrush, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from proofdesk.core.findings import Category, Finding, Severity
from proofdesk.gui.editor import SEVERITY_COLOURS

COLUMNS = ("Text", "Suggestion", "Message", "Rule", "Line")
ALL = ""
# Lists up to this long are built at once; longer ones a batch at a time, BUILD_BUDGET_S per event-loop turn.
SYNC_ROWS = 400
BUILD_BATCH = 50
BUILD_BUDGET_S = 0.004

Index = QModelIndex | QPersistentModelIndex
# Text, suggestion, message, rule, line, severity: what a findings row shows.
_Row = tuple[str, str, str, str, int, Severity]


@dataclass
class Filters:
    category: str = ALL
    severity: str = ALL
    rule: str = ALL
    text: str = ""

    def accepts(self, f: Finding) -> bool:
        if self.category and f.category != self.category:
            return False
        if self.severity and f.severity.rank < Severity(self.severity).rank:
            return False
        if self.rule and f.rule != self.rule:
            return False
        if self.text:
            needle = self.text.casefold()
            hay = f"{f.text}\n{f.message}\n{f.rule}\n{' '.join(f.suggestions)}".casefold()
            return needle in hay
        return True


def _tooltip(row: _Row) -> str:
    return f"{row[2]}\n[{row[3]}, {row[5].value}]"


class FindingsModel(QStandardItemModel):
    """The grouped findings as Qt's own item model, so the tree view never calls into Python per row.

    With a Python model, laying out the tree after each check cost two Python calls per row (index,
    rowCount) and painting one per cell: 17,000 calls for a 100k draft's 4,286 findings, 30-40 ms on
    the GUI thread. Here the rows are built once per change, a batch per event-loop turn for long lists.
    """

    built = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.setHorizontalHeaderLabels(list(COLUMNS))
        self.filters = Filters()
        self._all: Sequence[Finding] = ()
        self._groups: list[tuple[Category, list[Finding]]] = []
        self._built: list[int] = []
        # Each group's rows as displayed (built or still to build), compared to find what an update changes.
        self._shown_rows: list[list[_Row]] = []
        self._line: Callable[[int], int] = lambda offset: 0
        self._brushes = {s: QBrush(c) for s, c in SEVERITY_COLOURS.items()}
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._build_step)

    def set_line_function(self, fn: Callable[[int], int]) -> None:
        self._line = fn

    def set_findings(self, findings: Sequence[Finding]) -> None:
        self._all = findings
        self._rebuild()

    def set_filters(self, filters: Filters) -> None:
        self.filters = filters
        self._rebuild()

    @property
    def building(self) -> bool:
        return self._timer.isActive()

    def _regroup(self) -> None:
        by_cat: dict[Category, list[Finding]] = {}
        accepts = self.filters.accepts
        for f in self._all:
            if accepts(f):
                by_cat.setdefault(f.category, []).append(f)
        order = list(Category)
        self._groups = sorted(by_cat.items(), key=lambda kv: order.index(kv[0]))

    def _rebuild(self) -> None:
        before = [cat for cat, _ in self._groups]
        built = self._built
        shown_before = self._shown_rows
        self._regroup()
        rows = [[self._display(f) for f in items] for _, items in self._groups]
        if not self._timer.isActive() and before == [cat for cat, _ in self._groups]:
            # A re-check or an edit changes a few rows: keep the others, since deleting and recreating
            # 20,000 items took 20-25 ms on the GUI thread (100k draft).
            for g, (cat, items) in enumerate(self._groups):
                group = self.item(g, 0)
                group.setText(f"{cat.value.capitalize()} ({len(items)})")
                self._patch(group, shown_before[g][: built[g]], rows[g])
            self._shown_rows = rows
            self._built = [len(r) for r in rows]
            self.built.emit()
            return
        self._timer.stop()
        self.setRowCount(0)
        for cat, items in self._groups:
            group = QStandardItem(f"{cat.value.capitalize()} ({len(items)})")
            group.setEditable(False)
            self.appendRow(group)
        self._shown_rows = rows
        self._built = [0] * len(self._groups)
        self._build_step(budget=None if self.shown <= SYNC_ROWS else BUILD_BUDGET_S)

    def _patch(self, group: QStandardItem, old: list[_Row], new: list[_Row]) -> None:
        limit = min(len(old), len(new))
        p = 0
        while p < limit and old[p] == new[p]:
            p += 1
        s = 0
        while s < limit - p and old[len(old) - 1 - s] == new[len(new) - 1 - s]:
            s += 1
        old_mid, new_mid = old[p : len(old) - s], new[p : len(new) - s]
        # Rows in both: change only the cells that differ (a new line shifts every later row's line number).
        for i, (was, now) in enumerate(zip(old_mid, new_mid, strict=False)):
            if was[5] != now[5] or was[2] != now[2] or was[3] != now[3]:
                self._restyle(group, p + i, now)
            for col in range(5):
                if was[col] != now[col]:
                    group.child(p + i, col).setData(now[col], Qt.ItemDataRole.DisplayRole)
        both = min(len(old_mid), len(new_mid))
        if len(old_mid) > both:
            group.removeRows(p + both, len(old_mid) - both)
        for i, row in enumerate(new_mid[both:]):
            group.insertRow(p + both + i, self._cells(row))

    def _restyle(self, group: QStandardItem, row: int, now: _Row) -> None:
        group.child(row, 0).setForeground(self._brushes[now[5]])
        tip = _tooltip(now)
        for col in range(5):
            group.child(row, col).setToolTip(tip)

    def _build_step(self, budget: float | None = BUILD_BUDGET_S) -> None:
        deadline = None if budget is None else time.perf_counter() + budget
        for g, rows in enumerate(self._shown_rows):
            group = self.item(g, 0)
            while self._built[g] < len(rows):
                if deadline is not None and time.perf_counter() > deadline:
                    self._timer.start()
                    return
                lo = self._built[g]
                for row in rows[lo : lo + BUILD_BATCH]:
                    group.appendRow(self._cells(row))
                self._built[g] = min(len(rows), lo + BUILD_BATCH)
        self.built.emit()

    def _display(self, f: Finding) -> _Row:
        suggestion = (f.suggestions[0].replace("\n", "↵")[:80] or "(delete)") if f.suggestions else "—"
        text = f.text.replace("\n", "↵")[:80] or "(insert)"
        return (text, suggestion, f.message, f.rule, self._line(f.start), f.severity)

    def _cells(self, row: _Row) -> list[QStandardItem]:
        text, suggestion, message, rule, line, severity = row
        cells = [QStandardItem(text), QStandardItem(suggestion), QStandardItem(message), QStandardItem(rule)]
        number = QStandardItem()
        number.setData(line, Qt.ItemDataRole.DisplayRole)
        cells.append(number)
        cells[0].setForeground(self._brushes[severity])
        tip = _tooltip(row)
        for cell in cells:
            cell.setToolTip(tip)
        return cells

    @property
    def shown(self) -> int:
        return sum(len(items) for _, items in self._groups)

    def rules(self) -> list[str]:
        return sorted({f.rule for f in self._all})

    def finding(self, index: Index) -> Finding | None:
        if not index.isValid():
            return None
        parent = index.parent()
        if not parent.isValid() or parent.row() >= len(self._groups):
            return None
        items = self._groups[parent.row()][1]
        return items[index.row()] if index.row() < len(items) else None

    def index_of(self, finding: Finding) -> QModelIndex:
        for g, (cat, items) in enumerate(self._groups):
            if cat != finding.category:
                continue
            lo, hi = 0, len(items)
            key = finding.sort_key
            while lo < hi:
                mid = (lo + hi) // 2
                if items[mid].sort_key < key:
                    lo = mid + 1
                else:
                    hi = mid
            for row in range(lo, min(lo + 16, self._built[g])):
                if items[row].key == finding.key:
                    return self.index(row, 0, self.index(g, 0))
        return QModelIndex()


class FindingsPanel(QWidget):
    """The list with its filter bar; emits the finding the user picks."""

    finding_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = FindingsModel(self)
        self.category = QComboBox()
        self.category.setObjectName("categoryFilter")
        self.category.addItem("All categories", ALL)
        for c in Category:
            self.category.addItem(c.value.capitalize(), c.value)
        self.severity = QComboBox()
        self.severity.setObjectName("severityFilter")
        self.severity.addItem("Any severity", ALL)
        for s in (Severity.SUGGESTION, Severity.WARNING, Severity.ERROR):
            self.severity.addItem(f"{s.value.capitalize()} and above", s.value)
        self.rule = QComboBox()
        self.rule.setObjectName("ruleFilter")
        self.rule.addItem("All rules", ALL)
        self.text = QLineEdit()
        self.text.setObjectName("textFilter")
        self.text.setPlaceholderText("Filter findings…")
        self.text.setClearButtonEnabled(True)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for w in (self.category, self.severity, self.rule, self.text):
            bar.addWidget(w)
        self.view = QTreeView()
        self.view.setObjectName("findingsView")
        self.view.setModel(self.model)
        self.view.setUniformRowHeights(True)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAlternatingRowColors(True)
        # Qt's items are editable by default; the findings are not.
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._menu)
        self.view.setColumnWidth(0, 180)
        self.view.setColumnWidth(1, 140)
        self.view.setColumnWidth(2, 320)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view)
        self.context_actions: list[QAction | None] = []
        self._updating = False
        # The finding to select once a long list has been built down to it.
        self._wanted: Finding | None = None
        self.model.built.connect(lambda: self.show_current(self._wanted))
        self.view.selectionModel().currentChanged.connect(self._on_current)
        self.view.clicked.connect(self._on_clicked)
        for combo in (self.category, self.severity, self.rule):
            combo.currentIndexChanged.connect(self._apply_filters)
        self.text.textChanged.connect(self._apply_filters)

    def set_findings(self, findings: Sequence[Finding], current: Finding | None) -> None:
        self._updating = True
        try:
            self.model.set_findings(findings)
            rules = self.model.rules()
            chosen = self.rule.currentData()
            if [self.rule.itemData(i) for i in range(1, self.rule.count())] != rules:
                self.rule.blockSignals(True)
                self.rule.clear()
                self.rule.addItem("All rules", ALL)
                for r in rules:
                    self.rule.addItem(r, r)
                i = self.rule.findData(chosen)
                self.rule.setCurrentIndex(max(i, 0))
                self.rule.blockSignals(False)
            self._expand_groups()
            self.show_current(current)
        finally:
            self._updating = False

    def _expand_groups(self) -> None:
        # expandAll() walks every row; only the category rows have children.
        for row in range(self.model.rowCount()):
            self.view.expand(self.model.index(row, 0))

    @property
    def busy(self) -> bool:
        return self.model.building

    def show_current(self, current: Finding | None) -> None:
        self._wanted = current
        self._updating = True
        try:
            idx = self.model.index_of(current) if current is not None else QModelIndex()
            if idx.isValid():
                self.view.setCurrentIndex(idx)
                self.view.scrollTo(idx)
            else:
                self.view.clearSelection()
        finally:
            self._updating = False

    def _apply_filters(self) -> None:
        self.model.set_filters(
            Filters(
                category=str(self.category.currentData() or ""),
                severity=str(self.severity.currentData() or ""),
                rule=str(self.rule.currentData() or ""),
                text=self.text.text().strip(),
            )
        )
        self._expand_groups()

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._updating:
            return
        f = self.model.finding(current)
        if f is not None:
            self.finding_activated.emit(f)

    def _on_clicked(self, index: QModelIndex) -> None:
        f = self.model.finding(index)
        if f is not None:
            self.finding_activated.emit(f)

    def _menu(self, pos: QPoint) -> None:
        # A scroll area reports context-menu positions in viewport coordinates.
        index = self.view.indexAt(pos)
        f = self.model.finding(index)
        if f is not None:
            self.finding_activated.emit(f)
        menu = QMenu(self)
        for act in self.context_actions:
            if act is None:
                menu.addSeparator()
            else:
                menu.addAction(act)
        menu.exec(self.view.viewport().mapToGlobal(pos))
        menu.deleteLater()
