#!/usr/bin/env bash
# Refresh the translation sources from the code (the dialogs' and the window's, each area in
# its own file), then compile every .ts to its .qm.
#
#   bash packaging/update-translations.sh
#
# lupdate keeps the translations already made and marks new strings "unfinished" (translate
# them in the .ts, e.g. with .venv/bin/pyside6-linguist, then run this again); the compiled
# .qm files are checked in; tests/gui/test_dialog_language.py and test_window_languages.py
# check that each .ts holds exactly the strings of its files and that the .qm match the .ts.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
dialogs=(
    dialer_app/ui/settings_dialog.py dialer_app/ui/setup_dialog.py dialer_app/ui/compliance_tab.py
    dialer_app/ui/do_not_call_tab.py dialer_app/ui/tray.py dialer_app/ui/quick_call.py
    dialer_app/ui/region_combo.py dialer_app/ui/secret_field.py
    dialer_app/app/settings_flow.py dialer_app/app/account_flow.py dialer_app/app/about_flow.py
    dialer_app/app/tray_flow.py dialer_app/app/compliance_flow.py
    dialer_app/app/instance_flow.py dialer_app/app/crash.py dialer_app/services/compliance.py
)
window=(
    dialer_app/ui/main_window.py dialer_app/ui/dialpad.py dialer_app/ui/number_input.py
    dialer_app/ui/mode_switch.py dialer_app/ui/contacts_view.py dialer_app/ui/two_line_delegate.py
    dialer_app/ui/list_keys.py dialer_app/ui/history_view.py dialer_app/ui/call_time.py
    dialer_app/ui/outcome_panel.py dialer_app/ui/lists_view.py dialer_app/ui/list_import_dialog.py
    dialer_app/ui/import_dialog.py dialer_app/ui/restore_dialog.py dialer_app/ui/contact_dialog.py
    dialer_app/ui/core_text.py
    dialer_app/app/contacts_flow.py dialer_app/app/lists_flow.py dialer_app/app/composition.py
    dialer_app/app/import_files.py
)
"$bin/pyside6-lupdate" "${dialogs[@]}" -locations none -no-obsolete -target-language hi \
    -ts resources/translations/dialer_dialogs_hi.ts
"$bin/pyside6-lupdate" "${window[@]}" -locations none -no-obsolete -target-language hi \
    -ts resources/translations/dialer_window_hi.ts
# English needs only the plural forms ("1 contact", "2 contacts").
"$bin/pyside6-lupdate" "${window[@]}" -locations none -no-obsolete -pluralonly \
    -target-language en -ts resources/translations/dialer_window_en.ts
for source in resources/translations/*.ts; do
    "$bin/pyside6-lrelease" -silent "$source" -qm "${source%.ts}.qm"
done
