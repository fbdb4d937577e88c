"""Python forms generated from ui/*.ui by pyside6-uic at build time (ui_*.py are not in git)."""
