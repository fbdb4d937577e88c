"""Dialogs: settings, export, house-style problems, accept-all confirmation, help and about.

The forms come from ui/*.ui (compiled at build time); this module binds them to
typed data. Every question the window asks goes through :class:`Prompter`, so
tests can answer it without a modal loop.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QListWidgetItem,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

import proofdesk
from proofdesk.core.autosave import JournalEntry
from proofdesk.core.diffing import word_diff
from proofdesk.core.findings import Finding
from proofdesk.core.settings import LANGUAGES, Settings
from proofdesk.gui.forms.ui_export_dialog import Ui_ExportDialog
from proofdesk.gui.forms.ui_settings_dialog import Ui_SettingsDialog
from proofdesk.gui.forms.ui_style_errors_dialog import Ui_StyleErrorsDialog
from proofdesk.gui.help import GUIDE_HTML

_LT_MODES = (
    ("off", "Off"),
    ("auto", "Local LanguageTool server (needs Java 17+)"),
    ("url", "LanguageTool server at URL"),
)
_THEMES = (("system", "Follow the system"), ("light", "Light"), ("dark", "Dark"))
PUBLIC_LT = "api.languagetool.org"


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, families: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_SettingsDialog()
        self.ui.setupUi(self)
        ui = self.ui
        for lang in LANGUAGES:
            ui.languageCombo.addItem(lang, lang)
        for value, label in _LT_MODES:
            ui.ltModeCombo.addItem(label, value)
        for value, label in _THEMES:
            ui.themeCombo.addItem(label, value)
        ui.languageCombo.setCurrentIndex(max(0, ui.languageCombo.findData(settings.language)))
        ui.houseStyleEdit.setText(settings.house_style)
        ui.valeConfigEdit.setText(settings.vale_config)
        for fam in families:
            item = QListWidgetItem(fam)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked if fam in settings.disabled_checks else Qt.CheckState.Checked)
            ui.checksList.addItem(item)
        self._other_disabled = [d for d in settings.disabled_checks if d not in families]
        ui.ltModeCombo.setCurrentIndex(max(0, ui.ltModeCombo.findData(settings.languagetool_mode)))
        ui.ltUrlEdit.setText(settings.languagetool_url)
        ui.ltPublicOptIn.setChecked(settings.languagetool_public_opt_in)
        if settings.editor_font:
            ui.fontCombo.setCurrentFont(QFont(settings.editor_font))
        ui.fontSizeSpin.setValue(settings.editor_font_size)
        ui.themeCombo.setCurrentIndex(max(0, ui.themeCombo.findData(settings.theme)))
        ui.houseStyleBrowse.clicked.connect(lambda: self._browse(ui.houseStyleEdit, "House style (*.yaml *.yml)"))
        ui.valeConfigBrowse.clicked.connect(lambda: self._browse(ui.valeConfigEdit, "Vale config (.vale.ini *.ini)"))
        ui.ltModeCombo.currentIndexChanged.connect(self._update_lt)
        ui.buttonBox.accepted.connect(self._maybe_accept)
        ui.buttonBox.rejected.connect(self.reject)
        self._base = settings
        self._update_lt()

    def _browse(self, edit: object, filter_: str) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Choose a file", "", filter_)
        if name:
            edit.setText(name)  # type: ignore[attr-defined]

    def _update_lt(self) -> None:
        url_mode = self.ui.ltModeCombo.currentData() == "url"
        self.ui.ltUrlEdit.setEnabled(url_mode)
        self.ui.ltPublicOptIn.setEnabled(url_mode)

    def problem(self) -> str | None:
        s = self.settings()
        if s.languagetool_mode == "url":
            url = s.languagetool_url.strip()
            if not url.startswith(("http://", "https://")):
                return "Enter the LanguageTool server as an http:// or https:// URL."
            if PUBLIC_LT in url and not s.languagetool_public_opt_in:
                return (
                    "That is the public LanguageTool service: drafts sent there leave this machine. "
                    "Tick the opt-in box if you accept that (never for embargoed copy)."
                )
        return None

    def _maybe_accept(self) -> None:
        problem = self.problem()
        if problem:
            QMessageBox.warning(self, "Preferences", problem)
            return
        self.accept()

    def settings(self) -> Settings:
        ui = self.ui
        disabled = [
            ui.checksList.item(i).text()
            for i in range(ui.checksList.count())
            if ui.checksList.item(i).checkState() != Qt.CheckState.Checked
        ]
        return replace(
            self._base,
            language=str(ui.languageCombo.currentData()),
            house_style=ui.houseStyleEdit.text().strip(),
            vale_config=ui.valeConfigEdit.text().strip(),
            disabled_checks=self._other_disabled + disabled,
            languagetool_mode=str(ui.ltModeCombo.currentData()),
            languagetool_url=ui.ltUrlEdit.text().strip(),
            languagetool_public_opt_in=ui.ltPublicOptIn.isChecked(),
            editor_font=ui.fontCombo.currentFont().family(),
            editor_font_size=ui.fontSizeSpin.value(),
            theme=str(ui.themeCombo.currentData()),
        ).validated()


EXPORT_FORMATS = (
    ("txt", "Plain text (.txt)"),
    ("md", "Markdown (.md)"),
    ("html", "HTML (.html)"),
    ("docx", "Word (.docx)"),
)


@dataclass(frozen=True)
class ExportChoice:
    fmt: str
    output: Path
    report: Path | None


class ExportDialog(QDialog):
    def __init__(self, draft: Path | None, fmt: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ExportDialog()
        self.ui.setupUi(self)
        ui = self.ui
        for value, label in EXPORT_FORMATS:
            ui.formatCombo.addItem(label, value)
        ui.formatCombo.setCurrentIndex(max(0, ui.formatCombo.findData(fmt)))
        base = draft.with_name(draft.stem + "-clean") if draft else Path.home() / "clean-copy"
        ui.outputEdit.setText(str(base.with_suffix("." + fmt)))
        ui.reportEdit.setText(str(base.with_name(base.stem.removesuffix("-clean") + "-changes.html")))
        ui.reportCheck.toggled.connect(ui.reportEdit.setEnabled)
        ui.reportCheck.toggled.connect(ui.reportBrowse.setEnabled)
        ui.reportCheck.setChecked(False)
        ui.reportEdit.setEnabled(False)
        ui.reportBrowse.setEnabled(False)
        ui.formatCombo.currentIndexChanged.connect(self._format_changed)
        ui.outputBrowse.clicked.connect(self._browse_output)
        ui.reportBrowse.clicked.connect(self._browse_report)
        ui.buttonBox.accepted.connect(self.accept)
        ui.buttonBox.rejected.connect(self.reject)

    def _format_changed(self) -> None:
        out = Path(self.ui.outputEdit.text() or "clean-copy")
        self.ui.outputEdit.setText(str(out.with_suffix("." + str(self.ui.formatCombo.currentData()))))

    def _browse_output(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Export clean copy", self.ui.outputEdit.text())
        if name:
            self.ui.outputEdit.setText(name)

    def _browse_report(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Change report", self.ui.reportEdit.text(), "Report (*.html *.json *.csv)"
        )
        if name:
            self.ui.reportEdit.setText(name)

    def choice(self) -> ExportChoice:
        ui = self.ui
        report = Path(ui.reportEdit.text()) if ui.reportCheck.isChecked() and ui.reportEdit.text().strip() else None
        return ExportChoice(str(ui.formatCombo.currentData()), Path(ui.outputEdit.text()), report)


class StyleErrorsDialog(QDialog):
    def __init__(self, problems: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_StyleErrorsDialog()
        self.ui.setupUi(self)
        for p in problems:
            self.ui.errorsList.addItem(p)
        self.ui.buttonBox.rejected.connect(self.reject)
        self.ui.buttonBox.accepted.connect(self.accept)
        close = self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Close)
        if close is not None:
            close.clicked.connect(self.accept)


def accept_all_preview(rule: str, chosen: Sequence[Finding], skipped: Sequence[Finding], limit: int = 12) -> str:
    lines = [f"Accept all {len(chosen)} finding{'s' if len(chosen) != 1 else ''} of {rule}?"]
    if skipped:
        lines.append(f"({len(skipped)} overlapping finding(s) will be left for you to review.)")
    lines.append("")
    for f in chosen[:limit]:
        after = f.suggestions[0] if f.suggestions[0] else "(delete)"
        lines.append(f"  {f.text.strip()[:40] or repr(f.text)} → {after.strip()[:40] or repr(after)}")
    if len(chosen) > limit:
        lines.append(f"  … and {len(chosen) - limit} more")
    return "\n".join(lines)


def compare_html(mine: str, theirs: str) -> str:
    """Word diff of the open draft (mine) against the file on disk (theirs), as HTML."""
    parts = []
    for seg in word_diff(mine, theirs):
        text = html.escape(seg.text).replace("\n", "<br>")
        if seg.op == "equal":
            parts.append(text)
        elif seg.op == "delete":
            parts.append(f'<span style="background:#ffcdd2;text-decoration:line-through">{text}</span>')
        else:
            parts.append(f'<span style="background:#c8e6c9">{text}</span>')
    return "<p><b>Struck through</b>: only in your open draft. <b>Green</b>: only in the file on disk.</p>" + "".join(
        parts
    )


def show_html(parent: QWidget, title: str, body: str, size: tuple[int, int] = (720, 560)) -> None:
    dlg = QDialog(parent)
    dlg.setWindowTitle(title)
    view = QTextBrowser(dlg)
    view.setOpenExternalLinks(False)
    view.setHtml(body)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dlg)
    buttons.rejected.connect(dlg.reject)
    buttons.accepted.connect(dlg.accept)
    layout = QVBoxLayout(dlg)
    layout.addWidget(view)
    layout.addWidget(buttons)
    dlg.resize(*size)
    dlg.exec()


def about_text(languagetool: str) -> str:
    return (
        f"<h3>ProofDesk {html.escape(proofdesk.__version__)}</h3>"
        "<p>A proofing desk for newspaper and website sub-editors.</p>"
        f"<p>Qt {html.escape(qVersion())} · PySide6 {html.escape(_pyside_version())}<br>"
        f"LanguageTool: {html.escape(languagetool)}</p>"
    )


def _pyside_version() -> str:
    import PySide6

    return str(PySide6.__version__)


class Prompter:
    """Every question the window asks the user. Tests replace methods on an instance."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent

    def error(self, title: str, text: str) -> None:
        QMessageBox.warning(self.parent, title, text)

    def info(self, title: str, text: str) -> None:
        QMessageBox.information(self.parent, title, text)

    def confirm_accept_all(self, rule: str, chosen: Sequence[Finding], skipped: Sequence[Finding]) -> bool:
        box = QMessageBox(self.parent)
        box.setWindowTitle("Accept all")
        box.setIcon(QMessageBox.Icon.Question)
        preview = accept_all_preview(rule, chosen, skipped)
        head, _, rest = preview.partition("\n")
        box.setText(head)
        box.setInformativeText(rest.strip())
        box.setStandardButtons(QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel)
        box.button(QMessageBox.StandardButton.Ok).setText(f"Accept {len(chosen)}")
        return box.exec() == QMessageBox.StandardButton.Ok

    def unsaved_changes(self, name: str) -> str:
        """'save', 'discard' or 'cancel'."""
        answer = QMessageBox.question(
            self.parent,
            "Unsaved changes",
            f"{name} has changes that are not saved. Save them before closing?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        return {QMessageBox.StandardButton.Save: "save", QMessageBox.StandardButton.Discard: "discard"}.get(
            answer, "cancel"
        )

    def external_change(self, name: str) -> str:
        """'reload', 'keep' or 'compare'."""
        box = QMessageBox(self.parent)
        box.setWindowTitle("File changed on disk")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setText(f"{name} was changed by another program.")
        box.setInformativeText("Reload it (your unsaved edits are lost), keep your version, or compare the two.")
        reload_ = box.addButton("Reload", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("Keep Mine", QMessageBox.ButtonRole.RejectRole)
        box.addButton("Compare…", QMessageBox.ButtonRole.ActionRole)
        box.setDefaultButton(keep)
        box.exec()
        clicked = box.clickedButton()
        return "reload" if clicked is reload_ else "keep" if clicked is keep else "compare"

    def recover(self, entries: Sequence[JournalEntry]) -> bool:
        names = "\n".join(f"  • {e.source or 'an unsaved draft'}" for e in entries[:10])
        answer = QMessageBox.question(
            self.parent,
            "Recover unsaved work",
            f"ProofDesk stopped unexpectedly last time. Unsaved work was kept for:\n{names}\n\nRestore it?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes

    def confirm(self, title: str, text: str) -> bool:
        answer = QMessageBox.question(self.parent, title, text)
        return answer == QMessageBox.StandardButton.Yes

    def show_compare(self, mine: str, theirs: str) -> None:
        show_html(self.parent, "Your draft and the file on disk", compare_html(mine, theirs))

    def show_style_errors(self, problems: Sequence[str]) -> None:
        StyleErrorsDialog(problems, self.parent).exec()

    def show_guide(self) -> None:
        show_html(self.parent, "ProofDesk Guide", GUIDE_HTML)
