"""The batch audit: every plan of a folder checked, with a cache and a pluggable engine.

``app.audit.runner.run_audit(folder, out)`` is the entry point;
``app.audit.engine.audit_one`` is the pure per-plan function any executor (local
processes, Dask, Ray) can run. Nothing is imported here, so that the command
line starts without loading the database layer.
"""
