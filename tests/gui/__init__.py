"""Widgets and the wired app driven by qtbot (offscreen), against the loopback sandbox."""
