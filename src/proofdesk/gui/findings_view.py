"""The findings list: grouped by category with counts, filtered by category, severity, rule and text."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QBrush
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
_GROUP = 0  # internal id of top-level (category) rows; children carry group index + 1
ALL = ""

Index = QModelIndex | QPersistentModelIndex


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


class FindingsModel(QAbstractItemModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.filters = Filters()
        self._all: Sequence[Finding] = ()
        self._groups: list[tuple[Category, list[Finding]]] = []
        self._line: Callable[[int], int] = lambda offset: 0

    def set_line_function(self, fn: Callable[[int], int]) -> None:
        self._line = fn

    def set_findings(self, findings: Sequence[Finding]) -> None:
        self.beginResetModel()
        self._all = findings
        self._regroup()
        self.endResetModel()

    def set_filters(self, filters: Filters) -> None:
        self.beginResetModel()
        self.filters = filters
        self._regroup()
        self.endResetModel()

    def _regroup(self) -> None:
        by_cat: dict[Category, list[Finding]] = {}
        accepts = self.filters.accepts
        for f in self._all:
            if accepts(f):
                by_cat.setdefault(f.category, []).append(f)
        order = list(Category)
        self._groups = sorted(by_cat.items(), key=lambda kv: order.index(kv[0]))

    @property
    def shown(self) -> int:
        return sum(len(items) for _, items in self._groups)

    def rules(self) -> list[str]:
        return sorted({f.rule for f in self._all})

    # Qt model API ---------------------------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not parent.isValid():
            if 0 <= row < len(self._groups):
                return self.createIndex(row, column, _GROUP)
            return QModelIndex()
        if parent.internalId() != _GROUP:
            return QModelIndex()
        items = self._groups[parent.row()][1]
        if 0 <= row < len(items):
            return self.createIndex(row, column, parent.row() + 1)
        return QModelIndex()

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or child.internalId() == _GROUP:
            return QModelIndex()
        return self.createIndex(int(child.internalId()) - 1, 0, _GROUP)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _GROUP and parent.column() == 0:
            return len(self._groups[parent.row()][1])
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def finding(self, index: Index) -> Finding | None:
        if not index.isValid() or index.internalId() == _GROUP:
            return None
        return self._groups[int(index.internalId()) - 1][1][index.row()]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        if index.internalId() == _GROUP:
            cat, items = self._groups[index.row()]
            if role == Qt.ItemDataRole.DisplayRole and index.column() == 0:
                return f"{cat.value.capitalize()} ({len(items)})"
            return None
        f = self.finding(index)
        if f is None:
            return None
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return f.text.replace("\n", "↵")[:80] or "(insert)"
            if col == 1:
                if not f.suggestions:
                    return "—"
                return f.suggestions[0].replace("\n", "↵")[:80] or "(delete)"
            if col == 2:
                return f.message
            if col == 3:
                return f.rule
            if col == 4:
                return self._line(f.start)
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{f.message}\n[{f.rule}, {f.severity.value}]"
        if role == Qt.ItemDataRole.ForegroundRole and col == 0:
            return QBrush(SEVERITY_COLOURS[f.severity])
        return None

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
            for row in range(lo, min(lo + 16, len(items))):
                if items[row].key == finding.key:
                    return self.createIndex(row, 0, g + 1)
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

    def show_current(self, current: Finding | None) -> None:
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
