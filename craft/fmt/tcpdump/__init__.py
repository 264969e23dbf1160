"""tcpdump's printers, as a package shaped like tcpdump's own source tree."""

from craft.fmt.tcpdump.dispatch import LINKTYPES
from craft.fmt.tcpdump.print_ import Printer, PrintOptions

__all__ = ["LINKTYPES", "PrintOptions", "Printer"]
