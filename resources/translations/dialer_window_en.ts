<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ContactsFlow</name>
    <message numerus="yes">
        <source>Exported {count} calls to {path}.</source>
        <translation>
            <numerusform>Exported {count} call to {path}.</numerusform>
            <numerusform>Exported {count} calls to {path}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Imported {count} new contacts</source>
        <translation>
            <numerusform>Imported {count} new contact</numerusform>
            <numerusform>Imported {count} new contacts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>merged {count} duplicates.</source>
        <translation>
            <numerusform>merged {count} duplicate.</numerusform>
            <numerusform>merged {count} duplicates.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported {count} contacts to {path}.</source>
        <translation>
            <numerusform>Exported {count} contact to {path}.</numerusform>
            <numerusform>Exported {count} contacts to {path}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{count} contacts</source>
        <translation>
            <numerusform>{count} contact</numerusform>
            <numerusform>{count} contacts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{count} calls</source>
        <translation>
            <numerusform>{count} call</numerusform>
            <numerusform>{count} calls</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted {count} contacts.</source>
        <translation>
            <numerusform>Deleted {count} contact.</numerusform>
            <numerusform>Deleted {count} contacts.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ContactsPanel</name>
    <message numerus="yes">
        <source>{count} contacts</source>
        <translation>
            <numerusform>{count} contact</numerusform>
            <numerusform>{count} contacts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shown} of {count} contacts</source>
        <translation>
            <numerusform>{shown} of {count} contact</numerusform>
            <numerusform>{shown} of {count} contacts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>&amp;Delete {count} contacts</source>
        <translation>
            <numerusform>&amp;Delete {count} contact</numerusform>
            <numerusform>&amp;Delete {count} contacts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message numerus="yes">
        <source>{count} calls</source>
        <translation>
            <numerusform>{count} call</numerusform>
            <numerusform>{count} calls</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>{shown} of {count} calls</source>
        <translation>
            <numerusform>{shown} of {count} call</numerusform>
            <numerusform>{shown} of {count} calls</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <source>{count} numbers in the rows shown have no country code: read as numbers of {country}</source>
        <translation>
            <numerusform>{count} number in the rows shown has no country code: read as a number of {country}</numerusform>
            <numerusform>{count} numbers in the rows shown have no country code: read as numbers of {country}</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ListsFlow</name>
    <message numerus="yes">
        <source>Skipped {count} entries held back ({which}).</source>
        <translation>
            <numerusform>Skipped {count} entry held back ({which}).</numerusform>
            <numerusform>Skipped {count} entries held back ({which}).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Exported {count} entries of {list} to {path}.</source>
        <translation>
            <numerusform>Exported {count} entry of {list} to {path}.</numerusform>
            <numerusform>Exported {count} entries of {list} to {path}.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete the list {list} with its {count} entries and their outcomes? Export it first to keep the results.</source>
        <translation>
            <numerusform>Delete the list {list} with its {count} entry and its outcome? Export it first to keep the results.</numerusform>
            <numerusform>Delete the list {list} with its {count} entries and their outcomes? Export it first to keep the results.</numerusform>
        </translation>
    </message>
</context>
</TS>
