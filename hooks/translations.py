"""MkDocs adapter (placeholder until its module lands): see the issue that owns it."""
