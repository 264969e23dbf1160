"""GMPLS names shared by the OSPF, IS-IS and RSVP printers, as tcpdump's
gmpls.c holds them."""

from __future__ import annotations

LINK_PROT = ((0x01, "Extra Traffic"), (0x02, "Unprotected"), (0x04, "Shared"),
             (0x08, "Dedicated 1:1"), (0x10, "Dedicated 1+1"), (0x20, "Enhanced"),
             (0x40, "Reserved"), (0x80, "Reserved"))
BC_MODELS = {0: "Russian dolls", 1: "Maximum allocation"}
SWITCH_CAPS = {1: "Packet-Switch Capable-1", 2: "Packet-Switch Capable-2",
               3: "Packet-Switch Capable-3", 4: "Packet-Switch Capable-4",
               51: "Layer-2 Switch Capable", 100: "Time-Division-Multiplex",
               150: "Lambda-Switch Capable", 200: "Fiber-Switch Capable"}
ENCODINGS = {1: "Packet", 2: "Ethernet V2/DIX", 3: "ANSI/ETSI PDH", 4: "Reserved",
             5: "SDH ITU-T G.707/SONET ANSI T1.105", 6: "Reserved", 7: "Digital Wrapper",
             8: "Lambda (photonic)", 9: "Fiber", 10: "Reserved", 11: "FiberChannel",
             12: "G.709 ODUk (Digital Path)", 13: "G.709 Optical Channel"}
