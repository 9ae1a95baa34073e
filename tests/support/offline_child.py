"""``python -m tests.support.offline_child ARGS...``: ``python -m dialer_app ARGS...`` kept offline.

Run from the repository root. Name lookups of anything but loopback fail at once with
``socket.gaierror`` (see ``tests.support.fault_servers.OfflineResolver``), so a child process under
test can meet a DNS failure without resolving a real name, and can never reach the network.
"""

from __future__ import annotations

import sys

from tests.support.fault_servers import OfflineResolver


def main(argv: list[str]) -> int:
    OfflineResolver().install()
    from dialer_app.__main__ import main as dialer_main

    return dialer_main(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
