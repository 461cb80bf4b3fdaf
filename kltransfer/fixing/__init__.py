"""``kltransfer fix``: apply the certain fixes of findings to blueprint files, in place.

Like ``ruff --fix``, not a formatter: only the characters of a finding's :class:`Edit` change
(and, for a value that contains ``': '``, the quotes around it); comments, layout, indentation
and line endings stay as they are. A value the checks are not sure about stays a finding.
"""

from __future__ import annotations

from kltransfer.fixing.run import FileFix, fix_file, fix_paths, fix_text

__all__ = ["FileFix", "fix_file", "fix_paths", "fix_text"]
