#!/usr/bin/env bash
# Refresh the dialogs' translation source from the code, then compile every .ts to its .qm.
#
#   bash packaging/update-translations.sh
#
# lupdate keeps the translations already made and marks new strings "unfinished" (translate
# them in the .ts, e.g. with .venv/bin/pyside6-linguist, then run this again); the compiled
# .qm files are checked in, and tests/gui/test_dialog_language.py checks they match the .ts.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
dialogs=(
    dialer_app/ui/settings_dialog.py dialer_app/ui/setup_dialog.py dialer_app/ui/compliance_tab.py
    dialer_app/ui/do_not_call_tab.py dialer_app/ui/tray.py dialer_app/ui/quick_call.py
    dialer_app/ui/region_combo.py dialer_app/ui/secret_field.py
    dialer_app/app/settings_flow.py dialer_app/app/account_flow.py dialer_app/app/about_flow.py
    dialer_app/app/tray_flow.py dialer_app/app/compliance_flow.py
    dialer_app/app/instance_flow.py dialer_app/app/crash.py
)
"$bin/pyside6-lupdate" "${dialogs[@]}" -locations none -no-obsolete -target-language hi \
    -ts resources/translations/dialer_dialogs_hi.ts
for source in resources/translations/*.ts; do
    "$bin/pyside6-lrelease" -silent "$source" -qm "${source%.ts}.qm"
done
