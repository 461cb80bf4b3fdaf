"""publiccode.yml, the descriptor of public software that Open CoDE lists, both ways.

- :mod:`~kltransfer.publiccode.check`: check a publiccode.yml offline, findings on its own lines
  (KT240-KT248); ``kltransfer validate`` checks every local one a blueprint points to.
- :mod:`~kltransfer.publiccode.export`: a publiccode.yml (0.7) per software component that has
  the facts for it, and a KT249 warning per missing fact (``kltransfer export -f publiccode``).
- :mod:`~kltransfer.publiccode.importer`: a blueprint component entry from a publiccode.yml
  (``kltransfer import publiccode``).
- :mod:`~kltransfer.publiccode.standard`: what the standard allows, as data.
"""
