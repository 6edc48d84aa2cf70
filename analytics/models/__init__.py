"""Each analysis section's model: the one pure computation that feeds its chart and the verdict beside it.

A model takes the loaded frames and the claim context (the range, the event, the section's controls) and returns a
frozen dataclass; ``pages/`` load the frames and draw the model with figure builders from ``components/``.
"""
