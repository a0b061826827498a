"""Readers and writers for report exports, row accounting, quarantine and batch runs."""
