"""``python -m pathfig.evaluate``: the ``pathfig eval`` commands before they are attached."""

from pathfig.evaluate.cli import eval_group

eval_group(prog_name="pathfig eval")
