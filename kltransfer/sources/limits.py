"""Caps on what a source may hold, so that a hostile source cannot fill the disk or memory."""

from __future__ import annotations

#: Largest total size of the files taken from a source (bundles: uncompressed), in bytes.
MAX_TOTAL_BYTES = 50 * 1024 * 1024
#: Most entries in a bundle or files in a source tree.
MAX_ENTRIES = 5000
#: Largest single file read from a source.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Seconds a network operation of git may take before it is stopped.
GIT_TIMEOUT = 300
