"""Why a step was refused, with a stable code (spec/scenarios.md, error.code)."""

from disclose.procedure.states import Refusal


class StepRefused(Exception):
    """A step the procedure or the person's role does not allow. Nothing has
    changed: the step's transaction was rolled back."""

    def __init__(self, code: str, message: str, paragraph: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.paragraph = paragraph

    @classmethod
    def from_refusal(cls, refusal: Refusal) -> "StepRefused":
        return cls(refusal.code, refusal.message, refusal.paragraph)

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


def refuse_if(refusal: Refusal | None) -> None:
    if refusal is not None:
        raise StepRefused.from_refusal(refusal)
