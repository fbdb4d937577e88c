"""Readers of drafts and writers of clean copy and reports."""
