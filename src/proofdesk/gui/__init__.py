"""The PySide6 desk: main window, editor, findings, review pane and workers."""
