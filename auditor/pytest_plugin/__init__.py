"""A face: the pytest plugin (entry point ``pytest11: auditor = auditor.pytest_plugin.hooks``).

``hooks`` declares the ``--audit*`` and ``audit_*`` options and registers the rest on demand:
the ``auditor_audit`` fixture (``fixture``) always, the report files as test items (``items``)
only when report paths are configured. ``settings`` reads the options. Calls the library
(``auditor.api``, ``auditor.pipeline``) and the report stage; must not import ``cli`` or ``run``.
"""
