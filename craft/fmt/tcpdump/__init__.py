"""What ``tcpdump -n`` (4.99.3) prints, as a package shaped like tcpdump's
own source tree, so that a printer can be read side by side with the C file
it follows.

The front, what code outside this package uses: ``Printer``, ``PrintOptions``
and ``LINKTYPES`` (the link types the printer knows).

Layout (module: the tcpdump file it follows):

- ``print_``: print.c, the ``Printer`` (named ``print_`` for print.c);
  ``print_ascii``: print-ascii.c (-x/-X/-A hex and text);
- ``netdissect``: netdissect.h/extract.h, the bounds model (``Pkt``,
  ``Trunc``, ``fields``); ``util_print``: util-print.c (and print.c's
  default printer); ``addrtoname``: addrtoname.c; ``in_cksum``: in_cksum.c;
  the name tables ``ethertype`` (ethertype.h), ``ipproto`` (ipproto.c),
  ``oui`` (oui.c), ``af`` (af.c), ``gmpls`` (gmpls.c);
- ``dispatch``: the link-type, ethertype, IP protocol, TCP port and UDP port
  tables, as "module:function" names resolved once and cached (no printer
  imports the printers it hands packets to, and nothing in the package
  imports inside a function or in a circle);
- ``print_<proto>``: print-<proto>.c, one module per tcpdump file (dashes
  as underscores: print-ip-demux.c is ``print_ip_demux``, print-openflow-1.0.c
  ``print_openflow_1_0``, print-rpki-rtr.c ``print_rpki_rtr``; DNS is
  ``print_domain`` as in tcpdump, IS-IS lives in ``print_isoclns`` as it
  does in print-isoclns.c).

Modules are kept under 800 lines except where the tcpdump file they follow
is itself longer (line counts of tcpdump 4.99's files, approximate):

- ``print_isoclns`` (CLNP, ES-IS, IS-IS): print-isoclns.c, about 3,800;
- ``print_bgp``: print-bgp.c, about 3,300;
- ``print_isakmp``: print-isakmp.c, about 3,100;
- ``print_openflow_1_0``: print-openflow-1.0.c, about 2,400.
"""

from typing import Any

from craft.fmt.tcpdump.options import PrintOptions

__all__ = ["LINKTYPES", "PrintOptions", "Printer"]


def __getattr__(name: str) -> Any:
    """``Printer`` and ``LINKTYPES``, imported on first use: ``craft read``
    imports PrintOptions before it starts its filter's scan, and the
    printers as the scan runs (issue 13)."""
    if name == "Printer":
        from craft.fmt.tcpdump.print_ import Printer

        return Printer
    if name == "LINKTYPES":
        from craft.fmt.tcpdump.dispatch import LINKTYPES

        return LINKTYPES
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
