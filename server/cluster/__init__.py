"""Many server processes and machines sharing one Redis room directory.

:mod:`~server.cluster.directory` is the Redis side (nodes, room codes, history);
:mod:`~server.cluster.node` ties one :class:`~server.app.GameServer` to it (heartbeat,
redirects, draining); :mod:`~server.cluster.agones` speaks to the Agones SDK sidecar;
:mod:`~server.cluster.workers` runs several processes behind one port. Without
``--redis`` none of this is imported: the embedded server stays one process.
"""
