"""End-to-end fixtures: a real X display and the real app (see desk_x11)."""

from desk_x11 import desk, x_display

__all__ = ["desk", "x_display"]
