; Inno Setup script for the Windows installer. Build the one-folder bundle first on Windows:
;   py -m pip install -e .[dev] pyinstaller
;   pyinstaller --noconfirm --distpath dist --workpath build packaging\proofdesk.spec
; then compile this script with Inno Setup 6 (iscc packaging\windows\proofdesk.iss).
#define AppVersion "0.1.0"

[Setup]
AppId={{6E0C2E0B-7D0F-4E8B-9E55-0B1C6A0F5D21}
AppName=ProofDesk
AppVersion={#AppVersion}
AppPublisher=The ProofDesk developers
DefaultDirName={autopf}\ProofDesk
DefaultGroupName=ProofDesk
OutputBaseFilename=ProofDesk-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
ArchitecturesInstallIn64BitMode=x64compatible
ChangesAssociations=yes
LicenseFile=..\..\LICENSE

[Files]
Source: "..\..\dist\proofdesk\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\ProofDesk"; Filename: "{app}\proofdesk.exe"
Name: "{autodesktop}\ProofDesk"; Filename: "{app}\proofdesk.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Create a desktop shortcut"; Flags: unchecked

[Registry]
; "Open with ProofDesk" for the draft formats, without taking over the default handler.
Root: HKA; Subkey: "Software\Classes\Applications\proofdesk.exe\SupportedTypes"; ValueType: string; ValueName: ".txt"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\proofdesk.exe\SupportedTypes"; ValueType: string; ValueName: ".md"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\proofdesk.exe\SupportedTypes"; ValueType: string; ValueName: ".html"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\proofdesk.exe\SupportedTypes"; ValueType: string; ValueName: ".docx"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\proofdesk.exe\shell\open\command"; ValueType: string; ValueData: """{app}\proofdesk.exe"" ""%1"""

[Run]
Filename: "{app}\proofdesk.exe"; Description: "Start ProofDesk"; Flags: postinstall nowait skipifsilent
