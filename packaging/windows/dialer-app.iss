; Inno Setup 6 script: a per-user installer (no administrator rights) for the PyInstaller
; bundle dist\dialer-app\ that packaging\dialer-app.spec builds on Windows
; (dialer-app.exe for the command line, dialer-app-gui.exe for the window and links).
;
;   iscc /DAppVersion=0.1.0 packaging\windows\dialer-app.iss   -> dist\dialer-app-0.1.0-setup.exe
;
; The [Registry] keys are the same ones `dialer-app --register-handler` writes at run time
; (dialer_app/system/windows_links.py): keep the two in step. Windows lets only the user pick
; the default for tel: and callto:, so setup offers to open Settings > Default apps.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Dialer"
#define AppId "io.github.dialerapp.DialerApp"
#define RegName "dialer-app"
#define GuiExe "dialer-app-gui.exe"
#define CliExe "dialer-app.exe"

[Setup]
AppId={#AppId}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=The Dialer developers
AppPublisherURL=https://github.com/dialerapp/dialer-app
AppSupportURL=https://github.com/dialerapp/dialer-app/issues
; Per-user install: {autopf} is {userpf} (%LOCALAPPDATA%\Programs) and HKA is HKCU.
PrivilegesRequired=lowest
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UninstallDisplayName={#AppName}
UninstallDisplayIcon={app}\{#GuiExe}
ChangesAssociations=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=dialer-app-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
CloseApplications=yes

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked
Name: "autostart"; Description: "Start {#AppName} minimized when I sign in"; GroupDescription: "Start-up:"; Flags: unchecked

[Files]
Source: "..\..\dist\dialer-app\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#GuiExe}"; Comment: "Click-to-call dialer"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#GuiExe}"; Tasks: desktopicon

[Registry]
; tel: links -> ProgID DialerApp.tel
Root: HKA; Subkey: "Software\Classes\DialerApp.tel"; ValueType: string; ValueName: ""; ValueData: "URL:tel link ({#AppName})"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\DialerApp.tel"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\DialerApp.tel\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\{#GuiExe}"",0"
Root: HKA; Subkey: "Software\Classes\DialerApp.tel\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#GuiExe}"" ""%1"""
; callto: links -> ProgID DialerApp.callto
Root: HKA; Subkey: "Software\Classes\DialerApp.callto"; ValueType: string; ValueName: ""; ValueData: "URL:callto link ({#AppName})"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\DialerApp.callto"; ValueType: string; ValueName: "URL Protocol"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\DialerApp.callto\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\{#GuiExe}"",0"
Root: HKA; Subkey: "Software\Classes\DialerApp.callto\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#GuiExe}"" ""%1"""
; Capabilities: what Settings > Default apps offers for this app
Root: HKA; Subkey: "Software\{#RegName}"; Flags: uninsdeletekeyifempty
Root: HKA; Subkey: "Software\{#RegName}\Capabilities"; ValueType: string; ValueName: "ApplicationName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\{#RegName}\Capabilities"; ValueType: string; ValueName: "ApplicationDescription"; ValueData: "Click-to-call dialer for TeleCMI"
Root: HKA; Subkey: "Software\{#RegName}\Capabilities"; ValueType: string; ValueName: "ApplicationIcon"; ValueData: """{app}\{#GuiExe}"",0"
Root: HKA; Subkey: "Software\{#RegName}\Capabilities\URLAssociations"; ValueType: string; ValueName: "tel"; ValueData: "DialerApp.tel"
Root: HKA; Subkey: "Software\{#RegName}\Capabilities\URLAssociations"; ValueType: string; ValueName: "callto"; ValueData: "DialerApp.callto"
Root: HKA; Subkey: "Software\RegisteredApplications"; ValueType: string; ValueName: "{#RegName}"; ValueData: "Software\{#RegName}\Capabilities"; Flags: uninsdeletevalue
; Start at sign-in (optional task); the app's own setting writes the same value. The entry
; with ValueType none makes uninstall remove it even when the app, not setup, created it.
Root: HKA; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: string; ValueName: "{#RegName}"; ValueData: """{app}\{#GuiExe}"" ""--minimized"""; Tasks: autostart; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Microsoft\Windows\CurrentVersion\Run"; ValueType: none; ValueName: "{#RegName}"; Flags: uninsdeletevalue

[Run]
Filename: "{app}\{#GuiExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
Filename: "ms-settings:defaultapps"; Description: "Choose {#AppName} for tel: and callto: links (Settings > Default apps)"; Flags: shellexec nowait postinstall skipifsilent unchecked
