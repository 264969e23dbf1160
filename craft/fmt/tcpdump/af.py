"""Address family numbers, as tcpdump's af.c names them (af_values)."""

from __future__ import annotations

# -------------------------------------------------------------------- words

# Address family numbers (IANA), as tcpdump's af_values names them.
# Address families, as tcpdump 4.99.3's af_values names them.
AF_VALUES = {0: "Reserved", 1: "IPv4", 2: "IPv6", 3: "NSAP", 4: "HDLC", 5: "BBN 1822", 6: "802",
             7: "E.163", 8: "E.164", 9: "F.69", 10: "X.121", 11: "Novell IPX", 12: "Appletalk",
             13: "Decnet IV", 14: "Banyan Vines", 15: "E.164 with NSAP subaddress", 25: "VPLS",
             196: "Layer-2 VPN"}
