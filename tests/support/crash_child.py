"""``python -m tests.support.crash_child PROFILE``: a crash report that carries the secret.

Reads the account from the profile's keyring the way a call does (``Runtime.account``), logs to
the profile like the window, installs the window's crash handler and lets an exception whose
text holds the secret (plainly and in a query string) escape a worker thread. The handler logs
it and writes ``logs/crash-*.txt``. Prints the profile's crash reports, one path a line.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from urllib.parse import quote

from dialer_app.app.crash import install_crash_handler
from dialer_app.core.call_request import Account
from dialer_app.core.diagnostics import CRASH_PREFIX, LOG_DIR, configure_logging
from dialer_app.core.runtime import Runtime, RuntimeOptions


def explode(account: Account) -> None:
    try:
        raise ValueError(
            f"GET /v2/webrtc/click2call?user_id={account.user_id}"
            f"&secret={quote(account.secret, safe='')}&to=919200000000"
        )
    except ValueError as cause:
        raise RuntimeError(f"unexpected state for {account.user_id}: {account.secret}") from cause


def main(profile: Path) -> int:
    configure_logging(profile)
    runtime = Runtime.open(RuntimeOptions(profile=str(profile)))
    account = runtime.account()
    # The crash handler only needs the profile (and quit/window for the main thread).
    install_crash_handler(runtime.profile_dir, None, lambda: None)
    worker = threading.Thread(target=explode, args=(account,), name="crash-probe")
    worker.start()
    worker.join()
    runtime.close()
    for report in sorted((profile / LOG_DIR).glob(f"{CRASH_PREFIX}*")):
        print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
