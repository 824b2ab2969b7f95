"""The phone page: a second front end on the session controller (see ``app`` and ``server``).

Only the command line imports this package (for ``--phones``); the terminal front end never
does, and this package never imports the terminal's.
"""
