"""Plain-socket TCP and UDP clients and servers (the classic lab programs).

- message: where a message ends on a byte stream (no I/O)
- events: what the servers report, printed as text or JSON
- addr: resolve, bind, name peers; socket errors as craft.errors
- tcp_server: serve_tcp, dispatching to tcp_async (default) or tcp_blocking
  (fork, thread); tcp_common: the config shared by every mode
- tcp_client: tcp_exchange
- udp: serve_udp, udp_exchange

Nothing here imports craft.layers, and this file imports nothing: the fork
server loads these modules in a small interpreter of its own.
"""
