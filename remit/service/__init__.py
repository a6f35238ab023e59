"""The service layer: what each command does, as plain Python calls.

Every ``remit`` command is one call into this package plus the translation
of its errors into one line (:mod:`remit.cli`). The decisions a command
makes (where a Cypher query runs, which inputs and options are read, which
follow-up the options ask for) are made here once, so that the command
line, the ``%%cypher`` notebook magic and a user's own script agree.

It sits above :mod:`remit.exports` and may use :mod:`remit.cypher`; only
:mod:`remit.cli` and the ``remit`` facade import it.
"""
