"""The only place a request changes: one function per verb of the procedure.

The verbs are the steps declared in procedure/steps.py; each is carried out by
the function of the same name in casework/steps/. `VERBS` is built from the
declarations, so a step declared and written is at once a service here, a verb
of the scenario runner, a page and a button (a test checks that every declared
step has its function, and nothing else is one).

Every function takes keyword arguments only, starting with `actor` (the
member of staff taking the step) and `request`. Each runs in one durable
transaction: it locks the request, asks the step's declaration whether this
person may take it now, applies it, writes the case notes and exactly one audit
event, and queues emails to go after commit. A step that is not allowed raises
`StepRefused(code, message)` and changes nothing.

Part-level steps take an optional `subject` (1-based). Without it the step
applies to every part of the request the actor may take it on now, and is
refused if there is none.
"""

from collections.abc import Callable
from importlib import import_module
from pkgutil import iter_modules

from disclose.procedure import steps as declared

from . import steps as step_modules
from .errors import StepRefused
from .steps.documents import DocumentNotFound, download_document
from .steps.intake import NotLogged, receive_request


def _functions() -> dict[str, Callable]:
    """Each declared verb's function, found in casework/steps/ by its name."""
    found: dict[str, Callable] = {}
    for module in iter_modules(step_modules.__path__):
        loaded = import_module(f"{step_modules.__name__}.{module.name}")
        for verb in declared.VERBS:
            function = getattr(loaded, verb, None)
            if callable(function) and function.__module__ == loaded.__name__:
                found[verb] = function
    missing = sorted(set(declared.VERBS) - set(found))
    if missing:
        raise ImportError(f"Declared steps with no function in casework/steps/: {missing}")
    return {verb: found[verb] for verb in declared.VERBS}


VERBS: dict[str, Callable] = _functions()
globals().update(VERBS)  # services.forward(...), services.decide(...), ...

__all__ = [
    "VERBS",
    "DocumentNotFound",
    "NotLogged",
    "StepRefused",
    "download_document",
    "receive_request",
    *VERBS,
]
