"""The one destination mechanism of every command that writes files.

Its promises, each checked by ``tests/security/``:

1. **Never through a link** (:mod:`.paths`): nothing is written through a symbolic link inside
   the destination; a destination that is itself a link is refused; an in-place edit
   (``migrate``, ``fix``, ``update``, ``import --into``) replaces the file itself, or the file a
   link points to inside the link's own folder, never a file elsewhere.
2. **Never deletes what it did not create** (:mod:`.manifest`, :mod:`.created`): an output tree
   records every file with its SHA-256; the next run deletes only files listed there whose
   content still has that hash. ``new`` and ``adopt`` remove, when they fail, only what they
   created.
3. **Never touches its sources** (:mod:`.overlap`): an output that equals, contains or lies
   inside a source is refused (exit 2) before anything is written.
4. **All or nothing, also when killed** (:mod:`.tree`, :mod:`.switch`, :mod:`.lock`): ``export``
   and ``catalog build`` build the whole new tree beside the destination and swap it in at once.

Parts (import the module you need; this package imports nothing, so ``validate`` stays fast)::

    from kltransfer.destination.tree import OutputTree         # export, catalog build
    from kltransfer.destination.created import Creation        # new, adopt
    from kltransfer.destination.files import write_atomic      # one file, atomically
    from kltransfer.destination.paths import edit_target, inside
    from kltransfer.destination.overlap import SourceRoots
"""
