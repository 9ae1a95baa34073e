"""The composition root and the flows it wires (window, contacts, tray, links, account)."""
