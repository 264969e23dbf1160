"""The two encoders. ``struct_`` packs by hand from the layer tables; ``scapy_``
maps the same frames onto scapy layers (scapy is imported only there)."""
