"""A primary for the single-instance tests: ``python instance_child.py PROFILE [COUNT] [TIMEOUT]``.

Prints ``ready ADDRESS`` once it listens (or ``busy`` and exits 3 when another primary holds
the profile), then each received message as one JSON line. Exits 0 after COUNT messages
(default 1) and 4 after TIMEOUT seconds (default 30). Warnings go to stderr. With
``INSTANCE_CHILD_START_AT`` set (a ``time.time()`` value) it waits until then to listen.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer

from dialer_app.services.single_instance import InstanceServer
from dialer_app.system.instance_link import instance_address

EXIT_BUSY = 3
EXIT_TIMEOUT = 4
START_AT_ENV = "INSTANCE_CHILD_START_AT"  # wall-clock time at which to call listen()


def main(argv: list[str]) -> int:
    profile = Path(argv[1])
    count = int(argv[2]) if len(argv) > 2 else 1
    timeout_s = float(argv[3]) if len(argv) > 3 else 30.0
    logging.basicConfig(level=logging.INFO, stream=sys.stderr)
    app = QCoreApplication([argv[0]])
    server = InstanceServer(instance_address(profile))
    start_at = float(os.environ.get(START_AT_ENV, "0"))
    time.sleep(max(0.0, start_at - time.time()))  # lets several children race for listen()
    if not server.listen():
        print("busy", flush=True)
        return EXIT_BUSY
    received = 0

    def on_message(message: dict[str, object]) -> None:
        nonlocal received
        print(json.dumps(message), flush=True)
        received += 1
        if received >= count:
            app.exit(0)

    server.message_received.connect(on_message)
    QTimer.singleShot(int(timeout_s * 1000), lambda: app.exit(EXIT_TIMEOUT))
    print(f"ready {server.address}", flush=True)
    code = app.exec()
    server.close()
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv))
