"""Bytes → layers: the lenient decoder (``walk``) and field-by-field
differences between two decoded frames (``fielddiff``)."""

from craft.decode.walk import MAX_LAYERS, decode, frame_of
from craft.layers.frame import Decoded

__all__ = ["MAX_LAYERS", "Decoded", "decode", "frame_of"]
