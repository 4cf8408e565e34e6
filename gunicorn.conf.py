"""gunicorn's settings, read from the working directory (the project's root) whatever the command line.

Each worker loads what a recommendation builds on first use before it accepts a request
(`matching.warmup.warm_process`): a few seconds of the worker's start, not of a job seeker's first page.
"""


def post_worker_init(worker):  # noqa: ARG001 (gunicorn's hook signature)
    from matching.warmup import warm_process

    warm_process()
