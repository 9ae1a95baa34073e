"""What the link-handler registrations share: the schemes, the desktop id and the result."""

from __future__ import annotations

from dataclasses import dataclass, field

from dialer_app import APP_ID

SCHEMES = ("tel", "callto")
MIME_TYPES = tuple(f"x-scheme-handler/{scheme}" for scheme in SCHEMES)
DESKTOP_ID = f"{APP_ID}.desktop"

MACOS_MESSAGE = (
    "On macOS there is nothing to register: Dialer.app declares tel: and callto: links in its "
    "Info.plist, so macOS offers it once the app is in Applications. To make it the default "
    "for phone links, choose Dialer in FaceTime › Settings › Default for calls."
)


@dataclass(frozen=True)
class HandlerResult:
    """What a (un)registration did: *changed* lists files, keys or defaults it touched."""

    ok: bool
    message: str
    changed: list[str] = field(default_factory=list)
